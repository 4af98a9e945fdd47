using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Trees;

/// <summary>
/// Grows one CART tree (scikit-learn's <c>DepthFirstTreeBuilder</c> and <c>BestFirstTreeBuilder</c> over
/// <c>BestSplitter</c>/<c>RandomSplitter</c>): the grower every tree model of the library uses (decision trees,
/// forests, extra trees, classic gradient boosting).
/// </summary>
/// <remarks>
/// <para>Samples with weight 0 are left out entirely (forests pass bootstrap counts × weights). A node becomes a leaf
/// when it is at <c>MaxDepth</c>, has fewer than <c>MinSamplesSplit</c> or 2·<c>MinSamplesLeaf</c> samples, weighs less
/// than 2·<c>MinWeightLeaf</c>, is pure (impurity ≤ machine ε), has no valid split, or its best split decreases the
/// weighted impurity by less than <c>MinImpurityDecrease</c> (with scikit-learn's ε slack).</para>
/// <para>Depth-first (no leaf budget) numbers nodes in pre-order, left child first. Best-first (a <c>MaxLeafNodes</c>
/// budget) splits every new node eagerly, then repeatedly expands the frontier node with the largest impurity
/// improvement until the budget is spent; nodes get ids in the order they are created (left then right child).</para>
/// </remarks>
internal static class CartGrower
{
    /// <summary>scikit-learn's EPSILON (numpy's float64 machine epsilon).</summary>
    internal const double Epsilon = 2.220446049250313e-16;

    /// <summary>Grows a tree on <paramref name="x"/> and <paramref name="y"/>.</summary>
    /// <param name="x">Features (n, d), column-major; NaN marks a missing value (best splitter only).</param>
    /// <param name="y">Targets (n, outputs); class codes for the classification criteria.</param>
    /// <param name="sampleWeight">Per-sample weights (n), finite and ≥ 0, or null for 1; zero-weight samples are excluded.</param>
    /// <param name="options">Resolved growth options.</param>
    /// <param name="rng">Draws the candidate features per node (and random thresholds); consumed.</param>
    /// <param name="ct">Checked once per node.</param>
    /// <returns>The tree: classifier nodes hold class probabilities per output, regressor nodes means (medians for absolute error).</returns>
    /// <exception cref="ArgumentException">Shapes disagree, the criterion does not fit the targets, weights are negative or all zero, or missing values meet the random splitter or absolute error.</exception>
    public static TreeStructure Grow(TreeFeatures x, TreeTargets y, double[]? sampleWeight, TreeGrowthOptions options, Generator rng, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return Grow(x, y, sampleWeight, options, new PhiloxSplitRandom(rng), ct);
    }

    /// <summary>Grows with another source of split draws (the tests use scikit-learn's own generator).</summary>
    internal static TreeStructure Grow(TreeFeatures x, TreeTargets y, double[]? sampleWeight, TreeGrowthOptions options, SplitRandom rng, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(options);
        Validate(x, y, sampleWeight, options);
        var splitter = new CartSplitter(x, y, sampleWeight, options, rng);
        if (splitter.Samples.Length == 0)
            throw new ArgumentException("CartGrower: every sample has weight 0; at least one positive weight is needed.", nameof(sampleWeight));
        var nodes = new NodeArrays(y.ValueWidth);
        if (options.MaxLeafNodes < int.MaxValue) GrowBestFirst(splitter, options, nodes, ct);
        else GrowDepthFirst(splitter, options, nodes, ct);
        return nodes.ToTree(x.Features);
    }

    private static void Validate(TreeFeatures x, TreeTargets y, double[]? w, TreeGrowthOptions o)
    {
        if (y.Values.Length != (long)x.Samples * y.Outputs)
            throw new ArgumentException($"CartGrower: y has {y.Values.Length / y.Outputs} rows, x has {x.Samples}.", nameof(y));
        bool classification = o.Criterion is SplitCriterion.Gini or SplitCriterion.Entropy;
        if (classification != y.IsClassification)
            throw new ArgumentException($"CartGrower: criterion {o.Criterion} needs {(classification ? "class codes" : "regression targets")}.", nameof(y));
        if (w is not null)
        {
            if (w.Length != x.Samples) throw new ArgumentException($"CartGrower: {w.Length} sample weights for {x.Samples} samples.", nameof(w));
            foreach (double v in w)
                if (!(v >= 0) || double.IsInfinity(v)) throw new ArgumentException($"CartGrower: sample weights must be finite and ≥ 0, got {v}.", nameof(w));
        }
        if (o.MaxDepth < 0) throw new ArgumentOutOfRangeException(nameof(o), o.MaxDepth, "MaxDepth must be ≥ 0.");
        if (o.MinSamplesSplit < 2) throw new ArgumentOutOfRangeException(nameof(o), o.MinSamplesSplit, "MinSamplesSplit must be ≥ 2.");
        if (o.MinSamplesLeaf < 1) throw new ArgumentOutOfRangeException(nameof(o), o.MinSamplesLeaf, "MinSamplesLeaf must be ≥ 1.");
        if (o.MaxFeatures < 1) throw new ArgumentOutOfRangeException(nameof(o), o.MaxFeatures, "MaxFeatures must be ≥ 1.");
        if (o.MaxLeafNodes < 2) throw new ArgumentOutOfRangeException(nameof(o), o.MaxLeafNodes, "MaxLeafNodes must be ≥ 2.");
        if (x.HasMissing.Contains(true))
        {
            if (o.Splitter == SplitStrategy.Random)
                throw new ArgumentException("CartGrower: the random splitter does not support missing values (NaN in x); use the best splitter or impute.", nameof(x));
            if (o.Criterion == SplitCriterion.AbsoluteError)
                throw new ArgumentException("CartGrower: the absolute-error criterion does not support missing values (NaN in x); impute them first.", nameof(x));
        }
    }

