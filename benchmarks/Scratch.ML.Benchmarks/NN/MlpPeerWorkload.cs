using Scratch.ML.Benchmarks.Peers;

namespace Scratch.ML.Benchmarks.NN;

/// <summary>
/// The MLP training step (see <see cref="MlpTrainingStep"/>) side by side with PyTorch (<c>benchmarks/peers/nn.py</c>,
/// <c>torch.set_num_threads(threads)</c>) at 1 and 2 threads. Run: <c>./build/peers.sh nn</c>. Setup also prints a
/// forward/backward/optimiser breakdown of our step to stderr (relative profiling on a shared machine).
/// </summary>
public sealed class MlpPeerWorkload : IPeerWorkload
{
    private MlpTrainingStep step = null!;

    private readonly bool setToNone;

    private MlpPeerWorkload(int threads, bool setToNone)
    {
        Threads = threads;
        this.setToNone = setToNone;
    }

    /// <summary>1 and 2 threads; gradients zero-filled (<c>zero_grad(set_to_none=False)</c>) or dropped (<c>True</c>).</summary>
    public static IEnumerable<IPeerWorkload> All =>
        [new MlpPeerWorkload(1, false), new MlpPeerWorkload(2, false), new MlpPeerWorkload(1, true), new MlpPeerWorkload(2, true)];

    public string Group => "nn";
    public string Name => $"mlp 784-512-256-10 b128 {(setToNone ? "grad=None" : "grad=0")}";
    public int Threads { get; }
    public double WorkPerRun => 0;
    public string RateUnit => "";
    public string? PythonArgs => setToNone ? "mlp none" : "mlp zero";
    public Action? MathNet => null;

    public void Setup()
    {
        step = new MlpTrainingStep(setToNone);
        step.Validate();
        for (int i = 0; i < 20; i++) step.Run();
        step.ResetPhases();
        const int runs = 200;
        long alloc0 = GC.GetAllocatedBytesForCurrentThread();
        int gc0 = GC.CollectionCount(0);
        for (int i = 0; i < runs; i++) step.Run(timePhases: true);
        long alloc = (GC.GetAllocatedBytesForCurrentThread() - alloc0) / runs;
        Console.Error.WriteLine($"# ours {Threads}T breakdown (mean of {runs}): forward+loss {step.ForwardMs / runs:F3} ms, backward {step.BackwardMs / runs:F3} ms, adam {step.StepMs / runs:F3} ms; {alloc} B allocated per step (this thread), {GC.CollectionCount(0) - gc0} gen0 GCs");
    }

    public void RunOurs() => step.Run();
}
