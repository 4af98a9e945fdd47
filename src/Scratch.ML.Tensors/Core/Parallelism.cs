namespace Scratch.ML;

/// <summary>
/// Process-wide threading settings of the CPU backend. Results never depend on these values: work is split into
/// chunks whose boundaries depend only on the problem size, and partial results are combined in chunk order.
/// </summary>
public static class Parallelism
{
    private static int maxThreads = Environment.ProcessorCount;

    /// <summary>
    /// The most threads one op may use (default: <see cref="Environment.ProcessorCount"/>). Set to 1 to run every
    /// kernel on the calling thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int MaxThreads
    {
        get => maxThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            maxThreads = value;
        }
    }

    /// <summary>
    /// Elementwise ops below this many elements run on the calling thread: waking a second thread costs a few
    /// microseconds, about the time a core needs to stream 256 KiB.
    /// </summary>
    public const int ElementwiseThreshold = 1 << 16;

    /// <summary>
    /// Runs <paramref name="body"/> for every chunk index in [0, <paramref name="chunks"/>), on up to
    /// <see cref="MaxThreads"/> threads. Chunk boundaries are the caller's and must not depend on the thread count.
    /// </summary>
    public static void For(int chunks, Action<int> body)
    {
        if (chunks <= 0) return;
        int threads = Math.Min(maxThreads, chunks);
        if (threads <= 1)
        {
            for (int i = 0; i < chunks; i++) body(i);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }
}
