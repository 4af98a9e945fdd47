using System.Numerics;
using Scratch.ML.Learn.Inspection;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// Histogram-based gradient boosting for regression (scikit-learn 1.2's <c>HistGradientBoostingRegressor</c>,
/// LightGBM-style): features are binned into ≤ MaxBins quantile bins, then each iteration grows one leaf-wise tree on
/// the loss's gradients and hessians with histograms, adding <c>LearningRate · leaf value</c> to the raw prediction.
/// Prediction = link⁻¹(baseline + Σ trees) with the identity link, or exp for Poisson and gamma losses.
/// </summary>
/// <remarks>
/// Missing values (NaN) are supported natively: each split learns whether they go left or right. See
/// docs/hist-gradient-boosting.md for the algorithm. Sample weights scale gradients and hessians as in scikit-learn,
/// but MinSamplesLeaf counts rows, so integer weights are not equivalent to repeated rows.
/// </remarks>
/// <param name="Loss">The loss (squared, absolute, Poisson, gamma or quantile error).</param>
/// <param name="Quantile">For <see cref="HistRegressionLoss.Quantile"/>: the quantile in (0, 1) to estimate (required then).</param>
/// <param name="LearningRate">Shrinkage on every leaf value, &gt; 0.</param>
/// <param name="MaxIter">Boosting iterations (trees), ≥ 1.</param>
/// <param name="MaxLeafNodes">Leaves per tree (≥ 2), or null for no limit.</param>
/// <param name="MaxDepth">Edges from root to the deepest leaf (≥ 1), or null for no limit.</param>
/// <param name="MinSamplesLeaf">Fewest training rows in a leaf, ≥ 1.</param>
/// <param name="L2Regularization">λ in leaf values −G/(H + λ) and gains, ≥ 0.</param>
/// <param name="MaxBins">Bins for non-missing values, 2 … 255 (one more holds NaN).</param>
/// <param name="CategoricalFeatures">Indices of categorical features (integer codes in [0, MaxBins)), or null.</param>
/// <param name="CategoricalMask">Alternatively, a per-feature mask of categorical features, or null.</param>
/// <param name="MonotonicCst">Per feature −1 (decreasing), 0 or +1 (increasing), or null.</param>
/// <param name="InteractionCst">Groups of features allowed to interact along a branch (the rest form one more group), or null.</param>
/// <param name="EarlyStopping">Auto (on when n &gt; 10 000), On or Off.</param>
/// <param name="ValidationFraction">Share of rows held out for early stopping, in (0, 1), or null to use the training loss.</param>
/// <param name="NIterNoChange">Iterations without improvement before stopping, ≥ 1.</param>
/// <param name="Tol">Improvement (in −loss) that counts, ≥ 0.</param>
/// <param name="Seed">Seed of the validation split, of the binning subsample (n &gt; 200 000) and of the scorer's training subsample.</param>
/// <param name="Scoring">
/// The early-stopping score (scikit-learn's <c>scoring</c>): null for −loss (scikit-learn's "loss"), or a metric of
/// the predictions (greater is better): on the validation rows, and on at most 10 000 training rows drawn once for
/// <see cref="HistGradientBoostingRegressorModel{T}.TrainScore"/>.
/// </param>
public sealed record HistGradientBoostingRegressor(
    HistRegressionLoss Loss = HistRegressionLoss.SquaredError, double? Quantile = null, double LearningRate = 0.1, int MaxIter = 100,
    int? MaxLeafNodes = 31, int? MaxDepth = null, int MinSamplesLeaf = 20, double L2Regularization = 0, int MaxBins = 255,
    int[]? CategoricalFeatures = null, bool[]? CategoricalMask = null, int[]? MonotonicCst = null, int[][]? InteractionCst = null,
    HistEarlyStopping EarlyStopping = HistEarlyStopping.Auto, double? ValidationFraction = 0.1, int NIterNoChange = 10, double Tol = 1e-7,
    ulong Seed = 0, RegressionScoring? Scoring = null) : IRegressor
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Loss, Quantile, LearningRate, MaxIter, MaxLeafNodes, MaxDepth,
        MinSamplesLeaf, L2Regularization, MaxBins, MonotonicCst, ValidationFraction, NIterNoChange, Tol, CategoricalFeatures, CategoricalMask,
        InteractionCst, EarlyStopping, Scoring);

    private static EstimatorCapabilities ValidateAndDescribe(HistRegressionLoss loss, double? quantile, double learningRate, int maxIter,
        int? maxLeafNodes, int? maxDepth, int minSamplesLeaf, double l2, int maxBins, int[]? monotonic, double? validationFraction,
        int nIterNoChange, double tol, int[]? categorical, bool[]? mask, int[][]? interactions, HistEarlyStopping early, RegressionScoring? scoring)
    {
        const string name = nameof(HistGradientBoostingRegressor);
        if (scoring is { } sc && !Enum.IsDefined(sc)) throw new ArgumentOutOfRangeException(nameof(Scoring), sc, $"{name}: unknown scoring.");
        if (!Enum.IsDefined(loss)) throw new ArgumentOutOfRangeException(nameof(Loss), loss, $"{name}: unknown loss.");
        if (loss == HistRegressionLoss.Quantile && !(quantile is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(Quantile), quantile, $"{name}: the quantile loss needs quantile in (0, 1).");
        HistOptionChecks.Validate(name, learningRate, maxIter, maxLeafNodes, maxDepth, minSamplesLeaf, l2, maxBins, monotonic,
            validationFraction, nIterNoChange, tol, categorical, mask, interactions);
        return new(EstimatorKind.Regressor, Supervised: true, SupportsSampleWeight: false, HandlesMissingValues: true,
            Stochastic: early != HistEarlyStopping.Off, RowOrderInvariant: early != HistEarlyStopping.On);
    }

    /// <summary>Fits x: (n, d) (NaN = missing) to y: (n) with optional non-negative weights (n).</summary>
    /// <exception cref="ArgumentException">
    /// Bad shapes, infinite features, non-finite targets, negative targets for Poisson (or Σy = 0), non-positive
    /// targets for gamma, invalid categorical codes, constraint arrays of the wrong length, or invalid weights.
    /// </exception>
    public HistGradientBoostingRegressorModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
        => new(this, FitState(x, y, sampleWeight, null));

    /// <summary>Fits, or continues <paramref name="previous"/> up to MaxIter iterations.</summary>
    internal HistBoostedTrees FitState<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight, HistBoostedTrees? previous) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(HistGradientBoostingRegressor);
        var data = HistOptionChecks.Features(name, x, out int n, out int d);
        if (previous is not null && d != previous.FeatureCount)
            throw new ArgumentException($"{name}: x has {d} features, but the model was fitted with {previous.FeatureCount}.", nameof(x));
        var (ys, _) = InputChecks.Targets(name, y, n, multiOutput: false);
        var target = new double[n];
        var ySpan = ys.AsSpan();
        for (int i = 0; i < n; i++) target[i] = double.CreateTruncating(ySpan[i]);
        if (Loss == HistRegressionLoss.Poisson && (target.Any(v => v < 0) || target.Sum() <= 0))
            throw new ArgumentException($"{name}: the Poisson loss needs y ≥ 0 with Σy > 0.", nameof(y));
        if (Loss == HistRegressionLoss.Gamma && target.Any(v => v <= 0))
            throw new ArgumentException($"{name}: the gamma loss needs y > 0; got {target.First(v => v <= 0)}.", nameof(y));
        var w = HistOptionChecks.Weights(name, sampleWeight, n);
        var (cat, mono, groups) = HistOptionChecks.Resolve(name, data, n, d, MaxBins, CategoricalFeatures, CategoricalMask, MonotonicCst, InteractionCst, 1);
        var loss = HistLoss.Regression(Loss, Quantile ?? 0.5);
        var scorer = Scoring is { } s && HistOptionChecks.EarlyStops(EarlyStopping, n) ? HistScorer.Regressor(s, loss.Link) : null;
        var options = new HistBoostingOptions(LearningRate, MaxIter, MaxLeafNodes, MaxDepth, MinSamplesLeaf, L2Regularization, MaxBins, cat, mono, groups,
            EarlyStopping, ValidationFraction, NIterNoChange, Tol, Seed, scorer);
        return HistBoosting.Fit(data, n, d, target, w, loss, options, null, previous);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary>The options as model-file metadata.</summary>
    internal Dictionary<string, string> ToMetadata()
    {
        var meta = HistOptionChecks.SharedMetadata(LearningRate, MaxIter, MaxLeafNodes, MaxDepth, MinSamplesLeaf, L2Regularization, MaxBins,
        CategoricalFeatures, CategoricalMask, MonotonicCst, InteractionCst, EarlyStopping, ValidationFraction, NIterNoChange, Tol, Seed,
        Scoring?.ToString() ?? "loss");
        meta["loss"] = Loss.ToString();
        meta["quantile"] = Quantile is { } q ? HistOptionChecks.Num(q) : "null";
        return meta;
    }

    /// <summary>Rebuilds the options from model-file metadata.</summary>
    internal static HistGradientBoostingRegressor FromMetadata(Func<string, string> get) => new(
        Enum.Parse<HistRegressionLoss>(get("loss")), HistOptionChecks.ParseNullable(get("quantile")), HistOptionChecks.ParseNullable(get("learning_rate"))!.Value,
        HistOptionChecks.ParseInt(get("max_iter"))!.Value, HistOptionChecks.ParseInt(get("max_leaf_nodes")), HistOptionChecks.ParseInt(get("max_depth")),
        HistOptionChecks.ParseInt(get("min_samples_leaf"))!.Value, HistOptionChecks.ParseNullable(get("l2_regularization"))!.Value,
        HistOptionChecks.ParseInt(get("max_bins"))!.Value, HistOptionChecks.ParseInts(get("categorical_features")), HistOptionChecks.ParseBools(get("categorical_mask")),
        HistOptionChecks.ParseInts(get("monotonic_cst")), HistOptionChecks.ParseGroups(get("interaction_cst")), Enum.Parse<HistEarlyStopping>(get("early_stopping")),
        HistOptionChecks.ParseNullable(get("validation_fraction")), HistOptionChecks.ParseInt(get("n_iter_no_change"))!.Value,
        HistOptionChecks.ParseNullable(get("tol"))!.Value, ulong.Parse(get("seed"), System.Globalization.CultureInfo.InvariantCulture),
        get("scoring") is "loss" ? null : Enum.Parse<RegressionScoring>(get("scoring")));
}
