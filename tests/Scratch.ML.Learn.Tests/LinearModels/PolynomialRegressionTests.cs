using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.Learn.LinearExtra.LinearExtraFixture;

namespace Scratch.ML.Tests.Learn.LinearExtra;

/// <summary>PolynomialFeatures(3) + LinearRegression / Ridge fitting a noisy cubic, against scikit-learn 1.2's pipelines.</summary>
public class PolynomialRegressionTests
{
    // Closed-form least squares on a 25 × 4 Vandermonde-like design on [−2, 2] (condition number ~30) on both sides:
    // agreement ~1e-13; 1e-10 leaves margin.
    private static readonly Tolerance VsSklearn = new("PolynomialPipelineVsSklearn", 1e-10, 1e-10);

    [Fact]
    public void CubicWithLinearRegressionMatchesSklearnPipeline()
    {
        var f = Root.GetProperty("poly");
        var x = Read(f.GetProperty("x")).Reshape(25, 1);
        var xq = Read(f.GetProperty("xq")).Reshape(4, 1);
        var poly = new PolynomialFeatures(3).Fit(x);
        var model = new LinearRegression().Fit(poly.Transform(x), Read(f.GetProperty("y")));
        var e = f.GetProperty("ols");
        TensorAssert.Close(Read(e.GetProperty("coef")), model.Coef, VsSklearn);
        TensorAssert.Close(Read(e.GetProperty("intercept")), model.Intercept, VsSklearn);
        TensorAssert.Close(Read(e.GetProperty("pred")), model.Predict(poly.Transform(xq)), VsSklearn);
        // The generating cubic 1 − 2x + 0.5x² + 0.3x³ is recovered to within the noise.
        double[] truth = [1, -2, 0.5, 0.3];
        var c = model.Coef.ToArray();
        Assert.InRange(model.Intercept.ToScalar() + c[0] - truth[0], -0.2, 0.2);
        for (int j = 1; j < 4; j++) Assert.InRange(c[j] - truth[j], -0.2, 0.2);
    }

    [Fact]
    public void CubicWithRidgeMatchesSklearnPipeline()
    {
        var f = Root.GetProperty("poly");
        var x = Read(f.GetProperty("x")).Reshape(25, 1);
        var xq = Read(f.GetProperty("xq")).Reshape(4, 1);
        var poly = new PolynomialFeatures(3, IncludeBias: false).Fit(x);
        var model = new Ridge(0.1).Fit(poly.Transform(x), Read(f.GetProperty("y")));
        var e = f.GetProperty("ridge");
        TensorAssert.Close(Read(e.GetProperty("coef")), model.Coef, VsSklearn);
        TensorAssert.Close(Read(e.GetProperty("intercept")), model.Intercept, VsSklearn);
        TensorAssert.Close(Read(e.GetProperty("pred")), model.Predict(poly.Transform(xq)), VsSklearn);
    }
}
