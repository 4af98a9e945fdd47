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

    /// <summary>The weights of one query's neighbour distances (Uniform: 1; Distance: 1/d, or the zero-distance rule).</summary>
    public static void Weigh(ReadOnlySpan<double> dist, Span<double> w, NeighborWeights mode)
    {
        bool exact = false;
        foreach (double v in dist) exact |= v == 0;
        for (int j = 0; j < dist.Length; j++)
            w[j] = mode == NeighborWeights.Uniform ? 1 : exact ? (dist[j] == 0 ? 1 : 0) : 1 / dist[j];
    }

    /// <summary>
    /// The min(k, n) nearest training rows of each query (m queries) and their weights, both row-major (m · k').
    /// </summary>
    public static (int K, int[] Indices, double[] Weights) Find<T>(NearestNeighborsModel<T> index, Tensor<T> x, int k, NeighborWeights mode, string caller)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var q = index.QueryRows(x, caller);
        int m = x.Shape[0], kk = Math.Min(k, index.SampleCount);
        var (dist, idx) = index.Nearest(q, m, kk);
        var w = new double[dist.Length];
        for (int i = 0; i < m; i++) Weigh(dist.AsSpan(i * kk, kk), w.AsSpan(i * kk, kk), mode);
        return (kk, idx, w);
    }
}
