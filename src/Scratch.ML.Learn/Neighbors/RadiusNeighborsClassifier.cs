using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Neighbors;

/// <summary>
/// Radius-neighbours classification (scikit-learn's <c>RadiusNeighborsClassifier</c>):
/// <c>P(c | x) = Σ_{j ∈ N_r(x), yⱼ = c} wⱼ / Σ_{j ∈ N_r(x)} wⱼ</c> over every training row within distance r,
/// N_r(x) = {j : d(x, xⱼ) ≤ r}; the prediction is the most probable class (the smallest class on ties).
/// </summary>
/// <remarks>
/// Outliers (queries with no training row within r) follow scikit-learn 1.2: without an <see cref="OutlierLabel"/>,
/// predicting them throws; with one, they are predicted as that label, and their probability row is one-hot on it when
/// it is a training class, else all zeros. The neighbourhood is a set, so the result does not depend on the row order.
/// </remarks>
/// <param name="Radius">r ≥ 0, finite (scikit-learn's default 1).</param>
/// <param name="Weights">Uniform or inverse-distance voting (with the zero-distance rule of <see cref="NeighborWeights.Distance"/>).</param>
/// <param name="Metric">The distance.</param>
/// <param name="P">The Minkowski power (≥ 1); only used with <see cref="NeighborMetric.Minkowski"/>.</param>
/// <param name="Algorithm">Brute force, a k-d tree, a ball tree, or Auto (scikit-learn 1.2's choice); all give the same neighbours.</param>
/// <param name="LeafSize">The leaf size of the trees (≥ 1; scikit-learn's default 30).</param>
/// <param name="OutlierLabel">null (outliers are an error), <see cref="MostFrequent"/> (the most frequent training
/// class, the smallest on ties), or a label: its text for string labels, an integer in invariant culture for integer labels.</param>
public sealed record RadiusNeighborsClassifier(double Radius = 1.0, NeighborWeights Weights = NeighborWeights.Uniform,
    NeighborMetric Metric = NeighborMetric.Euclidean, double P = 2, NeighborAlgorithm Algorithm = NeighborAlgorithm.Auto, int LeafSize = 30,
    string? OutlierLabel = null) : IClassifier
{
    /// <summary>The <see cref="OutlierLabel"/> value meaning "the most frequent training class" (scikit-learn's <c>"most_frequent"</c>).</summary>
    public const string MostFrequent = "most_frequent";

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Radius, Weights, Metric, P, Algorithm, LeafSize);

    private static EstimatorCapabilities ValidateAndDescribe(double radius, NeighborWeights weights, NeighborMetric metric, double p, NeighborAlgorithm algorithm, int leafSize)
    {
        NeighborSearch.ValidateRadius(nameof(RadiusNeighborsClassifier), radius, weights, metric, p);
        NeighborAlgorithms.Validate(nameof(RadiusNeighborsClassifier), algorithm, metric, leafSize);
        return new(EstimatorKind.Classifier, Supervised: true);
    }

    /// <summary>Stores x: (n, d) and the labels y (n), builds the search structure and resolves the outlier label.</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values, fewer than two classes, sample weights given, or an
    /// integer OutlierLabel that is not an integer.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Options made invalid by a <c>with</c> expression.</exception>
    public RadiusNeighborsClassifierModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(RadiusNeighborsClassifier);
        ValidateAndDescribe(Radius, Weights, Metric, P, Algorithm, LeafSize); // again: a `with` expression skips the constructor's checks
        if (sampleWeight is not null) throw new ArgumentException($"{name}: sample weights are not supported (scikit-learn has none either).", nameof(sampleWeight));
        var xs = InputChecks.Features(name, x).Contiguous().Detach();
        var (classes, codes) = ClassifierChecks.Encode(name, y, xs.Shape[0]);
        var index = new NearestNeighbors(1, Metric, P, Algorithm, LeafSize).FitIndex(xs, useK: false);
        return new RadiusNeighborsClassifierModel<T>(this, index, classes, codes);
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="RadiusNeighborsClassifier"/>: the training rows, their class codes and the search structure.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class RadiusNeighborsClassifierModel<T> : IProbabilisticModel<T>, ILoadableModel<RadiusNeighborsClassifierModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "RadiusNeighborsClassifier";
    private readonly int[] codes;
    private readonly int? outlierInt;
    private readonly string? outlierString;

    internal RadiusNeighborsClassifierModel(RadiusNeighborsClassifier options, NearestNeighborsModel<T> index, ClassLabels classes, int[] codes)
    {
        Options = options;
        Index = index;
        Classes = classes;
        this.codes = codes;
        OutlierClass = -1;
        string? label = options.OutlierLabel;
        if (label is null) return;
        if (label == RadiusNeighborsClassifier.MostFrequent)
        {
            var counts = new int[classes.Count];
            foreach (int c in codes) counts[c]++;
            OutlierClass = Array.IndexOf(counts, counts.Max());
            (outlierInt, outlierString) = (classes.Ints?[OutlierClass], classes.Strings?[OutlierClass]);
            return;
        }
        if (classes.Ints is { } ints)
        {
            if (!int.TryParse(label, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v))
                throw new ArgumentException($"{Kind}: OutlierLabel \"{label}\" is not an integer, but the training labels are integers.", "OutlierLabel");
            outlierInt = v;
            OutlierClass = ints.ToList().IndexOf(v);
        }
        else
        {
            outlierString = label;
            OutlierClass = classes.Strings!.ToList().IndexOf(label);
        }
    }

    /// <summary>The options it was fitted with.</summary>
    public RadiusNeighborsClassifier Options { get; }

    /// <summary>The neighbour index over the training rows (n, d); its Auto choice ignores k.</summary>
    public NearestNeighborsModel<T> Index { get; }

    /// <inheritdoc />
    public ClassLabels Classes { get; }

    /// <summary>The class code (index into <see cref="Classes"/>) of every training row: (n).</summary>
    public IReadOnlyList<int> Codes => codes;

    /// <summary>The class index of the outlier label, or −1 when there is none or it is not a training class.</summary>
    public int OutlierClass { get; }

    /// <inheritdoc />
    public int FeatureCount => Index.FeatureCount;

    private bool HasOutlierLabel => outlierInt is not null || outlierString is not null;

    /// <summary>
    /// The class probabilities (m, C): the weighted vote shares of the training rows within the radius; an outlier row
    /// is one-hot on the outlier label's class, or all zeros when that label is not a training class.
    /// </summary>
    /// <exception cref="ArgumentException">x has the wrong shape or non-finite values, or a query has no neighbour and no OutlierLabel was given.</exception>
    public Tensor<T> PredictProba(Tensor<T> x) => Tensor.FromArray(Array.ConvertAll(Votes(x, out _), T.CreateTruncating), x.Shape[0], Classes.Count);

    private double[] Votes(Tensor<T> x, out bool[] outlier)
    {
        var (idx, w) = NeighborSearch.FindWithin(Index, x, Options.Radius, Options.Weights, nameof(RadiusNeighborsClassifierModel<T>));
        int m = x.Shape[0], c = Classes.Count;
        outlier = Array.ConvertAll(idx, r => r.Length == 0);
        if (!HasOutlierLabel && Array.IndexOf(outlier, true) is int first and >= 0)
            throw new ArgumentException($"{Kind}: no training row within Radius = {Options.Radius} of query row {first} " +
                $"({outlier.Count(o => o)} such rows); use a larger radius, set OutlierLabel, or remove the outliers (scikit-learn raises too).", nameof(x));
        var votes = new double[m * c];
        for (int i = 0; i < m; i++)
        {
            if (outlier[i])
            {
                if (OutlierClass >= 0) votes[i * c + OutlierClass] = 1;
                continue;
            }
            double total = 0;
            for (int j = 0; j < idx[i].Length; j++) { votes[i * c + codes[idx[i][j]]] += w[i][j]; total += w[i][j]; }
            if (total == 0) total = 1;
            for (int q = 0; q < c; q++) votes[i * c + q] /= total;
        }
        return votes;
    }

    /// <summary>log <see cref="PredictProba"/> (−∞ for classes without votes).</summary>
    public Tensor<T> PredictLogProba(Tensor<T> x)
    {
        using var _ = Autograd.NoGrad();
        return PredictProba(x).Log();
    }

    /// <summary>The most probable class of each row (the smallest class on ties); outliers get the outlier label.</summary>
    /// <exception cref="ArgumentException">As <see cref="PredictProba"/>.</exception>
    public Labels Predict(Tensor<T> x)
    {
        var votes = Votes(x, out var outlier);
        int m = x.Shape[0], c = Classes.Count;
        var best = new int[m];
        for (int i = 0; i < m; i++)
            for (int q = 1; q < c; q++) if (votes[i * c + q] > votes[i * c + best[i]]) best[i] = q;
        if (Classes.Ints is { } ints)
            return Labels.From(Enumerable.Range(0, m).Select(i => outlier[i] ? outlierInt!.Value : ints[best[i]]).ToArray());
        return Labels.From(Enumerable.Range(0, m).Select(i => outlier[i] ? outlierString! : Classes.Strings![best[i]]).ToArray());
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var y = new T[codes.Length];
        for (int i = 0; i < y.Length; i++) y[i] = T.CreateTruncating(codes[i]);
        var meta = NearestNeighborsModel<T>.Metadata(Index.Options);
        meta["radius"] = Options.Radius.ToString("R", CultureInfo.InvariantCulture);
        meta["weights"] = Options.Weights.ToString();
        meta["classes"] = Classes.ToMetadata();
        meta["outlier_label"] = Options.OutlierLabel is null ? "none" : "label:" + Options.OutlierLabel;
        ModelFile.Write(stream, Kind, new Dictionary<string, Tensor<T>> { ["fit_x"] = Index.FitX, ["y_codes"] = Tensor.FromArray(y, y.Length) }, meta);
    }

    /// <inheritdoc />
    public static RadiusNeighborsClassifierModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var nn = NearestNeighborsModel<T>.ReadOptions(f, Kind);
        var weights = NeighborSearch.ReadWeights(f, Kind);
        var classes = ClassLabels.FromMetadata(f.Option("classes"));
        string outlierText = f.Option("outlier_label");
        string? outlier = outlierText == "none" ? null : outlierText.StartsWith("label:", StringComparison.Ordinal) ? outlierText[6..]
            : throw new InvalidDataException($"{Kind}: bad outlier_label \"{outlierText}\".");
        var x = f.Tensor("fit_x", 2);
        var codes = NeighborSearch.ReadCodes(f.Tensor("y_codes", 1), x.Shape[0], classes.Count, Kind);
        var options = NeighborSearch.ReadRadiusOptions(f, Kind, r => new RadiusNeighborsClassifier(r, weights, nn.Metric, nn.P, nn.Algorithm, nn.LeafSize, outlier));
        return new RadiusNeighborsClassifierModel<T>(options, NearestNeighborsModel<T>.Rebuild(nn, x, useK: false), classes, codes);
    }
}
