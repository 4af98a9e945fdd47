namespace Scratch.ML.Statistics;

/// <summary>
/// The gamma distribution with shape k and scale θ: f(x) = x^{k−1}e^{−x/θ} / (Γ(k)θᵏ) for x ≥ 0;
/// F(x) = P(k, x/θ), S(x) = Q(k, x/θ) (regularised incomplete gamma). Quantile start: Wilson–Hilferty,
/// x ≈ kθ(1 − 1/(9k) + z/(3√k))³ with z the normal quantile (a small positive value when that cube is not positive).
/// </summary>
public sealed class GammaDistribution : ContinuousDistribution
{
    /// <summary>Creates Gamma(<paramref name="shape"/>, <paramref name="scale"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter not finite and positive.</exception>
    public GammaDistribution(double shape, double scale = 1)
    {
        RequirePositive(shape, nameof(shape), "Gamma");
        RequirePositive(scale, nameof(scale), "Gamma");
        Shape = shape;
        Scale = scale;
    }

    /// <summary>k.</summary>
    public double Shape { get; }

    /// <summary>θ.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public override double SupportLower => 0;

    /// <inheritdoc/>
    public override double SupportUpper => double.PositiveInfinity;

    /// <inheritdoc/>
    public override double Mean => Shape * Scale;

    /// <inheritdoc/>
    public override double Variance => Shape * Scale * Scale;

    /// <inheritdoc/>
    public override double LogPdf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return double.NegativeInfinity;
        if (x == 0)
            return Shape < 1 ? double.PositiveInfinity : Shape == 1 ? -Math.Log(Scale) : double.NegativeInfinity;
        double u = x / Scale;
        return (Shape - 1) * Math.Log(u) - u - SpecialFunctions.LogGamma(Shape) - Math.Log(Scale);
    }

    /// <inheritdoc/>
    public override double Cdf(double x) => double.IsNaN(x) ? double.NaN : x <= 0 ? 0 : SpecialFunctions.RegularizedGammaP(Shape, x / Scale);

    /// <inheritdoc/>
    public override double Sf(double x) => double.IsNaN(x) ? double.NaN : x <= 0 ? 1 : SpecialFunctions.RegularizedGammaQ(Shape, x / Scale);

    /// <inheritdoc/>
    protected override double InitialGuess(double p)
    {
        double k = Shape, z = NormalDistribution.StandardGuess(p);
        double c = 1 - 1 / (9 * k) + z / (3 * Math.Sqrt(k));
        double x = k * c * c * c;
        if (!(x > 0))
        {
            // Lower tail of a small shape: F(x) ≈ x^k/Γ(k+1) near 0.
            x = Math.Exp((Math.Log(p) + SpecialFunctions.LogGamma(k + 1)) / k);
        }
        return x * Scale;
    }
}
