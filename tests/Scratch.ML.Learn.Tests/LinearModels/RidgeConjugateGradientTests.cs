using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;

namespace Scratch.ML.Tests.Learn.LinearModels;

/// <summary>The iterative ridge solver reaches the closed-form solution (itself tested against scikit-learn in <see cref="RidgeTests"/>).</summary>
public class RidgeConjugateGradientTests
{
    /// <summary>CG at Tol 1e-13 vs Cholesky: the residual bound times cond(x̃ᵀx̃ + αI) ≈ 1e3 on diabetes, with margin.</summary>
    private static readonly Tolerance CgVsCholesky = new("CgVsCholesky", 1e-8, 1e-8);

    [Theory]
    [InlineData(1.0, true)]
    [InlineData(0.01, true)]
    [InlineData(10.0, false)]
    public void MatchesTheClosedFormOnDiabetes(double alpha, bool intercept)
    {
        var data = SmallDatasets.LoadDiabetes();
        var exact = new Ridge(alpha, intercept).Fit(data.Data, data.Target);
        var cg = new Ridge(alpha, intercept, Solver: RidgeSolver.ConjugateGradient, Tol: 1e-13, MaxIter: 1000).Fit(data.Data, data.Target);
        TensorAssert.Close(exact.Coef, cg.Coef, CgVsCholesky);
        TensorAssert.Close(exact.Intercept, cg.Intercept, CgVsCholesky);
    }

    [Fact]
    public void MultipleTargetsWeightsAndWideData()
    {
        var g = new Generator(4);
        var x = Tensor.Normal<double>(0, 1, g, 20, 40);            // d > n: the dual form on the Cholesky side
        var y = Tensor.Normal<double>(0, 1, g, 20, 3);
        var w = Tensor.Uniform<double>(0.5, 2, g, 20);
        var exact = new Ridge(PerTargetAlpha: [0.5, 1, 2]).Fit(x, y, w);
        var cg = new Ridge(PerTargetAlpha: [0.5, 1, 2], Solver: RidgeSolver.ConjugateGradient, Tol: 1e-13, MaxIter: 2000).Fit(x, y, w);
        TensorAssert.Close(exact.Coef, cg.Coef, CgVsCholesky);
        TensorAssert.Close(exact.Intercept, cg.Intercept, CgVsCholesky);
    }

    [Fact]
    public void DefaultToleranceIsCloseAndOptionsAreValidated()
    {
        var data = SmallDatasets.LoadDiabetes();
        var exact = new Ridge().Fit(data.Data, data.Target).Predict(data.Data);
        var cg = new Ridge(Solver: RidgeSolver.ConjugateGradient).Fit(data.Data, data.Target).Predict(data.Data);
        // Tol 1e-4 bounds the relative residual, not the error: predictions of size ~150 agree to well under 1.
        TensorAssert.Close(exact, cg, new Tolerance("CgDefaultTol", 1.0, 1e-2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ridge(Tol: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ridge(MaxIter: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ridge(Solver: (RidgeSolver)7));
    }

    [Fact]
    public void Conformance() =>
        EstimatorConformance.CheckRegressor(new Ridge(Solver: RidgeSolver.ConjugateGradient, Tol: 1e-14, MaxIter: 500), RidgeModel<double>.Load, RidgeModel<float>.Load);
}
