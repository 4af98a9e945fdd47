using System.Numerics;

namespace Scratch.ML.Learn.Neighbors;

/// <summary>
/// k-nearest-neighbours regression (scikit-learn's <c>KNeighborsRegressor</c>):
/// <c>ŷ(x) = Σ_{j ∈ N(x)} wⱼ yⱼ / Σ_{j ∈ N(x)} wⱼ</c> over the k nearest training rows N(x).
/// </summary>
/// <remarks>
/// Neighbours are ordered by (distance, training index) whatever the algorithm; Fit requires at least k training rows
/// (as scikit-learn). Row order matters only through ties at the k-th neighbour, so
/// <see cref="EstimatorCapabilities.RowOrderInvariant"/> is false. Multi-output targets (n, t) are supported; sample
/// weights are not.
/// </remarks>
/// <param name="Neighbors">k ≥ 1.</param>
/// <param name="Weights">Uniform or inverse-distance averaging.</param>
/// <param name="Metric">The distance.</param>
/// <param name="P">The Minkowski power (≥ 1); only used with <see cref="NeighborMetric.Minkowski"/>.</param>
/// <param name="Algorithm">Brute force, a k-d tree, a ball tree, or Auto (scikit-learn 1.2's choice); all give the same neighbours.</param>
/// <param name="LeafSize">The leaf size of the trees (≥ 1; scikit-learn's default 30).</param>
public sealed record KNeighborsRegressor(int Neighbors = 5, NeighborWeights Weights = NeighborWeights.Uniform,
    NeighborMetric Metric = NeighborMetric.Euclidean, double P = 2,
    NeighborAlgorithm Algorithm = NeighborAlgorithm.Auto, int LeafSize = 30) : IRegressor
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Neighbors, Weights, Metric, P, Algorithm, LeafSize);

    private static EstimatorCapabilities ValidateAndDescribe(int k, NeighborWeights weights, NeighborMetric metric, double p, NeighborAlgorithm algorithm, int leafSize)
    {
        NeighborAlgorithms.Validate(nameof(KNeighborsRegressor), algorithm, metric, leafSize);
        NeighborSearch.Validate(nameof(KNeighborsRegressor), k, weights, metric, p);
        return new(EstimatorKind.Regressor, Supervised: true, MultiOutput: true, RowOrderInvariant: false, MinimumSamples: k);
    }

    /// <summary>Stores x: (n, d) and the targets y: (n) or (n, t).</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values, or sample weights given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Options made invalid by a <c>with</c> expression.</exception>
    public KNeighborsRegressorModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(KNeighborsRegressor);
        NeighborAlgorithms.Validate(name, Algorithm, Metric, LeafSize);
        NeighborSearch.Validate(name, Neighbors, Weights, Metric, P); // again: a `with` expression skips the constructor's checks
        if (sampleWeight is not null) throw new ArgumentException($"{name}: sample weights are not supported (scikit-learn has none either).", nameof(sampleWeight));
        var xs = InputChecks.Features(name, x).Contiguous().Detach();
        if (xs.Shape[0] < Neighbors)
            throw new ArgumentException($"{name}: expected at least Neighbors = {Neighbors} training rows (scikit-learn: n_neighbors <= n_samples), got {xs.Shape[0]}.", nameof(x));
        var (ys, vector) = InputChecks.Targets(name, y, xs.Shape[0], multiOutput: true);
        return new KNeighborsRegressorModel<T>(this, new NearestNeighbors(Neighbors, Metric, P, Algorithm, LeafSize).Fit(xs), ys.Contiguous().Detach(), vector);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="KNeighborsRegressor"/>: the training rows and their targets.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class KNeighborsRegressorModel<T> : IRegressionModel<T>, ILoadableModel<KNeighborsRegressorModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "KNeighborsRegressor";

    internal KNeighborsRegressorModel(KNeighborsRegressor options, NearestNeighborsModel<T> index, Tensor<T> targets, bool vectorTarget)
    {
        Options = options;
        Index = index;
        Targets = targets;
        VectorTarget = vectorTarget;
    }

    /// <summary>The options it was fitted with.</summary>
    public KNeighborsRegressor Options { get; }

    /// <summary>The neighbour index over the training rows (n, d).</summary>
    public NearestNeighborsModel<T> Index { get; }

    /// <summary>The training targets as a matrix (n, t); t = 1 for a vector target.</summary>
    public Tensor<T> Targets { get; }

    /// <summary>True when y was a vector (n): Predict then returns (m), otherwise (m, t).</summary>
    public bool VectorTarget { get; }

    /// <summary>The k used for every query (Fit requires at least k training rows, like scikit-learn).</summary>
    public int EffectiveNeighbors => Options.Neighbors;

    /// <inheritdoc />
    public int FeatureCount => Index.FeatureCount;

    /// <summary>The weighted mean target of the k nearest training rows: (m) or (m, t).</summary>
    /// <exception cref="ArgumentException">x has the wrong shape or non-finite values.</exception>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var (k, idx, w) = NeighborSearch.Find(Index, x, Options.Neighbors, Options.Weights, nameof(KNeighborsRegressorModel<T>));
        int m = x.Shape[0], t = Targets.Shape[1];
        var y = Targets.AsSpan();
        var result = new T[m * t];
        for (int i = 0; i < m; i++)
        {
            double total = 0;
            for (int j = 0; j < k; j++) total += w[i * k + j];
            for (int q = 0; q < t; q++)
            {
                double s = 0;
                for (int j = 0; j < k; j++) s += w[i * k + j] * double.CreateTruncating(y[idx[i * k + j] * t + q]);
                result[i * t + q] = T.CreateTruncating(s / total);
            }
        }
        return VectorTarget ? Tensor.FromArray(result, m) : Tensor.FromArray(result, m, t);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var meta = NearestNeighborsModel<T>.Metadata(Index.Options);
        meta["weights"] = Options.Weights.ToString();
        meta["vector_target"] = VectorTarget.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ModelFile.Write(stream, Kind, new Dictionary<string, Tensor<T>> { ["fit_x"] = Index.FitX, ["y"] = Targets }, meta);
    }

    /// <inheritdoc />
    public static KNeighborsRegressorModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var nn = NearestNeighborsModel<T>.ReadOptions(f, Kind);
        if (!Enum.TryParse<NeighborWeights>(f.Option("weights"), out var weights) || !Enum.IsDefined(weights))
            throw new InvalidDataException($"{Kind}: unknown weights \"{f.Option("weights")}\".");
        var x = f.Tensor("fit_x", 2);
        var y = f.Tensor("y", 2);
        bool vector = f.Flag("vector_target");
        if (y.Shape[0] != x.Shape[0] || (vector && y.Shape[1] != 1))
            throw new InvalidDataException($"{Kind}: targets {Shapes.Format(y.Shape)} do not match {x.Shape[0]} rows.");
        return new KNeighborsRegressorModel<T>(new KNeighborsRegressor(nn.Neighbors, weights, nn.Metric, nn.P, nn.Algorithm, nn.LeafSize), NearestNeighborsModel<T>.Rebuild(nn, x, useK: true), y, vector);
    }
}
