using System.Numerics;

namespace Scratch.ML.Learn.Trees;

/// <summary>The impurity a CART split minimises (scikit-learn's <c>criterion</c>).</summary>
public enum SplitCriterion
{
    /// <summary>Gini impurity Σₖ pₖ(1 − pₖ) (classification).</summary>
    Gini,
    /// <summary>Shannon entropy −Σₖ pₖ log₂ pₖ (classification; scikit-learn's "entropy" and "log_loss").</summary>
    Entropy,
    /// <summary>Mean squared error around the node mean (regression).</summary>
    SquaredError,
    /// <summary>Squared error with Friedman's improvement score (regression; gradient boosting's default).</summary>
    FriedmanMse,
    /// <summary>Mean absolute error around the node median (regression).</summary>
    AbsoluteError,
    /// <summary>Half Poisson deviance around the node mean (regression of non-negative counts).</summary>
    Poisson,
}

/// <summary>How a node chooses its split among the candidate features (scikit-learn's <c>splitter</c>).</summary>
public enum SplitStrategy
{
    /// <summary>The best threshold of every candidate feature.</summary>
    Best,
    /// <summary>One uniformly drawn threshold per candidate feature (extremely randomised trees).</summary>
    Random,
}

/// <summary>
/// The growth options of one CART tree with every limit resolved to an absolute number (the estimators turn
/// fractions such as max_features = "sqrt" into counts before growing).
/// </summary>
/// <param name="Criterion">The impurity to minimise.</param>
/// <param name="Splitter">Best or random thresholds.</param>
/// <param name="MaxDepth">Deepest allowed node (root = 0); int.MaxValue for none.</param>
/// <param name="MinSamplesSplit">Fewest samples a node needs to be split (≥ 2).</param>
/// <param name="MinSamplesLeaf">Fewest samples in each child (≥ 1).</param>
/// <param name="MinWeightLeaf">Least total sample weight in each child (absolute, ≥ 0).</param>
/// <param name="MaxFeatures">Candidate features drawn per node without replacement (1 … d; larger values mean d).</param>
/// <param name="MaxLeafNodes">Leaf budget; below int.MaxValue the tree grows best-first, otherwise depth-first.</param>
/// <param name="MinImpurityDecrease">A split must decrease the weighted impurity by at least this much (scikit-learn's formula).</param>
/// <param name="SplitThreads">Threads that may score a large node's candidate features at once: 0 means
/// <see cref="Parallelism.MaxThreads"/>; an ensemble that already grows its trees in parallel passes 1 so the two
/// levels do not oversubscribe the cores. The tree is the same for every value.</param>
internal sealed record TreeGrowthOptions(
    SplitCriterion Criterion,
    SplitStrategy Splitter = SplitStrategy.Best,
    int MaxDepth = int.MaxValue,
    int MinSamplesSplit = 2,
    int MinSamplesLeaf = 1,
    double MinWeightLeaf = 0,
    int MaxFeatures = int.MaxValue,
    int MaxLeafNodes = int.MaxValue,
    double MinImpurityDecrease = 0,
    int SplitThreads = 0);

/// <summary>
/// The feature matrix a tree grows on, stored column-major in float64 (exact for float32 input) so that one
/// feature's values are contiguous. Built once and shared by every tree of an ensemble; trees never modify it.
/// </summary>
internal sealed class TreeFeatures
{
    /// <summary>Wraps column-major values: feature f of sample i at [f × samples + i].</summary>
    /// <param name="columns">Column-major values.</param>
    /// <param name="samples">Number of samples n.</param>
    /// <param name="features">Number of features d.</param>
    /// <param name="singlePrecision">Whether the values are float32 values (growers then compare them in float32 like scikit-learn).</param>
    public TreeFeatures(double[] columns, int samples, int features, bool singlePrecision = false)
    {
        IsSinglePrecision = singlePrecision;
        if (columns.Length != (long)samples * features)
            throw new ArgumentException($"TreeFeatures: {columns.Length} values for {samples} × {features}.", nameof(columns));
        Columns = columns;
        Samples = samples;
        Features = features;
        var missing = new bool[features];
        for (int f = 0; f < features; f++)
            foreach (var v in columns.AsSpan(f * samples, samples))
                if (double.IsNaN(v)) { missing[f] = true; break; }
        HasMissing = missing;
    }

    /// <summary>Column-major values (features × samples).</summary>
    public double[] Columns { get; }

    /// <summary>
    /// Whether the values came from float32 input: the CART grower then makes scikit-learn's "same value" test
    /// (b ≤ a + 1e-7) in float32 arithmetic, as scikit-learn does on its float32 copy of X.
    /// </summary>
    public bool IsSinglePrecision { get; }

    /// <summary>Number of samples n.</summary>
    public int Samples { get; }

    /// <summary>Number of features d.</summary>
    public int Features { get; }

    /// <summary>Per feature, whether any value is NaN: (d).</summary>
    public bool[] HasMissing { get; }

    /// <summary>The n values of feature <paramref name="f"/>.</summary>
    public ReadOnlySpan<double> Column(int f) => Columns.AsSpan(f * Samples, Samples);

    /// <summary>Transposes a contiguous (n, d) tensor into column-major float64.</summary>
    public static TreeFeatures From<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = x.Contiguous();
        var span = c.AsSpan();
        int n = x.Shape[0], d = x.Shape[1];
        var cols = new double[(long)n * d];
        for (int i = 0; i < n; i++)
            for (int f = 0; f < d; f++)
                cols[f * n + i] = double.CreateTruncating(span[i * d + f]);
        return new TreeFeatures(cols, n, d, typeof(T) == typeof(float));
    }
}

/// <summary>
/// The targets a tree fits: (n, outputs) row-major. For classification each value is a class code 0 … k−1 of its
/// output and <see cref="ClassCounts"/> gives k per output; for regression <see cref="ClassCounts"/> is null.
/// </summary>
internal sealed class TreeTargets
{
    /// <summary>Wraps row-major (n, outputs) targets; class codes must be integers in [0, classCounts[o]).</summary>
    public TreeTargets(double[] values, int outputs, int[]? classCounts)
    {
        if (outputs < 1 || values.Length % outputs != 0)
            throw new ArgumentException($"TreeTargets: {values.Length} values do not divide into {outputs} outputs.", nameof(values));
        if (classCounts is not null && classCounts.Length != outputs)
            throw new ArgumentException($"TreeTargets: {classCounts.Length} class counts for {outputs} outputs.", nameof(classCounts));
        Values = values;
        Outputs = outputs;
        ClassCounts = classCounts;
    }

    /// <summary>Row-major (n, outputs) targets.</summary>
    public double[] Values { get; }

    /// <summary>Number of outputs.</summary>
    public int Outputs { get; }

    /// <summary>Classes per output (classification), or null (regression).</summary>
    public int[]? ClassCounts { get; }

    /// <summary>Whether the targets are class codes.</summary>
    public bool IsClassification => ClassCounts is not null;

    /// <summary>Numbers per node value: Σ classes (classification, probabilities per output) or outputs (regression means).</summary>
    public int ValueWidth => ClassCounts is null ? Outputs : ClassCounts.Sum();
}
