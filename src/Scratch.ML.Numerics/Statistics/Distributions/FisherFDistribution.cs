namespace Scratch.ML.Statistics;

/// <summary>
/// Fisher's F distribution with (d₁, d₂) degrees of freedom, the law of (χ²_{d₁}/d₁)/(χ²_{d₂}/d₂):
/// f(x) = √((d₁x)^{d₁} d₂^{d₂} / (d₁x + d₂)^{d₁+d₂}) / (x·B(d₁/2, d₂/2)) for x ≥ 0;
/// F(x) = I_u(d₁/2, d₂/2) and S(x) = I_{1−u}(d₂/2, d₁/2) with u = d₁x/(d₁x + d₂), 1 − u = d₂/(d₁x + d₂) both formed directly.
/// </summary>
public sealed class FisherFDistribution : ContinuousDistribution
{
    private readonly double logBeta;

    /// <summary>Creates F(d₁, d₂).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A degree of freedom not finite and positive.</exception>
    public FisherFDistribution(double numeratorDegreesOfFreedom, double denominatorDegreesOfFreedom)
    {
        RequirePositive(numeratorDegreesOfFreedom, nameof(numeratorDegreesOfFreedom), "FisherF");
        RequirePositive(denominatorDegreesOfFreedom, nameof(denominatorDegreesOfFreedom), "FisherF");
        NumeratorDegreesOfFreedom = numeratorDegreesOfFreedom;
        DenominatorDegreesOfFreedom = denominatorDegreesOfFreedom;
        logBeta = SpecialFunctions.LogBeta(numeratorDegreesOfFreedom / 2, denominatorDegreesOfFreedom / 2);
    }

    /// <summary>d₁.</summary>
    public double NumeratorDegreesOfFreedom { get; }

    /// <summary>d₂.</summary>
    public double DenominatorDegreesOfFreedom { get; }

    /// <inheritdoc/>
    public override double SupportLower => 0;

    /// <inheritdoc/>
    public override double SupportUpper => double.PositiveInfinity;

    /// <summary>d₂/(d₂ − 2) for d₂ &gt; 2, +∞ otherwise (SciPy).</summary>
    public override double Mean => DenominatorDegreesOfFreedom > 2 ? DenominatorDegreesOfFreedom / (DenominatorDegreesOfFreedom - 2) : double.PositiveInfinity;

    /// <summary>2d₂²(d₁ + d₂ − 2) / (d₁(d₂ − 2)²(d₂ − 4)) for d₂ &gt; 4, +∞ otherwise.</summary>
    public override double Variance
    {
        get
        {
            double d1 = NumeratorDegreesOfFreedom, d2 = DenominatorDegreesOfFreedom;
            return d2 > 4 ? 2 * d2 * d2 * (d1 + d2 - 2) / (d1 * (d2 - 2) * (d2 - 2) * (d2 - 4)) : double.PositiveInfinity;
        }
    }

    /// <inheritdoc/>
    public override double LogPdf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        double d1 = NumeratorDegreesOfFreedom, d2 = DenominatorDegreesOfFreedom;
        if (x < 0) return double.NegativeInfinity;
        if (x == 0) return d1 < 2 ? double.PositiveInfinity : d1 == 2 ? -logBeta - Math.Log(d2 / d1) : double.NegativeInfinity;
        return 0.5 * (d1 * Math.Log(d1 * x) + d2 * Math.Log(d2) - (d1 + d2) * Math.Log(d1 * x + d2)) - Math.Log(x) - logBeta;
    }

    /// <inheritdoc/>
    public override double Cdf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 0;
        if (double.IsPositiveInfinity(x)) return 1;
        double d1 = NumeratorDegreesOfFreedom, d2 = DenominatorDegreesOfFreedom, s = d1 * x + d2;
        return SpecialFunctions.RegularizedBeta(d1 / 2, d2 / 2, d1 * x / s, d2 / s);
    }

    /// <inheritdoc/>
    public override double Sf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        double d1 = NumeratorDegreesOfFreedom, d2 = DenominatorDegreesOfFreedom, s = d1 * x + d2;
        return SpecialFunctions.RegularizedBetaComplement(d1 / 2, d2 / 2, d1 * x / s, d2 / s);
    }

    /// <inheritdoc/>
    protected override double InitialGuess(double p)
    {
        // ln F is roughly normal with variance 2/d₁ + 2/d₂ (delta method); the bracketing solver absorbs the error.
        double d1 = NumeratorDegreesOfFreedom, d2 = DenominatorDegreesOfFreedom, z = NormalDistribution.StandardGuess(p);
        return Math.Exp(z * Math.Sqrt(2 / d1 + 2 / d2));
    }
}
