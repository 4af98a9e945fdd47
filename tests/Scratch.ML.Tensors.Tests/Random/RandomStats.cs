using System.Text.Json;
using Xunit;

namespace Scratch.ML.Tests.Rng;

/// <summary>
/// Statistical checks with stated error rates, shared by the distribution tests.
/// <list type="bullet">
/// <item>Moments: each sample moment is compared with its expected value within <see cref="Z"/> = 6 standard errors.
/// The standard error is the delta-method one, sd(influence function)/√n, estimated from the sample itself:
/// mean → x − m; variance → (x − m)² − s²; skewness → z³ − γ − 3z − (3γ/2)(z² − 1) with z = (x − m)/s. For n ≥ 10⁵ the
/// estimators are close to normal, so one check fails by chance with probability ≈ 2·10⁻⁹.</item>
/// <item>Distribution: the empirical CDF at SciPy's 1 %, …, 99 % quantiles must lie within ε = √(ln(2/α)/(2n)) of
/// k/100, α = 10⁻⁶ (the Dvoretzky–Kiefer–Wolfowitz bound with Massart's constant holds for the sup over all x, so
/// also for these 99 points).</item>
/// </list>
/// All tests use fixed seeds, so they are deterministic; the bounds say how unlikely a false alarm was when the seeds
/// were chosen.
/// </summary>
internal static class RandomStats
{
    public const double Z = 6.0;
    public const double Alpha = 1e-6;

    public static void Moments(ReadOnlySpan<double> x, double mean, double variance, double? skewness, string what)
    {
        int n = x.Length;
        double m = 0;
        foreach (double v in x) m += v;
        m /= n;
        double m2 = 0, m3 = 0;
        foreach (double v in x) { double d = v - m; m2 += d * d; m3 += d * d * d; }
        m2 /= n; m3 /= n;
        double s = Math.Sqrt(m2), g = m3 / (m2 * s);
        double seMean = s / Math.Sqrt(n);
        double varIf = 0, skIf = 0;
        foreach (double v in x)
        {
            double d = v - m, z = d / s;
            double a = d * d - m2; varIf += a * a;
            double b = z * z * z - g - 3 * z - 1.5 * g * (z * z - 1); skIf += b * b;
        }
        double seVar = Math.Sqrt(varIf / n / n), seSkew = Math.Sqrt(skIf / n / n);
        Assert.True(Math.Abs(m - mean) <= Z * seMean + 1e-12, $"{what}: mean {m} vs {mean} (SE {seMean})");
        Assert.True(Math.Abs(m2 - variance) <= Z * seVar + 1e-12, $"{what}: variance {m2} vs {variance} (SE {seVar})");
        if (skewness is { } sk)
            Assert.True(Math.Abs(g - sk) <= Z * seSkew + 1e-9, $"{what}: skewness {g} vs {sk} (SE {seSkew})");
    }

    public static void CdfMatches(ReadOnlySpan<double> x, string distribution)
    {
        var (probs, quantiles) = Quantiles(distribution);
        var sorted = x.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        double eps = Math.Sqrt(Math.Log(2 / Alpha) / (2.0 * n));
        for (int k = 0; k < probs.Length; k++)
        {
            // Fraction of samples ≤ q_k.
            int idx = Array.BinarySearch(sorted, quantiles[k]);
            if (idx < 0) idx = ~idx; else { while (idx < n && sorted[idx] <= quantiles[k]) idx++; }
            double f = (double)idx / n;
            Assert.True(Math.Abs(f - probs[k]) <= eps, $"{distribution}: empirical CDF {f} at q = {quantiles[k]} vs {probs[k]} (bound {eps})");
        }
    }

    private static readonly Lazy<JsonDocument> Doc = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "random", "distributions.json"))));

    public static (double[] Probs, double[] Quantiles) Quantiles(string distribution)
    {
        var root = Doc.Value.RootElement;
        double[] p = root.GetProperty("probabilities").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] q = root.GetProperty("quantiles").GetProperty(distribution).EnumerateArray().Select(e => e.GetDouble()).ToArray();
        return (p, q);
    }

    public static (double Mean, double Variance, double Skewness) ScipyMoments(string distribution)
    {
        var m = Doc.Value.RootElement.GetProperty("moments").GetProperty(distribution);
        return (m.GetProperty("mean").GetDouble(), m.GetProperty("variance").GetDouble(), m.GetProperty("skewness").GetDouble());
    }

    public static double[] ToDoubles<T>(Tensor<T> t) where T : unmanaged, System.Numerics.INumberBase<T>
        => t.ToArray().Select(v => double.CreateTruncating(v)).ToArray();
}
