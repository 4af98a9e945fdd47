using System.Numerics;

namespace Scratch.ML.Learn.Trees;

/// <summary>
/// Which nodes each sample passes through on its way to a leaf (scikit-learn's <c>decision_path</c>, a CSR indicator
/// matrix of shape (samples, nodes)): the path of sample i is <c>Nodes[RowStart[i] .. RowStart[i + 1])</c>, root first,
/// node ids increasing.
/// </summary>
public sealed class TreeDecisionPath
{
    private readonly int[] rowStart, nodes;

    internal TreeDecisionPath(int nodeCount, int[] rowStart, int[] nodes)
    {
        NodeCount = nodeCount;
        this.rowStart = rowStart;
        this.nodes = nodes;
    }

    /// <summary>Number of samples (rows of the indicator matrix).</summary>
    public int SampleCount => rowStart.Length - 1;

    /// <summary>Number of nodes of the tree (columns of the indicator matrix).</summary>
    public int NodeCount { get; }

    /// <summary>CSR row offsets: (samples + 1), RowStart[0] = 0, RowStart[n] = total path length.</summary>
    public ReadOnlySpan<int> RowStart => rowStart;

    /// <summary>CSR column indices: the node ids of all paths, concatenated.</summary>
    public ReadOnlySpan<int> Nodes => nodes;

    /// <summary>The node ids on the path of <paramref name="sample"/>, root to leaf.</summary>
    public ReadOnlySpan<int> Path(int sample) => nodes.AsSpan(rowStart[sample], rowStart[sample + 1] - rowStart[sample]);

    /// <summary>Whether <paramref name="sample"/> passes through <paramref name="node"/> (the indicator matrix entry).</summary>
    public bool Contains(int sample, int node) => Path(sample).Contains(node);
}

/// <summary>Read-only analyses of fitted trees shared by every tree model.</summary>
public static class TreeInspection
{
    /// <summary>
    /// Mean decrease in impurity per feature (scikit-learn's <c>feature_importances_</c>): for every internal node t
    /// splitting on f, importance[f] += W_t·impurity_t − W_left·impurity_left − W_right·impurity_right; divided by W_root,
    /// then (when <paramref name="normalize"/>) by the total so the importances sum to 1 (all zero for a lone leaf).
    /// </summary>
    /// <returns>(features) importances.</returns>
    public static double[] FeatureImportances(TreeStructure tree, bool normalize = true)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var importance = new double[tree.FeatureCount];
        var w = tree.WeightedSampleCount;
        var imp = tree.Impurity;
        for (int n = 0; n < tree.NodeCount; n++)
        {
            if (tree.IsLeaf(n)) continue;
            int l = tree.LeftChild[n], r = tree.RightChild[n];
            importance[tree.Feature[n]] += w[n] * imp[n] - w[l] * imp[l] - w[r] * imp[r];
        }
        for (int f = 0; f < importance.Length; f++) importance[f] /= w[0];
        if (normalize)
        {
            double total = importance.Sum();
            if (total > 0) for (int f = 0; f < importance.Length; f++) importance[f] /= total;
        }
        return importance;
    }

    /// <summary>The decision path of every row of <paramref name="x"/> (n, d) through <paramref name="tree"/>.</summary>
    /// <exception cref="ArgumentException">x is not (n, FeatureCount).</exception>
    public static TreeDecisionPath DecisionPath<T>(TreeStructure tree, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2 || x.Shape[1] != tree.FeatureCount)
            throw new ArgumentException($"DecisionPath: x must have shape (n, {tree.FeatureCount}), got {Shapes.Format(x.Shape)}.", nameof(x));
        int n = x.Shape[0], d = tree.FeatureCount;
        var data = Float64.From(x);
        var rowStart = new int[n + 1];
        var nodes = new List<int>(n * (tree.MaxDepth + 1));
        for (int i = 0; i < n; i++)
        {
            var row = data.AsSpan(i * d, d);
            int node = 0;
            nodes.Add(0);
            while (!tree.IsLeaf(node))
            {
                node = tree.Next(node, row);
                nodes.Add(node);
            }
            rowStart[i + 1] = nodes.Count;
        }
        return new TreeDecisionPath(tree.NodeCount, rowStart, [.. nodes]);
    }
}
