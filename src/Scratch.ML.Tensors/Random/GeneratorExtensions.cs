namespace Scratch.ML.Random;

/// <summary>
/// Span and in-place entry points of <see cref="Generator"/> (<c>g.Uniform(span)</c>, <c>g.Normal(tensor)</c>,
/// <c>g.Permutation(n)</c>, …); the tensor factories (<c>Tensor.Rand</c>, <c>Tensor.Randn</c>, …) call these. Span
/// overloads run on the calling thread; tensor overloads and factories fill in parallel chunks. Both give the same
/// values for the same generator state.
/// </summary>
public static partial class GeneratorExtensions
{
    /// <summary>Runs a converter in parallel when the destination is a whole array, else serially.</summary>
    /// <remarks>
    /// A fixed-rate op reserves exactly the ⌈n·w/4⌉ positions whose draw-0 blocks it packs (w words per element),
    /// so consecutive calls continue one stream: filling n values equals filling the first h and then the rest
    /// whenever h is a multiple of <see cref="RandomFill.Tile"/>.
    /// </remarks>
    internal static void Dispatch<T, TValue, TC>(TC converter, Generator g, Span<T> destination, T[]? parallelArray)
        where T : unmanaged where TValue : unmanaged where TC : struct, IWordConverter<TValue>
    {
        ulong basePosition = g.Reserve(((long)destination.Length * TC.WordsPerElement + 3) / 4);
        if (parallelArray is not null)
        {
            // destination is a window of parallelArray: recover its start so worker threads can index the array.
            int start = destination.IsEmpty ? 0 : (int)(System.Runtime.CompilerServices.Unsafe.ByteOffset(
                ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(parallelArray),
                ref System.Runtime.InteropServices.MemoryMarshal.GetReference(destination)) / System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
            RandomFill.Run<TValue, TC>(converter, g.Seed, g.Stream, basePosition, (TValue[])(object)parallelArray, start, destination.Length);
        }
        else
            RandomFill.Fill<TValue, TC>(converter, g.Seed, g.Stream, basePosition,
                System.Runtime.InteropServices.MemoryMarshal.Cast<T, TValue>(destination), 0);
    }

    internal static NotSupportedException NotFloat<T>(string op)
        => new($"{op}: element type {typeof(T).Name} is not supported; use float or double.");
}
