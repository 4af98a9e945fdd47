using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Compose;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// The weighted mean of several regressors fitted on the same data (scikit-learn's <c>VotingRegressor</c>):
/// <c>ŷ(x) = Σⱼ wⱼ·ŷⱼ(x) / Σⱼ wⱼ</c>.
/// </summary>
/// <remarks>Every member is fitted on all of x and y (and the sample weights, when given). A member may be
/// <see cref="Drop"/>. Only 1-d targets, as scikit-learn. Capabilities follow from the members.</remarks>
public sealed class VotingRegressor : ICompositeEstimator, IRegressor, IEquatable<VotingRegressor>
{
    /// <summary>Builds a voting regressor.</summary>
    /// <param name="Estimators">(name, regressor or <see cref="Drop"/>) pairs, at least one not dropped; names unique, without '.' or '/'.</param>
    /// <param name="Weights">One weight per entry (dropped ones included), finite and ≥ 0, not all zero; null for equal weights.</param>
    /// <exception cref="ArgumentException">A bad entry or weight list.</exception>
    public VotingRegressor(IReadOnlyList<(string Name, IEstimator Estimator)> Estimators, double[]? Weights = null)
    {
        var entries = EnsembleSupport.CheckEntries<IRegressor>(nameof(VotingRegressor), Estimators, nameof(Estimators));
        VotingWeights.Check(nameof(VotingRegressor), Weights, entries);
        this.Estimators = Array.AsReadOnly(entries);
        this.Weights = Weights is null ? null : (double[])Weights.Clone();
        Capabilities = EnsembleSupport.Combine(EstimatorKind.Regressor, entries.Where(e => e.Estimator is not Drop).Select(e => e.Estimator.Capabilities).ToArray());
    }

    /// <summary>The named members, in order.</summary>
    public IReadOnlyList<(string Name, IEstimator Estimator)> Estimators { get; }

    /// <summary>The member weights, or null for equal weights.</summary>
    public double[]? Weights { get; }

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, IEstimator Estimator)> Children => Estimators;

    /// <inheritdoc />
    public IEstimator WithChild(string name, IEstimator replacement)
    {
        if (!Estimators.Any(e => e.Name == name))
            throw new ArgumentException($"VotingRegressor: no estimator named \"{name}\" (estimators: {string.Join(", ", Estimators.Select(e => e.Name))}).", nameof(name));
        return new VotingRegressor(Estimators.Select(e => e.Name == name ? (name, replacement) : e).ToArray(), Weights);
    }

    /// <summary>Fits every member on x: (n, d) and y: (n), with optional weights (n) passed to every member.</summary>
    /// <exception cref="ArgumentException">Invalid x, y or weights, or a member rejects its input.</exception>
    public VotingRegressorModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(VotingRegressor);
        var xs = InputChecks.Features(name, x, allowNaN: Capabilities.HandlesMissingValues);
        var (ys, _) = InputChecks.Targets(name, y, xs.Shape[0], multiOutput: false);
        var yv = ys.Reshape(xs.Shape[0]);
        var w = InputChecks.Weights(name, sampleWeight, xs.Shape[0]);
        var members = new List<(string Name, IFittedModel Model)>();
        var weights = new List<double>();
        for (int j = 0; j < Estimators.Count; j++)
        {
            if (Estimators[j].Estimator is not IRegressor r) continue;
            members.Add((Estimators[j].Name, r.Fit(xs, yv, w)));
            weights.Add(Weights?[j] ?? 1.0);
        }
        return new VotingRegressorModel<T>(xs.Shape[1], members, Weights is null ? null : weights.ToArray());
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary><c>VotingRegressor(ridge: Ridge { … }, …)</c>.</summary>
    public override string ToString() => $"VotingRegressor({string.Join(", ", Estimators.Select(e => $"{e.Name}: {e.Estimator}"))}{VotingWeights.Format(Weights)})";

    /// <summary>Equal when the members and weights are equal.</summary>
    public bool Equals(VotingRegressor? other) => other is not null && VotingWeights.Same(Weights, other.Weights) && CompositeRules.SameChildren(Estimators, other.Estimators);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VotingRegressor);

    /// <inheritdoc />
    public override int GetHashCode() => CompositeRules.Hash(Estimators);
}

