using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.Rng;

/// <summary>
/// Moments (6 standard errors) and the CDF at SciPy's percentiles (DKW bound, α = 10⁻⁶) of every continuous
/// distribution; see <see cref="RandomStats"/> for the statistics.
/// </summary>
public class DistributionTests
{
    private const int N = 100_000;

    public static TheoryData<string, Func<Generator, double[]>, double, double, double> Continuous => new()
    {
        // name (= fixture key), sampler, mean, variance, skewness
        { "uniform", g => RandomStats.ToDoubles(Tensor.Rand<float>(g, N)), 0.5, 1.0 / 12, 0 },
        { "uniform", g => RandomStats.ToDoubles(Tensor.Rand<double>(g, N)), 0.5, 1.0 / 12, 0 },
        { "normal", g => RandomStats.ToDoubles(Tensor.Randn<float>(g, N)), 0, 1, 0 },
        { "normal", g => RandomStats.ToDoubles(Tensor.Randn<double>(g, N)), 0, 1, 0 },
        { "normal_m2_s3", g => RandomStats.ToDoubles(Tensor.Normal<float>(2, 3, g, N)), 2, 9, 0 },
        { "normal_m2_s3", g => RandomStats.ToDoubles(Tensor.Normal<double>(2, 3, g, N)), 2, 9, 0 },
        { "exponential_rate2", g => RandomStats.ToDoubles(Tensor.Exponential<float>(2, g, N)), 0.5, 0.25, 2 },
        { "exponential_rate2", g => RandomStats.ToDoubles(Tensor.Exponential<double>(2, g, N)), 0.5, 0.25, 2 },
        { "gamma_a0.5", g => RandomStats.ToDoubles(Tensor.Gamma<double>(0.5, 1, g, N)), 0.5, 0.5, 2 / Math.Sqrt(0.5) },
        { "gamma_a1", g => RandomStats.ToDoubles(Tensor.Gamma<float>(1, 1, g, N)), 1, 1, 2 },
        { "gamma_a2.5_scale2", g => RandomStats.ToDoubles(Tensor.Gamma<double>(2.5, 2, g, N)), 5, 10, 2 / Math.Sqrt(2.5) },
        { "gamma_a30", g => RandomStats.ToDoubles(Tensor.Gamma<double>(30, 1, g, N)), 30, 30, 2 / Math.Sqrt(30) },
        { "beta_2_5", g => RandomStats.ToDoubles(Tensor.Beta<double>(2, 5, g, N)), 2.0 / 7, 10.0 / (49 * 8), 2 * 3 * Math.Sqrt(8) / (9 * Math.Sqrt(10)) },
    };

    [Theory]
    [MemberData(nameof(Continuous))]
    public void MomentsAndCdfMatch(string name, Func<Generator, double[]> sample, double mean, double variance, double skewness)
    {
        var x = sample(new Generator(2026));
        RandomStats.Moments(x, mean, variance, skewness, name);
        RandomStats.CdfMatches(x, name);
    }

    public static TheoryData<double, double> TruncatedBounds => new()
    {
        { -2, 2 }, { 1, 3 }, { 3, double.PositiveInfinity }, { double.NegativeInfinity, -4 }, { -0.5, 0.5 }, { 5, 5.2 },
    };

    [Theory]
    [MemberData(nameof(TruncatedBounds))]
    public void TruncatedNormalStaysInBoundsAndMatchesScipy(double a, double b)
    {
        string key = $"truncnorm_{Fmt(a)}_{Fmt(b)}";
        var (m, v, s) = RandomStats.ScipyMoments(key);
        var x = RandomStats.ToDoubles(Tensor.TruncatedNormal<double>(0, 1, a, b, new Generator(31), N));
        Assert.All(x, t => Assert.InRange(t, a, b));
        RandomStats.Moments(x, m, v, s, key);
        RandomStats.CdfMatches(x, key);
        // float32 with a mean and std: bounds mean + a·std, mean + b·std after rounding.
        var f = Tensor.TruncatedNormal<float>(10, 0.5, a, b, new Generator(32), 20_000).ToArray();
        float lo = (float)(10 + 0.5 * a), hi = (float)(10 + 0.5 * b);
        Assert.All(f, t => Assert.InRange(t, lo, hi));
    }

