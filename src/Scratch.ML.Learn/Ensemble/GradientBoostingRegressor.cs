using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Serialization;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// Gradient boosting for regression (scikit-learn's <c>GradientBoostingRegressor</c>, Friedman 2001): an additive
/// model <c>F(x) = F₀ + ν Σ_m h_m(x)</c> built stage by stage, each h_m a CART regression tree fitted to the negative
/// gradient of the loss at the current F and whose leaf values are then replaced by the loss's optimal constant
/// (the mean for squared error, the weighted median for absolute error, Huber's one-step estimate, the weighted
/// percentile for quantile loss). See docs/gradient-boosting.md.
/// </summary>
/// <param name="Loss">The loss: squared error (default), absolute error, Huber or quantile.</param>
/// <param name="LearningRate">Shrinkage ν ≥ 0 on every tree.</param>
/// <param name="NEstimators">Boosting stages (≥ 1), the maximum when early stopping.</param>
/// <param name="Subsample">Fraction (0, 1] of the rows drawn without replacement for each stage (stochastic gradient boosting; &lt; 1 enables <c>OobImprovement</c>).</param>
/// <param name="Criterion">The split criterion of the trees: <see cref="SplitCriterion.FriedmanMse"/> (default) or <see cref="SplitCriterion.SquaredError"/>.</param>
/// <param name="MinSamplesSplit">Fewest samples a node needs to be split (≥ 2).</param>
/// <param name="MinSamplesLeaf">Fewest samples in a leaf (≥ 1).</param>
/// <param name="MinWeightFractionLeaf">Least fraction [0, 0.5] of the stage's total sample weight in a leaf.</param>
/// <param name="MaxDepth">Depth limit of each tree (≥ 1; null = unlimited). Default 3.</param>
/// <param name="MinImpurityDecrease">A split must decrease the weighted impurity by at least this (≥ 0).</param>
/// <param name="MaxFeatures">Features considered per split (default all).</param>
/// <param name="Alpha">The quantile of the quantile loss and Huber's γ quantile, in (0, 1).</param>
/// <param name="MaxLeafNodes">Leaf budget per tree (≥ 2; grows best-first), or null.</param>
/// <param name="ValidationFraction">Fraction (0, 1) of the rows held out for early stopping.</param>
/// <param name="NIterNoChange">Stop when the validation loss has not improved by <paramref name="Tol"/> on any of the last this many stages (null: no early stopping).</param>
/// <param name="Tol">The improvement early stopping requires (≥ 0).</param>
/// <param name="Seed">Seed of the subsampling, feature draws and validation split.</param>
/// <param name="Init">Where the raw predictions start: null = the loss's best constant (scikit-learn's <c>init=None</c>),
/// <see cref="GradientBoostingInit.Zero"/>, or <see cref="GradientBoostingInit.From(IRegressor)"/> a regressor fitted first.</param>
public sealed record GradientBoostingRegressor(
    GradientBoostingRegressionLoss Loss = GradientBoostingRegressionLoss.SquaredError, double LearningRate = 0.1, int NEstimators = 100,
    double Subsample = 1.0, SplitCriterion Criterion = SplitCriterion.FriedmanMse, int MinSamplesSplit = 2, int MinSamplesLeaf = 1,
    double MinWeightFractionLeaf = 0, int? MaxDepth = 3, double MinImpurityDecrease = 0, FeatureSubset MaxFeatures = default,
    double Alpha = 0.9, int? MaxLeafNodes = null, double ValidationFraction = 0.1, int? NIterNoChange = null, double Tol = 1e-4, ulong Seed = 0,
    GradientBoostingInit? Init = null) : IRegressor
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Loss, Alpha, Init,
        new(LearningRate, NEstimators, Subsample, Criterion, MinSamplesSplit, MinSamplesLeaf, MinWeightFractionLeaf, MaxDepth, MinImpurityDecrease,
            MaxFeatures, MaxLeafNodes, ValidationFraction, NIterNoChange, Tol, Seed));

    internal GradientBoostingSettings Settings => new(LearningRate, NEstimators, Subsample, Criterion, MinSamplesSplit, MinSamplesLeaf,
        MinWeightFractionLeaf, MaxDepth, MinImpurityDecrease, MaxFeatures, MaxLeafNodes, ValidationFraction, NIterNoChange, Tol, Seed);

    private static EstimatorCapabilities ValidateAndDescribe(GradientBoostingRegressionLoss loss, double alpha, GradientBoostingInit? init, GradientBoostingSettings s)
    {
        if (init?.Estimator is { } e && e is not IRegressor)
            throw new ArgumentException($"GradientBoostingRegressor: the init estimator must be a regressor, got {e.GetType().Name}.", nameof(Init));
        var (initWeights, initOrder) = GradientBoostingInit.Allows(init);
        if (!Enum.IsDefined(loss)) throw new ArgumentOutOfRangeException(nameof(Loss), loss, "GradientBoostingRegressor: unknown loss.");
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(Alpha), alpha, $"GradientBoostingRegressor: Alpha must be in (0, 1), got {alpha}.");
        s.Validate(nameof(GradientBoostingRegressor));
        // Weights are accepted everywhere; the capability claims "integer weights = repeated rows", which holds only
        // without row sampling (subsampling and the early-stopping split draw rows, not weight) and for squared error
        // (scikit-learn's unweighted percentile init interpolates, its weighted one does not; Huber's leaf mean is unweighted).
        bool deterministicRows = s.Subsample >= 1 && s.NIterNoChange is null;
        return new(EstimatorKind.Regressor, Supervised: true,
            SupportsSampleWeight: deterministicRows && initWeights && loss == GradientBoostingRegressionLoss.SquaredError,
            Stochastic: true, RowOrderInvariant: deterministicRows && initOrder);
    }

    /// <summary>Fits x: (n, d) to targets y: (n) with optional non-negative weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values (NaN, ∞, negative or all-zero weights), MaxFeatures above d, or an early-stopping split that leaves a part empty.</exception>
    public GradientBoostingRegressorModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Fit(nameof(GradientBoostingRegressor), x, y, sampleWeight, null, null);

    /// <summary>Fits, or (warm start) continues <paramref name="previous"/> up to NEstimators stages on data with <paramref name="features"/> columns.</summary>
    internal GradientBoostingRegressorModel<T> Fit<T>(string name, Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight, GradientBoostingFit? previous, int? features)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = features is { } f ? InputChecks.Features(name, x, f) : InputChecks.Features(name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (ys, _) = InputChecks.Targets(name, y, n, multiOutput: false);
        var w = InputChecks.Weights(name, sampleWeight, n);
        var loss = BoostingLoss.For(Loss, Alpha);
        var fit = GradientBoostingTrainer.Fit(name, Settings, loss, Float64.From(xs), d, Float64.From(ys), Weights(w, n), w is not null, 0, typeof(T) == typeof(float),
            GradientBoostingInit.Fitter<T>(Init, name, loss, d, w is not null, null), previous);
        return new GradientBoostingRegressorModel<T>(this, new GradientBoostingCore(fit, LearningRate, d));
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    internal static double[] Weights<T>(Tensor<T>? w, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (w is not null) return Float64.From(w);
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        return ones;
    }
}
