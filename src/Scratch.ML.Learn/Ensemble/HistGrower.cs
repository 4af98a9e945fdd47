using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>A node of a tree being grown (scikit-learn's grower <c>TreeNode</c>).</summary>
internal sealed class HistNode
{
    public int Depth, Start, Count;
    public double SumG, SumH, Value;
    public double ChildLower = double.NegativeInfinity, ChildUpper = double.PositiveInfinity;
    public HistBin[]? Hist;
    public HistSplit Split = new() { Gain = -1 };
    public bool HasSplit, IsLeaf;
    public HistNode? Left, Right;
    public int[]? Allowed;
    public List<int>? ConstraintIndices;
}

/// <summary>Settings shared by every tree of one fit.</summary>
internal sealed record HistGrowerSettings(int? MaxLeafNodes, int? MaxDepth, int MinSamplesLeaf, double L2, double Shrinkage,
    sbyte[] Monotonic, int[][]? Interactions, double MinHessian = 1e-3);

/// <summary>
/// Leaf-wise (best-first) growth of one regression tree on gradients and hessians, scikit-learn 1.2's
/// <c>TreeGrower</c>: the splittable leaf with the largest gain is split next until none is left or MaxLeafNodes is
/// reached; children closer than MaxDepth, with ≥ 2·MinSamplesLeaf samples, get their best split computed (the smaller
/// child's histogram is summed, the larger's is the parent's minus it). Monotonic constraints pass the bounds
/// [lower, mid] / [mid, upper] (mid = mean of the children's values) down the tree.
/// </summary>
internal sealed class HistGrower
{
    private readonly HistHistograms histograms;
    private readonly HistNodeSearch search;
    private readonly HistPartition rows;
    private readonly HistGrowerSettings settings;
    private readonly HistBinMapper mapper;
    private readonly int n;
    private readonly bool[] hasMissing;
    private readonly bool withMonotonic;
    private int[] partition = [];
    private readonly List<HistNode> heap = [];
    private readonly List<HistNode> leaves = [];

    public HistGrower(byte[] binned, int n, HistBinMapper mapper, bool[] hasMissing, HistGrowerSettings settings, bool hessiansConstant)
    {
        this.n = n;
        this.mapper = mapper;
        this.hasMissing = hasMissing;
        this.settings = settings;
        histograms = new HistHistograms(binned, n, mapper.Features, mapper.MaxBins + 1);
        var splitter = new HistSplitter(mapper.BinsNonMissing, hasMissing, mapper.IsCategorical, settings.Monotonic, mapper.MissingBin,
            settings.L2, settings.MinHessian, settings.MinSamplesLeaf, hessiansConstant);
        search = new HistNodeSearch(histograms, splitter, mapper.Features);
        rows = new HistPartition(binned, n, mapper.MissingBin);
        withMonotonic = settings.Monotonic.Any(c => c != 0);
        HessiansConstant = hessiansConstant;
    }

    /// <summary>Whether hessians are constant (1 per sample): counts replace hessian sums.</summary>
    public bool HessiansConstant { get; }

    /// <summary>The row ids, grouped by leaf after <see cref="Grow"/> (each leaf owns partition[Start … Start + Count)).</summary>
    public int[] Partition => partition;

    /// <summary>The finalized leaves of the last grown tree.</summary>
    public IReadOnlyList<HistNode> Leaves => leaves;

    /// <summary>Grows one tree on float32 gradients and hessians (null = constant 1); returns its root.</summary>
    public HistNode Grow(float[] gradients, float[]? hessians)
    {
        if (partition.Length != n) partition = new int[n];
        for (int i = 0; i < n; i++) partition[i] = i;
        heap.Clear();
        leaves.Clear();
        double sumG = 0, sumH;
        foreach (float g in gradients) sumG += g;
        if (hessians is null) sumH = n;
        else { sumH = 0; foreach (float h in hessians) sumH += h; }
        var root = new HistNode { Depth = 0, Start = 0, Count = n, SumG = sumG, SumH = sumH, Value = 0 };
        if (n < 2 * settings.MinSamplesLeaf || sumH < settings.MinHessian) Finalize(root);
        else
        {
            if (settings.Interactions is { } ic)
            {
                root.ConstraintIndices = [.. Enumerable.Range(0, ic.Length)];
                root.Allowed = [.. ic.SelectMany(s => s).Distinct().Order()];
            }
            search.Root(root, partition, gradients, hessians);
            Push(root);
        }
        while (heap.Count > 0) SplitNext(gradients, hessians);
        foreach (var leaf in leaves) leaf.Value *= settings.Shrinkage;
        return root;
    }

    private void Finalize(HistNode node)
    {
        node.IsLeaf = true;
        histograms.Return(node.Hist);
        node.Hist = null;
        leaves.Add(node);
    }

    private void Push(HistNode node)
    {
        if (node.Split.Gain <= 0) Finalize(node);
        else HeapPush(node);
    }

    private void SplitNext(float[] gradients, float[]? hessians)
    {
        var node = HeapPop();
        var s = node.Split;
        int rightStart = rows.Divide(partition, node.Start, node.Count, s, s.MissingGoesLeft);
        int depth = node.Depth + 1;
        int leafCount = leaves.Count + heap.Count + 2;
        var left = new HistNode { Depth = depth, Start = node.Start, Count = rightStart - node.Start, SumG = s.GradientLeft, SumH = s.HessianLeft, Value = s.ValueLeft };
        var right = new HistNode { Depth = depth, Start = rightStart, Count = node.Start + node.Count - rightStart, SumG = s.GradientRight, SumH = s.HessianRight, Value = s.ValueRight };
        node.Left = left;
        node.Right = right;
        node.HasSplit = true;
        if (settings.Interactions is { } ic)
        {
            var indices = new List<int>();
            var allowed = new SortedSet<int>();
            foreach (int i in node.ConstraintIndices!)
                if (Array.IndexOf(ic[i], s.Feature) >= 0) { indices.Add(i); allowed.UnionWith(ic[i]); }
            left.ConstraintIndices = right.ConstraintIndices = indices;
            left.Allowed = right.Allowed = [.. allowed];
        }
        if (!hasMissing[s.Feature]) node.Split.MissingGoesLeft = left.Count > right.Count;
        if (settings.MaxLeafNodes is { } maxLeaves && leafCount == maxLeaves)
        {
            Finalize(left);
            Finalize(right);
            while (heap.Count > 0) { var rest = heap[^1]; heap.RemoveAt(heap.Count - 1); Finalize(rest); }
            Release(node);
            return;
        }
        if (settings.MaxDepth is { } maxDepth && depth == maxDepth)
        {
            Finalize(left);
            Finalize(right);
            Release(node);
            return;
        }
        if (left.Count < 2 * settings.MinSamplesLeaf) Finalize(left);
        if (right.Count < 2 * settings.MinSamplesLeaf) Finalize(right);
        if (withMonotonic)
        {
            sbyte c = settings.Monotonic[s.Feature];
            if (c == 0)
            {
                left.ChildLower = right.ChildLower = node.ChildLower;
                left.ChildUpper = right.ChildUpper = node.ChildUpper;
            }
            else
            {
                double mid = (left.Value + right.Value) / 2;
                if (c == 1) { left.ChildLower = node.ChildLower; left.ChildUpper = mid; right.ChildLower = mid; right.ChildUpper = node.ChildUpper; }
                else { left.ChildLower = mid; left.ChildUpper = node.ChildUpper; right.ChildLower = node.ChildLower; right.ChildUpper = mid; }
            }
        }
        if (!left.IsLeaf || !right.IsLeaf)
        {
            search.Children(node, left, right, partition, gradients, hessians);
            if (!left.IsLeaf) Push(left);
            if (!right.IsLeaf) Push(right);
            foreach (var child in (ReadOnlySpan<HistNode>)[left, right])
                if (child.IsLeaf) { histograms.Return(child.Hist); child.Hist = null; }
        }
        Release(node);
    }

    private void Release(HistNode node)
    {
        histograms.Return(node.Hist);
        node.Hist = null;
    }

    // Python's heapq with "a < b ⇔ a.gain > b.gain", so that ties pop in scikit-learn's order.
    private void HeapPush(HistNode node)
    {
        heap.Add(node);
        SiftDown(0, heap.Count - 1);
    }

    private HistNode HeapPop()
    {
        var last = heap[^1];
        heap.RemoveAt(heap.Count - 1);
        if (heap.Count == 0) return last;
        var top = heap[0];
        heap[0] = last;
        SiftUp(0);
        return top;
    }

    private static bool Less(HistNode a, HistNode b) => a.Split.Gain > b.Split.Gain;

    private void SiftDown(int start, int pos)
    {
        var item = heap[pos];
        while (pos > start)
        {
            int parent = (pos - 1) >> 1;
            if (Less(item, heap[parent])) { heap[pos] = heap[parent]; pos = parent; continue; }
            break;
        }
        heap[pos] = item;
    }

    private void SiftUp(int pos)
    {
        int end = heap.Count, start = pos;
        var item = heap[pos];
        int child = 2 * pos + 1;
        while (child < end)
        {
            int right = child + 1;
            if (right < end && !Less(heap[child], heap[right])) child = right;
            heap[pos] = heap[child];
            pos = child;
            child = 2 * pos + 1;
        }
        heap[pos] = item;
        SiftDown(start, pos);
    }

    /// <summary>
    /// The grown tree as a <see cref="TreeStructure"/> in pre-order (scikit-learn's predictor layout) with RAW
    /// thresholds: bin b of a numeric feature splits at thresholds[b] (+∞ for a "NaN-only" split on the last
    /// non-missing bin), a categorical split keeps the raw category codes of its left bins. Node values are the
    /// (shrunk) node values; cover is the sample count.
    /// </summary>
    public TreeStructure Export(HistNode root)
    {
        var nodes = new List<HistNode>();
        void Walk(HistNode x)
        {
            nodes.Add(x);
            if (x.HasSplit) { Walk(x.Left!); Walk(x.Right!); }
        }
        Walk(root);
        int m = nodes.Count, d = mapper.Features;
        var id = new Dictionary<HistNode, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < m; i++) id[nodes[i]] = i;
        var left = new int[m]; var right = new int[m]; var feature = new int[m];
        var threshold = new double[m]; var missingLeft = new bool[m]; var impurity = new double[m];
        var samples = new int[m]; var weighted = new double[m]; var values = new double[m];
        var offsets = new int[m];
        var words = new List<uint>();
        for (int i = 0; i < m; i++)
        {
            var x = nodes[i];
            samples[i] = x.Count;
            weighted[i] = x.Count;
            values[i] = x.IsLeaf ? x.Value : x.Value * settings.Shrinkage;
            offsets[i] = -1;
            if (!x.HasSplit) { left[i] = right[i] = TreeStructure.NoChild; feature[i] = -2; threshold[i] = -2; continue; }
            var s = x.Split;
            left[i] = id[x.Left!];
            right[i] = id[x.Right!];
            feature[i] = s.Feature;
            missingLeft[i] = s.MissingGoesLeft;
            impurity[i] = 0;
            if (s.IsCategorical)
            {
                offsets[i] = words.Count;
                var raw = new uint[8];
                var cats = mapper.Thresholds[s.Feature];
                for (int b = 0; b < cats.Length; b++)
                    if (HistSplitter.InSet(s.LeftBins!, b)) HistSplitter.Set(raw, (int)cats[b]);
                words.AddRange(raw);
                threshold[i] = double.NaN;
            }
            else threshold[i] = s.Bin == mapper.BinsNonMissing[s.Feature] - 1 ? double.PositiveInfinity : mapper.Thresholds[s.Feature][s.Bin];
        }
        bool anyCat = words.Count > 0;
        return new TreeStructure(d, 1, left, right, feature, threshold, missingLeft, impurity, samples, weighted, values,
            anyCat ? [.. words] : null, anyCat ? offsets : null);
    }
}
