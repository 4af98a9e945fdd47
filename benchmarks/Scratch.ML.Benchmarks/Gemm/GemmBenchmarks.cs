using BenchmarkDotNet.Attributes;
using Scratch.ML.Cpu;
using Scratch.ML.Testing;

namespace Scratch.ML.Benchmarks.Gemm;

/// <summary>
/// Square row-major C ← A·B through <see cref="Cpu.Gemm.Multiply{T}"/> (f32 and f64, 1 and 2 threads). Each
/// configuration is validated against <see cref="ReferenceGemm"/> on a sample of elements before it is timed.
/// Run: <c>dotnet run -c Release --project benchmarks/Scratch.ML.Benchmarks -- --filter *GemmBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class GemmBenchmarks
{
    private float[] a32 = [], b32 = [], c32 = [];
    private double[] a64 = [], b64 = [], c64 = [];
    private int savedThreads;

    [Params(256, 512, 1024, 2048)]
    public int N { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        savedThreads = Parallelism.MaxThreads;
        Parallelism.MaxThreads = Threads;
        var rng = new Random(42);
        int len = N * N;
        a64 = new double[len]; b64 = new double[len]; c64 = new double[len];
        for (int i = 0; i < len; i++) { a64[i] = rng.NextDouble() - 0.5; b64[i] = rng.NextDouble() - 0.5; }
        a32 = a64.Select(x => (float)x).ToArray(); b32 = b64.Select(x => (float)x).ToArray(); c32 = new float[len];
        Sgemm();
        Dgemm();
        GemmValidation.CheckSample(N, a32, b32, c32, Tolerance.Float32Gemm);
        GemmValidation.CheckSample(N, a64, b64, c64, Tolerance.Float64Gemm);
    }

    [GlobalCleanup]
    public void Cleanup() => Parallelism.MaxThreads = savedThreads;

    [Benchmark]
    public void Sgemm() => Cpu.Gemm.Multiply<float>(N, N, N, 1f, a32, N, 1, b32, N, 1, 0f, c32, N, 1);

    [Benchmark]
    public void Dgemm() => Cpu.Gemm.Multiply<double>(N, N, N, 1.0, a64, N, 1, b64, N, 1, 0.0, c64, N, 1);
}

/// <summary>Checks a fast square product against float64 dot products on a fixed sample of elements.</summary>
internal static class GemmValidation
{
    public static void CheckSample<T>(int n, T[] a, T[] b, T[] c, Tolerance tolerance) where T : System.Numerics.INumberBase<T>
    {
        var rng = new Random(7);
        for (int s = 0; s < 64; s++)
        {
            int i = rng.Next(n), j = rng.Next(n);
            double expect = 0;
            for (int p = 0; p < n; p++) expect += double.CreateTruncating(a[i * n + p]) * double.CreateTruncating(b[p * n + j]);
            double got = double.CreateTruncating(c[i * n + j]);
            if (!tolerance.IsClose(got, expect))
                throw new InvalidOperationException($"GEMM n={n} wrong at ({i}, {j}): {got} vs {expect} ({tolerance.Name}).");
        }
    }
}
