namespace Scratch.ML.Learn.Neighbors;

/// <summary>How a neighbour estimator searches (scikit-learn's <c>algorithm</c>). Every choice returns the same neighbours.</summary>
public enum NeighborAlgorithm
{
    /// <summary>
    /// scikit-learn 1.2's rule: brute force for cosine, for more than 15 features, or when k ≥ n / 2 (integer division;
    /// estimators without a k skip this test); otherwise a <see cref="KDTree"/>.
    /// </summary>
    Auto,

    /// <summary>Every query against every training row (GEMM-based for Euclidean and cosine); any metric.</summary>
    Brute,

    /// <summary>A <see cref="Neighbors.KDTree"/>; any metric but cosine.</summary>
    KDTree,

    /// <summary>A <see cref="Neighbors.BallTree"/>; any metric but cosine.</summary>
    BallTree,
}

/// <summary>Resolution and construction of the search structure of the neighbour estimators.</summary>
internal static class NeighborAlgorithms
{
    /// <summary>Throws for an unknown algorithm, a tree with cosine, or a leaf size &lt; 1.</summary>
    public static void Validate(string estimator, NeighborAlgorithm algorithm, NeighborMetric metric, int leafSize)
    {
        if (!Enum.IsDefined(algorithm)) throw new ArgumentOutOfRangeException("Algorithm", algorithm, $"{estimator}: unknown algorithm.");
        if (metric == NeighborMetric.Cosine && algorithm is NeighborAlgorithm.KDTree or NeighborAlgorithm.BallTree)
            throw new ArgumentOutOfRangeException("Algorithm", algorithm, $"{estimator}: the cosine distance is supported by Brute (or Auto) only, as in scikit-learn; got Algorithm = {algorithm}.");
        if (leafSize < 1) throw new ArgumentOutOfRangeException("LeafSize", leafSize, $"{estimator}: LeafSize must be ≥ 1.");
    }

    /// <summary>The algorithm Auto stands for, given the metric, the feature count d, k (null for radius estimators) and n.</summary>
    public static NeighborAlgorithm Resolve(NeighborAlgorithm algorithm, NeighborMetric metric, int d, int? k, int n)
    {
        if (algorithm != NeighborAlgorithm.Auto) return algorithm;
        if (metric == NeighborMetric.Cosine || d > 15 || (k is int kk && kk >= n / 2)) return NeighborAlgorithm.Brute;
        return NeighborAlgorithm.KDTree;
    }

    /// <summary>Builds the search structure over the float64 rows x (n · d).</summary>
    public static INeighborSearch Build(NeighborAlgorithm resolved, double[] x, int n, int d, SearchMetric metric, int leafSize) => resolved switch
    {
        NeighborAlgorithm.KDTree => new SpatialTree(x, n, d, metric, leafSize, ball: false),
        NeighborAlgorithm.BallTree => new SpatialTree(x, n, d, metric, leafSize, ball: true),
        _ => new BruteSearch(x, n, d, metric),
    };
}
