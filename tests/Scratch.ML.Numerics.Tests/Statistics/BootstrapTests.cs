using Scratch.ML.Statistics;
using Xunit;

namespace Scratch.ML.Tests.Statistics;

public class BootstrapTests
{
    private static double Mean(ReadOnlySpan<double> s) => Descriptive.Mean(s);

    private static double[] NormalSample(int n, ulong seed)
    {
        // Deterministic normal sample by inverse cdf of a stratified, seeded permutation (no RNG dependency).
        var rng = new Random((int)seed);
        return Enumerable.Range(0, n).Select(i => NormalDistribution.Standard.Quantile((i + 0.5) / n) * 2 + 10)
            .OrderBy(_ => rng.Next()).ToArray();
    }

    [Theory]
    [InlineData(BootstrapMethod.Percentile)]
    [InlineData(BootstrapMethod.BCa)]
    public void SameSeed_SameInterval_DifferentSeed_DifferentInterval(BootstrapMethod method)
    {
        double[] x = NormalSample(40, 1);
        var a = Bootstrap.ConfidenceInterval(x, Mean, 0.9, 999, method, seed: 42, TestContext.Current.CancellationToken);
        var b = Bootstrap.ConfidenceInterval(x, Mean, 0.9, 999, method, seed: 42, TestContext.Current.CancellationToken);
        var c = Bootstrap.ConfidenceInterval(x, Mean, 0.9, 999, method, seed: 43, TestContext.Current.CancellationToken);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Low, c.Low);
    }

    [Theory]
    [InlineData(BootstrapMethod.Percentile)]
    [InlineData(BootstrapMethod.BCa)]
    public void MeanInterval_AgreesWithTInterval(BootstrapMethod method)
    {
        // For the mean of a symmetric sample both intervals approximate x̄ ± t·s/√n; 4000 resamples put the
        // Monte Carlo error of the ends near 2 % of the half-width, so agree to 10 %.
        double[] x = NormalSample(60, 2);
        var ci = Bootstrap.ConfidenceInterval(x, Mean, 0.95, 4000, method, seed: 7, TestContext.Current.CancellationToken);
        double m = Descriptive.Mean(x), se = Descriptive.StandardDeviation(x, 1) / Math.Sqrt(x.Length);
        double half = new StudentTDistribution(x.Length - 1).Quantile(0.975) * se;
        Assert.Equal(m, ci.Estimate, 12);
        Assert.True(Math.Abs(ci.Low - (m - half)) < 0.1 * half, $"low {ci.Low} vs {m - half}");
        Assert.True(Math.Abs(ci.High - (m + half)) < 0.1 * half, $"high {ci.High} vs {m + half}");
        Assert.True(Math.Abs(ci.StandardError - se) < 0.1 * se, $"se {ci.StandardError} vs {se}");
    }

    [Fact]
    public void BCa_ShiftsTowardsTheLongTail_ForSkewedStatistic()
    {
        // Variance of a right-skewed sample: BCa moves both ends up relative to the percentile interval.
        double[] x = Enumerable.Range(0, 50).Select(i => new ExponentialDistribution(1).Quantile((i + 0.5) / 50)).ToArray();
        double Var(ReadOnlySpan<double> s) => Descriptive.Variance(s, 1);
        var p = Bootstrap.ConfidenceInterval(x, Var, 0.9, 2000, BootstrapMethod.Percentile, seed: 3, TestContext.Current.CancellationToken);
        var b = Bootstrap.ConfidenceInterval(x, Var, 0.9, 2000, BootstrapMethod.BCa, seed: 3, TestContext.Current.CancellationToken);
        Assert.True(b.High > p.High && b.Low > p.Low, $"percentile [{p.Low}, {p.High}], BCa [{b.Low}, {b.High}]");
    }

    [Fact]
    public void Cancellation_IsHonoured()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => Bootstrap.ConfidenceInterval(NormalSample(10, 1), Mean, cancellationToken: cts.Token));
    }

    [Fact]
    public void BadInput_Throws()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Throws<ArgumentException>(() => Bootstrap.ConfidenceInterval([1.0], Mean, cancellationToken: ct));
        Assert.Throws<ArgumentException>(() => Bootstrap.ConfidenceInterval([1.0, double.NaN], Mean, cancellationToken: ct));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.ConfidenceInterval([1.0, 2.0], Mean, 1.0, cancellationToken: ct));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.ConfidenceInterval([1.0, 2.0], Mean, 0.9, 1, cancellationToken: ct));
    }
}
