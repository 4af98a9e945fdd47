using Scratch.ML.Benchmarks.Peers;

namespace Scratch.ML.Benchmarks.Learn;

/// <summary>
/// A scikit-learn comparison (issue 4's benchmarks): Setup builds the data, writes it as <c>.npy</c> for
/// <c>benchmarks/peers/learn.py</c> so both sides fit identical rows, fits once and reports our held-out quality in
/// <see cref="Note"/>; the Python peer prints its own quality as a <c>#</c> line. Run: <c>./build/peers.sh learn</c>.
/// </summary>
internal sealed class LearnPeerWorkload(string name, int threads, string pythonArgs, Func<Action> setup, Func<string>? note = null) : IPeerWorkload
{
    private Action run = null!;

    /// <summary>Every learn workload (the peer runner looks for a static <c>All</c>).</summary>
    public static IEnumerable<IPeerWorkload> All => LearnWorkloads.All();

    public string Group => "learn";
    public string Name { get; } = name;
    public int Threads { get; } = threads;
    public double WorkPerRun => 0;
    public string RateUnit => "";
    public string? PythonArgs { get; } = pythonArgs;
    public Action? MathNet => null;

    /// <summary>Our held-out accuracy or score after Setup, printed beside the timing line.</summary>
    public string? Note => note?.Invoke();

    public void Setup() => run = setup();

    public void RunOurs() => run();
}
