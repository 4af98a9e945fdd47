using BenchmarkDotNet.Attributes;
using Scratch.ML.LinearAlgebra;

namespace Scratch.ML.Benchmarks.LinearAlgebra;

/// <summary>
/// Dense decompositions of a 512 × 512 float64 matrix (random; SPD for Cholesky, symmetric for eigh).
/// Run: <c>dotnet run -c Release --project benchmarks/Scratch.ML.Benchmarks -- --filter *LinalgBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class LinalgBenchmarks
{
    private Tensor<double> a = null!, spd = null!, sym = null!, b = null!;

    [Params(512)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(0);
        double[] Rand() { var d = new double[N * N]; for (int i = 0; i < d.Length; i++) d[i] = rng.NextDouble() * 2 - 1; return d; }
        var m = Rand();
        a = Tensor.Wrap(m, N, N);
        b = Tensor.Wrap(Rand(), N, N);
        var s = new double[N * N];
        var y = new double[N * N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
            {
                y[i * N + j] = (m[i * N + j] + m[j * N + i]) / 2;
                double dot = i == j ? N : 0;
                for (int k = 0; k < N; k++) dot += m[i * N + k] * m[j * N + k];
                s[i * N + j] = dot;
            }
        spd = Tensor.Wrap(s, N, N);
        sym = Tensor.Wrap(y, N, N);
        // Validate before timing: A·A⁻¹ ≈ I on the diagonal.
        var inv = Linalg.Inverse(a);
        double d0 = 0;
        for (int k = 0; k < N; k++) d0 += a[0, k] * inv[k, 0];
        if (Math.Abs(d0 - 1) > 1e-8) throw new InvalidOperationException($"Inverse check failed: (A·A⁻¹)[0, 0] = {d0}.");
    }

    [Benchmark] public object LuFactor() => Linalg.LuFactor(a);
    [Benchmark] public object LuExplicit() => Linalg.Lu(a);
    [Benchmark] public object Cholesky() => Linalg.Cholesky(spd);
    [Benchmark] public object Qr() => Linalg.Qr(a);
    [Benchmark] public object Eigh() => Linalg.Eigh(sym);
    [Benchmark] public object Svd() => Linalg.Svd(a, fullMatrices: false);
    [Benchmark] public object SvdValues() => Linalg.SvdValues(a);
    [Benchmark] public object Inverse() => Linalg.Inverse(a);
    [Benchmark] public object Solve512Rhs() => Linalg.Solve(a, b);
}
