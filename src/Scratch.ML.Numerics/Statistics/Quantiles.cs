namespace Scratch.ML.Statistics;

/// <summary>
/// How a sample quantile interpolates between order statistics; the names and results are NumPy's
/// (<c>numpy.quantile(method=…)</c>, Hyndman &amp; Fan 1996). For the continuous methods the (0-based) virtual index of
/// probability q in a sorted sample of size n is h = q·(n + 1 − α − β) + α − 1, clipped to [0, n − 1], and the result is
/// x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
/// </summary>
public enum QuantileMethod
{
    /// <summary>α = β = 1: h = q(n − 1). NumPy's default, Hyndman &amp; Fan type 7.</summary>
    Linear,
    /// <summary>The order statistic at ⌊q(n − 1)⌋.</summary>
    Lower,
    /// <summary>The order statistic at ⌈q(n − 1)⌉.</summary>
    Higher,
    /// <summary>The mean of <see cref="Lower"/> and <see cref="Higher"/>.</summary>
    Midpoint,
    /// <summary>The order statistic at q(n − 1) rounded half to even (NumPy's <c>around</c>).</summary>
    Nearest,
    /// <summary>α = β = ½ (type 5).</summary>
    Hazen,
    /// <summary>α = β = 0 (type 6).</summary>
    Weibull,
    /// <summary>α = β = ⅓ (type 8), approximately median-unbiased whatever the distribution.</summary>
    MedianUnbiased,
    /// <summary>α = β = ⅜ (type 9), approximately unbiased for normal data.</summary>
    NormalUnbiased,
    /// <summary>α = 0, β = 1 (type 4).</summary>
    InterpolatedInvertedCdf,
}

/// <summary>Sample quantiles and percentiles with NumPy's methods.</summary>
public static partial class Descriptive
{
    /// <summary>The q-quantile (0 ≤ q ≤ 1) of <paramref name="x"/>.</summary>
    /// <exception cref="ArgumentException">Empty or NaN sample.</exception>
    /// <exception cref="ArgumentOutOfRangeException">q outside [0, 1] or NaN.</exception>
    public static double Quantile(ReadOnlySpan<double> x, double q, QuantileMethod method = QuantileMethod.Linear)
    {
        SampleChecks.Require("Descriptive.Quantile", x, nameof(x));
        RequireQ(q, nameof(q));
        double[] sorted = x.ToArray();
        Array.Sort(sorted);
        return QuantileSorted(sorted, q, method);
    }

    /// <summary>Several quantiles of one sample (sorted once).</summary>
    public static double[] Quantiles(ReadOnlySpan<double> x, ReadOnlySpan<double> q, QuantileMethod method = QuantileMethod.Linear)
    {
        SampleChecks.Require("Descriptive.Quantiles", x, nameof(x));
        foreach (double v in q) RequireQ(v, nameof(q));
        double[] sorted = x.ToArray();
        Array.Sort(sorted);
        var result = new double[q.Length];
        for (int i = 0; i < q.Length; i++) result[i] = QuantileSorted(sorted, q[i], method);
        return result;
    }

    /// <summary>The percentile p (0 ≤ p ≤ 100), i.e. <c>Quantile</c> at p/100.</summary>
    public static double Percentile(ReadOnlySpan<double> x, double percent, QuantileMethod method = QuantileMethod.Linear)
    {
        if (!(percent >= 0 && percent <= 100)) throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentile must lie in [0, 100].");
        return Quantile(x, percent / 100, method);
    }

    /// <summary>The quantile of an already sorted, NaN-free, non-empty sample.</summary>
    internal static double QuantileSorted(ReadOnlySpan<double> sorted, double q, QuantileMethod method)
    {
        int n = sorted.Length;
        double linearIndex = q * (n - 1);
        switch (method)
        {
            case QuantileMethod.Lower: return sorted[(int)Math.Floor(linearIndex)];
            case QuantileMethod.Higher: return sorted[(int)Math.Ceiling(linearIndex)];
            case QuantileMethod.Nearest: return sorted[(int)Math.Round(linearIndex, MidpointRounding.ToEven)];
            case QuantileMethod.Midpoint:
            {
                int lo = (int)Math.Floor(linearIndex), hi = (int)Math.Ceiling(linearIndex);
                return lo == hi ? sorted[lo] : Lerp(sorted[lo], sorted[hi], 0.5);
            }
        }
        (double alpha, double beta) = method switch
        {
            QuantileMethod.Linear => (1.0, 1.0),
            QuantileMethod.Hazen => (0.5, 0.5),
            QuantileMethod.Weibull => (0.0, 0.0),
            QuantileMethod.MedianUnbiased => (1.0 / 3, 1.0 / 3),
            QuantileMethod.NormalUnbiased => (3.0 / 8, 3.0 / 8),
            QuantileMethod.InterpolatedInvertedCdf => (0.0, 1.0),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown quantile method."),
        };
        double h = q * (n + 1 - alpha - beta) + alpha - 1;
        if (h <= 0) return sorted[0];
        if (h >= n - 1) return sorted[n - 1];
        int below = (int)Math.Floor(h);
        return Lerp(sorted[below], sorted[below + 1], h - below);
    }

    /// <summary>a + t(b − a), evaluated from the nearer end (as NumPy) so that t = 1 returns b exactly.</summary>
    private static double Lerp(double a, double b, double t) => t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t);

    private static void RequireQ(double q, string name)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(name, q, "A quantile probability must lie in [0, 1].");
    }
}
