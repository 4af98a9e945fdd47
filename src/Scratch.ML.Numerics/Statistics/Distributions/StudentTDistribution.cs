namespace Scratch.ML.Statistics;

/// <summary>
/// Student's t distribution with ν degrees of freedom:
/// f(t) = Γ((ν+1)/2) / (√(νπ)Γ(ν/2)) · (1 + t²/ν)^{−(ν+1)/2}.
/// With x = ν/(ν + t²) the tail is P(T &gt; |t|) = ½·I_x(ν/2, ½); both x and 1 − x = t²/(ν + t²) are formed directly, so
/// tails keep full relative precision. Quantile start: z + (z³ + z)/(4ν) (Cornish–Fisher) from the normal quantile z.
/// </summary>
public sealed class StudentTDistribution : ContinuousDistribution
{
    private readonly double logNormalizer;

    /// <summary>Creates t(ν).</summary>
    /// <exception cref="ArgumentOutOfRangeException">ν not finite and positive.</exception>
    public StudentTDistribution(double degreesOfFreedom)
    {
        RequirePositive(degreesOfFreedom, nameof(degreesOfFreedom), "StudentT");
        DegreesOfFreedom = degreesOfFreedom;
        double v = degreesOfFreedom;
        logNormalizer = SpecialFunctions.LogGamma((v + 1) / 2) - SpecialFunctions.LogGamma(v / 2) - 0.5 * Math.Log(v * Math.PI);
    }

    /// <summary>ν.</summary>
    public double DegreesOfFreedom { get; }

    /// <inheritdoc/>
    public override double SupportLower => double.NegativeInfinity;

    /// <inheritdoc/>
    public override double SupportUpper => double.PositiveInfinity;

    /// <summary>0 for ν &gt; 1; +∞ for ν ≤ 1 where the mean does not exist (SciPy's convention).</summary>
    public override double Mean => DegreesOfFreedom > 1 ? 0 : double.PositiveInfinity;

    /// <summary>ν/(ν − 2) for ν &gt; 2, +∞ for 1 &lt; ν ≤ 2, NaN otherwise.</summary>
    public override double Variance => DegreesOfFreedom > 2 ? DegreesOfFreedom / (DegreesOfFreedom - 2) : DegreesOfFreedom > 1 ? double.PositiveInfinity : double.NaN;

    /// <inheritdoc/>
    public override double LogPdf(double t)
    {
        double v = DegreesOfFreedom;
        return logNormalizer - (v + 1) / 2 * double.LogP1(t * t / v);
    }

    /// <inheritdoc/>
    public override double Cdf(double t) => t <= 0 ? Tail(t) : 1 - Tail(t);

    /// <inheritdoc/>
    public override double Sf(double t) => t >= 0 ? Tail(t) : 1 - Tail(t);

    /// <summary>P(T &gt; |t|) = ½·I_{ν/(ν+t²)}(ν/2, ½).</summary>
    private double Tail(double t)
    {
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsInfinity(t)) return 0;
        double v = DegreesOfFreedom, t2 = t * t;
        // For |t| > ~1e154, t² overflows: then x = ν/t² (formed as (ν/|t|)/|t|) and y = 1.
        double x = double.IsInfinity(t2) ? v / Math.Abs(t) / Math.Abs(t) : v / (v + t2);
        double y = double.IsInfinity(t2) ? 1 : t2 / (v + t2);
        return 0.5 * SpecialFunctions.RegularizedBeta(v / 2, 0.5, x, y);
    }

    /// <inheritdoc/>
    protected override double InitialGuess(double p)
    {
        double z = NormalDistribution.StandardGuess(p);
        return z + (z * z * z + z) / (4 * DegreesOfFreedom);
    }
}
