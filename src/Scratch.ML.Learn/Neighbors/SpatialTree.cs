namespace Scratch.ML.Learn.Neighbors;

/// <summary>
/// The binary space-partitioning tree behind <see cref="KDTree"/> and <see cref="BallTree"/> (the design of
/// scikit-learn's <c>binary_tree.pxi</c>): a complete binary tree of 2^L − 1 nodes stored in arrays, node i owning the
/// slice [Start[i], End[i]) of a permutation of the rows. Each inner node splits its slice at the median of the
/// dimension with the largest spread (quickselect on (value, row index), deterministic). KD nodes keep their
/// axis-aligned bounding box; ball nodes keep the centroid and the radius (largest distance from it).
/// </summary>
internal sealed class SpatialTree : INeighborSearch
{
    // Bounds are lowered (and radii raised) by this relative slack before pruning, so that rounding in a bound can never
    // prune a row that the exact comparison would keep: the trees then return exactly the brute-force answer.
    private const double Slack = 1e-12;

    private readonly double[] x;
    private readonly int n, d, leafSize;
    private readonly SearchMetric metric;
    private readonly bool ball;
    private readonly int[] order, start, end;
    private readonly double[] lower, upper, radius; // KD: lower/upper (nodes · d); ball: lower = centroid, radius
    private readonly int nodes;

    public SpatialTree(double[] x, int n, int d, SearchMetric metric, int leafSize, bool ball)
    {
        this.x = x; this.n = n; this.d = d; this.metric = metric; this.leafSize = leafSize; this.ball = ball;
        Levels = 1 + (int)Math.Floor(Math.Log2(Math.Max(1.0, (n - 1) / (double)leafSize)));
        nodes = (1 << Levels) - 1;
        order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        start = new int[nodes];
        end = new int[nodes];
        lower = new double[nodes * d];
        upper = ball ? [] : new double[nodes * d];
        radius = ball ? new double[nodes] : [];
        Build(0, 0, n);
    }

    /// <summary>The number of levels L (the root alone is 1).</summary>
    public int Levels { get; }

    /// <summary>The number of nodes 2^L − 1.</summary>
    public int NodeCount => nodes;

    /// <summary>The rows per leaf bound used at build time.</summary>
    public int LeafSize => leafSize;

    private bool IsLeaf(int node) => 2 * node + 1 >= nodes || end[node] - start[node] < 2;

    private void Build(int node, int s, int e)
    {
        start[node] = s; end[node] = e;
        if (ball) InitBall(node, s, e); else InitBox(node, s, e);
        if (IsLeaf(node)) return;
        int dim = WidestDimension(s, e), mid = (s + e) / 2;
        Select(s, e, mid, dim);
        Build(2 * node + 1, s, mid);
        Build(2 * node + 2, mid, e);
    }

    private void InitBox(int node, int s, int e)
    {
        var lo = lower.AsSpan(node * d, d);
        var hi = upper.AsSpan(node * d, d);
        lo.Fill(double.PositiveInfinity);
        hi.Fill(double.NegativeInfinity);
        for (int a = s; a < e; a++)
            for (int j = 0; j < d; j++)
            {
                double v = x[order[a] * d + j];
                if (v < lo[j]) lo[j] = v;
                if (v > hi[j]) hi[j] = v;
            }
    }

    private void InitBall(int node, int s, int e)
    {
        var c = lower.AsSpan(node * d, d);
        c.Clear();
        for (int a = s; a < e; a++)
            for (int j = 0; j < d; j++) c[j] += x[order[a] * d + j];
        for (int j = 0; j < d; j++) c[j] /= e - s;
        double r = 0;
        for (int a = s; a < e; a++) r = Math.Max(r, metric.ToDistance(metric.Rdist(c, x.AsSpan(order[a] * d, d))));
        radius[node] = r;
    }

    private int WidestDimension(int s, int e)
    {
        int best = 0;
        double spread = -1;
        for (int j = 0; j < d; j++)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (int a = s; a < e; a++) { double v = x[order[a] * d + j]; lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
            if (hi - lo > spread) { spread = hi - lo; best = j; }
        }
        return best;
    }

    /// <summary>Quickselect: puts the row of rank (mid − s) by (x[·, dim], row index) at mid, smaller ones before it.</summary>
    private void Select(int s, int e, int mid, int dim)
    {
        int lo = s, hi = e - 1;
        while (lo < hi)
        {
            int p = order[lo + (hi - lo) / 2];
            double pv = x[p * d + dim];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (Less(order[i], p)) i++;
                while (Less(p, order[j])) j--;
                if (i <= j) { (order[i], order[j]) = (order[j], order[i]); i++; j--; }
            }
            if (mid <= j) hi = j; else if (mid >= i) lo = i; else break;
        }

