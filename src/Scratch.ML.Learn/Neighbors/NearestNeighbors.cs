using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Neighbors;

/// <summary>
/// An unsupervised nearest-neighbour index (scikit-learn's <c>NearestNeighbors</c>): Fit stores the training rows and
/// builds the search structure of <see cref="Algorithm"/>; queries return neighbours ordered by (distance, training
/// index), so ties go to the lower training index, and every algorithm returns the same neighbours.
/// </summary>
/// <param name="Neighbors">The default k of <see cref="NearestNeighborsModel{T}.KNeighbors(Tensor{T}, int?)"/> (≥ 1).</param>
/// <param name="Metric">The distance.</param>
/// <param name="P">The Minkowski power (≥ 1, finite); only used with <see cref="NeighborMetric.Minkowski"/>.</param>
/// <param name="Algorithm">Brute force, a k-d tree, a ball tree, or Auto (scikit-learn 1.2's choice).</param>
/// <param name="LeafSize">The leaf size of the trees (≥ 1; scikit-learn's estimator default 30).</param>
public sealed record NearestNeighbors(int Neighbors = 5, NeighborMetric Metric = NeighborMetric.Euclidean, double P = 2,
    NeighborAlgorithm Algorithm = NeighborAlgorithm.Auto, int LeafSize = 30)
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

    /// <summary>The search algorithm (validated: defined, and not a tree with cosine).</summary>
    public NeighborAlgorithm Algorithm { get; init; } = Check(Algorithm, Metric, LeafSize);

    private static NeighborAlgorithm Check(NeighborAlgorithm algorithm, NeighborMetric metric, int leafSize)
    {
        NeighborAlgorithms.Validate(nameof(NearestNeighbors), algorithm, metric, leafSize);
        return algorithm;
    }

    /// <summary>Stores x: (n, d) (finite, n ≥ 1) and builds the index.</summary>
    /// <exception cref="ArgumentException">x is not a finite (n, d) matrix.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Options made invalid by a <c>with</c> expression (which skips the checks above).</exception>
    public NearestNeighborsModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => FitIndex(x, useK: true);

    /// <summary>Fit, with Auto ignoring k when <paramref name="useK"/> is false (the radius estimators have no k).</summary>
    internal NearestNeighborsModel<T> FitIndex<T>(Tensor<T> x, bool useK) where T : unmanaged, IFloatingPointIeee754<T>
    {
        NeighborSearch.Validate(nameof(NearestNeighbors), Neighbors, NeighborWeights.Uniform, Metric, P);
        NeighborAlgorithms.Validate(nameof(NearestNeighbors), Algorithm, Metric, LeafSize);
        return new(this, InputChecks.Features(nameof(NearestNeighbors), x).Contiguous().Detach(), useK);
    }
}

