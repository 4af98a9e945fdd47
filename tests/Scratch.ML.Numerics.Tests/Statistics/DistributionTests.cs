using System.Text.Json;
using Scratch.ML.Statistics;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Statistics;

public class DistributionTests
{
    private static readonly Tolerance Tol = Tolerance.SpecialFunction;

    public static TheoryData<int> CaseIndices() =>
        new(Enumerable.Range(0, Fixtures.Load("distributions.json").GetProperty("cases").GetArrayLength()));

    internal static ContinuousDistribution Create(string name, double[] p) => name switch
    {
        "Normal" => new NormalDistribution(p[0], p[1]),
        "StudentT" => new StudentTDistribution(p[0]),
        "ChiSquared" => new ChiSquaredDistribution(p[0]),
        "FisherF" => new FisherFDistribution(p[0], p[1]),
        "Gamma" => new GammaDistribution(p[0], p[1]),
        "Beta" => new BetaDistribution(p[0], p[1]),
        "Uniform" => new UniformDistribution(p[0], p[1]),
        "Exponential" => new ExponentialDistribution(p[0]),
        _ => throw new ArgumentException(name),
    };

    private static (ContinuousDistribution, JsonElement, string) Case(int index)
    {
        var c = Fixtures.Load("distributions.json").GetProperty("cases")[index];
        double[] p = c.Doubles("params");
        string label = $"{c.GetProperty("name").GetString()}({string.Join(", ", p)})";
        return (Create(c.GetProperty("name").GetString()!, p), c, label);
    }

    private static void Close(double expected, double actual, string what, Tolerance? tol = null)
    {
        var t = tol ?? Tol;
        Assert.True(t.IsClose(actual, expected), $"{what}: got {actual:R}, SciPy {expected:R}");
    }

    [Theory, MemberData(nameof(CaseIndices))]
    public void DensityAndDistributionFunctions_MatchScipy(int index)
    {
        var (d, c, label) = Case(index);
        Close(c.D("mean"), d.Mean, $"{label} mean");
        Close(c.D("var"), d.Variance, $"{label} var");
        foreach (var r in c.GetProperty("points").EnumerateArray())
        {
            double x = r.D("x");
            Close(r.D("pdf"), d.Pdf(x), $"{label} pdf({x})");
            Close(r.D("logpdf"), d.LogPdf(x), $"{label} logpdf({x})");
            Close(r.D("cdf"), d.Cdf(x), $"{label} cdf({x})");
            Close(r.D("sf"), d.Sf(x), $"{label} sf({x})");
        }
    }

    [Theory, MemberData(nameof(CaseIndices))]
    public void Quantiles_MatchScipy(int index)
    {
        var (d, c, label) = Case(index);
        foreach (var r in c.GetProperty("quantiles").EnumerateArray())
        {
            // null: SciPy's own cdf/sf did not reproduce p at its quantile, so the row is no reference (see the script).
            double p = r.D("p");
            if (r.GetProperty("ppf").ValueKind != JsonValueKind.Null) Close(r.D("ppf"), d.Quantile(p), $"{label} ppf({p:R})");
            if (r.GetProperty("isf").ValueKind != JsonValueKind.Null) Close(r.D("isf"), d.InverseSf(p), $"{label} isf({p:R})");
        }
    }

    [Theory, MemberData(nameof(CaseIndices))]
    public void Quantile_InvertsCdf(int index)
    {
        var (d, _, label) = Case(index);
        // Representation-aware: the cdf at the neighbouring doubles of x must bracket p (to the tolerance), because x
        // cannot be closer than one ulp — e.g. Gamma(0.005) puts p = 1e-12 at x ≈ 1e-2400, which underflows to 0.
        var tol = Tol.Scaled(100, "round trip through a steep or flat cdf");
        foreach (double p in new[] { 1e-12, 0.01, 0.2, 0.5, 0.8, 0.99 })
        {
            double x = d.Quantile(p);
            double below = d.Cdf(Math.BitDecrement(x)), above = d.Cdf(Math.BitIncrement(x));
            bool bracketed = below <= p + tol.Absolute + tol.Relative * p && above >= p - tol.Absolute - tol.Relative * p;
            Assert.True(bracketed || tol.IsClose(d.Cdf(x), p), $"{label} ppf({p}) = {x:R}: cdf {d.Cdf(x):R}, neighbours {below:R} … {above:R}");
        }
    }

    [Fact]
    public void BadParameters_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StudentTDistribution(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChiSquaredDistribution(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FisherFDistribution(1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormalDistribution(0, -2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GammaDistribution(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BetaDistribution(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UniformDistribution(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDistribution(-1));
        var n = NormalDistribution.Standard;
        Assert.Throws<ArgumentOutOfRangeException>(() => n.Quantile(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => n.Quantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => n.Quantile(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => n.InverseSf(2));
    }

    [Fact]
    public void QuantileEnds_AreSupportEnds()
    {
        Assert.Equal(double.NegativeInfinity, NormalDistribution.Standard.Quantile(0));
        Assert.Equal(double.PositiveInfinity, new ChiSquaredDistribution(3).Quantile(1));
        Assert.Equal(0, new ChiSquaredDistribution(3).Quantile(0));
        Assert.Equal(1, new BetaDistribution(2, 2).Quantile(1));
    }
}
