namespace Scratch.ML.Learn.Trees;

/// <summary>Growable node arrays that a grower fills and turns into a <see cref="TreeStructure"/> (scikit-learn's <c>Tree._add_node</c>).</summary>
internal sealed class NodeArrays(int valueWidth)
{
    /// <summary>scikit-learn's marker for the feature and threshold of a leaf.</summary>
    public const int Undefined = -2;

    private readonly List<int> left = [], right = [], feature = [], samples = [];
    private readonly List<double> threshold = [], impurity = [], weighted = [];
    private readonly List<bool> missingLeft = [];
    private double[] values = new double[16 * valueWidth];

    /// <summary>Number of nodes so far.</summary>
    public int Count => left.Count;

    /// <summary>Adds a node, links it to its parent (−1 for the root), and returns its id.</summary>
    public int Add(int parent, bool isLeft, bool isLeaf, in CartSplit split, double nodeImpurity, int sampleCount, double weightedCount)
    {
        int id = left.Count;
        if (parent >= 0)
        {
            if (isLeft) left[parent] = id; else right[parent] = id;
        }
        left.Add(TreeStructure.NoChild);
        right.Add(TreeStructure.NoChild);
        feature.Add(isLeaf ? Undefined : split.Feature);
        threshold.Add(isLeaf ? Undefined : split.Threshold);
        missingLeft.Add(!isLeaf && split.MissingGoesLeft);
        impurity.Add(nodeImpurity);
        samples.Add(sampleCount);
        weighted.Add(weightedCount);
        if ((id + 1) * valueWidth > values.Length) Array.Resize(ref values, values.Length * 2);
        return id;
    }

    /// <summary>Turns an unexpanded internal node into a leaf (best-first growth out of budget).</summary>
    public void MakeLeaf(int node)
    {
        left[node] = right[node] = TreeStructure.NoChild;
        feature[node] = Undefined;
        threshold[node] = Undefined;
        missingLeft[node] = false;
    }

    /// <summary>The value slot of <paramref name="node"/>.</summary>
    public Span<double> ValueOf(int node) => values.AsSpan(node * valueWidth, valueWidth);

    /// <summary>The finished tree.</summary>
    public TreeStructure ToTree(int featureCount) =>
        new(featureCount, valueWidth, [.. left], [.. right], [.. feature], [.. threshold], [.. missingLeft], [.. impurity],
            [.. samples], [.. weighted], values.AsSpan(0, Count * valueWidth).ToArray());
}
