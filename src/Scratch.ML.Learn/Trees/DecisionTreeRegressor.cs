using System.Numerics;

namespace Scratch.ML.Learn.Trees;

/// <summary>
/// A CART regression tree (scikit-learn's <c>DecisionTreeRegressor</c>): recursive binary splits x_f ≤ t chosen to
/// minimise the weighted impurity of the children; a leaf predicts the weighted mean (median for absolute error) of
/// its training targets, per output. See docs/trees.md.
/// </summary>
/// <remarks>
/// Deterministic for a given <paramref name="Seed"/> (the generator orders the candidate features, which decides among
/// exact ties). Multi-output targets (n, k) grow one tree whose impurity is the mean over the outputs. Missing values
/// (NaN) are supported with the best splitter except for absolute error (scikit-learn 1.3 semantics).
/// </remarks>
/// <param name="Criterion">SquaredError (default), FriedmanMse, AbsoluteError or Poisson (targets ≥ 0 with a positive sum).</param>
/// <param name="Splitter">Best (default) or Random thresholds.</param>
/// <param name="MaxDepth">Deepest level; null for unlimited; 0 or negative is rejected.</param>
/// <param name="MinSamplesSplit">Fewest samples a node needs to be split: a count ≥ 2 or a fraction (null = 2).</param>
/// <param name="MinSamplesLeaf">Fewest samples in each child: a count ≥ 1 or a fraction in (0, 1) (null = 1).</param>
/// <param name="MinWeightFractionLeaf">Least fraction of the total sample weight in each child, in [0, 0.5].</param>
/// <param name="MaxFeatures">Candidate features per node (default all).</param>
/// <param name="MaxLeafNodes">Leaf budget ≥ 2 (best-first growth), or null for depth-first.</param>
/// <param name="MinImpurityDecrease">A node is split only if its weighted impurity decrease is at least this.</param>
/// <param name="CcpAlpha">Minimal cost-complexity pruning strength α ≥ 0 (0 = no pruning).</param>
/// <param name="Seed">Seed of the feature-order generator.</param>
public sealed record DecisionTreeRegressor(
    SplitCriterion Criterion = SplitCriterion.SquaredError, SplitStrategy Splitter = SplitStrategy.Best, int? MaxDepth = null,
    SampleLimit? MinSamplesSplit = null, SampleLimit? MinSamplesLeaf = null, double MinWeightFractionLeaf = 0,
    FeatureSubset MaxFeatures = default, int? MaxLeafNodes = null, double MinImpurityDecrease = 0, double CcpAlpha = 0, ulong Seed = 0) : IRegressor
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(new(Criterion, Splitter, MaxDepth, MinSamplesSplit,
        MinSamplesLeaf, MinWeightFractionLeaf, MaxFeatures, MaxLeafNodes, MinImpurityDecrease, CcpAlpha, Seed));

    /// <summary>Test hook: draw splits with scikit-learn's own generator seeded with this value, to reproduce its trees exactly.</summary>
    internal uint? SklearnSeed { get; init; }

    internal DecisionTreeSettings Settings => new(Criterion, Splitter, MaxDepth, MinSamplesSplit, MinSamplesLeaf, MinWeightFractionLeaf,
        MaxFeatures, MaxLeafNodes, MinImpurityDecrease, CcpAlpha, Seed, SklearnSeed);

    private static EstimatorCapabilities ValidateAndDescribe(DecisionTreeSettings s)
    {
        s.Validate(nameof(DecisionTreeRegressor), classifier: false);
        return new(EstimatorKind.Regressor, Supervised: true, SupportsSampleWeight: true, HandlesMissingValues: s.HandlesMissingValues,
            Stochastic: true, MultiOutput: true);
    }

    /// <summary>Fits x: (n, d) to targets y (n) or (n, k) with optional non-negative weights (n).</summary>
    /// <exception cref="ArgumentException">Bad shapes, NaN (unless supported) or ±∞ in x, non-finite targets, negative or all-zero weights, negative targets or a zero target sum for Poisson.</exception>
    public DecisionTreeRegressorModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (features, targets, w, vector) = Prepare(x, y, sampleWeight);
        return new DecisionTreeRegressorModel<T>(this, Settings.Grow(features, targets, w, CancellationToken.None), vector);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary>The minimal cost-complexity pruning path of the unpruned tree grown on (x, y, w) (scikit-learn's <c>cost_complexity_pruning_path</c>).</summary>
    public CostComplexityPath CostComplexityPruningPath<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (features, targets, w, _) = Prepare(x, y, sampleWeight);
        return CostComplexityPruning.Path(Settings.Grow(features, targets, w, CancellationToken.None, prune: false));
    }

    private (TreeFeatures X, TreeTargets Y, double[]? W, bool Vector) Prepare<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(DecisionTreeRegressor);
        var xs = InputChecks.Features(name, x, allowNaN: Capabilities.HandlesMissingValues);
        int n = xs.Shape[0];
        var (ys, vector) = InputChecks.Targets(name, y, n, multiOutput: true);
        var wt = InputChecks.Weights(name, sampleWeight, n);
        var yv = Array.ConvertAll(ys.ToArray(), v => double.CreateTruncating(v));
        int k = ys.Shape[1];
        if (Criterion == SplitCriterion.Poisson)
        {
            for (int j = 0; j < yv.Length; j++)
                if (yv[j] < 0) throw new ArgumentException($"{name}: y[{j / k}] is {yv[j]}; Poisson regression needs non-negative targets.", nameof(y));
            for (int o = 0; o < k; o++)
            {
                double sum = 0;
                for (int i = 0; i < n; i++) sum += yv[i * k + o];
                if (!(sum > 0)) throw new ArgumentException($"{name}: the targets of output {o} sum to {sum}; Poisson regression needs a positive sum.", nameof(y));
            }
        }
        double[]? w = wt is null ? null : Array.ConvertAll(wt.ToArray(), v => double.CreateTruncating(v));
        return (TreeFeatures.From(xs), new TreeTargets(yv, k, null), w, vector);
    }
}
