using System.Numerics;

namespace Scratch.ML.Learn.Neighbors;

/// <summary>
/// k-nearest-neighbours classification (scikit-learn's <c>KNeighborsClassifier</c>):
/// <c>P(c | x) = Σ_{j ∈ N(x), yⱼ = c} wⱼ / Σ_{j ∈ N(x)} wⱼ</c> over the k nearest training rows N(x), and the prediction
/// is the most probable class (the smallest class on ties).
/// </summary>
/// <remarks>
/// Neighbours are ordered by (distance, training index) whatever the algorithm; Fit requires at least k training rows
/// (as scikit-learn). Row order matters only through ties (equal distances) at the k-th neighbour, so
/// <see cref="EstimatorCapabilities.RowOrderInvariant"/> is false. Sample weights are not supported.
/// </remarks>
/// <param name="Neighbors">k ≥ 1.</param>
/// <param name="Weights">Uniform or inverse-distance voting.</param>
/// <param name="Metric">The distance.</param>
/// <param name="P">The Minkowski power (≥ 1); only used with <see cref="NeighborMetric.Minkowski"/>.</param>
/// <param name="Algorithm">Brute force, a k-d tree, a ball tree, or Auto (scikit-learn 1.2's choice); all give the same neighbours.</param>
/// <param name="LeafSize">The leaf size of the trees (≥ 1; scikit-learn's default 30).</param>
public sealed record KNeighborsClassifier(int Neighbors = 5, NeighborWeights Weights = NeighborWeights.Uniform,
    NeighborMetric Metric = NeighborMetric.Euclidean, double P = 2,
    NeighborAlgorithm Algorithm = NeighborAlgorithm.Auto, int LeafSize = 30) : IClassifier
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Neighbors, Weights, Metric, P, Algorithm, LeafSize);

    private static EstimatorCapabilities ValidateAndDescribe(int k, NeighborWeights weights, NeighborMetric metric, double p, NeighborAlgorithm algorithm, int leafSize)
    {
        NeighborAlgorithms.Validate(nameof(KNeighborsClassifier), algorithm, metric, leafSize);
        NeighborSearch.Validate(nameof(KNeighborsClassifier), k, weights, metric, p);
        return new(EstimatorKind.Classifier, Supervised: true, RowOrderInvariant: false, MinimumSamples: k);
    }

    /// <summary>Stores x: (n, d) and the labels y (n).</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values, fewer than two classes, or sample weights given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Options made invalid by a <c>with</c> expression.</exception>
    public KNeighborsClassifierModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(KNeighborsClassifier);
        NeighborAlgorithms.Validate(name, Algorithm, Metric, LeafSize);
        NeighborSearch.Validate(name, Neighbors, Weights, Metric, P); // again: a `with` expression skips the constructor's checks
        if (sampleWeight is not null) throw new ArgumentException($"{name}: sample weights are not supported (scikit-learn has none either).", nameof(sampleWeight));
        var xs = InputChecks.Features(name, x).Contiguous().Detach();
        if (xs.Shape[0] < Neighbors)
            throw new ArgumentException($"{name}: expected at least Neighbors = {Neighbors} training rows (scikit-learn: n_neighbors <= n_samples), got {xs.Shape[0]}.", nameof(x));
        var (classes, codes) = ClassifierChecks.Encode(name, y, xs.Shape[0]);
        return new KNeighborsClassifierModel<T>(this, new NearestNeighbors(Neighbors, Metric, P, Algorithm, LeafSize).Fit(xs), classes, codes);
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="KNeighborsClassifier"/>: the training rows and their class codes.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class KNeighborsClassifierModel<T> : IProbabilisticModel<T>, ILoadableModel<KNeighborsClassifierModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "KNeighborsClassifier";
    private readonly int[] codes;

    internal KNeighborsClassifierModel(KNeighborsClassifier options, NearestNeighborsModel<T> index, ClassLabels classes, int[] codes)
    {
        Options = options;
        Index = index;
        Classes = classes;
        this.codes = codes;
    }

    /// <summary>The options it was fitted with.</summary>
    public KNeighborsClassifier Options { get; }

    /// <summary>The neighbour index over the training rows (n, d).</summary>
    public NearestNeighborsModel<T> Index { get; }

    /// <inheritdoc />
    public ClassLabels Classes { get; }

    /// <summary>The class code (index into <see cref="Classes"/>) of every training row: (n).</summary>
    public IReadOnlyList<int> Codes => codes;

    /// <summary>The k used for every query (Fit requires at least k training rows, like scikit-learn).</summary>
    public int EffectiveNeighbors => Options.Neighbors;

    /// <inheritdoc />
    public int FeatureCount => Index.FeatureCount;

    /// <summary>The class probabilities (m, C): the weighted vote shares of the k nearest training rows.</summary>
    /// <exception cref="ArgumentException">x has the wrong shape or non-finite values.</exception>
    public Tensor<T> PredictProba(Tensor<T> x)
    {
        var (k, idx, w) = NeighborSearch.Find(Index, x, Options.Neighbors, Options.Weights, nameof(KNeighborsClassifierModel<T>));
        int m = x.Shape[0], c = Classes.Count;
        var votes = new double[m * c];
        var result = new T[m * c];
        for (int i = 0; i < m; i++)
        {
            double total = 0;
            for (int j = 0; j < k; j++) { votes[i * c + codes[idx[i * k + j]]] += w[i * k + j]; total += w[i * k + j]; }
            if (total == 0) total = 1;
            for (int q = 0; q < c; q++) result[i * c + q] = T.CreateTruncating(votes[i * c + q] / total);
        }
        return Tensor.FromArray(result, m, c);
    }

    /// <summary>log <see cref="PredictProba"/> (−∞ for classes without votes).</summary>
    public Tensor<T> PredictLogProba(Tensor<T> x)
    {
        using var _ = Autograd.NoGrad();
        return PredictProba(x).Log();
    }

    /// <summary>The most probable class of each row (the smallest class on ties).</summary>
    public Labels Predict(Tensor<T> x) => Classes.Decode(ClassifierChecks.ArgMax(PredictProba(x)));

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var y = new T[codes.Length];
        for (int i = 0; i < y.Length; i++) y[i] = T.CreateTruncating(codes[i]);
        var meta = NearestNeighborsModel<T>.Metadata(Index.Options);
        meta["weights"] = Options.Weights.ToString();
        meta["classes"] = Classes.ToMetadata();
        ModelFile.Write(stream, Kind, new Dictionary<string, Tensor<T>> { ["fit_x"] = Index.FitX, ["y_codes"] = Tensor.FromArray(y, y.Length) }, meta);
    }

    /// <inheritdoc />
    public static KNeighborsClassifierModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var nn = NearestNeighborsModel<T>.ReadOptions(f, Kind);
        if (!Enum.TryParse<NeighborWeights>(f.Option("weights"), out var weights) || !Enum.IsDefined(weights))
            throw new InvalidDataException($"{Kind}: unknown weights \"{f.Option("weights")}\".");
        var classes = ClassLabels.FromMetadata(f.Option("classes"));
        var x = f.Tensor("fit_x", 2);
        var y = f.Tensor("y_codes", 1).ToArray();
        if (y.Length != x.Shape[0]) throw new InvalidDataException($"{Kind}: {y.Length} labels for {x.Shape[0]} rows.");
        var codes = new int[y.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = int.CreateTruncating(y[i]);
            if (codes[i] < 0 || codes[i] >= classes.Count || T.CreateTruncating(codes[i]) != y[i])
                throw new InvalidDataException($"{Kind}: label code {y[i]} at row {i} is not a class index below {classes.Count}.");
        }
        var options = new KNeighborsClassifier(nn.Neighbors, weights, nn.Metric, nn.P, nn.Algorithm, nn.LeafSize);
        return new KNeighborsClassifierModel<T>(options, NearestNeighborsModel<T>.Rebuild(nn, x, useK: true), classes, codes);
    }
}
