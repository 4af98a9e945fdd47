using System.Numerics;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// A random forest classifier (scikit-learn 1.2's <c>RandomForestClassifier</c>): <see cref="NEstimators"/> CART trees,
/// each grown on a bootstrap sample of the rows with the best split among <see cref="MaxFeatures"/> randomly drawn
/// features at every node; the forest predicts the mean of the trees' class probabilities.
/// </summary>
/// <remarks>
/// <para>Trees are grown in parallel (up to <see cref="Parallelism.MaxThreads"/>); tree t draws all its random numbers
/// from Philox stream t of <see cref="Seed"/>, so the forest is the same at any thread count, and
/// <see cref="RandomForestClassifierModel{T}.AddTrees"/> (warm start) gives exactly the forest fitted at once with
/// more trees. Sample weights are accepted (a bootstrap draw multiplies the row's weight) but not declared in the
/// capabilities: a weighted row is not the same as repeated rows under bootstrapping. See docs/forests.md.</para>
/// </remarks>
/// <param name="NEstimators">Number of trees (≥ 1).</param>
/// <param name="Criterion">Gini or Entropy (scikit-learn's "entropy" and "log_loss").</param>
/// <param name="MaxDepth">Deepest node (≥ 1), or null to grow until the other limits stop.</param>
/// <param name="MinSamplesSplit">Fewest samples a node needs to be split (≥ 2).</param>
/// <param name="MinSamplesLeaf">Fewest samples in each leaf (≥ 1).</param>
/// <param name="MinWeightFractionLeaf">Least fraction of a tree's total sample weight in each leaf, in [0, 0.5].</param>
/// <param name="MaxFeatures">Candidate features per node (default: ⌊√d⌋).</param>
/// <param name="MaxLeafNodes">Leaf budget per tree (≥ 2; grows best-first), or null for none.</param>
/// <param name="MinImpurityDecrease">Least weighted impurity decrease of a split (≥ 0).</param>
/// <param name="Bootstrap">Whether each tree sees a bootstrap sample (else all rows).</param>
/// <param name="OobScore">Whether to compute the out-of-bag accuracy and probabilities (needs Bootstrap).</param>
/// <param name="Seed">The seed of every random draw.</param>
/// <param name="ClassWeight">Balanced, balanced per bootstrap sample, explicit per-label weights, or null for 1.</param>
/// <param name="MaxSamples">Bootstrap draws per tree (default n; needs Bootstrap).</param>
/// <param name="CcpAlpha">Minimal cost-complexity pruning strength α ≥ 0 applied to every tree after it is grown, on the
/// tree's own (bootstrap-weighted) node statistics, exactly as <see cref="DecisionTreeClassifier.CcpAlpha"/> (0 = no pruning; scikit-learn's <c>ccp_alpha</c>).</param>
public sealed record RandomForestClassifier(
    int NEstimators = 100, SplitCriterion Criterion = SplitCriterion.Gini, int? MaxDepth = null, int MinSamplesSplit = 2, int MinSamplesLeaf = 1,
    double MinWeightFractionLeaf = 0, FeatureSubset? MaxFeatures = null, int? MaxLeafNodes = null, double MinImpurityDecrease = 0,
    bool Bootstrap = true, bool OobScore = false, ulong Seed = 0, ForestClassWeights? ClassWeight = null, ForestMaxSamples MaxSamples = default, double CcpAlpha = 0) : IClassifier
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = new ForestSettings(nameof(RandomForestClassifier), true, SplitStrategy.Best, NEstimators, Criterion,
        MaxDepth, MinSamplesSplit, MinSamplesLeaf, MinWeightFractionLeaf, MaxFeatures, MaxLeafNodes, MinImpurityDecrease, Bootstrap, OobScore, Seed,
        ClassWeight, MaxSamples, CcpAlpha).Validate();

    internal ForestSettings Settings => new(nameof(RandomForestClassifier), true, SplitStrategy.Best, NEstimators, Criterion, MaxDepth, MinSamplesSplit,
        MinSamplesLeaf, MinWeightFractionLeaf, MaxFeatures, MaxLeafNodes, MinImpurityDecrease, Bootstrap, OobScore, Seed, ClassWeight, MaxSamples, CcpAlpha);

    internal static RandomForestClassifier From(ForestSettings s) => new(s.NEstimators, s.Criterion, s.MaxDepth, s.MinSamplesSplit, s.MinSamplesLeaf,
        s.MinWeightFractionLeaf, s.MaxFeatures, s.MaxLeafNodes, s.MinImpurityDecrease, s.Bootstrap, s.OobScore, s.Seed, s.ClassWeight, s.MaxSamples, s.CcpAlpha);

    /// <summary>Fits the forest on x (n, d) and labels y (n integers or strings) with optional non-negative weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid shapes, NaN/∞ in x, fewer than two classes, negative weights, MaxFeatures or MaxSamples above d or n.</exception>
    public RandomForestClassifierModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (classes, fit) = ForestFitting.Classifier(Settings, x, y, sampleWeight);
        return new RandomForestClassifierModel<T>(this, classes, fit);
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="RandomForestClassifier"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class RandomForestClassifierModel<T> : ForestClassifierModel<T>, ILoadableModel<RandomForestClassifierModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = nameof(RandomForestClassifier);

    internal RandomForestClassifierModel(RandomForestClassifier options, ClassLabels classes, ForestFit<T> fit)
        : base(options.Settings, classes, fit.Trees, fit.OobScore, fit.OobPrediction)
    {
        Options = options;
    }

    /// <summary>The options it was fitted with (NEstimators = the tree count, also after <see cref="AddTrees"/>).</summary>
    public RandomForestClassifier Options { get; }

    /// <summary>
    /// Warm start: a new model with <paramref name="count"/> more trees grown on x, y (and weights), which must be the
    /// data this model was fitted on; this model is unchanged. The result equals fitting with
    /// NEstimators + count trees at once (tree t depends only on the data, the options, the seed and t). The
    /// out-of-bag estimate, if enabled, is recomputed over all trees.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 0.</exception>
    /// <exception cref="ArgumentException">x has another feature count, or y other classes, than at fit time.</exception>
    public RandomForestClassifierModel<T> AddTrees(Tensor<T> x, Labels y, int count, Tensor<T>? sampleWeight = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var options = Options with { NEstimators = Options.NEstimators + count };
        var (classes, fit) = ForestFitting.Classifier(options.Settings, x, y, sampleWeight, TreeArray, Classes);
        return new RandomForestClassifierModel<T>(options, classes, fit);
    }

    /// <inheritdoc />
    public override void Save(Stream stream) => Write(stream, Kind);

    /// <inheritdoc />
    public static RandomForestClassifierModel<T> Load(Stream stream)
    {
        var (settings, classes, trees, score, oob) = Read(stream, Kind, SplitStrategy.Best);
        return new RandomForestClassifierModel<T>(RandomForestClassifier.From(settings), classes, new ForestFit<T>(trees, score, oob));
    }
}
