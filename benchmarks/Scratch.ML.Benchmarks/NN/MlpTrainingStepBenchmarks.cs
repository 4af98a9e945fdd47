using BenchmarkDotNet.Attributes;

namespace Scratch.ML.Benchmarks.NN;

/// <summary>
/// One training step of the issue-3 MLP (784-512-256-10, ReLU, batch 128, float32: forward, cross-entropy, backward,
/// Adam) at 1 and 2 threads. PyTorch's figure on the same machine is measured by the peer workload
/// (<c>./build/peers.sh nn</c>); the allocation column shows what a step allocates in steady state.
/// Run: <c>dotnet run -c Release --project benchmarks/Scratch.ML.Benchmarks -- --filter *MlpTrainingStep*</c>.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class MlpTrainingStepBenchmarks
{
    private MlpTrainingStep step = null!;

    /// <summary>Parallelism.MaxThreads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxThreads = Threads;
        step = new MlpTrainingStep();
        step.Validate();
    }

    [Benchmark]
    public float TrainingStep() => step.Run();
}
