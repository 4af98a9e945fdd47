namespace Scratch.ML.Statistics;

/// <summary>
/// The beta distribution on [0, 1]: f(x) = x^{a−1}(1 − x)^{b−1}/B(a, b); F(x) = I_x(a, b), S(x) = I_{1−x}(b, a).
/// Quantile start: the mean a/(a + b) shifted by z standard deviations, clamped into (0, 1).
/// </summary>
public sealed class BetaDistribution : ContinuousDistribution
{
    private readonly double logBeta;

    /// <summary>Creates Beta(<paramref name="alpha"/>, <paramref name="beta"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter not finite and positive.</exception>
    public BetaDistribution(double alpha, double beta)
    {
        RequirePositive(alpha, nameof(alpha), "Beta");
        RequirePositive(beta, nameof(beta), "Beta");
        Alpha = alpha;
        Beta = beta;
        logBeta = SpecialFunctions.LogBeta(alpha, beta);
    }

    /// <summary>a.</summary>
    public double Alpha { get; }

    /// <summary>b.</summary>
    public double Beta { get; }

    /// <inheritdoc/>
    public override double SupportLower => 0;

    /// <inheritdoc/>
    public override double SupportUpper => 1;

    /// <inheritdoc/>
    public override double Mean => Alpha / (Alpha + Beta);

    /// <inheritdoc/>
    public override double Variance => Alpha * Beta / ((Alpha + Beta) * (Alpha + Beta) * (Alpha + Beta + 1));

    /// <inheritdoc/>
    public override double LogPdf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0 || x > 1) return double.NegativeInfinity;
        if (x == 0) return Alpha < 1 ? double.PositiveInfinity : Alpha == 1 ? -logBeta : double.NegativeInfinity;
        if (x == 1) return Beta < 1 ? double.PositiveInfinity : Beta == 1 ? -logBeta : double.NegativeInfinity;
        return (Alpha - 1) * Math.Log(x) + (Beta - 1) * double.LogP1(-x) - logBeta;
    }

    /// <inheritdoc/>
    public override double Cdf(double x) => double.IsNaN(x) ? double.NaN : x <= 0 ? 0 : x >= 1 ? 1 : SpecialFunctions.RegularizedBeta(Alpha, Beta, x, 1 - x);

    /// <inheritdoc/>
    public override double Sf(double x) => double.IsNaN(x) ? double.NaN : x <= 0 ? 1 : x >= 1 ? 0 : SpecialFunctions.RegularizedBetaComplement(Alpha, Beta, x, 1 - x);

    /// <inheritdoc/>
    protected override double InitialGuess(double p)
    {
        double guess = Mean + NormalDistribution.StandardGuess(p) * StandardDeviation;
        return Math.Clamp(guess, 1e-3 * Mean, 1 - 1e-3 * (1 - Mean));
    }
}
