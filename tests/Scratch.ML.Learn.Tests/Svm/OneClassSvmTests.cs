using Scratch.ML.Learn.Svm;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;

namespace Scratch.ML.Tests.Learn.Svm;

/// <summary>OneClassSVM against scikit-learn 1.2 on standardised iris (tol = 1e-10) and the outlier-detector suite.</summary>
public class OneClassSvmTests
{
    // LibsvmSingleCache reproduces libsvm's float32 kernel cache: solutions agree to summation order.
    private static readonly Tolerance VsSklearn = new("OneClassVsLibsvm", 1e-9, 1e-9);

    private static OneClassSVM Options(string name) => name switch
    {
        "rbf" => new OneClassSVM(Nu: 0.1, Tol: 1e-10),
        "rbf_half" => new OneClassSVM(Nu: 0.5, Tol: 1e-10),
        "poly" => new OneClassSVM(Nu: 0.2, Kernel: SvmKernel.Poly, Degree: 2, Coef0: 1, Tol: 1e-10),
        _ => new OneClassSVM(Nu: 0.15, Tol: 1e-10),
    };

    [Theory]
    [InlineData("rbf")]
    [InlineData("rbf_half")]
    [InlineData("poly")]
    [InlineData("weighted")]
    public void MatchesSklearnOnIris(string name)
    {
        var (x, _) = SvmFixture.Classification("iris");
        var f = SvmFixture.Root.GetProperty("one_class").GetProperty(name);
        var w = name == "weighted" ? Tensor.FromArray(Enumerable.Range(0, 150).Select(i => 0.5 + i % 4).ToArray(), 150) : null;
        var m = (Options(name) with { LibsvmSingleCache = true }).Fit(x, w);
        Assert.Equal(SvmFixture.Ints(f.GetProperty("support")), m.SupportIndices);
        TensorAssert.Close(SvmFixture.Vector(f.GetProperty("dual_coef")), m.DualCoef.Reshape(m.SupportIndices.Count), VsSklearn);
        Assert.Equal(f.GetProperty("intercept").GetDouble(), m.Intercept[0], 1e-9);
        TensorAssert.Close(SvmFixture.Vector(f.GetProperty("decision")), m.DecisionFunction(x), VsSklearn);
        TensorAssert.Close(SvmFixture.Vector(f.GetProperty("score")), m.ScoreSamples(x), VsSklearn);
        Assert.Equal(SvmFixture.Ints(f.GetProperty("predict")), m.Predict(x));
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        // Fixed γ (γ = "scale" depends on Var(X), which repeated rows change) and a tight tolerance (the suite compares
        // decision values to 1e-9; SMO solutions are unique only up to Tol).
        var checks = EstimatorConformance.CheckOutlierDetector(new OneClassSVM(Nu: 0.3, Gamma: 0.2, Tol: 1e-12), OneClassSVMModel<double>.Load, OneClassSVMModel<float>.Load);
        Assert.Contains("integer weights equal repeated rows", checks);
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneClassSVM(Nu: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneClassSVM(Nu: 1.5));
    }
}
