using System.Numerics;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// Gradient boosting for classification (scikit-learn's <c>GradientBoostingClassifier</c>): raw scores F(x) built
/// stage by stage from CART regression trees fitted to the negative gradient of the log-loss (one tree per stage for
/// two classes, one per class per stage for more) or of the exponential loss (two classes), each leaf set to one
/// Newton step of the loss. P(y = 1) = σ(F) (log-loss), σ(2F) (exponential); softmax(F) for several classes.
/// </summary>
/// <param name="Loss">Log-loss (default; binomial or multinomial) or the exponential loss (2 classes).</param>
/// <param name="LearningRate">Shrinkage ν ≥ 0 on every tree.</param>
/// <param name="NEstimators">Boosting stages (≥ 1), the maximum when early stopping.</param>
/// <param name="Subsample">Fraction (0, 1] of the rows drawn without replacement for each stage.</param>
/// <param name="Criterion">Split criterion of the trees: FriedmanMse (default) or SquaredError.</param>
/// <param name="MinSamplesSplit">Fewest samples a node needs to be split (≥ 2).</param>
/// <param name="MinSamplesLeaf">Fewest samples in a leaf (≥ 1).</param>
/// <param name="MinWeightFractionLeaf">Least fraction [0, 0.5] of the stage's total sample weight in a leaf.</param>
/// <param name="MaxDepth">Depth limit of each tree (≥ 1; null = unlimited). Default 3.</param>
/// <param name="MinImpurityDecrease">A split must decrease the weighted impurity by at least this (≥ 0).</param>
/// <param name="MaxFeatures">Features considered per split (default all).</param>
/// <param name="MaxLeafNodes">Leaf budget per tree (≥ 2; grows best-first), or null.</param>
/// <param name="ValidationFraction">Fraction (0, 1) of the rows held out (stratified) for early stopping.</param>
/// <param name="NIterNoChange">Stop when the validation loss has not improved by <paramref name="Tol"/> on any of the last this many stages (null: no early stopping).</param>
/// <param name="Tol">The improvement early stopping requires (≥ 0).</param>
/// <param name="Seed">Seed of the subsampling, feature draws and validation split.</param>
/// <param name="Init">Where the raw scores start: null = the log-odds / log-priors of the class frequencies (scikit-learn's
/// <c>init=None</c>), <see cref="GradientBoostingInit.Zero"/>, or <see cref="GradientBoostingInit.From(IClassifier)"/> a
/// probabilistic classifier fitted first.</param>
public sealed record GradientBoostingClassifier(
    GradientBoostingClassificationLoss Loss = GradientBoostingClassificationLoss.LogLoss, double LearningRate = 0.1, int NEstimators = 100,
    double Subsample = 1.0, SplitCriterion Criterion = SplitCriterion.FriedmanMse, int MinSamplesSplit = 2, int MinSamplesLeaf = 1,
    double MinWeightFractionLeaf = 0, int? MaxDepth = 3, double MinImpurityDecrease = 0, FeatureSubset MaxFeatures = default,
    int? MaxLeafNodes = null, double ValidationFraction = 0.1, int? NIterNoChange = null, double Tol = 1e-4, ulong Seed = 0,
    GradientBoostingInit? Init = null) : IClassifier
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Loss, Init,
        new(LearningRate, NEstimators, Subsample, Criterion, MinSamplesSplit, MinSamplesLeaf, MinWeightFractionLeaf, MaxDepth, MinImpurityDecrease,
            MaxFeatures, MaxLeafNodes, ValidationFraction, NIterNoChange, Tol, Seed));

    internal GradientBoostingSettings Settings => new(LearningRate, NEstimators, Subsample, Criterion, MinSamplesSplit, MinSamplesLeaf,
        MinWeightFractionLeaf, MaxDepth, MinImpurityDecrease, MaxFeatures, MaxLeafNodes, ValidationFraction, NIterNoChange, Tol, Seed);

    private static EstimatorCapabilities ValidateAndDescribe(GradientBoostingClassificationLoss loss, GradientBoostingInit? init, GradientBoostingSettings s)
    {
        if (init?.Estimator is { } e && e is not IClassifier)
            throw new ArgumentException($"GradientBoostingClassifier: the init estimator must be a classifier, got {e.GetType().Name}.", nameof(Init));
        var (initWeights, initOrder) = GradientBoostingInit.Allows(init);
        if (!Enum.IsDefined(loss)) throw new ArgumentOutOfRangeException(nameof(Loss), loss, "GradientBoostingClassifier: unknown loss.");
        s.Validate(nameof(GradientBoostingClassifier));
        // Weights are accepted everywhere; the capability claims "integer weights = repeated rows", which subsampling
        // and the early-stopping split break (they draw rows, not weight).
        bool deterministicRows = s.Subsample >= 1 && s.NIterNoChange is null;
        return new(EstimatorKind.Classifier, Supervised: true, SupportsSampleWeight: deterministicRows && initWeights, Stochastic: true,
            RowOrderInvariant: deterministicRows && initOrder);
    }

    /// <summary>Fits x: (n, d) to labels y (n) with optional non-negative weights (n).</summary>
    /// <exception cref="ArgumentException">
    /// Invalid shapes or values, fewer than two classes (or fewer than two with positive total weight), the
    /// exponential loss with more than two classes, MaxFeatures above d, or an early-stopping split that misses a class.
    /// </exception>
    public GradientBoostingClassifierModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Fit(nameof(GradientBoostingClassifier), x, y, sampleWeight, null, null, null);

    /// <summary>Fits, or (warm start) continues <paramref name="previous"/> up to NEstimators stages on data with <paramref name="features"/> columns and the given classes.</summary>
    internal GradientBoostingClassifierModel<T> Fit<T>(string name, Tensor<T> x, Labels y, Tensor<T>? sampleWeight, GradientBoostingFit? previous, int? features,
        ClassLabels? expectedClasses) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = features is { } f ? InputChecks.Features(name, x, f) : InputChecks.Features(name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (classes, codes) = ClassifierChecks.Encode(name, y, n);
        if (expectedClasses is not null && classes.ToMetadata() != expectedClasses.ToMetadata())
            throw new ArgumentException($"{name}: adding stages needs labels with the model's {expectedClasses.Count} classes; y has {classes.Count} different ones.", nameof(y));
        var wt = InputChecks.Weights(name, sampleWeight, n);
        var w = GradientBoostingRegressor.Weights(wt, n);
        int c = classes.Count;
        var classWeight = new double[c];
        for (int i = 0; i < n; i++) classWeight[codes[i]] += w[i];
        int weighted = classWeight.Count(v => v > 0);
        if (weighted < 2)
            throw new ArgumentException($"{name}: y has {weighted} class with positive total sample weight; at least 2 are needed.", nameof(sampleWeight));
        if (Loss == GradientBoostingClassificationLoss.Exponential && c != 2)
            throw new ArgumentException($"{name}: the exponential loss needs exactly 2 classes, got {c}; use LogLoss for more.", nameof(y));
        BoostingLoss loss = Loss == GradientBoostingClassificationLoss.Exponential ? new ExponentialLoss() : c == 2 ? new BinomialLoss() : new MultinomialLoss(c);
        var target = Array.ConvertAll(codes, v => (double)v);
        var fit = GradientBoostingTrainer.Fit(name, Settings, loss, Float64.From(xs), d, target, w, wt is not null, c, typeof(T) == typeof(float),
            GradientBoostingInit.Fitter<T>(Init, name, loss, d, wt is not null, classes), previous);
        return new GradientBoostingClassifierModel<T>(this, classes, new GradientBoostingCore(fit, LearningRate, d));
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}
