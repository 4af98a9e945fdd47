using Scratch.ML.Optimization;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Optimization;

public class NumericalDifferentiationTests
{
    // Central differences with h = ε^{1/3}·max(|x|, 1): error ≈ h²|f‴|/6 + ε|f|/h ≈ 1e-10 relative on these scales.
    private static readonly Tolerance Fd = new("CentralDifference", 1e-7, 1e-7);

    public static TheoryData<string> Problems() => new(TestProblems.All().Select(p => p.Name));

    [Theory, MemberData(nameof(Problems))]
    public void Gradient_MatchesAnalytic(string name)
    {
        var p = TestProblems.All().Single(q => q.Name == name);
        double[] x = p.Start.Select((v, i) => v + 0.1 * (i + 1)).ToArray();
        var analytic = new double[x.Length];
        p.Function(x, analytic);
        double[] numeric = NumericalDifferentiation.Gradient(v => p.Function(v, new double[v.Length]), x);
        for (int i = 0; i < x.Length; i++)
            Assert.True(Fd.IsClose(numeric[i], analytic[i]), $"{name} g[{i}]: {numeric[i]:R} vs {analytic[i]:R}");
        Assert.True(NumericalDifferentiation.CheckGradient(p.Function, x).Passed);
    }

    [Theory, MemberData(nameof(Problems))]
    public void Hessian_FromGradient_MatchesAnalytic(string name)
    {
        var p = TestProblems.All().Single(q => q.Name == name);
        if (name == "Beale") return; // its "analytic" Hessian in TestProblems is itself numerical
        double[] x = p.Start.Select((v, i) => v + 0.1 * (i + 1)).ToArray();
        int n = x.Length;
        double[] exact = new double[n * n], fromGrad = new double[n * n], fromValues = new double[n * n];
        p.Hessian(x, exact);
        NumericalDifferentiation.Hessian(p.Function, x, fromGrad);
        NumericalDifferentiation.Hessian((ObjectiveFunc)(v => p.Function(v, new double[v.Length])), x, fromValues);
        var second = new Tolerance("SecondDifference", 1e-4, 1e-5);   // ε^{1/2}-level accuracy of value-only second differences
        for (int i = 0; i < n * n; i++)
        {
            Assert.True(Fd.IsClose(fromGrad[i], exact[i]), $"{name} H[{i}] from gradient: {fromGrad[i]:R} vs {exact[i]:R}");
            Assert.True(second.IsClose(fromValues[i], exact[i]), $"{name} H[{i}] from values: {fromValues[i]:R} vs {exact[i]:R}");
        }
    }

    [Fact]
    public void CheckGradient_DetectsWrongGradient()
    {
        GradientFunc wrong = (x, g) => { g[0] = 2 * x[0]; g[1] = 3 * x[1]; return x[0] * x[0] + x[1] * x[1]; };
        var r = NumericalDifferentiation.CheckGradient(wrong, [1.0, 2.0]);
        Assert.False(r.Passed);
        Assert.Equal(1, r.WorstIndex);
        Assert.True(r.MaxAbsoluteError > 1);
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => NumericalDifferentiation.Gradient(x => x[0], [double.NaN]));
        Assert.Throws<ArgumentException>(() => NumericalDifferentiation.Gradient(x => x[0], [1.0], new double[2]));
        Assert.Throws<ArgumentException>(() => NumericalDifferentiation.Hessian(TestProblems.Booth, [1.0, 2.0], new double[3]));
    }
}
