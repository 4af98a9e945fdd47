using System.Numerics;
using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.LinearModels;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// Histogram-based gradient boosting for classification with the log-loss (scikit-learn 1.2's
/// <c>HistGradientBoostingClassifier</c>): binary problems grow one tree per iteration on the logit,
/// P(class 1) = 1/(1 + e^−raw); C &gt; 2 classes grow C trees per iteration, P = softmax(raw).
/// </summary>
/// <remarks>
/// Missing values (NaN) are supported natively: each split learns whether they go left or right. See
/// docs/hist-gradient-boosting.md for the algorithm. Sample weights scale gradients and hessians as in scikit-learn,
/// but MinSamplesLeaf counts rows, so integer weights are not equivalent to repeated rows.
/// </remarks>
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
/// <param name="ValidationFraction">Share of rows held out (stratified by class) for early stopping, in (0, 1), or null to use the training loss.</param>
/// <param name="NIterNoChange">Iterations without improvement before stopping, ≥ 1.</param>
/// <param name="Tol">Improvement (in −loss) that counts, ≥ 0.</param>
/// <param name="Seed">Seed of the validation split, of the binning subsample (n &gt; 200 000) and of the scorer's training subsample.</param>
/// <param name="ClassWeight">Per-class weights ("balanced": n / (C · count)) multiplied into the sample weights, or null.</param>
/// <param name="Scoring">
/// The early-stopping score (scikit-learn's <c>scoring</c>): null for −log-loss (scikit-learn's "loss"), or a metric
/// of the predictions (greater is better): on the validation rows, and on at most 10 000 training rows drawn once
/// (stratified) for <see cref="HistGradientBoostingClassifierModel{T}.TrainScore"/>. RocAuc needs two classes.
/// </param>
public sealed record HistGradientBoostingClassifier(
    double LearningRate = 0.1, int MaxIter = 100,
    int? MaxLeafNodes = 31, int? MaxDepth = null, int MinSamplesLeaf = 20, double L2Regularization = 0, int MaxBins = 255,
    int[]? CategoricalFeatures = null, bool[]? CategoricalMask = null, int[]? MonotonicCst = null, int[][]? InteractionCst = null,
    HistEarlyStopping EarlyStopping = HistEarlyStopping.Auto, double? ValidationFraction = 0.1, int NIterNoChange = 10, double Tol = 1e-7,
    ulong Seed = 0, ClassWeights? ClassWeight = null, ClassificationScoring? Scoring = null) : IClassifier
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(LearningRate, MaxIter, MaxLeafNodes, MaxDepth,
        MinSamplesLeaf, L2Regularization, MaxBins, MonotonicCst, ValidationFraction, NIterNoChange, Tol, CategoricalFeatures, CategoricalMask,
        InteractionCst, EarlyStopping, Scoring);

    private static EstimatorCapabilities ValidateAndDescribe(double learningRate, int maxIter,
        int? maxLeafNodes, int? maxDepth, int minSamplesLeaf, double l2, int maxBins, int[]? monotonic, double? validationFraction,
        int nIterNoChange, double tol, int[]? categorical, bool[]? mask, int[][]? interactions, HistEarlyStopping early, ClassificationScoring? scoring)
    {
        const string name = nameof(HistGradientBoostingClassifier);
        if (scoring is { } sc && !Enum.IsDefined(sc)) throw new ArgumentOutOfRangeException(nameof(Scoring), sc, $"{name}: unknown scoring.");
        HistOptionChecks.Validate(name, learningRate, maxIter, maxLeafNodes, maxDepth, minSamplesLeaf, l2, maxBins, monotonic,
            validationFraction, nIterNoChange, tol, categorical, mask, interactions);
        return new(EstimatorKind.Classifier, Supervised: true, SupportsSampleWeight: false, HandlesMissingValues: true,
            Stochastic: early != HistEarlyStopping.Off, RowOrderInvariant: early != HistEarlyStopping.On);
    }

    /// <summary>Fits x: (n, d) (NaN = missing) to labels y (n, ≥ 2 classes) with optional non-negative weights (n).</summary>
    /// <exception cref="ArgumentException">
    /// Bad shapes, infinite features, fewer than two classes, a label count that differs from n, invalid categorical
    /// codes, constraint arrays of the wrong length, monotonic constraints with more than two classes, or invalid weights.
    /// </exception>
    public HistGradientBoostingClassifierModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (classes, state) = FitState(x, y, sampleWeight, null, null);
        return new HistGradientBoostingClassifierModel<T>(this, classes, state);
    }

    /// <summary>Fits, or continues <paramref name="previous"/> (whose classes y must have) up to MaxIter iterations.</summary>
    internal (ClassLabels Classes, HistBoostedTrees State) FitState<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight, HistBoostedTrees? previous,
        ClassLabels? expected) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(HistGradientBoostingClassifier);
        var data = HistOptionChecks.Features(name, x, out int n, out int d);
        if (previous is not null && d != previous.FeatureCount)
            throw new ArgumentException($"{name}: x has {d} features, but the model was fitted with {previous.FeatureCount}.", nameof(x));
        var (classes, codes) = ClassifierChecks.Encode(name, y, n);
        if (expected is not null && classes.ToMetadata() != expected.ToMetadata())
            throw new ArgumentException($"{name}: adding iterations needs labels with the model's {expected.Count} classes; y has {classes.Count} different ones.", nameof(y));
        var w = HistOptionChecks.Weights(name, sampleWeight, n);
        if (ClassWeight is not null)
        {
            // scikit-learn's _finalize_sample_weight: sample_weight × compute_sample_weight(class_weight, y).
            var perClass = ClassWeight.Resolve(name, classes, codes);
            w ??= Enumerable.Repeat(1.0, n).ToArray();
            for (int i = 0; i < n; i++) w[i] *= perClass[codes[i]];
        }
        var loss = HistLoss.LogLoss(classes.Count);
        var (cat, mono, groups) = HistOptionChecks.Resolve(name, data, n, d, MaxBins, CategoricalFeatures, CategoricalMask, MonotonicCst, InteractionCst, loss.Outputs);
        var scorer = Scoring is { } s && HistOptionChecks.EarlyStops(EarlyStopping, n) ? HistScorer.Classifier(name, s, classes.Count) : null;
        var options = new HistBoostingOptions(LearningRate, MaxIter, MaxLeafNodes, MaxDepth, MinSamplesLeaf, L2Regularization, MaxBins, cat, mono, groups,
            EarlyStopping, ValidationFraction, NIterNoChange, Tol, Seed, scorer);
        return (expected ?? classes, HistBoosting.Fit(data, n, d, Array.ConvertAll(codes, c => (double)c), w, loss, options, codes, previous));
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary>The options as model-file metadata.</summary>
    internal Dictionary<string, string> ToMetadata()
    {
        var meta = HistOptionChecks.SharedMetadata(LearningRate, MaxIter, MaxLeafNodes, MaxDepth, MinSamplesLeaf, L2Regularization, MaxBins,
        CategoricalFeatures, CategoricalMask, MonotonicCst, InteractionCst, EarlyStopping, ValidationFraction, NIterNoChange, Tol, Seed,
        Scoring?.ToString() ?? "loss");
        meta["class_weight"] = ClassWeight?.ToMetadata() ?? "";
        return meta;
    }

    /// <summary>Rebuilds the options from model-file metadata.</summary>
    internal static HistGradientBoostingClassifier FromMetadata(Func<string, string> get) => new(
        HistOptionChecks.ParseNullable(get("learning_rate"))!.Value,
        HistOptionChecks.ParseInt(get("max_iter"))!.Value, HistOptionChecks.ParseInt(get("max_leaf_nodes")), HistOptionChecks.ParseInt(get("max_depth")),
        HistOptionChecks.ParseInt(get("min_samples_leaf"))!.Value, HistOptionChecks.ParseNullable(get("l2_regularization"))!.Value,
        HistOptionChecks.ParseInt(get("max_bins"))!.Value, HistOptionChecks.ParseInts(get("categorical_features")), HistOptionChecks.ParseBools(get("categorical_mask")),
        HistOptionChecks.ParseInts(get("monotonic_cst")), HistOptionChecks.ParseGroups(get("interaction_cst")), Enum.Parse<HistEarlyStopping>(get("early_stopping")),
        HistOptionChecks.ParseNullable(get("validation_fraction")), HistOptionChecks.ParseInt(get("n_iter_no_change"))!.Value,
        HistOptionChecks.ParseNullable(get("tol"))!.Value, ulong.Parse(get("seed"), System.Globalization.CultureInfo.InvariantCulture),
        get("class_weight") is { Length: > 0 } cw ? ClassWeights.FromMetadata(cw) : null,
        get("scoring") is "loss" ? null : Enum.Parse<ClassificationScoring>(get("scoring")));
}
