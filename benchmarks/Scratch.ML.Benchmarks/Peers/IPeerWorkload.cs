namespace Scratch.ML.Benchmarks.Peers;

/// <summary>
/// One workload measured side by side with its peers (PERF.md): ours in-process, NumPy/SciPy/OpenBLAS through
/// <c>benchmarks/peers/peer.py</c>, and optionally MathNet in-process. Implementations are discovered by reflection.
/// </summary>
public interface IPeerWorkload
{
    /// <summary>Group used for filtering and for the Python module: <c>benchmarks/peers/{Group}.py</c>.</summary>
    string Group { get; }

    /// <summary>A unique, readable name, e.g. <c>sgemm n=1024</c>.</summary>
    string Name { get; }

    /// <summary>Threads for ours and the peers (Parallelism.MaxThreads, OPENBLAS_NUM_THREADS).</summary>
    int Threads { get; }

    /// <summary>Work per run for a rate column (FLOPs or bytes), or 0 for time only.</summary>
    double WorkPerRun { get; }

    /// <summary>"GFLOP/s" or "GB/s" (used when <see cref="WorkPerRun"/> &gt; 0).</summary>
    string RateUnit { get; }

    /// <summary>Creates inputs and validates our output against a reference once (throw if wrong).</summary>
    void Setup();

    /// <summary>One timed run of our implementation.</summary>
    void RunOurs();

    /// <summary>Arguments after the group for <c>peer.py {Group} …</c>, or null when there is no Python peer.</summary>
    string? PythonArgs { get; }

    /// <summary>One timed run of MathNet.Numerics, or null when MathNet has no equivalent.</summary>
    Action? MathNet { get; }

    /// <summary>A remark printed under the timing line after Setup (e.g. our held-out accuracy), or null.</summary>
    string? Note => null;
}
