using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.LinearExtra.LinearExtraFixture;

namespace Scratch.ML.Tests.Learn.LinearExtra;

/// <summary>BayesianRidge against scikit-learn 1.2 (tests/reference/sklearn_linear_extra.py) and the conformance suite.</summary>
public class BayesianRidgeTests
{
    // The same deterministic iteration as scikit-learn (same start, same updates, same stopping rule, same iteration
    // count); only the SVD and summation rounding differ (~1e-13 relative). 1e-9 leaves margin for the diabetes fit,
    // whose coefficients reach ~800 and whose x̃ᵀx̃ has condition number ~500.
    private static readonly Tolerance VsSklearn = new("BayesianRidgeVsSklearn", 1e-9, 1e-9);

    [Theory]
    [InlineData("diabetes")]
    [InlineData("synthetic")]
    [InlineData("weighted")]
    [InlineData("no_intercept")]
    [InlineData("wide")]
    [InlineData("priors")]
    public void MatchesSklearn(string tag)
    {
        var (x, y) = tag switch
        {
            "diabetes" => (DiabetesX, DiabetesY),
            "wide" => Wide,
            _ => Synthetic,
        };
        var options = tag switch
        {
            "no_intercept" => new BayesianRidge(ComputeScore: true, FitIntercept: false),
            "priors" => new BayesianRidge(ComputeScore: true, Alpha1: 2.0, Alpha2: 0.5, Lambda1: 0.1, Lambda2: 3.0, Tol: 1e-6),
            _ => new BayesianRidge(ComputeScore: true),
        };
        var m = options.Fit(x, y, tag == "weighted" ? DataTensor("w") : null);
        var f = Get("bayes", tag);
        Assert.Equal(f.GetProperty("n_iter").GetInt32(), m.Iterations);
        TensorAssert.Close(Read(f.GetProperty("coef")), m.Coef, VsSklearn);
        TensorAssert.Close(Read(f.GetProperty("intercept")), m.Intercept, VsSklearn);
        var head = x.Narrow(0, 0, Math.Min(12, x.Shape[0])).Contiguous();
        var (mean, std) = m.PredictWithStd(head);
        if (tag == "wide")
        {
            // n ≤ d with an intercept: the centred x̃ has rank n − 1, so one of the n right singular vectors that Σ is
            // built from belongs to a zero singular value and is an arbitrary unit vector of the null space (LAPACK's
            // choice vs ours). Only x̃·Σ·x̃ᵀ, which that vector does not touch, is defined; Σ itself and the standard
            // deviations (raw rows) are not comparable.
            var xc = x - x.Mean(0);
            var expected = Read(f.GetProperty("sigma"));
            TensorAssert.Close(xc.MatMul(expected).MatMul(xc.MT), xc.MatMul(m.Sigma).MatMul(xc.MT), VsSklearn);
        }
        else
        {
            TensorAssert.Close(Read(f.GetProperty("sigma")), m.Sigma, VsSklearn);
            TensorAssert.Close(Read(f.GetProperty("std")), std, VsSklearn);
        }
        AssertClose(f.GetProperty("alpha").GetDouble(), m.Alpha);
        AssertClose(f.GetProperty("lambda").GetDouble(), m.Lambda);
        TensorAssert.Close(Read(f.GetProperty("scores")), Tensor.FromArray(m.Scores.ToArray(), m.Scores.Count), VsSklearn);
        TensorAssert.Close(Read(f.GetProperty("mean")), mean, VsSklearn);
        TensorAssert.Close(mean, m.Predict(head), Tolerance.Exact);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Abs(expected), $"expected {expected}, got {actual}");

    [Fact]
    public void ScoresAreEmptyUnlessRequestedAndEvidenceRises()
    {
        var (x, y) = Synthetic;
        Assert.Empty(new BayesianRidge().Fit(x, y).Scores);
        var scores = new BayesianRidge(ComputeScore: true, Tol: 1e-12).Fit(DiabetesX, DiabetesY).Scores;
        // MacKay's fixed-point updates increase the evidence monotonically on this problem.
        for (int i = 1; i < scores.Count - 1; i++) Assert.True(scores[i] >= scores[i - 1] - 1e-9, $"score {i} fell: {scores[i - 1]} → {scores[i]}");
    }

    [Fact]
    public void PosteriorCovarianceIsTheInverseOfThePrecision()
    {
        // Σ = (λI + α x̃ᵀx̃)⁻¹ for n > d: Σ·(λI + α x̃ᵀx̃) = I.
        var (x, y) = Synthetic;
        var m = new BayesianRidge().Fit(x, y);
        var xc = x - x.Mean(0);
        var precision = xc.MT.MatMul(xc) * m.Alpha + Tensor.Eye<double>(3) * m.Lambda;
        TensorAssert.Close(Tensor.Eye<double>(3), m.Sigma.MatMul(precision), new Tolerance("Identity", 1e-12, 1e-12));
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckRegressor(new BayesianRidge(), BayesianRidgeModel<double>.Load, BayesianRidgeModel<float>.Load);
        Assert.Contains("save and load round-trip exactly", checks);
        EstimatorConformance.CheckRegressor(new BayesianRidge(FitIntercept: false, ComputeScore: true, AlphaInit: 2.0), BayesianRidgeModel<double>.Load, BayesianRidgeModel<float>.Load);
    }

    [Fact]
    public void SaveLoadKeepsEverything()
    {
        var (x, y) = Synthetic;
        var m = new BayesianRidge(ComputeScore: true, LambdaInit: 0.5).Fit(x, y);
        using var s = new MemoryStream();
        m.Save(s);
        s.Position = 0;
        var back = BayesianRidgeModel<double>.Load(s);
        Assert.Equal(m.Options, back.Options with { });
        Assert.Equal(m.Scores, back.Scores);
        Assert.Equal(m.Alpha, back.Alpha);
        Assert.Equal(m.Lambda, back.Lambda);
        Assert.Equal(m.Iterations, back.Iterations);
        TensorAssert.Close(m.Sigma, back.Sigma, Tolerance.Exact);
    }

    [Fact]
    public void BadOptionsAndInputsFailClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BayesianRidge(MaxIter: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BayesianRidge(Tol: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BayesianRidge(Alpha1: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BayesianRidge(Lambda2: -1e-6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BayesianRidge(AlphaInit: 0));
        var (x, y) = Synthetic;
        var e = Assert.Throws<ArgumentException>(() => new BayesianRidge().Fit(x, Tensor.Stack([y, y], 1)));
        Assert.Contains("y must be 1-d", e.Message);
    }
}
