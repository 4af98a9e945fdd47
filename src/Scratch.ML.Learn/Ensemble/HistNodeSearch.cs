namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// The grower's per-split work as ONE pass over blocks of four features (scikit-learn runs the same steps as
/// separate OpenMP loops over features): for each block, sum the smaller child's histograms, derive the larger
/// child's as parent − smaller, and search both children's best split on each feature of the block. Blocks are
/// independent, so they run on up to <see cref="Parallelism.MaxThreads"/> threads; the per-feature winners are then
/// reduced in feature order (<see cref="HistSplitter.Best"/>), so the tree does not depend on the thread count.
/// </summary>
/// <remarks>
/// Fusing the three steps makes each fork-join large enough to pay for the hand-off even on small nodes, where
/// the split search over 2 × features × bins dominates the histogram sums.
/// </remarks>
internal sealed class HistNodeSearch
{
    /// <summary>
    /// Work (sample × feature updates plus bin visits) below which a pass runs on the calling thread: about 25 µs, a
    /// little more than what waking a pool thread costs.
    /// </summary>
    internal const long ParallelWork = 30_000;

    private readonly HistHistograms histograms;
    private readonly HistSplitter splitter;
    private readonly HistSplit[] leftSplits, rightSplits;
    private readonly Action<int> block;

    // The pass in flight (read by every block).
    private HistBin[] built = [], parentHist = [];
    private HistBin[]? derived;
    private HistNode? searchLeft, searchRight;
    private int[]? features, rows;
    private int count, start, m;
    private float[] g = [], h = [];
    private bool withH;

    public HistNodeSearch(HistHistograms histograms, HistSplitter splitter, int d)
    {
        this.histograms = histograms;
        this.splitter = splitter;
        leftSplits = new HistSplit[d];
        rightSplits = new HistSplit[d];
        block = Block;
    }

    /// <summary>Sums the root's histograms (every row in order) and finds its best split.</summary>
    public void Root(HistNode root, int[] partition, float[] gradients, float[]? hessians)
    {
        root.Hist = histograms.Rent();
        (g, h) = histograms.Gather(partition, 0, root.Count, true, gradients, hessians);
        Run(root.Hist, null, null, root, null, root.Allowed, null, 0, root.Count, hessians is not null);
        root.Split = HistSplitter.Best(leftSplits.AsSpan(0, count));
    }

    /// <summary>
    /// The children's histograms (the smaller one summed, the larger one by subtraction from the parent's) and the
    /// best split of each child that is not already a leaf.
    /// </summary>
    public void Children(HistNode parent, HistNode left, HistNode right, int[] partition, float[] gradients, float[]? hessians)
    {
        var (small, large) = left.Count < right.Count ? (left, right) : (right, left);
        small.Hist = histograms.Rent();
        large.Hist = histograms.Rent();
        (g, h) = histograms.Gather(partition, small.Start, small.Count, false, gradients, hessians);
        Run(small.Hist, large.Hist, parent.Hist!, left.IsLeaf ? null : left, right.IsLeaf ? null : right, small.Allowed, partition,
            small.Start, small.Count, hessians is not null);
        if (!left.IsLeaf) left.Split = HistSplitter.Best(leftSplits.AsSpan(0, count));
        if (!right.IsLeaf) right.Split = HistSplitter.Best(rightSplits.AsSpan(0, count));
    }

    private void Run(HistBin[] sum, HistBin[]? difference, HistBin[]? parent, HistNode? left, HistNode? right, int[]? allowed, int[]? rowIds,
        int first, int samples, bool hessians)
    {
        built = sum;
        derived = difference;
        parentHist = parent ?? [];
        searchLeft = left;
        searchRight = right;
        features = allowed;
        rows = rowIds;
        start = first;
        m = samples;
        withH = hessians;
        count = allowed?.Length ?? leftSplits.Length;
        int blocks = (count + 3) / 4;
        int searches = (left is null ? 0 : 1) + (right is null ? 0 : 1);
        long work = (long)m * count + (long)count * histograms.Stride * (searches + (difference is null ? 0 : 1));
        if (work < ParallelWork || Parallelism.MaxThreads <= 1) for (int b = 0; b < blocks; b++) Block(b);
        else Parallelism.For(blocks, block);
        searchLeft = searchRight = null;
        derived = null;
    }

    private void Block(int b)
    {
        int k0 = b * 4, end = Math.Min(count, k0 + 4), stride = histograms.Stride;
        histograms.BuildBlock(built, k0, count, features, rows, start, m, g, h, withH);
        if (derived is not null) histograms.SubtractBlock(parentHist, built, derived, k0, count, features);
        for (int k = k0; k < end; k++)
        {
            int f = features?[k] ?? k;
            if (searchLeft is { } l)
                leftSplits[k] = splitter.FindFeature(l.Hist!, stride, f, l.Count, l.SumG, l.SumH, l.Value, l.ChildLower, l.ChildUpper);
            if (searchRight is { } r)
                rightSplits[k] = splitter.FindFeature(r.Hist!, stride, f, r.Count, r.SumG, r.SumH, r.Value, r.ChildLower, r.ChildUpper);
        }
    }
}