/// <summary>A fitted <see cref="NearestNeighbors"/> index: the training rows, the search options and the search structure.</summary>
/// <typeparam name="T">float or double (distances are computed in float64 and returned as T).</typeparam>
public sealed class NearestNeighborsModel<T> : ILoadableModel<NearestNeighborsModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "NearestNeighbors";
    private readonly SearchMetric metric;
    private readonly INeighborSearch search;

    internal NearestNeighborsModel(NearestNeighbors options, Tensor<T> fitX, bool useK)
    {
        Options = options;
        FitX = fitX;
        metric = new SearchMetric(options.Metric, options.P);
        EffectiveAlgorithm = NeighborAlgorithms.Resolve(options.Algorithm, options.Metric, FeatureCount, useK ? options.Neighbors : null, SampleCount);
        search = NeighborAlgorithms.Build(EffectiveAlgorithm, Float64.From(fitX), SampleCount, FeatureCount, metric, options.LeafSize);
    }

    /// <summary>The options it was fitted with.</summary>
    public NearestNeighbors Options { get; }

    /// <summary>The algorithm actually used (<see cref="NeighborAlgorithm.Auto"/> resolved).</summary>
    public NeighborAlgorithm EffectiveAlgorithm { get; }

    /// <summary>The stored training rows: (n, d).</summary>
    public Tensor<T> FitX { get; }

    /// <summary>The number of stored rows n.</summary>
    public int SampleCount => FitX.Shape[0];

    /// <inheritdoc />
    public int FeatureCount => FitX.Shape[1];

    internal SearchMetric SearchMetric => metric;

    /// <summary>Validated queries (m, d) as float64 (m · d).</summary>
    internal double[] QueryRows(Tensor<T> x, string caller) => Float64.From(InputChecks.Features(caller, x, FeatureCount));

    /// <summary>The k nearest rows of the m queries q: distances (float64) and indices, row-major (m · k).</summary>
    internal (double[] Distances, int[] Indices) Nearest(double[] q, int m, int k)
    {
        var rd = new double[m * k];
        var idx = new int[m * k];
        search.KNearest(q, m, k, rd, idx);
        for (int i = 0; i < rd.Length; i++) rd[i] = metric.ToDistance(rd[i]);
        return (rd, idx);
    }

    /// <summary>The rows within r of the m queries q: per query, distances (float64) and indices, sorted.</summary>
    internal (double[][] Distances, int[][] Indices) Within(double[] q, int m, double r)
    {
        var (rd, idx) = search.Radius(q, m, r, sort: true);
        foreach (var row in rd) for (int j = 0; j < row.Length; j++) row[j] = metric.ToDistance(row[j]);
        return (rd, idx);
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
        return NeighborTree.KNearest<T>(search, metric, QueryRows(x, Kind), x.Shape[0], kk);
    }

    /// <summary>
    /// Every stored row within distance r (d ≤ r, as scikit-learn) of each query.
    /// </summary>
    /// <param name="x">Queries (m, d), finite.</param>
    /// <param name="radius">r ≥ 0, finite.</param>
    /// <param name="sortResults">Sort each query's neighbours by (distance, index) (scikit-learn's <c>sort_results=True</c>);
    /// otherwise they come in search order (training order for brute force, tree order for the trees).</param>
    /// <returns>For each query: its neighbours' distances and training indices (possibly empty).</returns>
    /// <exception cref="ArgumentException">x has the wrong shape or non-finite values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">r is negative or not finite.</exception>
    public (T[][] Distances, int[][] Indices) RadiusNeighbors(Tensor<T> x, double radius, bool sortResults = true)
    {
        if (!(radius >= 0 && double.IsFinite(radius)))
            throw new ArgumentOutOfRangeException(nameof(radius), radius, $"{Kind}: the radius must be finite and ≥ 0.");
        return NeighborTree.WithinRadius<T>(search, metric, QueryRows(x, Kind), x.Shape[0], radius, sortResults);
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind, new Dictionary<string, Tensor<T>> { ["fit_x"] = FitX }, Metadata(Options));

    internal static Dictionary<string, string> Metadata(NearestNeighbors o) => new()
    {
        ["n_neighbors"] = o.Neighbors.ToString(CultureInfo.InvariantCulture),
        ["metric"] = o.Metric.ToString(),
        ["p"] = o.P.ToString("R", CultureInfo.InvariantCulture),
        ["algorithm"] = o.Algorithm.ToString(),
        ["leaf_size"] = o.LeafSize.ToString(CultureInfo.InvariantCulture),
    };

    internal static NearestNeighbors ReadOptions(ModelFileContents<T> f, string kind)
    {
        if (!Enum.TryParse<NeighborMetric>(f.Option("metric"), out var metric) || !Enum.IsDefined(metric))
            throw new InvalidDataException($"{kind}: unknown metric \"{f.Option("metric")}\".");
        if (!Enum.TryParse<NeighborAlgorithm>(f.Option("algorithm"), out var algorithm) || !Enum.IsDefined(algorithm))
            throw new InvalidDataException($"{kind}: unknown algorithm \"{f.Option("algorithm")}\".");
        try
        {
            return new NearestNeighbors((int)f.Number("n_neighbors"), metric, f.Number("p"), algorithm, (int)f.Number("leaf_size"));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{kind}: invalid options in the file: {e.Message}", e);
        }
    }

    /// <summary>Rebuilds an index over loaded rows (the search structure is deterministic, so it equals the saved one).</summary>
    internal static NearestNeighborsModel<T> Rebuild(NearestNeighbors options, Tensor<T> x, bool useK) => new(options, x, useK);

    /// <inheritdoc />
    public static NearestNeighborsModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        return new NearestNeighborsModel<T>(ReadOptions(f, Kind), f.Tensor("fit_x", 2), useK: true);
    }
}
