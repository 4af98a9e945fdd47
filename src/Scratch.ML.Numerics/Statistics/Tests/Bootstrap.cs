using Scratch.ML.Rng;

namespace Scratch.ML.Statistics;

/// <summary>A statistic of a one-dimensional sample (e.g. the mean), evaluated on each bootstrap resample.</summary>
public delegate double SampleStatistic(ReadOnlySpan<double> sample);

/// <summary>How <see cref="Bootstrap.ConfidenceInterval"/> turns the bootstrap distribution into an interval.</summary>
public enum BootstrapMethod
{
    /// <summary>The α/2 and 1 − α/2 quantiles of the bootstrap replicates.</summary>
    Percentile,
    /// <summary>Bias-corrected and accelerated (Efron 1987): percentile levels adjusted for median bias and skewness.</summary>
    BCa,
}

/// <summary>A bootstrap confidence interval.</summary>
/// <param name="Low">Lower end.</param>
/// <param name="High">Upper end.</param>
/// <param name="Estimate">The statistic on the original sample.</param>
/// <param name="StandardError">The standard deviation (ddof = 1) of the bootstrap replicates.</param>
public sealed record BootstrapInterval(double Low, double High, double Estimate, double StandardError);

/// <summary>
/// Nonparametric bootstrap confidence intervals for a statistic of one sample.
/// <para>
/// B resamples of size n are drawn with replacement by the library's counter-based <see cref="Generator"/> seeded with
/// <c>seed</c> (unbiased indices; results reproducible bit for bit) and the statistic θ*_b is evaluated on each.
/// <b>Percentile</b>: [q_{α/2}, q_{1−α/2}] of the θ*_b (NumPy 'linear' quantiles).
/// <b>BCa</b>: with the bias correction z₀ = Φ⁻¹(#{θ*_b &lt; θ̂}/B) and the acceleration
/// a = Σ(θ̄₍·₎ − θ₍ᵢ₎)³ / (6·(Σ(θ̄₍·₎ − θ₍ᵢ₎)²)^{3/2}) from the n leave-one-out (jackknife) values θ₍ᵢ₎, the levels
/// become αⱼ = Φ(z₀ + (z₀ + z_j)/(1 − a(z₀ + z_j))) for z_j = Φ⁻¹(α/2), Φ⁻¹(1 − α/2), and the interval is the
/// αⱼ-quantiles of θ*_b. BCa is second-order accurate and transformation-respecting; when all replicates lie on one
/// side of θ̂ (z₀ = ±∞) or the jackknife values are all equal, the interval is NaN (as SciPy).
/// </para>
/// </summary>
public static class Bootstrap
{
    /// <summary>A two-sided confidence interval for <paramref name="statistic"/> of <paramref name="sample"/>.</summary>
    /// <exception cref="ArgumentException">Sample with fewer than 2 values or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Confidence level outside (0, 1), fewer than 2 resamples.</exception>
    public static BootstrapInterval ConfidenceInterval(ReadOnlySpan<double> sample, SampleStatistic statistic, double confidenceLevel = 0.95,
        int resamples = 9999, BootstrapMethod method = BootstrapMethod.BCa, ulong seed = 0, CancellationToken cancellationToken = default)
    {
        const string op = "Bootstrap.ConfidenceInterval";
        ArgumentNullException.ThrowIfNull(statistic);
        SampleChecks.Require(op, sample, nameof(sample), 2);
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, $"{op}: the confidence level must lie in (0, 1).");
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 2, nameof(resamples));
        int n = sample.Length;
        double estimate = statistic(sample);

        var generator = new Generator(seed);
        var replicates = new double[resamples];
        var buffer = new double[n];
        var picks = new int[n];
        for (int b = 0; b < resamples; b++)
        {
            if ((b & 255) == 0) cancellationToken.ThrowIfCancellationRequested();
            generator.Integers(picks, 0, n);
            for (int i = 0; i < n; i++) buffer[i] = sample[picks[i]];
            replicates[b] = statistic(buffer);
        }
        for (int b = 0; b < resamples; b++)
            if (double.IsNaN(replicates[b])) throw new ArgumentException($"{op}: the statistic returned NaN on resample {b}.", nameof(statistic));
        double se = Math.Sqrt(Descriptive.VarianceCore(replicates, Descriptive.MeanCore(replicates), 1));
        Array.Sort(replicates);

        double alpha = 1 - confidenceLevel;
        double lowLevel = alpha / 2, highLevel = 1 - alpha / 2;
        if (method == BootstrapMethod.BCa)
        {
            int below = 0;
            foreach (double v in replicates) if (v < estimate) below++;
            double z0 = NormalDistribution.Standard.Quantile((double)below / resamples);
            double a = Acceleration(sample, statistic);
            double zl = NormalDistribution.Standard.Quantile(lowLevel), zh = NormalDistribution.Standard.Quantile(highLevel);
            lowLevel = AdjustedLevel(z0, a, zl);
            highLevel = AdjustedLevel(z0, a, zh);
            if (double.IsNaN(lowLevel) || double.IsNaN(highLevel))
                return new BootstrapInterval(double.NaN, double.NaN, estimate, se);
        }
        double low = Descriptive.QuantileSorted(replicates, lowLevel, QuantileMethod.Linear);
        double high = Descriptive.QuantileSorted(replicates, highLevel, QuantileMethod.Linear);
        return new BootstrapInterval(low, high, estimate, se);
    }

    private static double AdjustedLevel(double z0, double a, double z)
    {
        if (!double.IsFinite(z0) || !double.IsFinite(a)) return double.NaN;
        double level = NormalDistribution.Standard.Cdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
        return double.IsNaN(level) ? double.NaN : Math.Clamp(level, 0, 1);
    }

    /// <summary>The jackknife acceleration a = Σd³ / (6(Σd²)^{3/2}), dᵢ = θ̄₍·₎ − θ₍ᵢ₎.</summary>
    private static double Acceleration(ReadOnlySpan<double> sample, SampleStatistic statistic)
    {
        int n = sample.Length;
        var jack = new double[n];
        var buffer = new double[n - 1];
        for (int i = 0; i < n; i++)
        {
            sample[..i].CopyTo(buffer);
            sample[(i + 1)..].CopyTo(buffer.AsSpan(i));
            jack[i] = statistic(buffer);
        }
        double mean = Descriptive.MeanCore(jack), s2 = 0, s3 = 0;
        foreach (double v in jack)
        {
            double d = mean - v;
            s2 += d * d; s3 += d * d * d;
        }
        return s3 / (6 * Math.Pow(s2, 1.5));
    }
}
