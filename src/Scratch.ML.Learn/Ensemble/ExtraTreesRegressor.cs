using System.Numerics;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// An extremely randomised trees regressor (scikit-learn 1.2's <c>ExtraTreesRegressor</c>): <see cref="NEstimators"/> CART trees
/// whose nodes split each of <see cref="MaxFeatures"/> randomly drawn features at one uniformly drawn threshold and
/// keep the best of those random splits (Geurts, Ernst and Wehenkel 2006), grown on all rows by default; the forest
/// predicts the mean of the trees' predictions. Multi-output targets (n, k) fit
/// one forest whose leaves hold k means.
/// </summary>
/// <remarks>
/// <para>Trees are grown in parallel (up to <see cref="Parallelism.MaxThreads"/>); tree t draws all its random numbers
/// from Philox stream t of <see cref="Seed"/>, so the forest is the same at any thread count, and
/// <see cref="ExtraTreesRegressorModel{T}.AddTrees"/> (warm start) gives exactly the forest fitted at once with
/// more trees. Sample weights are accepted but not declared in the capabilities: the sample-count limits (and the
/// bootstrap, when enabled) count a weighted row once but repeated rows several times. See docs/forests.md.</para>
/// </remarks>
/// <param name="NEstimators">Number of trees (≥ 1).</param>
/// <param name="Criterion">SquaredError, FriedmanMse, AbsoluteError or Poisson.</param>
/// <param name="MaxDepth">Deepest node (≥ 1), or null to grow until the other limits stop.</param>
/// <param name="MinSamplesSplit">Fewest samples a node needs to be split (≥ 2).</param>
/// <param name="MinSamplesLeaf">Fewest samples in each leaf (≥ 1).</param>
/// <param name="MinWeightFractionLeaf">Least fraction of a tree's total sample weight in each leaf, in [0, 0.5].</param>
/// <param name="MaxFeatures">Candidate features per node (default: all, scikit-learn 1.2's 1.0).</param>
/// <param name="MaxLeafNodes">Leaf budget per tree (≥ 2; grows best-first), or null for none.</param>
/// <param name="MinImpurityDecrease">Least weighted impurity decrease of a split (≥ 0).</param>
/// <param name="Bootstrap">Whether each tree sees a bootstrap sample (default: all rows, as in scikit-learn).</param>
/// <param name="OobScore">Whether to compute the out-of-bag R² and predictions (needs Bootstrap).</param>
/// <param name="Seed">The seed of every random draw.</param>
/// <param name="MaxSamples">Bootstrap draws per tree (default n; needs Bootstrap).</param>
/// <param name="CcpAlpha">Minimal cost-complexity pruning strength α ≥ 0 applied to every tree after it is grown, on the
/// tree's own (bootstrap-weighted) node statistics, exactly as <see cref="DecisionTreeRegressor.CcpAlpha"/> (0 = no pruning; scikit-learn's <c>ccp_alpha</c>).</param>
public sealed record ExtraTreesRegressor(
    int NEstimators = 100, SplitCriterion Criterion = SplitCriterion.SquaredError, int? MaxDepth = null, int MinSamplesSplit = 2, int MinSamplesLeaf = 1,
    double MinWeightFractionLeaf = 0, FeatureSubset? MaxFeatures = null, int? MaxLeafNodes = null, double MinImpurityDecrease = 0,
    bool Bootstrap = false, bool OobScore = false, ulong Seed = 0, ForestMaxSamples MaxSamples = default, double CcpAlpha = 0) : IRegressor
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = new ForestSettings(nameof(ExtraTreesRegressor), false, SplitStrategy.Random, NEstimators, Criterion,
        MaxDepth, MinSamplesSplit, MinSamplesLeaf, MinWeightFractionLeaf, MaxFeatures, MaxLeafNodes, MinImpurityDecrease, Bootstrap, OobScore, Seed,
        null, MaxSamples, CcpAlpha).Validate();

    internal ForestSettings Settings => new(nameof(ExtraTreesRegressor), false, SplitStrategy.Random, NEstimators, Criterion, MaxDepth, MinSamplesSplit,
        MinSamplesLeaf, MinWeightFractionLeaf, MaxFeatures, MaxLeafNodes, MinImpurityDecrease, Bootstrap, OobScore, Seed, null, MaxSamples, CcpAlpha);

    internal static ExtraTreesRegressor From(ForestSettings s) => new(s.NEstimators, s.Criterion, s.MaxDepth, s.MinSamplesSplit, s.MinSamplesLeaf,
        s.MinWeightFractionLeaf, s.MaxFeatures, s.MaxLeafNodes, s.MinImpurityDecrease, s.Bootstrap, s.OobScore, s.Seed, s.MaxSamples, s.CcpAlpha);

    /// <summary>Fits the forest on x (n, d) and targets y (n) or (n, k) with optional non-negative weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid shapes, NaN/∞ in x or y, negative weights, MaxFeatures or MaxSamples above d or n, negative y with Poisson.</exception>
    public ExtraTreesRegressorModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (fit, vector) = ForestFitting.Regressor(Settings, x, y, sampleWeight);
        return new ExtraTreesRegressorModel<T>(this, fit, vector);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="ExtraTreesRegressor"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ExtraTreesRegressorModel<T> : ForestRegressorModel<T>, ILoadableModel<ExtraTreesRegressorModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = nameof(ExtraTreesRegressor);

    internal ExtraTreesRegressorModel(ExtraTreesRegressor options, ForestFit<T> fit, bool vector)
        : base(options.Settings, fit.Trees, vector, fit.OobScore, fit.OobPrediction)
    {
        Options = options;
    }

    /// <summary>The options it was fitted with (NEstimators = the tree count, also after <see cref="AddTrees"/>).</summary>
    public ExtraTreesRegressor Options { get; }

    /// <summary>
    /// Warm start: a new model with <paramref name="count"/> more trees grown on x, y (and weights), which must be the
    /// data this model was fitted on; this model is unchanged. The result equals fitting with
    /// NEstimators + count trees at once (tree t depends only on the data, the options, the seed and t). The
    /// out-of-bag estimate, if enabled, is recomputed over all trees.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 0.</exception>
    /// <exception cref="ArgumentException">x has another feature count, or y another output count, than at fit time.</exception>
    public ExtraTreesRegressorModel<T> AddTrees(Tensor<T> x, Tensor<T> y, int count, Tensor<T>? sampleWeight = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var options = Options with { NEstimators = Options.NEstimators + count };
        var (fit, vector) = ForestFitting.Regressor(options.Settings, x, y, sampleWeight, TreeArray, OutputCount);
        return new ExtraTreesRegressorModel<T>(options, fit, vector);
    }

    /// <inheritdoc />
    public override void Save(Stream stream) => Write(stream, Kind);

    /// <inheritdoc />
    public static ExtraTreesRegressorModel<T> Load(Stream stream)
    {
        var (settings, trees, vector, score, oob) = Read(stream, Kind, SplitStrategy.Random);
        return new ExtraTreesRegressorModel<T>(ExtraTreesRegressor.From(settings), new ForestFit<T>(trees, score, oob), vector);
    }
}
