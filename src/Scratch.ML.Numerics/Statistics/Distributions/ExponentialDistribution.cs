namespace Scratch.ML.Statistics;

/// <summary>
/// The exponential distribution with rate λ: f(x) = λe^{−λx}, F(x) = 1 − e^{−λx} = −expm1(−λx), S(x) = e^{−λx};
/// closed-form quantiles −log1p(−p)/λ and −ln(q)/λ.
/// </summary>
public sealed class ExponentialDistribution : ContinuousDistribution
{
    /// <summary>Creates Exp(<paramref name="rate"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">λ not finite and positive.</exception>
    public ExponentialDistribution(double rate = 1)
    {
        RequirePositive(rate, nameof(rate), "Exponential");
        Rate = rate;
    }

    /// <summary>λ.</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    public override double SupportLower => 0;

    /// <inheritdoc/>
    public override double SupportUpper => double.PositiveInfinity;

    /// <inheritdoc/>
    public override double Mean => 1 / Rate;

    /// <inheritdoc/>
    public override double Variance => 1 / (Rate * Rate);

    /// <inheritdoc/>
    public override double LogPdf(double x) => double.IsNaN(x) ? double.NaN : x < 0 ? double.NegativeInfinity : Math.Log(Rate) - Rate * x;

    /// <inheritdoc/>
    public override double Cdf(double x) => double.IsNaN(x) ? double.NaN : x <= 0 ? 0 : -double.ExpM1(-Rate * x);

    /// <inheritdoc/>
    public override double Sf(double x) => double.IsNaN(x) ? double.NaN : x <= 0 ? 1 : Math.Exp(-Rate * x);

    /// <inheritdoc/>
    public override double Quantile(double p)
    {
        RequireProbability(p, nameof(p));
        return -double.LogP1(-p) / Rate;
    }

    /// <inheritdoc/>
    public override double InverseSf(double q)
    {
        RequireProbability(q, nameof(q));
        return -Math.Log(q) / Rate;
    }

    /// <inheritdoc/>
    protected override double InitialGuess(double p) => -double.LogP1(-p) / Rate;
}