/// <summary>A fitted <see cref="VotingRegressor"/>.</summary>
/// <remarks>Saved as one composite file: the members under <c>"{i}/"</c>, options <c>voting.weights</c> and <c>features</c>.</remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class VotingRegressorModel<T> : IRegressionModel<T>, ILoadableModel<VotingRegressorModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string Kind = "VotingRegressor";
    private readonly double[] weights;

    internal VotingRegressorModel(int features, IReadOnlyList<(string Name, IFittedModel Model)> members, double[]? weights)
    {
        FeatureCount = features;
        Estimators = members.Select(m => (m.Name, (IRegressionModel<T>)m.Model)).ToArray();
        Weights = weights is null ? null : Array.AsReadOnly((double[])weights.Clone());
        this.weights = weights ?? Enumerable.Repeat(1.0, members.Count).ToArray();
    }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>The fitted members (dropped entries left out), in order.</summary>
    public IReadOnlyList<(string Name, IRegressionModel<T> Model)> Estimators { get; }

    /// <summary>The weights of the fitted members, or null for equal weights.</summary>
    public IReadOnlyList<double>? Weights { get; }

    /// <summary>ŷ = Σⱼ wⱼ·ŷⱼ(x) / Σⱼ wⱼ for x: (n, d): (n), accumulated in float64.</summary>
    /// <exception cref="ArgumentException">x has the wrong feature count or values a member rejects.</exception>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var p = Transform(x);
        int n = p.Shape[0], m = Estimators.Count;
        var v = Float64.From(p);
        var r = new double[n];
        double total = weights.Sum();
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < m; j++) s += v[i * m + j] * weights[j];
            r[i] = s / total;
        }
        return EnsembleSupport.FromDouble<T>(r, n);
    }

    /// <summary>Each member's prediction: (n, m) (scikit-learn's <c>transform</c>).</summary>
    /// <exception cref="ArgumentException">x has the wrong feature count or values a member rejects.</exception>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var xs = InputChecks.Features(Kind, x, FeatureCount, allowNaN: true);
        int n = xs.Shape[0], m = Estimators.Count;
        var r = new double[n * m];
        for (int j = 0; j < m; j++)
        {
            var p = Float64.From(Estimators[j].Model.Predict(xs));
            if (p.Length != n) throw new InvalidOperationException($"{Kind}: member \"{Estimators[j].Name}\" returned {p.Length} predictions for {n} rows.");
            for (int i = 0; i < n; i++) r[i * m + j] = p[i];
        }
        return EnsembleSupport.FromDouble<T>(r, n, m);
    }

    /// <inheritdoc />
    public void Save(Stream stream) => CompositeFile.Write<T>(stream, Kind, Estimators.Select(e => (e.Name, (IFittedModel)e.Model)).ToArray(), new Dictionary<string, string>
    {
        ["voting.weights"] = Weights is null ? "" : EnsembleSupport.FormatNumbers(Weights),
        ["features"] = FeatureCount.ToString(CultureInfo.InvariantCulture),
    });

    /// <inheritdoc />
    public static VotingRegressorModel<T> Load(Stream stream)
    {
        var (options, children) = CompositeFile.Read<T>(stream, Kind);
        if (children.Count == 0) throw new InvalidDataException($"{Kind}: the file has no members.");
        int features = CompositeFile.Int(Kind, options, "features", 1, int.MaxValue);
        EnsembleSupport.Children<IRegressionModel<T>>(Kind, children, features);
        var weights = EnsembleSupport.Option(Kind, options, "voting.weights").Length == 0 ? null : EnsembleSupport.Numbers(Kind, options, "voting.weights", children.Count);
        if (weights is not null && (weights.Any(w => w < 0) || weights.Sum() <= 0)) throw new InvalidDataException($"{Kind}: invalid member weights.");
        return new VotingRegressorModel<T>(features, children, weights);
    }
}
