namespace Scratch.ML.Statistics;

/// <summary>Which alternative hypothesis a test's p-value is computed for (SciPy's <c>alternative=</c>).</summary>
public enum Alternative
{
    /// <summary>H₁: the parameter differs from its null value (both tails).</summary>
    TwoSided,
    /// <summary>H₁: the parameter is less than its null value (lower tail of the statistic).</summary>
    Less,
    /// <summary>H₁: the parameter is greater than its null value (upper tail of the statistic).</summary>
    Greater,
}

/// <summary>The outcome of a test with one reference distribution parameter.</summary>
/// <param name="Statistic">The test statistic (t or χ²).</param>
/// <param name="PValue">The p-value for the requested alternative.</param>
/// <param name="DegreesOfFreedom">The degrees of freedom of the reference distribution (fractional for Welch).</param>
public sealed record HypothesisTestResult(double Statistic, double PValue, double DegreesOfFreedom);

/// <summary>The outcome of an F test (one-way ANOVA).</summary>
/// <param name="Statistic">F = MS_between / MS_within.</param>
/// <param name="PValue">P(F(df₁, df₂) ≥ F).</param>
/// <param name="DegreesOfFreedomBetween">df₁ = k − 1.</param>
/// <param name="DegreesOfFreedomWithin">df₂ = N − k.</param>
public sealed record FTestResult(double Statistic, double PValue, double DegreesOfFreedomBetween, double DegreesOfFreedomWithin);

/// <summary>The outcome of a chi-square test of independence on a contingency table.</summary>
/// <param name="Statistic">Σ (O − E)² / E (with Yates' correction when it was applied).</param>
/// <param name="PValue">P(χ²(df) ≥ statistic).</param>
/// <param name="DegreesOfFreedom">(r − 1)(c − 1).</param>
/// <param name="Expected">Expected frequencies under independence, Eᵢⱼ = rowᵢ·colⱼ / total (r × c).</param>
public sealed record ContingencyResult(double Statistic, double PValue, int DegreesOfFreedom, double[,] Expected);

/// <summary>p-values from a statistic's reference distribution.</summary>
internal static class PValues
{
    /// <summary>Two-sided 2·S(|t|) (capped at 1), lower F(t), or upper S(t).</summary>
    internal static double ForSymmetric(ContinuousDistribution distribution, double statistic, Alternative alternative) => alternative switch
    {
        Alternative.TwoSided => Math.Min(1.0, 2 * distribution.Sf(Math.Abs(statistic))),
        Alternative.Less => distribution.Cdf(statistic),
        Alternative.Greater => distribution.Sf(statistic),
        _ => throw new ArgumentOutOfRangeException(nameof(alternative), alternative, "Unknown alternative."),
    };
}
