using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Neighbors;

/// <summary>
/// A brute-force nearest-neighbour index (scikit-learn's <c>NearestNeighbors(algorithm="brute")</c>): Fit stores the
/// training rows; queries compute all pairwise distances (<see cref="PairwiseDistances"/>) and sort each row by
/// (distance, training index), so ties go to the lower training index.
/// </summary>
/// <param name="Neighbors">The default k of <see cref="NearestNeighborsModel{T}.KNeighbors(Tensor{T}, int?)"/> (≥ 1).</param>
/// <param name="Metric">The distance.</param>
/// <param name="P">The Minkowski power (≥ 1, finite); only used with <see cref="NeighborMetric.Minkowski"/>.</param>
public sealed record NearestNeighbors(int Neighbors = 5, NeighborMetric Metric = NeighborMetric.Euclidean, double P = 2)
{
    /// <summary>The default k (validated: ≥ 1).</summary>
    public int Neighbors { get; init; } = Neighbors >= 1 ? Neighbors
        : throw new ArgumentOutOfRangeException(nameof(Neighbors), Neighbors, "NearestNeighbors: Neighbors must be ≥ 1.");

    /// <summary>The distance (validated: a defined <see cref="NeighborMetric"/>).</summary>
    public NeighborMetric Metric { get; init; } = Enum.IsDefined(Metric) ? Metric
        : throw new ArgumentOutOfRangeException(nameof(Metric), Metric, "NearestNeighbors: unknown metric.");

    /// <summary>The Minkowski power (validated: finite, ≥ 1).</summary>
    public double P { get; init; } = P >= 1 && double.IsFinite(P) ? P
        : throw new ArgumentOutOfRangeException(nameof(P), P, "NearestNeighbors: the Minkowski power P must be finite and ≥ 1.");

    /// <summary>Stores x: (n, d) (finite, n ≥ 1) as the index.</summary>
    /// <exception cref="ArgumentException">x is not a finite (n, d) matrix.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Options made invalid by a <c>with</c> expression (which skips the checks above).</exception>
    public NearestNeighborsModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        NeighborSearch.Validate(nameof(NearestNeighbors), Neighbors, NeighborWeights.Uniform, Metric, P);
        return new(this, InputChecks.Features(nameof(NearestNeighbors), x).Contiguous().Detach());
    }
}

