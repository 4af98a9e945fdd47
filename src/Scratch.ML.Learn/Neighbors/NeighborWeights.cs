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

    /// <summary>Validates the options shared by the radius estimators (radius finite and ≥ 0, weighting, metric, P).</summary>
    public static void ValidateRadius(string estimator, double radius, NeighborWeights weights, NeighborMetric metric, double p)
    {
        if (!(radius >= 0 && double.IsFinite(radius))) throw new ArgumentOutOfRangeException("Radius", radius, $"{estimator}: Radius must be finite and ≥ 0.");
        Validate(estimator, 1, weights, metric, p);
    }

    /// <summary>Every training row within r of each query, with its weight: per query (indices, weights), possibly empty.</summary>
    public static (int[][] Indices, double[][] Weights) FindWithin<T>(NearestNeighborsModel<T> index, Tensor<T> x, double r, NeighborWeights mode, string caller)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var (dist, idx) = index.Within(index.QueryRows(x, caller), x.Shape[0], r);
        var w = new double[dist.Length][];
        for (int i = 0; i < dist.Length; i++)
        {
            w[i] = new double[dist[i].Length];
            Weigh(dist[i], w[i], mode);
        }
        return (idx, w);
    }

    /// <summary>Reads the "weights" option of a saved model.</summary>
    public static NeighborWeights ReadWeights<T>(ModelFileContents<T> f, string kind) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (!Enum.TryParse<NeighborWeights>(f.Option("weights"), out var weights) || !Enum.IsDefined(weights))
            throw new InvalidDataException($"{kind}: unknown weights \"{f.Option("weights")}\".");
        return weights;
    }

    /// <summary>Reads the "radius" option and builds the options record, turning invalid values into <see cref="InvalidDataException"/>.</summary>
    public static TOptions ReadRadiusOptions<T, TOptions>(ModelFileContents<T> f, string kind, Func<double, TOptions> make) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        try { return make(f.Number("radius")); }
        catch (ArgumentException e) { throw new InvalidDataException($"{kind}: invalid options in the file: {e.Message}", e); }
    }

    /// <summary>Reads saved class codes (n) and checks each is an integer class index below <paramref name="classes"/>.</summary>
    public static int[] ReadCodes<T>(Tensor<T> y, int rows, int classes, string kind) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var v = y.ToArray();
        if (v.Length != rows) throw new InvalidDataException($"{kind}: {v.Length} labels for {rows} rows.");
        var codes = new int[v.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = int.CreateTruncating(v[i]);
            if (codes[i] < 0 || codes[i] >= classes || T.CreateTruncating(codes[i]) != v[i])
                throw new InvalidDataException($"{kind}: label code {v[i]} at row {i} is not a class index below {classes}.");
        }
        return codes;
    }
}
