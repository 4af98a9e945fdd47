namespace Scratch.ML.Cpu;

/// <summary>
/// A pool of host arrays for tensor storage, bucketed by exact length, so that a training loop that produces the
/// same gradient shapes every step reuses their buffers instead of allocating (and later collecting) large arrays.
/// </summary>
/// <remarks>
/// <para><b>Safety rule: only code that has proved a buffer unreachable returns it.</b> The pool never guesses:
/// the one caller is the backward engine (<see cref="OpNode{T}"/> and the leaf accumulator), and only for a gradient
/// that a library VJP allocated and marked <c>ExclusiveGradient</c> (nothing else references it), after the library
/// VJP that consumed it returned results that do not share its storage, or after it was added into a leaf's
/// existing <c>Grad</c>. A gradient that reaches user code (a root gradient, a captured <c>Autograd.Grad</c> result,
/// a user-defined VJP, an adopted <c>Grad</c>) has its mark cleared first and is never returned. Tensors that user
/// code can hold (forward outputs, parameters, <c>Grad</c>) are never returned, so a tensor that escapes its step can
/// never see its buffer reused.</para>
/// <para>Rented arrays are cleared unless the caller overwrites every element (<see cref="Rent"/> with
/// <c>clear: false</c>). Bounded: at most <see cref="MaxPerLength"/> arrays per length and
/// <see cref="MaxPooledBytes"/> in all; extra returns are left to the GC. Thread-safe (one lock).</para>
/// </remarks>
internal static class HostBufferPool<T> where T : unmanaged
{
    /// <summary>Arrays kept per exact length.</summary>
    public const int MaxPerLength = 8;

    /// <summary>The most bytes held by this pool (per element type).</summary>
    public const long MaxPooledBytes = 256L << 20;

    /// <summary>Arrays shorter than this are not pooled: the GC's small-object heap handles them cheaply.</summary>
    public const int MinLength = 4096;

    private static readonly Dictionary<int, Stack<T[]>> buckets = [];
    private static readonly Lock gate = new();
    private static long pooledBytes;

    /// <summary>An array of exactly <paramref name="length"/> elements, zero-filled when <paramref name="clear"/>.</summary>
    public static T[] Rent(int length, bool clear)
    {
        if (length >= MinLength)
        {
            T[]? found = null;
            lock (gate)
            {
                if (buckets.TryGetValue(length, out var stack) && stack.TryPop(out found))
                    pooledBytes -= (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            }
            if (found is not null)
            {
                if (clear) Array.Clear(found);
                return found;
            }
            if (!clear) return GC.AllocateUninitializedArray<T>(length);
        }
        return new T[length];
    }

    /// <summary>Hands back an array nothing references any more (see the safety rule in the remarks).</summary>
    public static void Return(T[] array)
    {
        if (array.Length < MinLength) return;
        long bytes = (long)array.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        lock (gate)
        {
            if (pooledBytes + bytes > MaxPooledBytes) return;
            if (!buckets.TryGetValue(array.Length, out var stack)) buckets[array.Length] = stack = new Stack<T[]>();
            if (stack.Count >= MaxPerLength) return;
            stack.Push(array);
            pooledBytes += bytes;
        }
    }

    /// <summary>The number of arrays of <paramref name="length"/> elements currently pooled (tests).</summary>
    internal static int CountOf(int length)
    {
        lock (gate) return buckets.TryGetValue(length, out var s) ? s.Count : 0;
    }
}
