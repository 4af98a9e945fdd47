using System.Numerics.Tensors;
using Scratch.ML.Benchmarks.Peers;

namespace Scratch.ML.Benchmarks.Reductions;

/// <summary>
/// Reductions and softmax side by side with NumPy (<c>benchmarks/peers/reductions.py</c>), 1 and 2 threads:
/// sum/max/mean/var of 16 Mi float32, sums over each axis of a 4096×4096 float32 matrix and of its transpose, row
/// softmax of the matrix, and TensorPrimitives.Sum on the raw array (the contiguous ceiling we build on; its "ours"
/// column is TensorPrimitives itself and it has no NumPy peer). Rates are input bytes read per second.
/// </summary>
public sealed class ReductionPeer(string kind, int threads) : IPeerWorkload
{
    private const int VectorLength = 1 << 24, N = 4096;
    private static float[]? vectorData;
    private static Tensor<float>? vector, matrix;
    private Func<object>? run;

    public static string[] Kinds { get; } =
        ["sum 16M", "max 16M", "mean 16M", "var 16M", "tp-sum 16M", "sum axis0 4096^2", "sum axis1 4096^2", "sum axis1 of T 4096^2", "sum all of T 4096^2", "softmax rows 4096^2",
         "var axis1 4096^2", "var axis0 4096^2", "argmax axis0 4096^2", "cumsum axis1 4096^2", "cumsum axis0 4096^2", "softmax axis0 4096^2"];

    public static IEnumerable<IPeerWorkload> All => from k in Kinds from t in new[] { 1, 2 } select new ReductionPeer(k, t);

    public string Group => "reductions";
    public string Name => kind;
    public int Threads => threads;
    public double WorkPerRun => 4.0 * (kind.Contains("16M", StringComparison.Ordinal) ? VectorLength : N * N);
    public string RateUnit => "GB/s";
    public string? PythonArgs => kind.StartsWith("tp-", StringComparison.Ordinal) ? null : "\"" + kind + "\"";
    public Action? MathNet => null;

