using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Scratch.ML.Benchmarks.Peers;
using Scratch.ML.Testing;

namespace Scratch.ML.Benchmarks.Gemm;

/// <summary>
/// sgemm/dgemm n×n×n side by side with NumPy (OpenBLAS, <c>benchmarks/peers/gemm.py</c>, matmul into a
/// preallocated out) and MathNet.Numerics (managed provider, Multiply into a preallocated result), at 1 and 2 threads.
/// Run: <c>dotnet run -c Release --project benchmarks/Scratch.ML.Benchmarks -- peers gemm</c>.
/// </summary>
public sealed class GemmPeerWorkload : IPeerWorkload
{
    private readonly bool f64;
    private readonly int n;
    private float[] a32 = [], b32 = [], c32 = [];
    private double[] a64 = [], b64 = [], c64 = [];
    private Matrix<float>? ma32, mb32, mc32;
    private Matrix<double>? ma64, mb64, mc64;

    private GemmPeerWorkload(bool f64, int n, int threads)
    {
        this.f64 = f64;
        this.n = n;
        Threads = threads;
    }

    /// <summary>sgemm and dgemm for n = 256 … 2048 at 1 and 2 threads (MathNet only up to n = 1024: it needs seconds beyond).</summary>
    public static IEnumerable<IPeerWorkload> All =>
        from f in new[] { false, true }
        from n in new[] { 256, 512, 1024, 2048 }
        from t in new[] { 1, 2 }
        select new GemmPeerWorkload(f, n, t);

    public string Group => "gemm";
    public string Name => $"{(f64 ? "dgemm" : "sgemm")} n={n}";
    public int Threads { get; }
    public double WorkPerRun => 2.0 * n * n * n;
    public string RateUnit => "GFLOP/s";
    public string? PythonArgs => string.Create(CultureInfo.InvariantCulture, $"{(f64 ? "float64" : "float32")} {n}");

    public Action? MathNet => n > 1024 ? null : f64 ? () => ma64!.Multiply(mb64!, mc64!) : () => ma32!.Multiply(mb32!, mc32!);

    public void Setup()
    {
        var rng = new Random(1);
        int len = n * n;
        a64 = new double[len]; b64 = new double[len]; c64 = new double[len];
        for (int i = 0; i < len; i++) { a64[i] = rng.NextDouble(); b64[i] = rng.NextDouble(); }
        a32 = a64.Select(x => (float)x).ToArray(); b32 = b64.Select(x => (float)x).ToArray(); c32 = new float[len];
        RunOurs();
        if (f64) GemmValidation.CheckSample(n, a64, b64, c64, Tolerance.Float64Gemm);
        else GemmValidation.CheckSample(n, a32, b32, c32, Tolerance.Float32Gemm.Scaled(n / 256.0, "all-positive inputs: sums grow with n"));
        if (n <= 1024)
        {
            // MathNet's managed provider uses its own Control.MaxDegreeOfParallelism.
            global::MathNet.Numerics.Control.UseManaged();
            global::MathNet.Numerics.Control.MaxDegreeOfParallelism = Threads;
            if (f64)
            {
                ma64 = Matrix<double>.Build.DenseOfRowMajor(n, n, a64); mb64 = Matrix<double>.Build.DenseOfRowMajor(n, n, b64);
                mc64 = Matrix<double>.Build.Dense(n, n);
            }
            else
            {
                ma32 = Matrix<float>.Build.DenseOfRowMajor(n, n, a32); mb32 = Matrix<float>.Build.DenseOfRowMajor(n, n, b32);
                mc32 = Matrix<float>.Build.Dense(n, n);
            }
        }
    }

    public void RunOurs()
    {
        if (f64) Cpu.Gemm.Multiply<double>(n, n, n, 1.0, a64, n, 1, b64, n, 1, 0.0, c64, n, 1);
        else Cpu.Gemm.Multiply<float>(n, n, n, 1f, a32, n, 1, b32, n, 1, 0f, c32, n, 1);
    }
}
