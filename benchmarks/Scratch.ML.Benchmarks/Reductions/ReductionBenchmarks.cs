using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace Scratch.ML.Benchmarks.Reductions;

/// <summary>
/// Reductions on 64 MiB of float32, against TensorPrimitives.Sum on the raw array (the baseline: our contiguous sum is
/// built on it, so the target is ratio ≈ 1 at one thread). Outputs are validated by the peer workloads' Setup.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ReductionBenchmarks
{
    private const int N = 4096;
    private float[] data = [];
    private Tensor<float> vector = null!, matrix = null!;

    /// <summary>Parallelism.MaxThreads for our ops (TensorPrimitives is single-threaded).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxThreads = Threads;
        var rng = new Random(1);
        data = new float[N * N];
        for (int i = 0; i < data.Length; i++) data[i] = (float)rng.NextDouble();
        vector = Tensor.Wrap(data, N * N);
        matrix = Tensor.Wrap(data, N, N);
    }

    [Benchmark(Baseline = true)]
    public float TensorPrimitivesSum() => TensorPrimitives.Sum<float>(data);

    [Benchmark] public Tensor<float> Sum16M() => vector.Sum();
    [Benchmark] public Tensor<float> Max16M() => vector.Max();
    [Benchmark] public Tensor<float> Mean16M() => vector.Mean();
    [Benchmark] public Tensor<float> Var16M() => vector.Var();
    [Benchmark] public Tensor<float> SumAxis0() => matrix.Sum(0);
    [Benchmark] public Tensor<float> SumAxis1() => matrix.Sum(1);
    [Benchmark] public Tensor<float> SumAxis1OfTranspose() => matrix.MT.Sum(1);
    [Benchmark] public Tensor<float> SumAllOfTranspose() => matrix.MT.Sum();
    [Benchmark] public Tensor<float> SoftmaxRows() => matrix.Softmax(1);
}