    private static string Fmt(double v) => double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf"
        : v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(4.0)]
    [InlineData(9.99)]
    [InlineData(10.0)]
    [InlineData(55.5)]
    [InlineData(1e6)]
    public void PoissonMomentsMatch(double lambda)
    {
        var x = RandomStats.ToDoubles(Tensor.Poisson(lambda, new Generator(8), N));
        if (lambda == 0) { Assert.All(x, v => Assert.Equal(0, v)); return; }
        Assert.All(x, v => Assert.True(v >= 0));
        RandomStats.Moments(x, lambda, lambda, 1 / Math.Sqrt(lambda), $"poisson {lambda}");
        // The probability mass at the mode against the exact pmf (6 binomial standard errors).
        long mode = (long)Math.Floor(lambda);
        double pmf = Math.Exp(-lambda + mode * Math.Log(lambda) - LogFactorial(mode));
        double freq = x.Count(v => v == mode) / (double)N;
        Assert.True(Math.Abs(freq - pmf) <= 6 * Math.Sqrt(pmf * (1 - pmf) / N), $"P(X = {mode}) = {freq} vs {pmf}");
    }

    private static double LogFactorial(long k)
    {
        double s = 0;
        if (k < 1000) { for (long i = 2; i <= k; i++) s += Math.Log(i); return s; }
        return k * Math.Log(k) - k + 0.5 * Math.Log(2 * Math.PI * k) + 1.0 / (12 * k);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-3)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void BernoulliFrequencyMatches(double p)
    {
        var x = Tensor.Bernoulli(p, new Generator(3), N).ToArray();
        double f = x.Count(b => b) / (double)N;
        if (p is 0 or 1) { Assert.Equal(p, f); return; }
        Assert.True(Math.Abs(f - p) <= 6 * Math.Sqrt(p * (1 - p) / N), $"frequency {f} vs {p}");
    }

    [Fact]
    public void BernoulliWithAProbabilityTensorMatchesPerElement()
    {
        // A constant tensor reproduces the scalar-p draws bit for bit; a varying one has the right frequencies.
        var constant = Tensor.Bernoulli(Tensor.Full(0.3, 1000, 7), new Generator(5));
        Assert.Equal(Tensor.Bernoulli(0.3, new Generator(5), 1000, 7).ToArray(), constant.ToArray());
        Assert.Equal([1000, 7], constant.ShapeArray());
        double[] ps = [0, 0.05, 0.5, 0.95, 1];
        var probs = Tensor.FromArray(Enumerable.Range(0, N).Select(i => (float)ps[i % 5]).ToArray());
        var x = Tensor.Bernoulli(probs, new Generator(6)).ToArray();
        for (int k = 0; k < 5; k++)
        {
            double p = (float)ps[k];
            int m = 0, hits = 0;
            for (int i = k; i < N; i += 5) { m++; if (x[i]) hits++; }
            double f = hits / (double)m;
            Assert.True(Math.Abs(f - p) <= 6 * Math.Sqrt(p * (1 - p) / m) + 1e-15, $"p = {p}: frequency {f}");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Bernoulli(Tensor.FromArray([0.5, 1.5]), new Generator(1)));
    }

    [Fact]
    public void UniformRangeStaysInsideAndCoversIt()
    {
        var f = Tensor.Uniform<float>(1, 1.0000001, new Generator(4), 10_000).ToArray(); // a 1-ulp-wide float interval
        Assert.All(f, v => Assert.Equal(1f, v));
        var d = Tensor.Uniform<double>(-1e10, 1e10, new Generator(4), N).ToArray();
        Assert.All(d, v => Assert.InRange(v, -1e10, 1e10));
        Assert.True(d.Min() < -0.999e10 && d.Max() > 0.999e10);
    }
}
