namespace Scratch.ML.Statistics;

/// <summary>
/// The normal distribution N(μ, σ²): f(x) = exp(−z²/2)/(σ√(2π)) with z = (x − μ)/σ; F(x) = ½·erfc(−z/√2),
/// S(x) = ½·erfc(z/√2) (both tails to full relative precision through <see cref="SpecialFunctions.Erfc"/>).
/// The quantile starts from Abramowitz &amp; Stegun 26.2.23 (|error| &lt; 4.5e-4) and is polished by the safeguarded
/// Newton iteration of <see cref="ContinuousDistribution"/>.
/// </summary>
public sealed class NormalDistribution : ContinuousDistribution
{
    private const double Sqrt2 = 1.4142135623730950488;
    private const double HalfLogTwoPi = 0.91893853320467274178;

    /// <summary>The standard normal N(0, 1).</summary>
    public static NormalDistribution Standard { get; } = new(0, 1);

    /// <summary>Creates N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²).</summary>
    /// <exception cref="ArgumentOutOfRangeException">μ not finite, or σ not finite and positive.</exception>
    public NormalDistribution(double mean = 0, double standardDeviation = 1)
    {
        if (!double.IsFinite(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "Normal: the mean must be finite.");
        RequirePositive(standardDeviation, nameof(standardDeviation), "Normal");
        Location = mean;
        Scale = standardDeviation;
    }

    /// <summary>μ.</summary>
    public double Location { get; }

    /// <summary>σ.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public override double SupportLower => double.NegativeInfinity;

    /// <inheritdoc/>
    public override double SupportUpper => double.PositiveInfinity;

    /// <inheritdoc/>
    public override double Mean => Location;

    /// <inheritdoc/>
    public override double Variance => Scale * Scale;

    /// <inheritdoc/>
    public override double LogPdf(double x)
    {
        double z = (x - Location) / Scale;
        return -0.5 * z * z - Math.Log(Scale) - HalfLogTwoPi;
    }

    /// <inheritdoc/>
    public override double Cdf(double x) => 0.5 * SpecialFunctions.Erfc(-(x - Location) / Scale / Sqrt2);

    /// <inheritdoc/>
    public override double Sf(double x) => 0.5 * SpecialFunctions.Erfc((x - Location) / Scale / Sqrt2);

    /// <inheritdoc/>
    protected override double InitialGuess(double p) => Location + Scale * StandardGuess(p);

    /// <summary>A&amp;S 26.2.23: for p ≤ ½, t = √(−2 ln p), z ≈ −(t − (c₀ + c₁t + c₂t²)/(1 + d₁t + d₂t² + d₃t³)).</summary>
    internal static double StandardGuess(double p)
    {
        double q = Math.Min(p, 1 - p);
        if (q <= 0) return p < 0.5 ? -38 : 38;
        double t = Math.Sqrt(-2 * Math.Log(q));
        double z = t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
        return p < 0.5 ? -z : z;
    }
}
