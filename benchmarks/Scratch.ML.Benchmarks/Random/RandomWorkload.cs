using Scratch.ML.Benchmarks.Peers;
using Scratch.ML.Rng;

namespace Scratch.ML.Benchmarks.Rng;

/// <summary>
/// Peer workloads of group "rng" (benchmarks/peers/rng.py; a peer module named random.py would shadow Python's own random module): filling an existing 16M float32 buffer with uniform [0, 1) or standard normal
/// samples, ours (Philox4x32-10, SIMD, parallel chunks) against NumPy's <c>Generator(Philox)</c>
/// (<c>random(dtype=float32, out=)</c>, <c>standard_normal(dtype=float32, out=)</c>; single-threaded by design).
/// Rate = bytes written per second.
/// </summary>
public sealed class RandomWorkload(string kind, int n, int threads) : IPeerWorkload
{
    private Tensor<float> buffer = null!;
    private Generator generator = null!;

    /// <summary>Uniform and normal, 16M elements, 1 and 2 threads.</summary>
    public static IEnumerable<IPeerWorkload> All =>
        from kind in new[] { "uniform", "normal" }
        from t in new[] { 1, 2 }
        select new RandomWorkload(kind, 1 << 24, t);

    public string Group => "rng";
    public string Name => $"{kind} f32 n={n}";
    public int Threads => threads;
    public double WorkPerRun => 4.0 * n;
    public string RateUnit => "GB/s";
    public string? PythonArgs => $"{kind} {n}";
    public Action? MathNet => null;

    public void Setup()
    {
        buffer = Tensor.Zeros<float>(n);
        generator = new Generator(42);
        RunOurs();
        if (kind == "uniform") CheckMoments(buffer.AsSpan(), 0.5, 1.0 / 12, Name);
        else CheckMoments(buffer.AsSpan(), 0, 1, Name);
    }

    public void RunOurs()
    {
        if (kind == "uniform") generator.Uniform(buffer);
        else generator.Normal(buffer);
    }

    /// <summary>Mean and variance within 6 standard errors (a wrong kernel fails this by a wide margin).</summary>
    internal static void CheckMoments(ReadOnlySpan<float> x, double mean, double variance, string what)
    {
        double s = 0, s2 = 0;
        foreach (float v in x) { s += v; s2 += (double)v * v; }
        double m = s / x.Length, var = s2 / x.Length - m * m;
        double seM = Math.Sqrt(variance / x.Length), seV = variance * Math.Sqrt(2.0 / x.Length) * 2;
        if (Math.Abs(m - mean) > 6 * seM || Math.Abs(var - variance) > 6 * seV)
            throw new InvalidOperationException($"{what}: mean {m} / variance {var}, expected {mean} / {variance}.");
    }
}
