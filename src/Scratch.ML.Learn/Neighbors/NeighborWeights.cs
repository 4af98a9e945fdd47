namespace Scratch.ML.Learn.Neighbors;

/// <summary>How the k neighbours of a query are weighted in a vote or an average.</summary>
public enum NeighborWeights
{
    /// <summary>Every neighbour has weight 1.</summary>
    Uniform,

    /// <summary>
    /// Weight 1 / distance; a query with any neighbour at distance exactly 0 gives weight 1 to those neighbours and 0 to the
    /// rest (scikit-learn 1.2's rule), so an exact training match decides alone.
    /// </summary>
    Distance,
}

/// <summary>The shared neighbour search of the k-NN estimators.</summary>
internal static class NeighborSearch
{
    /// <summary>Validates the common options; returns nothing useful, throws on bad values.</summary>
    public static void Validate(string estimator, int k, NeighborWeights weights, NeighborMetric metric, double p)
    {
        if (k < 1) throw new ArgumentOutOfRangeException("Neighbors", k, $"{estimator}: Neighbors must be ≥ 1.");
        if (!Enum.IsDefined(weights)) throw new ArgumentOutOfRangeException("Weights", weights, $"{estimator}: unknown weighting.");
        if (!Enum.IsDefined(metric)) throw new ArgumentOutOfRangeException("Metric", metric, $"{estimator}: unknown metric.");
        if (!(p >= 1 && double.IsFinite(p))) throw new ArgumentOutOfRangeException("P", p, $"{estimator}: the Minkowski power P must be finite and ≥ 1.");
    }

    /// <summary>
    /// The min(k, n) nearest training rows of each query (m queries) and their weights, both row-major (m · k').
    /// </summary>
    public static (int K, int[] Indices, double[] Weights) Find<T>(NearestNeighborsModel<T> index, Tensor<T> x, int k, NeighborWeights mode, string caller)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var d = index.Distances(x, caller);
        int m = x.Shape[0], kk = Math.Min(k, index.SampleCount);
        var (dist, idx) = NearestNeighborsModel<T>.Nearest(d, m, index.SampleCount, kk);
        var w = new double[dist.Length];
        for (int i = 0; i < m; i++)
        {
            bool exact = false;
            for (int j = 0; j < kk; j++) exact |= dist[i * kk + j] == 0;
            for (int j = 0; j < kk; j++)
            {
                double dij = dist[i * kk + j];
                w[i * kk + j] = mode == NeighborWeights.Uniform ? 1 : exact ? (dij == 0 ? 1 : 0) : 1 / dij;
            }
        }
        return (kk, idx, w);
    }
}
