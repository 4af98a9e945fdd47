using System.Numerics;
using Scratch.ML.Learn.LinearModels;

namespace Scratch.ML.Learn.Trees;

/// <summary>
/// A CART classification tree (scikit-learn's <c>DecisionTreeClassifier</c>): recursive binary splits x_f ≤ t chosen
/// to minimise the weighted Gini impurity or entropy of the children; a leaf predicts the weighted class frequencies of
/// its training samples. See docs/trees.md for the algorithm and <see cref="CartGrower"/> for the growth rules.
/// </summary>
/// <remarks>
/// Deterministic for a given <paramref name="Seed"/>: the generator orders the candidate features of every node
/// (scikit-learn's random permutation), which decides among exactly tied splits even when all features are used.
/// Missing values (NaN) are supported with the best splitter (scikit-learn 1.3 semantics, see docs/trees.md).
/// </remarks>
/// <param name="Criterion">Gini (default) or Entropy (scikit-learn's "entropy" and "log_loss").</param>
/// <param name="Splitter">Best (default) or Random thresholds.</param>
/// <param name="MaxDepth">Deepest level (root = 0 splits at depth ≥ 1); null for unlimited; 0 or negative is rejected.</param>
/// <param name="MinSamplesSplit">Fewest samples a node needs to be split: a count ≥ 2 or a fraction (null = 2).</param>
/// <param name="MinSamplesLeaf">Fewest samples in each child: a count ≥ 1 or a fraction in (0, 1) (null = 1).</param>
/// <param name="MinWeightFractionLeaf">Least fraction of the total sample weight in each child, in [0, 0.5].</param>
/// <param name="MaxFeatures">Candidate features per node (default all).</param>
/// <param name="MaxLeafNodes">Leaf budget ≥ 2: the tree then grows best-first (largest impurity decrease first); null = depth-first.</param>
/// <param name="MinImpurityDecrease">A node is split only if N_t/N·(impurity − N_tR/N_t·right − N_tL/N_t·left) ≥ this.</param>
/// <param name="ClassWeight">Per-class weights multiplying the sample weights (balanced or explicit), or null.</param>
/// <param name="CcpAlpha">Minimal cost-complexity pruning strength α ≥ 0 (0 = no pruning).</param>
/// <param name="Seed">Seed of the feature-order generator.</param>
public sealed record DecisionTreeClassifier(
    SplitCriterion Criterion = SplitCriterion.Gini, SplitStrategy Splitter = SplitStrategy.Best, int? MaxDepth = null,
    SampleLimit? MinSamplesSplit = null, SampleLimit? MinSamplesLeaf = null, double MinWeightFractionLeaf = 0,
    FeatureSubset MaxFeatures = default, int? MaxLeafNodes = null, double MinImpurityDecrease = 0, ClassWeights? ClassWeight = null,
    double CcpAlpha = 0, ulong Seed = 0) : IClassifier
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(new(Criterion, Splitter, MaxDepth, MinSamplesSplit,
        MinSamplesLeaf, MinWeightFractionLeaf, MaxFeatures, MaxLeafNodes, MinImpurityDecrease, CcpAlpha, Seed));

    /// <summary>Test hook: draw splits with scikit-learn's own generator seeded with this value, to reproduce its trees exactly.</summary>
    internal uint? SklearnSeed { get; init; }

    internal DecisionTreeSettings Settings => new(Criterion, Splitter, MaxDepth, MinSamplesSplit, MinSamplesLeaf, MinWeightFractionLeaf,
        MaxFeatures, MaxLeafNodes, MinImpurityDecrease, CcpAlpha, Seed, SklearnSeed);

    /// <summary>The options a model file records (<see cref="DecisionTreeSettings.WriteTo"/> plus "class_weight").</summary>
    internal static DecisionTreeClassifier Read(Func<string, string> option)
    {
        var s = DecisionTreeSettings.Read(option);
        string cw = option("class_weight");
        return new DecisionTreeClassifier(s.Criterion, s.Splitter, s.MaxDepth, s.MinSamplesSplit, s.MinSamplesLeaf, s.MinWeightFractionLeaf,
            s.MaxFeatures, s.MaxLeafNodes, s.MinImpurityDecrease, cw.Length == 0 ? null : ClassWeights.FromMetadata(cw), s.CcpAlpha, s.Seed);
    }

    private static EstimatorCapabilities ValidateAndDescribe(DecisionTreeSettings s)
    {
        s.Validate(nameof(DecisionTreeClassifier), classifier: true);
        return new(EstimatorKind.Classifier, Supervised: true, SupportsSampleWeight: true, HandlesMissingValues: s.HandlesMissingValues, Stochastic: true);
    }

    /// <summary>Fits x: (n, d) to labels y (n) with optional non-negative weights (n).</summary>
    /// <exception cref="ArgumentException">Bad shapes, NaN (unless supported) or ±∞ in x, fewer than two classes, negative or all-zero weights.</exception>
    public DecisionTreeClassifierModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (features, targets, w, classes) = Prepare(x, y, sampleWeight);
        return new DecisionTreeClassifierModel<T>(this, classes, Settings.Grow(features, targets, w, CancellationToken.None));
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary>
    /// Fits ONE tree to several label columns at once (scikit-learn's classifier with a 2-d y): x (n, d), y a list of k
    /// label vectors of length n (each with ≥ 2 classes). A split is scored by the impurity averaged over the outputs;
    /// each node stores every output's class probabilities.
    /// </summary>
    /// <remarks>
    /// Class weights: <see cref="LinearModels.ClassWeights.Balanced"/> multiplies the balanced weights of every output
    /// (scikit-learn's <c>compute_sample_weight("balanced", y)</c>); explicit per-class weights are ambiguous across
    /// outputs (scikit-learn takes one dictionary per output) and are rejected.
    /// </remarks>
    /// <exception cref="ArgumentException">No outputs, a label vector of another length, an output with one class, explicit class weights, or the
    /// input errors of <see cref="Fit{T}"/>.</exception>
    public MultiOutputTreeClassifierModel<T> FitMultiOutput<T>(Tensor<T> x, IReadOnlyList<Labels> y, Tensor<T>? sampleWeight = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(DecisionTreeClassifier);
        ArgumentNullException.ThrowIfNull(y);
        if (y.Count == 0) throw new ArgumentException($"{name}: y needs at least one label column, got none.", nameof(y));
        if (ClassWeight is not null && !ClassWeight.IsBalanced)
            throw new ArgumentException($"{name}: explicit class weights are ambiguous with {y.Count} outputs; use ClassWeights.Balanced or sample weights.", nameof(ClassWeight));
        var xs = InputChecks.Features(name, x, allowNaN: Capabilities.HandlesMissingValues);
        int n = xs.Shape[0], k = y.Count;
        var classes = new ClassLabels[k];
        var values = new double[(long)n * k];
        var wt = InputChecks.Weights(name, sampleWeight, n)?.ToArray();
        double[]? w = wt is null && ClassWeight is null ? null : new double[n];
        if (w is not null) for (int i = 0; i < n; i++) w[i] = wt is null ? 1.0 : double.CreateTruncating(wt[i]);
        for (int o = 0; o < k; o++)
        {
            if (y[o] is null || y[o].Length != n)
                throw new ArgumentException($"{name}: y[{o}] has {y[o]?.Length ?? 0} labels, x has {n} rows.", nameof(y));
            var (c, codes) = ClassifierChecks.Encode(name, y[o], n);
            classes[o] = c;
            for (int i = 0; i < n; i++) values[(long)i * k + o] = codes[i];
            if (ClassWeight is not null)
            {
                var cw = ClassWeight.Resolve(name, c, codes);
                for (int i = 0; i < n; i++) w![i] *= cw[codes[i]];
            }
        }
        if (w is not null && w.All(v => v == 0)) throw new ArgumentException($"{name}: every sample has weight 0 after applying the class weights.", nameof(sampleWeight));
        var targets = new TreeTargets(values, k, [.. classes.Select(c => c.Count)]);
        return new MultiOutputTreeClassifierModel<T>(this, classes, Settings.Grow(TreeFeatures.From(xs), targets, w, CancellationToken.None));
    }

    /// <summary>
    /// The minimal cost-complexity pruning path of the unpruned tree these options grow on (x, y, w) (scikit-learn's
    /// <c>cost_complexity_pruning_path</c>): effective alphas and the total leaf impurities of the pruned subtrees.
    /// </summary>
    public CostComplexityPath CostComplexityPruningPath<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (features, targets, w, _) = Prepare(x, y, sampleWeight);
        return CostComplexityPruning.Path(Settings.Grow(features, targets, w, CancellationToken.None, prune: false));
    }

    private (TreeFeatures X, TreeTargets Y, double[]? W, ClassLabels Classes) Prepare<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(DecisionTreeClassifier);
        var xs = InputChecks.Features(name, x, allowNaN: Capabilities.HandlesMissingValues);
        int n = xs.Shape[0];
        var (classes, codes) = ClassifierChecks.Encode(name, y, n);
        var wt = InputChecks.Weights(name, sampleWeight, n);
        double[]? w = null;
        if (wt is not null || ClassWeight is not null)
        {
            var ws = wt?.ToArray();
            w = new double[n];
            var cw = ClassWeight?.Resolve(name, classes, codes);
            for (int i = 0; i < n; i++) w[i] = (ws is null ? 1.0 : double.CreateTruncating(ws[i])) * (cw?[codes[i]] ?? 1.0);
            if (w.All(v => v == 0)) throw new ArgumentException($"{name}: every sample has weight 0 after applying the class weights.", nameof(sampleWeight));
        }
        var targets = new TreeTargets(Array.ConvertAll(codes, c => (double)c), 1, [classes.Count]);
        return (TreeFeatures.From(xs), targets, w, classes);
    }
}
