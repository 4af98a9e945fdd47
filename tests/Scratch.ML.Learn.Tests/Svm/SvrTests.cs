using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Svm;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;

namespace Scratch.ML.Tests.Learn.Svm;

/// <summary>ε-SVR against scikit-learn 1.2 on diabetes (tol = 1e-10) and the regressor conformance suite.</summary>
public class SvrTests
{
    // LibsvmSingleCache reproduces libsvm's float32 kernel cache; targets are O(100), so relative 1e-9 with an absolute
    // floor of 1e-7 on predictions and coefficients (coefficients reach C = 1000).
    private static readonly Tolerance VsSklearn = new("SvrVsLibsvm", 1e-7, 1e-9);

    private static SVR Options(string name) => name switch
    {
        "rbf" => new SVR(C: 100, Epsilon: 5, Tol: 1e-10),
        "linear" => new SVR(C: 1000, Epsilon: 10, Kernel: SvmKernel.Linear, Tol: 1e-10),
        "poly" => new SVR(C: 50, Epsilon: 2, Kernel: SvmKernel.Poly, Degree: 2, Coef0: 1, Tol: 1e-10),
        _ => new SVR(C: 20, Epsilon: 1, Tol: 1e-10),
    };

    [Theory]
    [InlineData("rbf")]
    [InlineData("linear")]
    [InlineData("poly")]
    [InlineData("weighted")]
    public void MatchesSklearnOnDiabetes(string name)
    {
        var ds = SmallDatasets.LoadDiabetes();
        var f = SvmFixture.Root.GetProperty("svr").GetProperty(name);
        var w = name == "weighted" ? Tensor.FromArray(Enumerable.Range(0, ds.SampleCount).Select(i => 0.5 + i % 4).ToArray(), ds.SampleCount) : null;
        var m = (Options(name) with { LibsvmSingleCache = true }).Fit(ds.Data, ds.Target, w);
        Assert.Equal(SvmFixture.Ints(f.GetProperty("support")), m.SupportIndices);
        TensorAssert.Close(SvmFixture.Vector(f.GetProperty("dual_coef")), m.DualCoef.Reshape(m.SupportIndices.Count), VsSklearn);
        Assert.Equal(f.GetProperty("intercept").GetDouble(), m.Intercept[0], 1e-7);
        TensorAssert.Close(SvmFixture.Vector(f.GetProperty("predict")), m.Predict(ds.Data), VsSklearn);

        // LOOSER: the default float64 cache solves the unrounded problem; predictions (O(100)) move by < 1e-3.
        var d = Options(name).Fit(ds.Data, ds.Target, w);
        TensorAssert.Close(SvmFixture.Vector(f.GetProperty("predict")), d.Predict(ds.Data), new("Float64CacheVsLibsvmFloat32", 1e-3, 1e-5));
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        // A tight tolerance: row order and repeated rows change an SMO solution only within Tol, and the suite compares
        // predictions to 1e-9. A fixed γ: with γ = "scale" the kernel depends on Var(X), which repeating rows changes.
        var checks = EstimatorConformance.CheckRegressor(new SVR(C: 10, Gamma: 0.2, Tol: 1e-12), SVRModel<double>.Load, SVRModel<float>.Load);
        Assert.Contains("integer weights equal repeated rows", checks);
        Assert.Contains("row order does not matter", checks);
        EstimatorConformance.CheckRegressor(new SVR(C: 10, Kernel: SvmKernel.Linear, Epsilon: 0.01, Tol: 1e-12), SVRModel<double>.Load, SVRModel<float>.Load);
    }

    [Fact]
    public void BadOptionsFailClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SVR(Epsilon: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SVR(C: double.PositiveInfinity));
        Assert.Contains("square", Assert.Throws<ArgumentException>(() => new SVR(Kernel: SvmKernel.Precomputed).Fit(Tensor.Ones<double>(3, 2), Tensor.Ones<double>(3))).Message);
    }
}