/// <summary>A fitted <see cref="NearestNeighbors"/> index: the training rows and the search options.</summary>
/// <typeparam name="T">float or double (distances are computed in float64 and returned as T).</typeparam>
public sealed class NearestNeighborsModel<T> : ILoadableModel<NearestNeighborsModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "NearestNeighbors";

    internal NearestNeighborsModel(NearestNeighbors options, Tensor<T> fitX)
    {
        Options = options;
        FitX = fitX;
    }

    /// <summary>The options it was fitted with.</summary>
    public NearestNeighbors Options { get; }

    /// <summary>The stored training rows: (n, d).</summary>
    public Tensor<T> FitX { get; }

    /// <summary>The number of stored rows n.</summary>
    public int SampleCount => FitX.Shape[0];

    /// <inheritdoc />
    public int FeatureCount => FitX.Shape[1];

    /// <summary>All distances from x: (m, d) to the stored rows, row-major (m · n), float64.</summary>
    internal double[] Distances(Tensor<T> x, string caller)
    {
        var xs = InputChecks.Features(caller, x, FeatureCount);
        return PairwiseDistances.Compute(xs, FitX, Options.Metric, Options.P);
    }

    /// <summary>
    /// The k nearest stored rows of every query, nearest first, ties broken by the lower training index.
    /// </summary>
    /// <param name="x">Queries (m, d), finite.</param>
    /// <param name="k">How many neighbours (1 ≤ k ≤ n); null uses <see cref="NearestNeighbors.Neighbors"/>.</param>
    /// <returns>Distances (m, k) ascending along each row and the matching training indices (m, k).</returns>
    /// <exception cref="ArgumentException">x has the wrong shape or non-finite values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1 or k &gt; n (scikit-learn raises too).</exception>
    public (Tensor<T> Distances, Tensor<int> Indices) KNeighbors(Tensor<T> x, int? k = null)
    {
        int kk = k ?? Options.Neighbors;
        if (kk < 1 || kk > SampleCount)
            throw new ArgumentOutOfRangeException(nameof(k), kk, $"{Kind}: k must be between 1 and the {SampleCount} stored samples.");
        var d = Distances(x, Kind);
        var (dist, idx) = Nearest(d, x.Shape[0], SampleCount, kk);
        var dt = new T[dist.Length];
        for (int i = 0; i < dt.Length; i++) dt[i] = T.CreateTruncating(dist[i]);
        return (Tensor.FromArray(dt, x.Shape[0], kk), Tensor.FromArray(idx, x.Shape[0], kk));
    }

    /// <summary>
    /// Every stored row within distance r (d ≤ r, as scikit-learn) of each query, sorted by (distance, index).
    /// </summary>
    /// <param name="x">Queries (m, d), finite.</param>
    /// <param name="radius">r ≥ 0, finite.</param>
    /// <returns>For each query: its neighbours' distances and training indices (possibly empty).</returns>
    /// <exception cref="ArgumentException">x has the wrong shape or non-finite values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">r is negative or not finite.</exception>
    public (T[][] Distances, int[][] Indices) RadiusNeighbors(Tensor<T> x, double radius)
    {
        if (!(radius >= 0 && double.IsFinite(radius)))
            throw new ArgumentOutOfRangeException(nameof(radius), radius, $"{Kind}: the radius must be finite and ≥ 0.");
        var d = Distances(x, Kind);
        int m = x.Shape[0], n = SampleCount;
        var dist = new T[m][];
        var ind = new int[m][];
        for (int i = 0; i < m; i++)
        {
            var hits = Enumerable.Range(0, n).Where(j => d[i * n + j] <= radius).OrderBy(j => d[i * n + j]).ThenBy(j => j).ToArray();
            ind[i] = hits;
            dist[i] = Array.ConvertAll(hits, j => T.CreateTruncating(d[i * n + j]));
        }
        return (dist, ind);
    }

    /// <summary>Sorts each of m rows of n distances by (distance, index) and keeps the first k.</summary>
    internal static (double[] Distances, int[] Indices) Nearest(double[] d, int m, int n, int k)
    {
        var dist = new double[m * k];
        var idx = new int[m * k];
        var order = new int[n];
        var keys = new double[n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++) { order[j] = j; keys[j] = d[i * n + j]; }
            // Array.Sort is unstable; sorting (distance, index) pairs makes the order total and deterministic.
            Array.Sort(order, (u, v) => keys[u] != keys[v] ? keys[u].CompareTo(keys[v]) : u.CompareTo(v));
            for (int j = 0; j < k; j++) { idx[i * k + j] = order[j]; dist[i * k + j] = keys[order[j]]; }
        }
        return (dist, idx);
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["fit_x"] = FitX }, Metadata(Options.Neighbors, Options.Metric, Options.P));

    internal static Dictionary<string, string> Metadata(int k, NeighborMetric metric, double p) => new()
    {
        ["n_neighbors"] = k.ToString(CultureInfo.InvariantCulture),
        ["metric"] = metric.ToString(),
        ["p"] = p.ToString("R", CultureInfo.InvariantCulture),
    };

    internal static (int K, NeighborMetric Metric, double P) ReadOptions(ModelFileContents<T> f, string kind)
    {
        if (!Enum.TryParse<NeighborMetric>(f.Option("metric"), out var metric) || !Enum.IsDefined(metric))
            throw new InvalidDataException($"{kind}: unknown metric \"{f.Option("metric")}\".");
        return ((int)f.Number("n_neighbors"), metric, f.Number("p"));
    }

    /// <inheritdoc />
    public static NearestNeighborsModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var (k, metric, p) = ReadOptions(f, Kind);
        return new NearestNeighborsModel<T>(new NearestNeighbors(k, metric, p), f.Tensor("fit_x", 2));
    }
}
