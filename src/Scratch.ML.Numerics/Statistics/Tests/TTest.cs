namespace Scratch.ML.Statistics;

/// <summary>
/// Student's t-tests for means (SciPy's <c>ttest_1samp</c>, <c>ttest_ind</c>, <c>ttest_rel</c>), assuming normally
/// distributed data (or large samples). Samples must be non-empty, NaN-free, and large enough for a variance.
/// A zero standard error gives t = ±∞ (or NaN for 0/0) and the corresponding p-value.
/// </summary>
public static class TTest
{
    /// <summary>
    /// One-sample test of H₀: E[x] = μ₀. t = (x̄ − μ₀) / (s/√n), df = n − 1 (n ≥ 2).
    /// </summary>
    public static HypothesisTestResult OneSample(ReadOnlySpan<double> sample, double populationMean = 0, Alternative alternative = Alternative.TwoSided)
    {
        SampleChecks.Require("TTest.OneSample", sample, nameof(sample), 2);
        if (!double.IsFinite(populationMean)) throw new ArgumentOutOfRangeException(nameof(populationMean), populationMean, "TTest.OneSample: the null mean must be finite.");
        int n = sample.Length;
        double mean = Descriptive.MeanCore(sample), variance = Descriptive.VarianceCore(sample, mean, 1);
        double t = (mean - populationMean) / Math.Sqrt(variance / n);
        return Result(t, n - 1, alternative);
    }

    /// <summary>
    /// Two independent samples, H₀: E[x] = E[y].
    /// <para>Student (<paramref name="equalVariances"/> = true): pooled s²ₚ = ((n₁−1)s₁² + (n₂−1)s₂²)/(n₁+n₂−2),
    /// t = (x̄ − ȳ)/(sₚ√(1/n₁ + 1/n₂)), df = n₁ + n₂ − 2.</para>
    /// <para>Welch (false): t = (x̄ − ȳ)/√(s₁²/n₁ + s₂²/n₂), with the Welch–Satterthwaite
    /// df = (v₁ + v₂)² / (v₁²/(n₁−1) + v₂²/(n₂−1)), vᵢ = sᵢ²/nᵢ.</para>
    /// </summary>
    public static HypothesisTestResult TwoSample(ReadOnlySpan<double> x, ReadOnlySpan<double> y, bool equalVariances = true, Alternative alternative = Alternative.TwoSided)
    {
        const string op = "TTest.TwoSample";
        SampleChecks.Require(op, x, nameof(x), 2);
        SampleChecks.Require(op, y, nameof(y), 2);
        double n1 = x.Length, n2 = y.Length;
        double m1 = Descriptive.MeanCore(x), m2 = Descriptive.MeanCore(y);
        double v1 = Descriptive.VarianceCore(x, m1, 1), v2 = Descriptive.VarianceCore(y, m2, 1);
        if (equalVariances)
        {
            double df = n1 + n2 - 2;
            double pooled = ((n1 - 1) * v1 + (n2 - 1) * v2) / df;
            double t = (m1 - m2) / Math.Sqrt(pooled * (1 / n1 + 1 / n2));
            return Result(t, df, alternative);
        }
        else
        {
            double a = v1 / n1, b = v2 / n2;
            double t = (m1 - m2) / Math.Sqrt(a + b);
            double df = (a + b) * (a + b) / (a * a / (n1 - 1) + b * b / (n2 - 1));
            return Result(t, df, alternative);
        }
    }

    /// <summary>Paired samples, H₀: E[x − y] = 0: the one-sample test on the differences dᵢ = xᵢ − yᵢ.</summary>
    public static HypothesisTestResult Paired(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Alternative alternative = Alternative.TwoSided)
    {
        const string op = "TTest.Paired";
        SampleChecks.Require(op, x, nameof(x), 2);
        SampleChecks.Require(op, y, nameof(y), 2);
        SampleChecks.SameLength(op, x, y, nameof(x), nameof(y));
        var d = new double[x.Length];
        for (int i = 0; i < d.Length; i++) d[i] = x[i] - y[i];
        return OneSample(d, 0, alternative);
    }

    private static HypothesisTestResult Result(double t, double df, Alternative alternative)
    {
        double p = double.IsNaN(t) ? double.NaN : PValues.ForSymmetric(new StudentTDistribution(df), t, alternative);
        return new HypothesisTestResult(t, p, df);
    }
}
