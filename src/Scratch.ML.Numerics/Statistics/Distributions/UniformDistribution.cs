namespace Scratch.ML.Statistics;

/// <summary>The continuous uniform distribution on [a, b]: f = 1/(b − a), F(x) = (x − a)/(b − a); closed-form quantile.</summary>
public sealed class UniformDistribution : ContinuousDistribution
{
    /// <summary>Creates U(<paramref name="lower"/>, <paramref name="upper"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Ends not finite or not lower &lt; upper.</exception>
    public UniformDistribution(double lower = 0, double upper = 1)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper) || !(lower < upper))
            throw new ArgumentOutOfRangeException(nameof(upper), upper, $"Uniform: need finite lower < upper, got [{lower}, {upper}].");
        Lower = lower;
        Upper = upper;
    }

    /// <summary>a.</summary>
    public double Lower { get; }

    /// <summary>b.</summary>
    public double Upper { get; }

    /// <inheritdoc/>
    public override double SupportLower => Lower;

    /// <inheritdoc/>
    public override double SupportUpper => Upper;

    /// <inheritdoc/>
    public override double Mean => 0.5 * (Lower + Upper);

    /// <inheritdoc/>
    public override double Variance => (Upper - Lower) * (Upper - Lower) / 12;

    /// <inheritdoc/>
    public override double Pdf(double x) => double.IsNaN(x) ? double.NaN : x < Lower || x > Upper ? 0 : 1 / (Upper - Lower);

    /// <inheritdoc/>
    public override double LogPdf(double x) => Math.Log(Pdf(x));

    /// <inheritdoc/>
    public override double Cdf(double x) => double.IsNaN(x) ? double.NaN : Math.Clamp((x - Lower) / (Upper - Lower), 0, 1);

    /// <inheritdoc/>
    public override double Sf(double x) => double.IsNaN(x) ? double.NaN : Math.Clamp((Upper - x) / (Upper - Lower), 0, 1);

    /// <inheritdoc/>
    public override double Quantile(double p)
    {
        RequireProbability(p, nameof(p));
        return Lower + p * (Upper - Lower);
    }

    /// <inheritdoc/>
    public override double InverseSf(double q)
    {
        RequireProbability(q, nameof(q));
        return Upper - q * (Upper - Lower);
    }

    /// <inheritdoc/>
    protected override double InitialGuess(double p) => Lower + p * (Upper - Lower);
}
