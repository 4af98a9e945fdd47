using System.Text.Json;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Elementwise;

/// <summary>erf, erfc, Gelu (both forms) and softplus against 60-digit mpmath values (fixture) and SciPy.</summary>
public class SpecialFunctionTests
{
    /// <summary>
    /// An independent double erf for twins: the all-positive series erf(x) = (2/√π)·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1))
    /// for |x| &lt; 3 (no cancellation), and the continued fraction for erfc beyond.
    /// </summary>
    public static double ErfTwin(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x);
        if (ax < 3)
        {
            double term = ax, sum = ax;
            for (int n = 1; n < 200 && term > 1e-18 * sum; n++)
            {
                term *= 2 * ax * ax / (2 * n + 1);
                sum += term;
            }
            return Math.CopySign(2 / Math.Sqrt(Math.PI) * Math.Exp(-ax * ax) * sum, x);
        }
        // erfc(a) = e^(−a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + …)))), evaluated backwards.
        double f = ax;
        for (int k = 60; k >= 1; k--) f = ax + k / 2.0 / f;
        double erfc = Math.Exp(-ax * ax) / Math.Sqrt(Math.PI) / f;
        return Math.CopySign(1 - erfc, x);
    }

    private sealed record Row(double X, double Erf, double Erfc, double Gelu, double GeluTanh, double ScipyErf, double ScipyErfc);

    private static Row[] Fixture()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "elementwise", "erf.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("rows").EnumerateArray().Select(r => new Row(
            r.GetProperty("x").GetDouble(), r.GetProperty("erf").GetDouble(), r.GetProperty("erfc").GetDouble(),
            r.GetProperty("gelu").GetDouble(), r.GetProperty("gelu_tanh").GetDouble(),
            r.GetProperty("scipy_erf").GetDouble(), r.GetProperty("scipy_erfc").GetDouble())).ToArray();
    }

    /// <summary>Distance in units in the last place (0 when both are equal, including equal infinities).</summary>
    private static double Ulps(double actual, double expected)
    {
        if (actual == expected) return 0;
        if (double.IsNaN(actual) || double.IsNaN(expected)) return double.PositiveInfinity;
        return Math.Abs(actual - expected) / Math.Max(Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected), double.Epsilon);
    }

    public static TheoryData<string, double> Functions() => new()
    {
        // name, max ulp (double). erf: polynomial pieces fitted to 0.2 ulp + evaluation ≤ 2 ulp. erfc: e^(−x²) adds
        // up to 2 ulp. gelu: x/√2 is rounded, which moves erfc(z) by ~2z²·ε/2 relative (z ≤ 6: up to 36 ulp); gelu_tanh:
        // e^(−2u) with u rounded, the same growth.
        { "erf", 4 }, { "erfc", 8 }, { "gelu", 64 }, { "gelu_tanh", 64 },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void DoubleMatchesMpmath(string name, double maxUlp)
    {
        var rows = Fixture();
        var x = Tensor.FromArray(rows.Select(r => r.X).ToArray());
        var (actual, expected) = name switch
        {
            "erf" => (x.Erf(), rows.Select(r => r.Erf)),
            "erfc" => (x.Erfc(), rows.Select(r => r.Erfc)),
            "gelu" => (x.Gelu(), rows.Select(r => r.Gelu)),
            _ => (x.GeluTanh(), rows.Select(r => r.GeluTanh)),
        };
        var a = actual.ToArray();
        var e = expected.ToArray();
        for (int i = 0; i < a.Length; i++)
        {
            if (Math.Abs(e[i]) < 1e-290) { Assert.True(Math.Abs(a[i] - e[i]) < 1e-300, $"{name}({rows[i].X:R}) = {a[i]:R}, expected {e[i]:R}"); continue; }
            // The functions' own condition number |x·f′/f| grows in the left tail (x² for the exact Gelu, ~0.2|x|³ for the
            // tanh form): rounding x/√2 or u there costs that many half-ulps, in any implementation.
            double xa = Math.Abs(rows[i].X);
            double kappa = name == "gelu" ? 1 + xa * xa : name == "gelu_tanh" ? 1 + 1.6 * xa + 0.22 * xa * xa * xa : 1;
            double u = Ulps(a[i], e[i]);
            Assert.True(u <= maxUlp * kappa, $"{name}({rows[i].X:R}) = {a[i]:R}, mpmath {e[i]:R}: {u:F1} ulp > {maxUlp}.");
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void FloatIsTheDoubleResultRounded(string name, double maxUlp)
    {
        _ = maxUlp;
        var rows = Fixture();
        var xf = rows.Select(r => (float)r.X).ToArray();
        var x32 = Tensor.FromArray(xf);
        var x64 = x32.Cast<double>();
        var (a32, a64) = name switch
        {
            "erf" => (x32.Erf(), x64.Erf()),
            "erfc" => (x32.Erfc(), x64.Erfc()),
            "gelu" => (x32.Gelu(), x64.Gelu()),
            _ => (x32.GeluTanh(), x64.GeluTanh()),
        };
        Assert.Equal(a64.ToArray().Select(v => (float)v).ToArray(), a32.ToArray());
    }

    [Fact]
    public void ScipyAgreesWithMpmathWhereOurKernelIsChecked()
    {
        // Documents the peer: SciPy's erf is itself within a few ulp of mpmath on this grid, so matching mpmath
        // implies matching SciPy to the same order.
        foreach (var r in Fixture().Where(r => Math.Abs(r.X) < 6))
            Assert.True(Ulps(r.ScipyErf, r.Erf) <= 4, $"scipy erf({r.X:R})");
    }

    [Fact]
    public void SpecialValuesOfErfFamily()
    {
        var x = Tensor.FromArray([0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 30.0, -30.0]);
        Assert.Equal([0.0, -0.0, 1, -1, double.NaN, 1, -1], x.Erf().ToArray());
        Assert.True(double.IsNegative(x.Erf()[1]));
        Assert.Equal([1.0, 1, 0, 2, double.NaN, 0, 2], x.Erfc().ToArray());
        var g = x.Gelu().ToArray();
        Assert.Equal([0.0, -0.0, double.PositiveInfinity, -0.0, double.NaN, 30], g[..6]);
        Assert.Equal(-1.4720141781444e-196, g[6], 1e-208); // −30·Φ(−30): the left tail keeps its relative accuracy
        Assert.Equal([0.0, -0.0, double.PositiveInfinity, -0.0, double.NaN, 30], x.GeluTanh().ToArray()[..6]);
        Assert.True(double.IsNegative(x.Gelu()[3]));
    }

    public static TheoryData<double, double> SoftplusParameters() => new() { { 1, 20 }, { 2, 20 }, { 0.5, 5 }, { 10, 1 } };

    [Theory]
    [MemberData(nameof(SoftplusParameters))]
    public void SoftplusMatchesStableTwinWithBetaAndThreshold(double beta, double threshold)
    {
        var xs = Enumerable.Range(-400, 801).Select(i => i / 10.0).Concat([double.NegativeInfinity, double.PositiveInfinity, double.NaN, -745.0, 700.0]).ToArray();
        var y = Tensor.FromArray(xs).Softplus(beta, threshold).ToArray();
        var tol = Tolerance.Float64Kernel.Scaled(4, "log1p via ln(u)·e/(u−1) and a division by β");
        for (int i = 0; i < xs.Length; i++)
        {
            double z = beta * xs[i];
            // Twin: the textbook formula, with log1p from the series where e^z is tiny.
            double e = z > threshold ? xs[i] : z > 30 ? (z + Math.Exp(-z)) / beta : z < -30 ? Math.Exp(z) / beta : Math.Log(1 + Math.Exp(z)) / beta;
            if (z > -30 && z <= 30 && z <= threshold) e = (Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))) ) / beta;
            Assert.True(tol.IsClose(y[i], e), $"softplus({xs[i]:R}; β={beta}, t={threshold}) = {y[i]:R}, expected {e:R}");
        }
        Assert.Equal(Math.Exp(-30) - Math.Exp(-60) / 2, Tensor.FromArray([-30.0]).Softplus().ToScalar(), 1e-28); // log1p(e⁻³⁰), not e⁻³⁰
    }

    [Fact]
    public void SoftplusRejectsBadParameters()
    {
        var x = Tensor.FromArray([1.0]);
        Assert.Contains("beta", Assert.Throws<ArgumentOutOfRangeException>(() => x.Softplus(0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Softplus(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Softplus(1, double.NaN));
    }
}
