using System.Numerics;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// The lasso, scikit-learn's <c>Lasso</c>: <c>min_w (1/(2n)) Σᵢ sᵢ (yᵢ − xᵢ·w − b)² + α‖w‖₁</c>, each target separately.
/// </summary>
/// <remarks>
/// Exactly <see cref="ElasticNet"/> with L1Ratio = 1 (as in scikit-learn, where Lasso subclasses ElasticNet): cyclic
/// coordinate descent with the duality-gap stopping rule; the fitted model is an <see cref="ElasticNetModel{T}"/>.
/// </remarks>
/// <param name="Alpha">The L1 penalty α ≥ 0.</param>
/// <param name="FitIntercept">Whether to learn b (unpenalised; otherwise b = 0 and the data are not centred).</param>
/// <param name="MaxIter">The maximum number of coordinate sweeps (≥ 1).</param>
/// <param name="Tol">The tolerance (&gt; 0) of the duality-gap test, relative to ‖ỹ‖².</param>
/// <param name="Positive">Constrain every coefficient to be ≥ 0.</param>
public sealed record Lasso(double Alpha = 1.0, bool FitIntercept = true, int MaxIter = 1000, double Tol = 1e-4, bool Positive = false) : IRegressor
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ElasticNet.ValidateAndDescribe(nameof(Lasso), Alpha, 1.0, MaxIter, Tol);

    /// <summary>The equivalent elastic net (L1Ratio = 1).</summary>
    public ElasticNet AsElasticNet() => new(Alpha, 1.0, FitIntercept, MaxIter, Tol, Positive);

    /// <summary>Fits x: (n, d) to y: (n) or (n, k), with optional weights s: (n), starting from w = 0.</summary>
    /// <exception cref="ArgumentException">Shapes disagree, or x/y/weights hold invalid values.</exception>
    public ElasticNetModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
        => AsElasticNet().Fit(x, y, sampleWeight);

    /// <summary>Warm start from initialCoef: (d) for a 1-d y, (k, d) otherwise; x (n, d), y (n) or (n, k), weights (n) or null.</summary>
    /// <exception cref="ArgumentException">As for Fit, or initialCoef has the wrong shape or non-finite values.</exception>
    public ElasticNetModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight, Tensor<T> initialCoef) where T : unmanaged, IFloatingPointIeee754<T>
        => AsElasticNet().Fit(x, y, sampleWeight, initialCoef);

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}
