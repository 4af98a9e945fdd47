using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Neighbors;

/// <summary>
/// Radius-neighbours regression (scikit-learn's <c>RadiusNeighborsRegressor</c>):
/// <c>ŷ(x) = Σ_{j ∈ N_r(x)} wⱼ yⱼ / Σ_{j ∈ N_r(x)} wⱼ</c> over every training row within distance r, N_r(x) = {j : d(x, xⱼ) ≤ r}.
/// </summary>
/// <remarks>
/// A query with no training row within r gets NaN in every output (scikit-learn 1.2 also predicts NaN, with a
/// warning; here there is no warning: test the result with <c>double.IsNaN</c>, or choose a larger radius). The
/// neighbourhood is a set, so the result does not depend on the row order (up to rounding in the sums).
/// Multi-output targets (n, t) are supported; sample weights are not (scikit-learn has none).
/// </remarks>
/// <param name="Radius">r ≥ 0, finite (scikit-learn's default 1).</param>
/// <param name="Weights">Uniform or inverse-distance averaging (with the zero-distance rule of <see cref="NeighborWeights.Distance"/>).</param>
/// <param name="Metric">The distance.</param>
/// <param name="P">The Minkowski power (≥ 1); only used with <see cref="NeighborMetric.Minkowski"/>.</param>
/// <param name="Algorithm">Brute force, a k-d tree, a ball tree, or Auto (scikit-learn 1.2's choice); all give the same neighbours.</param>
/// <param name="LeafSize">The leaf size of the trees (≥ 1; scikit-learn's default 30).</param>
public sealed record RadiusNeighborsRegressor(double Radius = 1.0, NeighborWeights Weights = NeighborWeights.Uniform,
    NeighborMetric Metric = NeighborMetric.Euclidean, double P = 2, NeighborAlgorithm Algorithm = NeighborAlgorithm.Auto, int LeafSize = 30) : IRegressor
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Radius, Weights, Metric, P, Algorithm, LeafSize);

    private static EstimatorCapabilities ValidateAndDescribe(double radius, NeighborWeights weights, NeighborMetric metric, double p, NeighborAlgorithm algorithm, int leafSize)
    {
        NeighborSearch.ValidateRadius(nameof(RadiusNeighborsRegressor), radius, weights, metric, p);
        NeighborAlgorithms.Validate(nameof(RadiusNeighborsRegressor), algorithm, metric, leafSize);
        return new(EstimatorKind.Regressor, Supervised: true, MultiOutput: true);
    }

    /// <summary>Stores x: (n, d) and the targets y: (n) or (n, t), and builds the search structure.</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values, or sample weights given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Options made invalid by a <c>with</c> expression.</exception>
    public RadiusNeighborsRegressorModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(RadiusNeighborsRegressor);
        ValidateAndDescribe(Radius, Weights, Metric, P, Algorithm, LeafSize); // again: a `with` expression skips the constructor's checks
        if (sampleWeight is not null) throw new ArgumentException($"{name}: sample weights are not supported (scikit-learn has none either).", nameof(sampleWeight));
        var xs = InputChecks.Features(name, x).Contiguous().Detach();
        var (ys, vector) = InputChecks.Targets(name, y, xs.Shape[0], multiOutput: true);
        var index = new NearestNeighbors(1, Metric, P, Algorithm, LeafSize).FitIndex(xs, useK: false);
        return new RadiusNeighborsRegressorModel<T>(this, index, ys.Contiguous().Detach(), vector);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="RadiusNeighborsRegressor"/>: the training rows, their targets and the search structure.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class RadiusNeighborsRegressorModel<T> : IRegressionModel<T>, ILoadableModel<RadiusNeighborsRegressorModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "RadiusNeighborsRegressor";

    internal RadiusNeighborsRegressorModel(RadiusNeighborsRegressor options, NearestNeighborsModel<T> index, Tensor<T> targets, bool vectorTarget)
    {
        Options = options;
        Index = index;
        Targets = targets;
        VectorTarget = vectorTarget;
    }

    /// <summary>The options it was fitted with.</summary>
    public RadiusNeighborsRegressor Options { get; }

    /// <summary>The neighbour index over the training rows (n, d); its Auto choice ignores k.</summary>
    public NearestNeighborsModel<T> Index { get; }

    /// <summary>The training targets as a matrix (n, t); t = 1 for a vector target.</summary>
    public Tensor<T> Targets { get; }

    /// <summary>True when y was a vector (n): Predict then returns (m), otherwise (m, t).</summary>
    public bool VectorTarget { get; }

    /// <inheritdoc />
    public int FeatureCount => Index.FeatureCount;

    /// <summary>The weighted mean target of the training rows within the radius: (m) or (m, t); NaN rows for empty neighbourhoods.</summary>
    /// <exception cref="ArgumentException">x has the wrong shape or non-finite values.</exception>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var (idx, w) = NeighborSearch.FindWithin(Index, x, Options.Radius, Options.Weights, nameof(RadiusNeighborsRegressorModel<T>));
        int m = x.Shape[0], t = Targets.Shape[1];
        var y = Targets.AsSpan();
        var result = new T[m * t];
        for (int i = 0; i < m; i++)
        {
            double total = 0;
            foreach (double v in w[i]) total += v;
            for (int q = 0; q < t; q++)
            {
                double s = 0;
                for (int j = 0; j < idx[i].Length; j++) s += w[i][j] * double.CreateTruncating(y[idx[i][j] * t + q]);
                result[i * t + q] = idx[i].Length == 0 ? T.NaN : T.CreateTruncating(s / total);
            }
        }
        return VectorTarget ? Tensor.FromArray(result, m) : Tensor.FromArray(result, m, t);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var meta = NearestNeighborsModel<T>.Metadata(Index.Options);
        meta["radius"] = Options.Radius.ToString("R", CultureInfo.InvariantCulture);
        meta["weights"] = Options.Weights.ToString();
        meta["vector_target"] = VectorTarget.ToString(CultureInfo.InvariantCulture);
        ModelFile.Write(stream, Kind, new Dictionary<string, Tensor<T>> { ["fit_x"] = Index.FitX, ["y"] = Targets }, meta);
    }

    /// <inheritdoc />
    public static RadiusNeighborsRegressorModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var nn = NearestNeighborsModel<T>.ReadOptions(f, Kind);
        var weights = NeighborSearch.ReadWeights(f, Kind);
        var x = f.Tensor("fit_x", 2);
        var y = f.Tensor("y", 2);
        bool vector = f.Flag("vector_target");
        if (y.Shape[0] != x.Shape[0] || (vector && y.Shape[1] != 1))
            throw new InvalidDataException($"{Kind}: targets {Shapes.Format(y.Shape)} do not match {x.Shape[0]} rows.");
        var options = NeighborSearch.ReadRadiusOptions(f, Kind, o => new RadiusNeighborsRegressor(o, weights, nn.Metric, nn.P, nn.Algorithm, nn.LeafSize));
        return new RadiusNeighborsRegressorModel<T>(options, NearestNeighborsModel<T>.Rebuild(nn, x, useK: false), y, vector);
    }
}
