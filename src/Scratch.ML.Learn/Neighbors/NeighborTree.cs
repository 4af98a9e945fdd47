using System.Numerics;

namespace Scratch.ML.Learn.Neighbors;

/// <summary>
/// A reusable spatial index over the rows of x: (n, d), built once and queried many times (scikit-learn's
/// <c>KDTree</c>/<c>BallTree</c>). Distances are float64; queries return the same neighbours as a brute-force scan,
/// ordered by (distance, training index).
/// </summary>
/// <remarks>
/// The tree has L = 1 + ⌊log₂(max(1, (n − 1) / LeafSize))⌋ levels and 2^L − 1 nodes (scikit-learn's formula), so every
/// leaf holds between LeafSize / 2 and LeafSize rows (fewer only when n is small). Building costs O(n d log n);
/// a k-nearest query visits the nodes whose lower distance bound does not exceed the current k-th best distance,
/// nearer child first. Trees are immutable and safe to query from several threads.
/// </remarks>
public abstract class NeighborTree
{
    private readonly SpatialTree tree;
    private readonly SearchMetric metric;
    private readonly string kind;

    private protected NeighborTree(string kind, double[] data, int n, int d, NeighborMetric metric, double p, int leafSize, bool ball)
    {
        this.kind = kind;
        ValidateMetric(kind, metric, p);
        if (leafSize < 1) throw new ArgumentOutOfRangeException(nameof(leafSize), leafSize, $"{kind}: the leaf size must be ≥ 1.");
        Metric = metric;
        P = p;
        SampleCount = n;
        FeatureCount = d;
        this.metric = new SearchMetric(metric, p);
        tree = new SpatialTree(data, n, d, this.metric, leafSize, ball);
    }

    /// <summary>Throws unless the metric is a true metric the trees support (cosine is not: brute force only, as scikit-learn).</summary>
    internal static void ValidateMetric(string kind, NeighborMetric metric, double p)
    {
        if (!Enum.IsDefined(metric)) throw new ArgumentOutOfRangeException(nameof(metric), metric, $"{kind}: unknown metric.");
        if (metric == NeighborMetric.Cosine)
            throw new ArgumentOutOfRangeException(nameof(metric), metric, $"{kind}: the cosine distance is not a metric (no triangle inequality), so trees cannot prune with it; use brute force (scikit-learn rejects it too).");
        if (!(p >= 1 && double.IsFinite(p))) throw new ArgumentOutOfRangeException(nameof(p), p, $"{kind}: the Minkowski power p must be finite and ≥ 1.");
    }

    internal static (double[] Data, int N, int D) Prepare<T>(string kind, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(kind, x);
        return (Float64.From(xs), xs.Shape[0], xs.Shape[1]);
    }

    internal INeighborSearch Search => tree;

    /// <summary>The distance.</summary>
    public NeighborMetric Metric { get; }

    /// <summary>The Minkowski power (used only with <see cref="NeighborMetric.Minkowski"/>).</summary>
    public double P { get; }

    /// <summary>The number of indexed rows n.</summary>
    public int SampleCount { get; }

    /// <summary>The number of features d.</summary>
    public int FeatureCount { get; }

    /// <summary>The leaf size the tree was built with.</summary>
    public int LeafSize => tree.LeafSize;

    /// <summary>The number of levels L (a tree of one leaf has 1).</summary>
    public int LevelCount => tree.Levels;

    /// <summary>The number of nodes, 2^L − 1.</summary>
    public int NodeCount => tree.NodeCount;

    /// <summary>The k nearest indexed rows of every query.</summary>
    /// <param name="x">Queries (m, d), finite.</param>
    /// <param name="k">1 ≤ k ≤ n.</param>
    /// <returns>Distances (m, k), ascending along each row (ties by training index), and the training indices (m, k).</returns>
    /// <exception cref="ArgumentException">x is not a finite (m, d) matrix.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1 or k &gt; n.</exception>
    public (Tensor<T> Distances, Tensor<int> Indices) Query<T>(Tensor<T> x, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (k < 1 || k > SampleCount)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"{kind}: k must be between 1 and the {SampleCount} indexed rows.");
        var q = Float64.From(InputChecks.Features(kind, x, FeatureCount));
        return KNearest<T>(tree, metric, q, x.Shape[0], k);
    }

    /// <summary>Every indexed row within distance r (d ≤ r) of each query.</summary>
    /// <param name="x">Queries (m, d), finite.</param>
    /// <param name="radius">r ≥ 0, finite.</param>
    /// <param name="sortResults">Sort each query's neighbours by (distance, index); otherwise they come in tree order.</param>
    /// <returns>For each query its neighbours' distances and training indices (possibly empty).</returns>
    /// <exception cref="ArgumentException">x is not a finite (m, d) matrix.</exception>
    /// <exception cref="ArgumentOutOfRangeException">r is negative or not finite.</exception>
    public (T[][] Distances, int[][] Indices) QueryRadius<T>(Tensor<T> x, double radius, bool sortResults = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(radius >= 0 && double.IsFinite(radius)))
            throw new ArgumentOutOfRangeException(nameof(radius), radius, $"{kind}: the radius must be finite and ≥ 0.");
        var q = Float64.From(InputChecks.Features(kind, x, FeatureCount));
        return WithinRadius<T>(tree, metric, q, x.Shape[0], radius, sortResults);
    }

    /// <summary>Runs a k-nearest search and converts reduced distances to distances of type T.</summary>
    internal static (Tensor<T> Distances, Tensor<int> Indices) KNearest<T>(INeighborSearch search, SearchMetric metric, double[] q, int m, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rd = new double[m * k];
        var idx = new int[m * k];
        search.KNearest(q, m, k, rd, idx);
        var dt = new T[rd.Length];
        for (int i = 0; i < dt.Length; i++) dt[i] = T.CreateTruncating(metric.ToDistance(rd[i]));
        return (Tensor.FromArray(dt, m, k), Tensor.FromArray(idx, m, k));
    }

    /// <summary>Runs a radius search and converts reduced distances to distances of type T.</summary>
    internal static (T[][] Distances, int[][] Indices) WithinRadius<T>(INeighborSearch search, SearchMetric metric, double[] q, int m, double r, bool sort)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (rd, idx) = search.Radius(q, m, r, sort);
        var dist = new T[m][];
        for (int i = 0; i < m; i++) dist[i] = Array.ConvertAll(rd[i], v => T.CreateTruncating(metric.ToDistance(v)));
        return (dist, idx);
    }
}

