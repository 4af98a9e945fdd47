using BenchmarkDotNet.Attributes;
using Scratch.ML.Rng;

namespace Scratch.ML.Benchmarks.Rng;

/// <summary>
/// In-place float32 fills of 16M elements (64 MiB) with Philox4x32-10: uniform [0, 1) and standard normal
/// (Box–Muller), on 1 and 2 threads. Validates the first fill's mean and variance before timing.
/// Run: <c>dotnet run -c Release --project benchmarks/Scratch.ML.Benchmarks -- --filter *RandomBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class RandomBenchmarks
{
    private const int N = 1 << 24;
    private Tensor<float> buffer = null!;
    private Generator generator = null!;

    /// <summary>Parallelism.MaxThreads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxThreads = Threads;
        buffer = Tensor.Zeros<float>(N);
        generator = new Generator(42);
        generator.Uniform(buffer);
        RandomWorkload.CheckMoments(buffer.AsSpan(), 0.5, 1.0 / 12, "uniform");
        generator.Normal(buffer);
        RandomWorkload.CheckMoments(buffer.AsSpan(), 0, 1, "normal");
    }

    [Benchmark(Description = "uniform f32 16M")]
    public void Uniform() => generator.Uniform(buffer);

    [Benchmark(Description = "normal f32 16M")]
    public void Normal() => generator.Normal(buffer);
}
