namespace Scratch.ML.Learn.Trees;

/// <summary>What a tree model's raw output becomes at prediction time.</summary>
public enum RawOutputLink
{
    /// <summary>The raw output is the prediction (regression means, forest class probabilities).</summary>
    Identity,
    /// <summary>Probability = 1 / (1 + e^(−raw)) (binary log-loss boosting).</summary>
    Logistic,
    /// <summary>Probabilities = softmax over the outputs (multinomial boosting).</summary>
    Softmax,
    /// <summary>Prediction = e^raw (Poisson and gamma boosting).</summary>
    Exp,
}

/// <summary>
/// Any fitted tree model seen as an additive sum of trees in its raw output space, the form the tree-walking
/// explainers use (TreeSHAP, partial dependence by recursion):
/// <code>raw(x)[OutputOffset(t) + j] += Weight(t) · value_t(leaf_t(x))[j]   for j &lt; tree t's ValueWidth,   raw starting at BaseValue</code>
/// A single tree is one term with weight 1; a forest averages (weights 1/T, offset 0); gradient boosting adds
/// learning-rate-weighted trees, one per class per stage (offset = class).
/// </summary>
public sealed class TreeEnsemble
{
    private readonly TreeStructure[] trees;
    private readonly double[] weights, baseValue;
    private readonly int[] offsets;

    /// <summary>Builds the view; arrays are copied.</summary>
    /// <param name="trees">The trees (≥ 1), all routing the same feature count.</param>
    /// <param name="weights">Per tree, the factor on its values (finite).</param>
    /// <param name="outputOffsets">Per tree, the first raw output its values add to.</param>
    /// <param name="baseValue">The raw output before any tree (length = output count).</param>
    /// <param name="link">How the raw output maps to predictions.</param>
    /// <exception cref="ArgumentException">Lengths disagree, a tree has another feature count, or a tree's values overrun the outputs.</exception>
    public TreeEnsemble(IReadOnlyList<TreeStructure> trees, IReadOnlyList<double> weights, IReadOnlyList<int> outputOffsets,
        IReadOnlyList<double> baseValue, RawOutputLink link = RawOutputLink.Identity)
    {
        ArgumentNullException.ThrowIfNull(trees);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(outputOffsets);
        ArgumentNullException.ThrowIfNull(baseValue);
        if (trees.Count < 1) throw new ArgumentException("TreeEnsemble: at least one tree is needed.", nameof(trees));
        if (weights.Count != trees.Count || outputOffsets.Count != trees.Count)
            throw new ArgumentException($"TreeEnsemble: {trees.Count} trees need as many weights ({weights.Count}) and output offsets ({outputOffsets.Count}).", nameof(weights));
        if (baseValue.Count < 1) throw new ArgumentException("TreeEnsemble: at least one raw output is needed.", nameof(baseValue));
        int d = trees[0].FeatureCount;
        for (int t = 0; t < trees.Count; t++)
        {
            if (trees[t].FeatureCount != d)
                throw new ArgumentException($"TreeEnsemble: tree {t} routes {trees[t].FeatureCount} features, tree 0 routes {d}.", nameof(trees));
            if (outputOffsets[t] < 0 || outputOffsets[t] + trees[t].ValueWidth > baseValue.Count)
                throw new ArgumentException($"TreeEnsemble: tree {t} writes outputs {outputOffsets[t]}…{outputOffsets[t] + trees[t].ValueWidth - 1}, but there are {baseValue.Count}.", nameof(outputOffsets));
            if (!double.IsFinite(weights[t])) throw new ArgumentException($"TreeEnsemble: tree {t} has weight {weights[t]}.", nameof(weights));
        }
        this.trees = [.. trees];
        this.weights = [.. weights];
        offsets = [.. outputOffsets];
        this.baseValue = [.. baseValue];
        Link = link;
    }

    /// <summary>The trees.</summary>
    public IReadOnlyList<TreeStructure> Trees => trees;

    /// <summary>Per tree, the factor on its values: (trees).</summary>
    public ReadOnlySpan<double> Weights => weights;

    /// <summary>Per tree, the first raw output its values add to: (trees).</summary>
    public ReadOnlySpan<int> OutputOffsets => offsets;

    /// <summary>The raw output before any tree: (outputs).</summary>
    public ReadOnlySpan<double> BaseValue => baseValue;

    /// <summary>Number of raw outputs.</summary>
    public int OutputCount => baseValue.Length;

    /// <summary>Features every tree routes.</summary>
    public int FeatureCount => trees[0].FeatureCount;

    /// <summary>How the raw output maps to predictions.</summary>
    public RawOutputLink Link { get; }

    /// <summary>The raw output of one sample (length d) written to <paramref name="raw"/> (length <see cref="OutputCount"/>).</summary>
    public void Raw(ReadOnlySpan<double> row, Span<double> raw)
    {
        if (row.Length != FeatureCount) throw new ArgumentException($"TreeEnsemble: a row has {FeatureCount} features, got {row.Length}.", nameof(row));
        if (raw.Length != OutputCount) throw new ArgumentException($"TreeEnsemble: {OutputCount} raw outputs, got a span of {raw.Length}.", nameof(raw));
        baseValue.CopyTo(raw);
        for (int t = 0; t < trees.Length; t++)
        {
            var v = trees[t].Value(trees[t].Apply(row));
            var dst = raw.Slice(offsets[t], v.Length);
            for (int j = 0; j < v.Length; j++) dst[j] += weights[t] * v[j];
        }
    }
}

/// <summary>A fitted model made of trees, exposing them as a <see cref="TreeEnsemble"/> for the tree explainers.</summary>
public interface ITreeEnsembleModel
{
    /// <summary>The model's trees as an additive raw-output sum.</summary>
    TreeEnsemble Ensemble { get; }
}