/// <summary>
/// A k-d tree (scikit-learn's <c>KDTree</c>): nodes are axis-aligned boxes split at the median of their widest
/// dimension; the lower bound from a query to a box is the distance to its nearest face, per coordinate
/// max(0, lowⱼ − qⱼ, qⱼ − highⱼ). Metrics: Euclidean, Manhattan, Chebyshev, Minkowski(p). Best in low dimension
/// (roughly d ≤ 15); beyond that the boxes overlap every query's ball and brute force wins.
/// </summary>
public sealed class KDTree : NeighborTree
{
    /// <summary>Builds the tree over x: (n, d) (finite, n ≥ 1).</summary>
    /// <param name="x">The rows to index (copied, in float64).</param>
    /// <param name="metric">Any metric but cosine.</param>
    /// <param name="p">The Minkowski power (≥ 1, finite), used only with <see cref="NeighborMetric.Minkowski"/>.</param>
    /// <param name="leafSize">The most rows per leaf before splitting (≥ 1; scikit-learn's default 40).</param>
    /// <exception cref="ArgumentException">x is not a finite (n, d) matrix.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Cosine, an unknown metric, a bad p or leaf size.</exception>
    public KDTree(Tensor<double> x, NeighborMetric metric = NeighborMetric.Euclidean, double p = 2, int leafSize = 40)
        : this(Prepare(nameof(KDTree), x), metric, p, leafSize) { }

    /// <inheritdoc cref="KDTree(Tensor{double}, NeighborMetric, double, int)"/>
    public KDTree(Tensor<float> x, NeighborMetric metric = NeighborMetric.Euclidean, double p = 2, int leafSize = 40)
        : this(Prepare(nameof(KDTree), x), metric, p, leafSize) { }

    internal KDTree((double[] Data, int N, int D) x, NeighborMetric metric, double p, int leafSize)
        : base(nameof(KDTree), x.Data, x.N, x.D, metric, p, leafSize, ball: false) { }
}

/// <summary>
/// A ball tree (scikit-learn's <c>BallTree</c>): nodes are balls (centroid c, radius R = the largest distance from c to
/// a node row) split at the median of the widest dimension; the lower bound from a query q is max(0, dist(q, c) − R),
/// valid for any metric with the triangle inequality (Euclidean, Manhattan, Chebyshev, Minkowski(p)). Less sensitive
/// to dimension than the k-d tree when the data lie near a low-dimensional set.
/// </summary>
public sealed class BallTree : NeighborTree
{
    /// <summary>Builds the tree over x: (n, d) (finite, n ≥ 1).</summary>
    /// <param name="x">The rows to index (copied, in float64).</param>
    /// <param name="metric">Any metric but cosine.</param>
    /// <param name="p">The Minkowski power (≥ 1, finite), used only with <see cref="NeighborMetric.Minkowski"/>.</param>
    /// <param name="leafSize">The most rows per leaf before splitting (≥ 1; scikit-learn's default 40).</param>
    /// <exception cref="ArgumentException">x is not a finite (n, d) matrix.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Cosine, an unknown metric, a bad p or leaf size.</exception>
    public BallTree(Tensor<double> x, NeighborMetric metric = NeighborMetric.Euclidean, double p = 2, int leafSize = 40)
        : this(Prepare(nameof(BallTree), x), metric, p, leafSize) { }

    /// <inheritdoc cref="BallTree(Tensor{double}, NeighborMetric, double, int)"/>
    public BallTree(Tensor<float> x, NeighborMetric metric = NeighborMetric.Euclidean, double p = 2, int leafSize = 40)
        : this(Prepare(nameof(BallTree), x), metric, p, leafSize) { }

    internal BallTree((double[] Data, int N, int D) x, NeighborMetric metric, double p, int leafSize)
        : base(nameof(BallTree), x.Data, x.N, x.D, metric, p, leafSize, ball: true) { }
}
