using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.ModelSelection;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// Bootstrap aggregating for regression (scikit-learn's <c>BaggingRegressor</c>): the mean prediction of
/// <see cref="NEstimators"/> copies of a base regressor, each fitted on its own random draw of rows and feature
/// columns. See <see cref="BaggingClassifier"/> for the draws, the weights and why averaging helps.
/// </summary>
/// <param name="Estimator">The base regressor; null means a decision tree, as scikit-learn.</param>
/// <param name="NEstimators">Number of members (≥ 1).</param>
/// <param name="MaxSamples">Rows per member: a fraction in (0, 1] of n, or a whole count &gt; 1.</param>
/// <param name="MaxFeatures">Features per member: a fraction in (0, 1] of d (at least one), or a whole count &gt; 1.</param>
/// <param name="Bootstrap">Whether rows are drawn with replacement.</param>
/// <param name="BootstrapFeatures">Whether features are drawn with replacement.</param>
/// <param name="OobScore">Whether to compute the out-of-bag R² (needs <paramref name="Bootstrap"/>).</param>
/// <param name="Seed">The seed of the draws.</param>
public sealed record BaggingRegressor(IRegressor? Estimator = null, int NEstimators = 10, double MaxSamples = 1.0, double MaxFeatures = 1.0,
    bool Bootstrap = true, bool BootstrapFeatures = false, bool OobScore = false, ulong Seed = 0) : ICompositeEstimator, IRegressor
{
    /// <summary>The base regressor (the default when none was given).</summary>
    public IRegressor Estimator { get; init; } = Estimator ?? BaggingDefaults.Regressor();

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = Describe(Estimator ?? BaggingDefaults.Regressor(), NEstimators, MaxSamples, MaxFeatures, Bootstrap, OobScore);

    private static EstimatorCapabilities Describe(IRegressor estimator, int nEstimators, double maxSamples, double maxFeatures, bool bootstrap, bool oob)
    {
        BaggingCore.Validate(nameof(BaggingRegressor), nEstimators, maxSamples, maxFeatures);
        if (oob && !bootstrap) throw new ArgumentException("BaggingRegressor: the out-of-bag score needs Bootstrap = true.", nameof(OobScore));
        return EnsembleSupport.Combine(EstimatorKind.Regressor, [estimator.Capabilities], stochastic: true, rowOrderInvariant: false, weights: false) with { MultiOutput = false };
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, IEstimator Estimator)> Children => [(nameof(Estimator), Estimator)];

    /// <inheritdoc />
    public IEstimator WithChild(string name, IEstimator replacement) => name == nameof(Estimator)
        ? new BaggingRegressor(replacement as IRegressor ?? throw new ArgumentException($"BaggingRegressor: the estimator must be a regressor, got {replacement?.GetType().Name ?? "null"}.", nameof(replacement)),
            NEstimators, MaxSamples, MaxFeatures, Bootstrap, BootstrapFeatures, OobScore, Seed)
        : throw new ArgumentException($"BaggingRegressor: no child named \"{name}\" (the child is \"{nameof(Estimator)}\").", nameof(name));

    /// <summary>Fits the members on x: (n, d) and y: (n), with optional weights (n) when the base takes them.</summary>
    /// <exception cref="ArgumentException">Invalid input, sizes that do not fit n or d, weights for a base that takes none, or a member rejecting its draw.</exception>
    public BaggingRegressorModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(BaggingRegressor);
        var xs = InputChecks.Features(name, x, allowNaN: Capabilities.HandlesMissingValues);
        int n = xs.Shape[0], d = xs.Shape[1];
        var yv = InputChecks.Targets(name, y, n, multiOutput: false).Y.Reshape(n);
        var w = InputChecks.Weights(name, sampleWeight, n);
        bool weighted = Estimator.Capabilities.SupportsSampleWeight;
        if (w is not null && !weighted) throw new ArgumentException($"{name}: the base estimator {Estimator.GetType().Name} does not take sample weights.", nameof(sampleWeight));
        int samples = BaggingCore.Resolve(name, nameof(MaxSamples), MaxSamples, n, atLeastOne: false);
        int features = BaggingCore.Resolve(name, nameof(MaxFeatures), MaxFeatures, d, atLeastOne: true);
        var draws = new BaggingCore.Draw[NEstimators];
        var members = new IRegressionModel<T>[NEstimators];
        Parallel.For(0, NEstimators, i =>
        {
            draws[i] = BaggingCore.DrawMember(Seed, i, n, d, samples, features, Bootstrap, BootstrapFeatures);
            var (xt, rows, wt) = BaggingCore.TrainingSet(xs, w, draws[i], weighted);
            var member = EnsembleSupport.Reseed(Estimator, EnsembleSupport.MemberSeed(Seed, i));
            members[i] = member.Fit(xt, weighted ? yv : CrossValidation.Rows(yv, rows), wt);
        });
        double? oob = null;
        Tensor<T>? oobPrediction = null;
        if (OobScore)
        {
            var sum = new double[n];
            var count = new int[n];
            for (int i = 0; i < NEstimators; i++)
            {
                var rows = BaggingCore.OutOfBag(draws[i]);
                if (rows.Length == 0) continue;
                var p = Float64.From(members[i].Predict(CrossValidation.Rows(BaggingCore.Columns(xs, draws[i].Features), rows)));
                for (int r = 0; r < rows.Length; r++) { sum[rows[r]] += p[r]; count[rows[r]]++; }
            }
            for (int i = 0; i < n; i++) sum[i] = count[i] > 0 ? sum[i] / count[i] : double.NaN;
            oobPrediction = EnsembleSupport.FromDouble<T>(sum, n);
            var scored = Enumerable.Range(0, n).Where(i => count[i] > 0).ToArray();
            oob = scored.Length == 0 ? double.NaN
                : CrossValidation.R2(CrossValidation.Rows(yv, scored), CrossValidation.Rows(oobPrediction, scored));
        }
        return BaggingRegressorModel<T>.Create(d, members, draws.Select(s => s.Features).ToArray(), oob, oobPrediction);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary>Equal when the options and the base estimator are equal.</summary>
    public bool Equals(BaggingRegressor? other) => other is not null && Estimator.Equals(other.Estimator) && NEstimators == other.NEstimators
        && MaxSamples.Equals(other.MaxSamples) && MaxFeatures.Equals(other.MaxFeatures) && Bootstrap == other.Bootstrap
        && BootstrapFeatures == other.BootstrapFeatures && OobScore == other.OobScore && Seed == other.Seed;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Estimator, NEstimators, MaxSamples, MaxFeatures, Bootstrap, BootstrapFeatures, OobScore, Seed);
}

