namespace Scratch.ML.Statistics;

/// <summary>
/// The chi-squared distribution with k degrees of freedom, the law of a sum of k squared standard normals:
/// Gamma(k/2, scale 2), so F(x) = P(k/2, x/2), S(x) = Q(k/2, x/2). k need not be an integer.
/// </summary>
public sealed class ChiSquaredDistribution : ContinuousDistribution
{
    private readonly GammaDistribution gamma;

    /// <summary>Creates χ²(k).</summary>
    /// <exception cref="ArgumentOutOfRangeException">k not finite and positive.</exception>
    public ChiSquaredDistribution(double degreesOfFreedom)
    {
        RequirePositive(degreesOfFreedom, nameof(degreesOfFreedom), "ChiSquared");
        DegreesOfFreedom = degreesOfFreedom;
        gamma = new GammaDistribution(degreesOfFreedom / 2, 2);
    }

    /// <summary>k.</summary>
    public double DegreesOfFreedom { get; }

    /// <inheritdoc/>
    public override double SupportLower => 0;

    /// <inheritdoc/>
    public override double SupportUpper => double.PositiveInfinity;

    /// <inheritdoc/>
    public override double Mean => DegreesOfFreedom;

    /// <inheritdoc/>
    public override double Variance => 2 * DegreesOfFreedom;

    /// <inheritdoc/>
    public override double LogPdf(double x) => gamma.LogPdf(x);

    /// <inheritdoc/>
    public override double Cdf(double x) => gamma.Cdf(x);

    /// <inheritdoc/>
    public override double Sf(double x) => gamma.Sf(x);

    /// <inheritdoc/>
    public override double Quantile(double p) => gamma.Quantile(p);

    /// <inheritdoc/>
    public override double InverseSf(double q) => gamma.InverseSf(q);

    /// <inheritdoc/>
    protected override double InitialGuess(double p) => gamma.Quantile(p);
}
