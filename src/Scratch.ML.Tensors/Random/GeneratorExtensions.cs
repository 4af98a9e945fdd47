namespace Scratch.ML.Rng;

/// <summary>
/// Span and in-place entry points of <see cref="Generator"/> (<c>g.Uniform(span)</c>, <c>g.Normal(tensor)</c>,
/// <c>g.Permutation(n)</c>, …); the tensor factories (<c>Tensor.Rand</c>, <c>Tensor.Randn</c>, …) call these. Span
/// overloads run on the calling thread; tensor overloads and factories fill in parallel chunks. Both give the same
/// values for the same generator state.
/// </summary>
public static partial class GeneratorExtensions
{
    /// <summary>
    /// Runs a reserved fill: through the target tensor's backend (<see cref="ITensorBackend.RandomFill{T}"/>, parallel
    /// on the CPU, a kernel on other devices) when there is a target, else on the calling thread into the span.
    /// </summary>
    /// <remarks>
    /// A fixed-rate op reserves exactly the ⌈n·w/4⌉ positions whose draw-0 blocks it packs (w words per element),
    /// so consecutive calls continue one stream: filling n values equals filling the first h and then the rest
    /// whenever h is a multiple of <see cref="RandomFill.Tile"/>.
    /// </remarks>
    internal static void Submit<T>(in PhiloxFill fill, Span<T> destination, Tensor<T>? target) where T : unmanaged
    {
        if (target is not null) target.Device.Backend.RandomFill(target, fill);
        else FixedRateFill.Run(fill, destination, null, 0);
    }

    /// <summary>The element count of a fill: the target tensor's, else the span's.</summary>
    internal static long Count<T>(Span<T> destination, Tensor<T>? target) where T : unmanaged => target?.Length ?? destination.Length;

    internal static NotSupportedException NotFloat<T>(string op)
        => new($"{op}: element type {typeof(T).Name} is not supported; use float or double.");
}