    /// <summary>Seeded uniform [0, 1) data shared by all workloads (64 MiB each).</summary>
    private static float[] Data(int n, int seed)
    {
        var rng = new Random(seed);
        var v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float)rng.NextDouble();
        return v;
    }

    public void Setup()
    {
        vectorData ??= Data(VectorLength, 1);
        vector ??= Tensor.Wrap(vectorData, VectorLength);
        matrix ??= Tensor.Wrap(Data(N * N, 2), N, N);
        var x = vector;
        var m = matrix;
        var data = vectorData;
        run = kind switch
        {
            "sum 16M" => () => x.Sum(),
            "max 16M" => () => x.Max(),
            "mean 16M" => () => x.Mean(),
            "var 16M" => () => x.Var(),
            "tp-sum 16M" => () => TensorPrimitives.Sum<float>(data),
            "sum axis0 4096^2" => () => m.Sum(0),
            "sum axis1 4096^2" => () => m.Sum(1),
            "sum axis1 of T 4096^2" => () => m.MT.Sum(1),
            "sum all of T 4096^2" => () => m.MT.Sum(),
            "softmax rows 4096^2" => () => m.Softmax(1),
            "var axis1 4096^2" => () => m.Var(1),
            "var axis0 4096^2" => () => m.Var(0),
            "argmax axis0 4096^2" => () => m.ArgMax(0),
            "cumsum axis1 4096^2" => () => m.CumSum(1),
            "cumsum axis0 4096^2" => () => m.CumSum(0),
            "softmax axis0 4096^2" => () => m.Softmax(0),
            _ => throw new ArgumentException(kind),
        };
        Validate();
        // Warm up past tiered JIT compilation (tier-0 code of the generic drivers is several times slower; the runner
        // warms up with a single call) so that steady-state speed is what gets compared with NumPy.
        var warm = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 40 && warm.ElapsedMilliseconds < 1500; i++) run();
    }

    public void RunOurs() => run!();

    /// <summary>Checks our result once against a float64 loop before anything is timed.</summary>
    private void Validate()
    {
        var m = matrix!;
        var v = vectorData!;
        double Sum(Func<int, double> f, int n) { double s = 0; for (int i = 0; i < n; i++) s += f(i); return s; }
        void Close(double actual, double expected, double rel)
        {
            if (Math.Abs(actual - expected) > rel * Math.Max(1, Math.Abs(expected)))
                throw new InvalidOperationException($"{kind}: got {actual}, expected {expected}.");
        }
        var md = m.AsSpan().ToArray();
        switch (kind)
        {
            case "sum 16M": Close(vector!.Sum().ToScalar(), Sum(i => v[i], v.Length), 1e-6); break;
            case "tp-sum 16M": Close(TensorPrimitives.Sum<float>(v), Sum(i => v[i], v.Length), 1e-3); break;
            case "max 16M": Close(vector!.Max().ToScalar(), v.Max(), 0); break;
            case "mean 16M": Close(vector!.Mean().ToScalar(), Sum(i => v[i], v.Length) / v.Length, 1e-6); break;
            case "var 16M":
            {
                double mean = Sum(i => v[i], v.Length) / v.Length;
                Close(vector!.Var().ToScalar(), Sum(i => (v[i] - mean) * (v[i] - mean), v.Length) / v.Length, 1e-5);
                break;
            }
            case "sum axis0 4096^2" or "sum axis1 of T 4096^2":
            {
                var y = (kind.Contains("of T", StringComparison.Ordinal) ? m.MT.Sum(1) : m.Sum(0)).ToArray();
                foreach (int j in new[] { 0, 1234, N - 1 }) Close(y[j], Sum(i => md[i * N + j], N), 1e-5);
                break;
            }
            case "sum axis1 4096^2":
            {
                var y = m.Sum(1).ToArray();
                foreach (int i in new[] { 0, 1234, N - 1 }) Close(y[i], Sum(j => md[i * N + j], N), 1e-5);
                break;
            }
            case "var axis1 4096^2" or "var axis0 4096^2":
            {
                bool rows = kind.Contains("axis1", StringComparison.Ordinal);
                var y = m.Var(rows ? 1 : 0).ToArray();
                foreach (int k in new[] { 0, 1234, N - 1 })
                {
                    Func<int, double> at = rows ? i => md[k * N + i] : i => md[i * N + k];
                    double mean = Sum(at, N) / N;
                    Close(y[k], Sum(i => (at(i) - mean) * (at(i) - mean), N) / N, 1e-5);
                }
                break;
            }
            case "argmax axis0 4096^2":
            {
                var y = m.ArgMax(0).ToArray();
                foreach (int j in new[] { 0, 1234, N - 1 })
                {
                    int best = 0;
                    for (int i = 1; i < N; i++) if (md[i * N + j] > md[best * N + j]) best = i;
                    Close(y[j], best, 0);
                }
                break;
            }
            case "cumsum axis1 4096^2" or "cumsum axis0 4096^2":
            {
                bool rows = kind.Contains("axis1", StringComparison.Ordinal);
                var y = m.CumSum(rows ? 1 : 0).ToArray();
                Close(y[N * N - 1], rows ? Sum(j => md[(N - 1) * N + j], N) : Sum(i => md[i * N + N - 1], N), 1e-4);
                break;
            }
            case "softmax axis0 4096^2":
            {
                var y = m.Softmax(0).ToArray();
                double mx = Enumerable.Range(0, N).Max(i => md[i * N + 5]);
                double z = Sum(i => Math.Exp(md[i * N + 5] - mx), N);
                Close(y[7 * N + 5], Math.Exp(md[7 * N + 5] - mx) / z, 1e-5);
                break;
            }
            case "sum all of T 4096^2": Close(m.MT.Sum().ToScalar(), Sum(i => md[i], md.Length), 1e-5); break;
            case "softmax rows 4096^2":
            {
                var y = m.Softmax(1).ToArray();
                foreach (int i in new[] { 0, N - 1 })
                {
                    double mx = Enumerable.Range(0, N).Max(j => md[i * N + j]);
                    double z = Sum(j => Math.Exp(md[i * N + j] - mx), N);
                    Close(y[i * N + 7], Math.Exp(md[i * N + 7] - mx) / z, 1e-5);
                }
                break;
            }
        }
    }
}