/// <summary>A fitted <see cref="BaggingRegressor"/>: the members and the feature columns each one sees.</summary>
/// <remarks>Saved like <see cref="BaggingClassifierModel{T}"/> (members, <c>bag.{i}.features</c>, <c>features</c>,
/// <c>bag.oob_score</c>; the out-of-bag predictions are not saved).
/// <para>When every member is a tree model with identity link (the default base, forests, squared-error boosting) the
/// model is the subclass <see cref="BaggingRegressorTreeModel{T}"/>, which adds the <see cref="Trees.ITreeEnsembleModel"/>
/// view for TreeSHAP and partial dependence (see <see cref="TryGetTreeEnsemble"/>); fitting and loading choose the type,
/// and no other subclass can exist (the constructor is internal).</para></remarks>
/// <typeparam name="T">float or double.</typeparam>
public class BaggingRegressorModel<T> : IRegressionModel<T>, ILoadableModel<BaggingRegressorModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string Kind = "BaggingRegressor";
    private readonly int[][] features;

    /// <summary>The fitted model: a <see cref="BaggingRegressorTreeModel{T}"/> when every member is a tree model, else this type.</summary>
    internal static BaggingRegressorModel<T> Create(int featureCount, IRegressionModel<T>[] members, int[][] features, double? oobScore, Tensor<T>? oobPrediction) =>
        BaggingTrees.Qualify(members, _ => 1)
            ? new BaggingRegressorTreeModel<T>(featureCount, members, features, oobScore, oobPrediction)
            : new BaggingRegressorModel<T>(featureCount, members, features, oobScore, oobPrediction);

    internal BaggingRegressorModel(int featureCount, IRegressionModel<T>[] members, int[][] features, double? oobScore, Tensor<T>? oobPrediction)
    {
        FeatureCount = featureCount;
        Estimators = members;
        this.features = features;
        OobScore = oobScore;
        OobPrediction = oobPrediction;
    }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>The fitted members, in draw order.</summary>
    public IReadOnlyList<IRegressionModel<T>> Estimators { get; }

    /// <summary>The feature columns member i sees.</summary>
    public IReadOnlyList<IReadOnlyList<int>> EstimatorFeatures => features;

    /// <summary>
    /// The members' trees as one averaged <see cref="Trees.TreeEnsemble"/> over the original features (for TreeSHAP and
    /// partial dependence by recursion), when every member is a tree model with identity link: then this model is a
    /// <see cref="BaggingRegressorTreeModel{T}"/> (an <see cref="Trees.ITreeEnsembleModel"/>) and the view is its
    /// <see cref="BaggingRegressorTreeModel{T}.Ensemble"/>. Bagging does not implement the interface for other bases, so code
    /// that tests <c>model is ITreeEnsembleModel</c> (partial dependence's automatic method choice) keeps working for them.
    /// </summary>
    /// <param name="ensemble">The view, or null when a member is not such a tree model.</param>
    /// <returns>Whether the view exists.</returns>
    public bool TryGetTreeEnsemble([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Trees.TreeEnsemble? ensemble)
    {
        ensemble = (this as Trees.ITreeEnsembleModel)?.Ensemble;
        return ensemble is not null;
    }

    /// <summary>The out-of-bag R² over the rows that were out of at least one bag, or null when not requested.</summary>
    public double? OobScore { get; }

    /// <summary>(n) mean out-of-bag prediction per training row (NaN for rows in every bag); null when not requested or after loading.</summary>
    public Tensor<T>? OobPrediction { get; }

    /// <summary>ŷ = (1/m) Σⱼ ŷⱼ(x[:, Fⱼ]): (n), accumulated in float64 in member order.</summary>
    /// <exception cref="ArgumentException">x has the wrong feature count or values a member rejects.</exception>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var xs = InputChecks.Features(Kind, x, FeatureCount, allowNaN: true);
        int n = xs.Shape[0], m = Estimators.Count;
        var parts = new double[m][];
        Parallel.For(0, m, j => parts[j] = Float64.From(Estimators[j].Predict(BaggingCore.Columns(xs, features[j]))));
        var sum = new double[n];
        for (int j = 0; j < m; j++)
            for (int i = 0; i < n; i++) sum[i] += parts[j][i];
        for (int i = 0; i < n; i++) sum[i] /= m;
        return EnsembleSupport.FromDouble<T>(sum, n);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["features"] = FeatureCount.ToString(CultureInfo.InvariantCulture),
            ["bag.oob_score"] = OobScore is { } s ? s.ToString("R", CultureInfo.InvariantCulture) : "",
        };
        BaggingCore.WriteFeatures(options, features);
        CompositeFile.Write<T>(stream, Kind, Estimators.Select((e, i) => ($"estimator_{i}", (IFittedModel)e)).ToArray(), options);
    }

    /// <inheritdoc />
    public static BaggingRegressorModel<T> Load(Stream stream)
    {
        var (options, children) = CompositeFile.Read<T>(stream, Kind);
        if (children.Count == 0) throw new InvalidDataException($"{Kind}: the file has no members.");
        int d = CompositeFile.Int(Kind, options, "features", 1, int.MaxValue);
        var members = EnsembleSupport.Children<IRegressionModel<T>>(Kind, children, -1);
        var feats = BaggingCore.ReadFeatures(Kind, options, members, d);
        var oobText = EnsembleSupport.Option(Kind, options, "bag.oob_score");
        double? oob = oobText.Length == 0 ? null : double.TryParse(oobText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new InvalidDataException($"{Kind}: invalid bag.oob_score \"{oobText}\".");
        return Create(d, members, feats, oob, null);
    }
}
