using Scratch.ML.Optimization;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Optimization;

public class ScalarMethodTests
{
    public static TheoryData<string, double, double, double> Roots() => new()
    {
        // name, a, b, root (closed form)
        { "x^2 - 2", 0, 2, Math.Sqrt(2) },
        { "x^3 - 2x - 5", 2, 3, 2.0945514815423265 },
        { "cos x - x", 0, 1, 0.7390851332151607 },
        { "exp(x) - 10", 0, 5, Math.Log(10) },
        { "x^5 - x - 1", 1, 2, 1.1673039782614187 },
        { "ln x", 0.1, 5, 1.0 },
    };

    private static Func<double, double> F(string name) => name switch
    {
        "x^2 - 2" => x => x * x - 2,
        "x^3 - 2x - 5" => x => x * x * x - 2 * x - 5,
        "cos x - x" => x => Math.Cos(x) - x,
        "exp(x) - 10" => x => Math.Exp(x) - 10,
        "(x - 1)^3" => x => (x - 1) * (x - 1) * (x - 1),
        "x^5 - x - 1" => x => Math.Pow(x, 5) - x - 1,
        "ln x" => Math.Log,
        _ => throw new ArgumentException(name),
    };

    // brentq's xtol = 2e-12 bounds the bracket; a triple root is flat, so allow the tolerance itself.
    private static readonly Tolerance RootTol = new("BrentRootXtol", 4e-12, 4 * 2.220446049250313e-16);

    [Theory, MemberData(nameof(Roots))]
    public void BrentRoot_FindsRoot(string name, double a, double b, double root)
    {
        var r = BrentRoot.FindRoot(F(name), a, b);
        Assert.True(r.Converged);
        Assert.True(RootTol.IsClose(r.Root, root), $"{name}: {r.Root:R} vs {root:R}");
        Assert.True(r.Iterations < 60, $"{r.Iterations} iterations");
        var reversed = BrentRoot.FindRoot(F(name), b, a);
        Assert.True(RootTol.IsClose(reversed.Root, root));
    }

    [Theory, MemberData(nameof(Roots))]
    public void Bisection_FindsRoot(string name, double a, double b, double root)
    {
        var r = Bisection.FindRoot(F(name), a, b);
        Assert.True(r.Converged);
        Assert.True(RootTol.IsClose(r.Root, root), $"{name}: {r.Root:R} vs {root:R}");
    }

    [Fact]
    public void BrentRoot_TripleRoot_NeedsMoreIterations_LikeScipy()
    {
        // Interpolation crawls towards a multiple root; scipy.optimize.brentq((x−1)³, −2, 3) also fails within its
        // default 100 iterations. The result reports that honestly, and a larger budget converges.
        Func<double, double> f = x => (x - 1) * (x - 1) * (x - 1);
        var limited = BrentRoot.FindRoot(f, -2, 3);
        Assert.False(limited.Converged);
        var r = BrentRoot.FindRoot(f, -2, 3, maxIterations: 2000);
        Assert.True(r.Converged);
        Assert.True(RootTol.IsClose(r.Root, 1.0), $"{r.Root:R}");
    }

    [Fact]
    public void Brent_IsFasterThanBisection_OnSmoothFunction()
    {
        var brent = BrentRoot.FindRoot(x => Math.Cos(x) - x, 0, 1);
        var bisect = Bisection.FindRoot(x => Math.Cos(x) - x, 0, 1);
        Assert.True(brent.FunctionEvaluations < bisect.FunctionEvaluations / 3, $"{brent.FunctionEvaluations} vs {bisect.FunctionEvaluations}");
    }

    [Theory]
    [InlineData(0.0, 4.0, 2.0)]        // (x − 2)² + 1
    [InlineData(-5.0, 5.0, 2.0)]
    public void BrentMinimizer_FindsMinimum(double a, double b, double xmin)
    {
        var r = BrentMinimizer.Minimize(x => (x - 2) * (x - 2) + 1, a, b);
        Assert.True(r.Converged);
        Assert.True(Math.Abs(r.X - xmin) < 1e-7, $"{r.X}");
        Assert.Equal(1.0, r.Value, 12);
    }

    [Fact]
    public void BrentMinimizer_NonQuadratic()
    {
        // min of x·e^{−x}·(−1) on [0, 5] is at x = 1; √ε accuracy in x.
        var r = BrentMinimizer.Minimize(x => -x * Math.Exp(-x), 0, 5);
        Assert.True(Math.Abs(r.X - 1) < 1e-7, $"{r.X}");
        Assert.True(r.FunctionEvaluations < 40);
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => BrentRoot.FindRoot(x => x * x + 1, -1, 1));     // no sign change
        Assert.Throws<ArgumentException>(() => BrentRoot.FindRoot(x => x, double.NaN, 1));
        Assert.Throws<ArgumentException>(() => BrentRoot.FindRoot(x => x, 1, 1));
        Assert.Throws<ArgumentException>(() => BrentRoot.FindRoot(x => double.NaN, -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BrentRoot.FindRoot(x => x, -1, 1, absoluteTolerance: -1));
        Assert.Throws<ArgumentException>(() => Bisection.FindRoot(x => x * x + 1, -1, 1));
        Assert.Throws<ArgumentException>(() => BrentMinimizer.Minimize(x => x, double.PositiveInfinity, 1));
    }
}
