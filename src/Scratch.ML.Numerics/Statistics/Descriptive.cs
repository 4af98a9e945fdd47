namespace Scratch.ML.Statistics;

/// <summary>The most frequent value of a sample and how often it occurs.</summary>
/// <param name="Value">The mode (the smallest one when several values tie, as SciPy).</param>
/// <param name="Count">Its number of occurrences.</param>
public readonly record struct ModeResult(double Value, int Count);

/// <summary>
/// Descriptive statistics of a sample x₁ … xₙ, with NumPy/SciPy conventions. Every method rejects an empty sample
/// and NaN values with an <see cref="ArgumentException"/> (remove missing values explicitly).
/// <para>
/// Sums use a two-pass scheme: first the mean, then central moments Σ(xᵢ − x̄)ᵏ, which avoids the catastrophic
/// cancellation of the one-pass Σxᵢ² − n·x̄² formula; a correction term Σ(xᵢ − x̄) (zero in exact arithmetic) is
/// subtracted from the variance as in the "corrected two-pass algorithm" (Chan, Golub &amp; LeVeque 1983).
/// </para>
/// </summary>
public static partial class Descriptive
{
    /// <summary>The arithmetic mean x̄ = Σxᵢ / n.</summary>
    public static double Mean(ReadOnlySpan<double> x)
    {
        SampleChecks.Require("Descriptive.Mean", x, nameof(x));
        return MeanCore(x);
    }

    /// <summary>The weighted mean Σwᵢxᵢ / Σwᵢ (NumPy's <c>average</c>); weights must be ≥ 0 with a positive sum.</summary>
    public static double WeightedMean(ReadOnlySpan<double> x, ReadOnlySpan<double> weights)
    {
        const string op = "Descriptive.WeightedMean";
        SampleChecks.Require(op, x, nameof(x));
        SampleChecks.Require(op, weights, nameof(weights));
        SampleChecks.SameLength(op, x, weights, nameof(x), nameof(weights));
        double sw = 0, swx = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (weights[i] < 0 || double.IsInfinity(weights[i]))
                throw new ArgumentException($"{op}: weights[{i}] = {weights[i]} must be finite and ≥ 0.", nameof(weights));
            sw += weights[i];
            swx += weights[i] * x[i];
        }
        if (!(sw > 0)) throw new ArgumentException($"{op}: the weights sum to {sw}; need a positive sum.", nameof(weights));
        return swx / sw;
    }

    /// <summary>
    /// The variance Σ(xᵢ − x̄)² / (n − ddof): ddof = 0 (NumPy's default) is the maximum-likelihood estimate, ddof = 1
    /// the unbiased sample variance.
    /// </summary>
    /// <exception cref="ArgumentException">Empty, NaN, or ddof ≥ n.</exception>
    public static double Variance(ReadOnlySpan<double> x, int ddof = 0)
    {
        const string op = "Descriptive.Variance";
        SampleChecks.Require(op, x, nameof(x));
        SampleChecks.Ddof(op, ddof, x.Length);
        return VarianceCore(x, MeanCore(x), ddof);
    }

    /// <summary>The standard deviation √Variance(x, ddof).</summary>
    public static double StandardDeviation(ReadOnlySpan<double> x, int ddof = 0) => Math.Sqrt(Variance(x, ddof));

    /// <summary>
    /// Skewness g₁ = m₃ / m₂^{3/2} with central moments mₖ = Σ(xᵢ − x̄)ᵏ/n (SciPy's <c>skew</c>, bias = true). With
    /// <paramref name="bias"/> = false the adjusted Fisher–Pearson estimate G₁ = g₁·√(n(n − 1))/(n − 2) (n ≥ 3).
    /// A constant sample gives NaN (0/0), as SciPy.
    /// </summary>
    public static double Skewness(ReadOnlySpan<double> x, bool bias = true)
    {
        SampleChecks.Require("Descriptive.Skewness", x, nameof(x), bias ? 1 : 3);
        CentralMoments(x, out double m2, out double m3, out _);
        double g1 = m3 / Math.Pow(m2, 1.5);
        if (bias) return g1;
        double n = x.Length;
        return g1 * Math.Sqrt(n * (n - 1)) / (n - 2);
    }

    /// <summary>
    /// Excess kurtosis g₂ = m₄ / m₂² − 3 (SciPy's <c>kurtosis</c>, Fisher's definition, bias = true); with
    /// <paramref name="bias"/> = false the unbiased-under-normality G₂ = ((n + 1)g₂ + 6)(n − 1)/((n − 2)(n − 3)) (n ≥ 4).
    /// </summary>
    public static double Kurtosis(ReadOnlySpan<double> x, bool bias = true)
    {
        SampleChecks.Require("Descriptive.Kurtosis", x, nameof(x), bias ? 1 : 4);
        CentralMoments(x, out double m2, out _, out double m4);
        double g2 = m4 / (m2 * m2) - 3;
        if (bias) return g2;
        double n = x.Length;
        return ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3));
    }

    /// <summary>The median: the middle order statistic, or the mean of the two middle ones for even n.</summary>
    public static double Median(ReadOnlySpan<double> x)
    {
        SampleChecks.Require("Descriptive.Median", x, nameof(x));
        double[] sorted = x.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        return (n & 1) == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /// <summary>The most frequent value (the smallest among ties) and its count, as SciPy's <c>mode</c>.</summary>
    public static ModeResult Mode(ReadOnlySpan<double> x)
    {
        SampleChecks.Require("Descriptive.Mode", x, nameof(x));
        double[] sorted = x.ToArray();
        Array.Sort(sorted);
        double best = sorted[0];
        int bestCount = 0;
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j < sorted.Length && sorted[j] == sorted[i]) j++;
            if (j - i > bestCount) { bestCount = j - i; best = sorted[i]; }
            i = j;
        }
        return new ModeResult(best, bestCount);
    }

    internal static double MeanCore(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += x[i];
        double mean = s / x.Length;
        // One refinement pass: adds the mean of the residuals, recovering digits lost to rounding in the first sum.
        double r = 0;
        for (int i = 0; i < x.Length; i++) r += x[i] - mean;
        return mean + r / x.Length;
    }

    internal static double VarianceCore(ReadOnlySpan<double> x, double mean, int ddof)
    {
        double ss = 0, comp = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - mean;
            ss += d * d;
            comp += d;
        }
        return (ss - comp * comp / x.Length) / (x.Length - ddof);
    }

    private static void CentralMoments(ReadOnlySpan<double> x, out double m2, out double m3, out double m4)
    {
        double mean = MeanCore(x);
        double s2 = 0, s3 = 0, s4 = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - mean, d2 = d * d;
            s2 += d2; s3 += d2 * d; s4 += d2 * d2;
        }
        int n = x.Length;
        m2 = s2 / n; m3 = s3 / n; m4 = s4 / n;
    }
}