    private readonly record struct StackRecord(int Start, int End, int Depth, int Parent, bool IsLeft, double Impurity, int Constants);

    private static void GrowDepthFirst(CartSplitter splitter, TreeGrowthOptions o, NodeArrays nodes, CancellationToken ct)
    {
        var stack = new Stack<StackRecord>();
        stack.Push(new StackRecord(0, splitter.Samples.Length, 0, -1, false, double.PositiveInfinity, 0));
        bool first = true;
        while (stack.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var (start, end, depth, parent, isLeft, impurity, constants) = stack.Pop();
            int n = end - start;
            double weighted = splitter.NodeReset(start, end);
            bool leaf = IsLeafBySize(o, depth, n, weighted);
            if (first) { impurity = splitter.NodeImpurity(); first = false; }
            leaf |= impurity <= Epsilon;
            var split = new CartSplit { Pos = end, Feature = -2, Threshold = -2 };
            if (!leaf)
            {
                split = splitter.NodeSplit(start, end, impurity, ref constants);
                leaf = split.Pos >= end || split.Improvement + Epsilon < o.MinImpurityDecrease;
            }
            int id = nodes.Add(parent, isLeft, leaf, split, impurity, n, weighted);
            splitter.NodeValue(nodes.ValueOf(id));
            if (!leaf)
            {
                stack.Push(new StackRecord(split.Pos, end, depth + 1, id, false, split.ImpurityRight, constants));
                stack.Push(new StackRecord(start, split.Pos, depth + 1, id, true, split.ImpurityLeft, constants));
            }
        }
    }

    private static bool IsLeafBySize(TreeGrowthOptions o, int depth, int n, double weighted) =>
        depth >= o.MaxDepth || n < o.MinSamplesSplit || n < 2 * o.MinSamplesLeaf || weighted < 2 * o.MinWeightLeaf;

    private readonly record struct FrontierRecord(int Node, int Start, int End, int Pos, int Depth, bool IsLeaf,
        double Improvement, double ImpurityLeft, double ImpurityRight);

    private static void GrowBestFirst(CartSplitter splitter, TreeGrowthOptions o, NodeArrays nodes, CancellationToken ct)
    {
        // Max-heap on improvement; equal improvements leave in creation order.
        var frontier = new PriorityQueue<FrontierRecord, (double, long)>();
        long sequence = 0;
        void Push(FrontierRecord r) => frontier.Enqueue(r, (-r.Improvement, sequence++));

        Push(AddSplitNode(splitter, o, nodes, 0, splitter.Samples.Length, double.PositiveInfinity, true, -1, false, 0, ct));
        int splitBudget = o.MaxLeafNodes - 1;
        while (frontier.Count > 0)
        {
            var r = frontier.Dequeue();
            if (r.IsLeaf || splitBudget <= 0)
            {
                nodes.MakeLeaf(r.Node);
                continue;
            }
            splitBudget--;
            Push(AddSplitNode(splitter, o, nodes, r.Start, r.Pos, r.ImpurityLeft, false, r.Node, true, r.Depth + 1, ct));
            Push(AddSplitNode(splitter, o, nodes, r.Pos, r.End, r.ImpurityRight, false, r.Node, false, r.Depth + 1, ct));
        }
    }

    private static FrontierRecord AddSplitNode(CartSplitter splitter, TreeGrowthOptions o, NodeArrays nodes, int start, int end,
        double impurity, bool isFirst, int parent, bool isLeft, int depth, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        double weighted = splitter.NodeReset(start, end);
        if (isFirst) impurity = splitter.NodeImpurity();
        int n = end - start;
        bool leaf = IsLeafBySize(o, depth, n, weighted) || impurity <= Epsilon;
        var split = new CartSplit { Pos = end, Feature = -2, Threshold = -2 };
        if (!leaf)
        {
            int constants = 0;
            split = splitter.NodeSplit(start, end, impurity, ref constants);
            leaf = split.Pos >= end || split.Improvement + Epsilon < o.MinImpurityDecrease;
        }
        int id = nodes.Add(parent, isLeft, leaf, split, impurity, n, weighted);
        splitter.NodeValue(nodes.ValueOf(id));
        return leaf
            ? new FrontierRecord(id, start, end, end, depth, true, 0, impurity, impurity)
            : new FrontierRecord(id, start, end, split.Pos, depth, false, split.Improvement, split.ImpurityLeft, split.ImpurityRight);
    }
}