        bool Less(int a, int b)
        {
            double va = x[a * d + dim], vb = x[b * d + dim];
            return va < vb || (va == vb && a < b);
        }
    }

    /// <summary>A lower bound on the rdist from q to any row of the node (slightly lowered, see <see cref="Slack"/>).</summary>
    private double MinRdist(ReadOnlySpan<double> q, int node)
    {
        if (ball)
        {
            double dc = metric.ToDistance(metric.Rdist(q, lower.AsSpan(node * d, d)));
            double gap = dc - radius[node] * (1 + Slack) - Slack * dc;
            return gap <= 0 ? 0 : metric.ToRdist(gap);
        }
        var lo = lower.AsSpan(node * d, d);
        var hi = upper.AsSpan(node * d, d);
        double acc = 0;
        for (int j = 0; j < d; j++)
        {
            double t = Math.Max(0, Math.Max(lo[j] - q[j], q[j] - hi[j]));
            acc = metric.Metric switch
            {
                NeighborMetric.Euclidean => acc + t * t,
                NeighborMetric.Chebyshev => Math.Max(acc, t),
                NeighborMetric.Minkowski => acc + Math.Pow(t, metric.P),
                _ => acc + t,
            };
        }
        return acc * (1 - Slack);
    }

    public void KNearest(double[] q, int m, int k, double[] rdist, int[] idx)
    {
        int blocks = (m + BruteSearch.QueryBlock - 1) / BruteSearch.QueryBlock;
        Parallelism.For(blocks, b =>
        {
            int r0 = b * BruteSearch.QueryBlock, rows = Math.Min(BruteSearch.QueryBlock, m - r0);
            for (int r = r0; r < r0 + rows; r++)
            {
                var hd = rdist.AsSpan(r * k, k);
                var hi = idx.AsSpan(r * k, k);
                int count = 0;
                var qr = q.AsSpan(r * d, d);
                Descend(qr, 0, MinRdist(qr, 0), hd, hi, ref count);
                PairHeap.Sort(hd, hi, count);
            }
        });
    }

    /// <summary>Depth-first search: prune when the bound exceeds the worst kept pair, visit the nearer child first.</summary>
    private void Descend(ReadOnlySpan<double> q, int node, double bound, Span<double> hd, Span<int> hi, ref int count)
    {
        if (bound > PairHeap.Bound(hd, count)) return;
        if (IsLeaf(node))
        {
            for (int a = start[node]; a < end[node]; a++)
            {
                int row = order[a];
                double v = metric.Rdist(q, x.AsSpan(row * d, d));
                if (v <= PairHeap.Bound(hd, count)) count = PairHeap.Push(hd, hi, count, v, row);
            }
            return;
        }
        int l = 2 * node + 1, r = l + 1;
        double bl = MinRdist(q, l), br = MinRdist(q, r);
        if (bl <= br) { Descend(q, l, bl, hd, hi, ref count); Descend(q, r, br, hd, hi, ref count); }
        else { Descend(q, r, br, hd, hi, ref count); Descend(q, l, bl, hd, hi, ref count); }
    }

    public (double[][] Rdist, int[][] Indices) Radius(double[] q, int m, double r, bool sort)
    {
        var outD = new double[m][];
        var outI = new int[m][];
        double rr = metric.ToRdist(r) * (1 + Slack);
        int blocks = (m + BruteSearch.QueryBlock - 1) / BruteSearch.QueryBlock;
        Parallelism.For(blocks, b =>
        {
            int r0 = b * BruteSearch.QueryBlock, rows = Math.Min(BruteSearch.QueryBlock, m - r0);
            var hits = new List<int>();
            var ds = new List<double>();
            for (int a = r0; a < r0 + rows; a++)
            {
                hits.Clear(); ds.Clear();
                Collect(q.AsSpan(a * d, d), 0, r, rr, hits, ds);
                outI[a] = [.. hits];
                outD[a] = [.. ds];
                if (sort) PairHeap.SortPairs(outD[a], outI[a]);
            }
        });
        return (outD, outI);
    }

    private void Collect(ReadOnlySpan<double> q, int node, double r, double rr, List<int> hits, List<double> ds)
    {
        if (MinRdist(q, node) > rr) return;
        if (!IsLeaf(node))
        {
            Collect(q, 2 * node + 1, r, rr, hits, ds);
            Collect(q, 2 * node + 2, r, rr, hits, ds);
            return;
        }
        for (int a = start[node]; a < end[node]; a++)
        {
            int row = order[a];
            double v = metric.Rdist(q, x.AsSpan(row * d, d));
            if (v <= rr && metric.ToDistance(v) <= r) { hits.Add(row); ds.Add(v); }
        }
    }
}
