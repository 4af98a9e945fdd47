using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.LinearModels.LinearFixture;

namespace Scratch.ML.Tests.Learn.LinearModels;

/// <summary>Ridge against scikit-learn 1.2 (tests/reference/sklearn_linear.py) and the conformance suite.</summary>
public class RidgeTests
{
    // Closed form on both sides in float64 (our Cholesky vs LAPACK's posv / scikit-learn's kernel solve), on
    // well-conditioned systems (cond(x̃ᵀx̃ + αI) < 1e3): agreement ~1e-14 relative; 1e-10 leaves margin.
    private static readonly Tolerance VsSklearn = new("RidgeVsSklearn", 1e-10, 1e-10);

    [Theory]
    [InlineData("plain", "x", "y", 1.0, true, false)]
    [InlineData("no_intercept", "x", "y", 0.3, false, false)]
    [InlineData("weighted", "x", "y", 2.0, true, true)]
    [InlineData("multi", "x", "y2", 1.0, true, false)]
    [InlineData("wide", "xw", "yw", 0.7, true, false)]
    [InlineData("wide_weighted", "xw", "yw", 0.7, false, true)]
    public void MatchesSklearn(string tag, string xName, string yName, double alpha, bool intercept, bool weighted)
    {
        var x = DataTensor(xName);
        var w = weighted ? DataTensor("w").Narrow(0, 0, x.Shape[0]).Contiguous() : null;
        var m = new Ridge(alpha, intercept).Fit(x, DataTensor(yName), w);
        var f = Root.GetProperty("ridge").GetProperty(tag);
        TensorAssert.Close(Read(f.GetProperty("coef")), m.Coef, VsSklearn);
        TensorAssert.Close(Read(f.GetProperty("intercept")), m.Intercept, VsSklearn);
        TensorAssert.Close(Read(f.GetProperty("pred")), m.Predict(x), VsSklearn);
    }

    [Fact]
    public void PerTargetAlphaMatchesSklearn()
    {
        var x = DataTensor("x");
        var m = new Ridge(PerTargetAlpha: [0.5, 5.0]).Fit(x, DataTensor("y2"));
        var f = Root.GetProperty("ridge").GetProperty("per_target");
        TensorAssert.Close(Read(f.GetProperty("coef")), m.Coef, VsSklearn);
        TensorAssert.Close(Read(f.GetProperty("intercept")), m.Intercept, VsSklearn);
        Assert.Equal([0.5, 5.0], m.Alphas);
        Assert.Equal([2, 5], m.Coef.Shape.ToArray());
    }

    [Fact]
    public void PrimalAndDualFormsAgree()
    {
        // The same wide problem solved through x̃x̃ᵀ (dual) and, transposed in size, a tall copy through x̃ᵀx̃: repeating
        // every row twice with α doubled gives the same minimiser and n = 16 > 12 = d switches to the primal form.
        var x = DataTensor("xw");
        var y = DataTensor("yw");
        var dual = new Ridge(0.7).Fit(x, y);
        var primal = new Ridge(1.4).Fit(Tensor.Concat([x, x], 0), Tensor.Concat([y, y], 0));
        TensorAssert.Close(dual.Coef, primal.Coef, VsSklearn);
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckRegressor(new Ridge(), RidgeModel<double>.Load, RidgeModel<float>.Load);
        Assert.Contains("integer weights equal repeated rows", checks);
        Assert.Contains("multi-output shape", checks);
        EstimatorConformance.CheckRegressor(new Ridge(0.01, FitIntercept: false), RidgeModel<double>.Load, RidgeModel<float>.Load);
    }

    [Fact]
    public void SaveLoadKeepsPerTargetAlpha()
    {
        var m = new Ridge(PerTargetAlpha: [0.1, 3.0]).Fit(DataTensor("x"), DataTensor("y2"));
        using var s = new MemoryStream();
        m.Save(s);
        s.Position = 0;
        var back = RidgeModel<double>.Load(s);
        Assert.Equal([0.1, 3.0], back.Options.PerTargetAlpha!);
        Assert.Equal(m.Alphas, back.Alphas);
        TensorAssert.Close(m.Coef, back.Coef, Tolerance.Exact);
    }

    [Fact]
    public void BadOptionsAndInputsFailClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ridge(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ridge(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ridge(double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => new Ridge(PerTargetAlpha: []));
        Assert.Throws<ArgumentException>(() => new Ridge(PerTargetAlpha: [1.0, -2.0]));
        Assert.Contains("3 entries for 2 targets", Assert.Throws<ArgumentException>(() => new Ridge(PerTargetAlpha: [1, 2, 3]).Fit(DataTensor("x"), DataTensor("y2"))).Message);
        // α = 0 with a duplicated column: singular, reported rather than returning garbage.
        var x = DataTensor("x");
        var dup = Tensor.Concat([x, x.Narrow(1, 0, 1)], 1);
        Assert.Contains("not positive definite", Assert.Throws<ArgumentException>(() => new Ridge(0).Fit(dup, DataTensor("y"))).Message);
    }
}
