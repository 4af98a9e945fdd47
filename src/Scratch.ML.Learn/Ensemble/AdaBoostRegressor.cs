using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.ModelSelection;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>How <see cref="AdaBoostRegressor"/> turns a row's absolute error into a loss in [0, 1].</summary>
public enum AdaBoostLoss
{
    /// <summary>Lᵢ = eᵢ / max e.</summary>
    Linear,
    /// <summary>Lᵢ = (eᵢ / max e)².</summary>
    Square,
    /// <summary>Lᵢ = 1 − exp(−eᵢ / max e).</summary>
    Exponential,
}

/// <summary>
/// AdaBoost.R2 (Drucker 1997; scikit-learn's <c>AdaBoostRegressor</c>): members fitted one after another on
/// bootstrap resamples drawn with the current row weights; prediction is the weighted median of the members.
/// </summary>
/// <remarks>
/// <para>Round m: draw n rows with replacement with probabilities w; fit the base on them; compute every row's loss
/// Lᵢ ∈ [0, 1] (<see cref="Loss"/>) and the average loss L̄ = Σ wᵢLᵢ. If L̄ = 0 the member is perfect and boosting stops;
/// if L̄ ≥ ½ the member is discarded (unless it is the only one) and boosting stops. Otherwise β = L̄/(1 − L̄), the
/// member's weight is η·log(1/β), and wᵢ ← wᵢ·β^(η(1 − Lᵢ)) — well-predicted rows lose weight — then renormalise.
/// The prediction for a row is the weighted median: sort the members' predictions and take the first whose
/// cumulative weight reaches half the total.</para>
/// <para>The resampling uses <see cref="Generator"/>(<see cref="Seed"/>) with NumPy's inverse-CDF method
/// (<c>choice(p=w)</c>), so it is reproducible per seed but not NumPy's stream: results match scikit-learn only
/// statistically. Not row-order invariant; integer weights are not repeated rows (they change the draws), so
/// SupportsSampleWeight is not claimed, but Fit accepts initial weights.</para>
/// </remarks>
/// <param name="Estimator">The base regressor; null means a depth-3 decision tree, as scikit-learn.</param>
/// <param name="NEstimators">Most members (≥ 1).</param>
/// <param name="LearningRate">η &gt; 0.</param>
/// <param name="Loss">Linear, square or exponential.</param>
/// <param name="Seed">Seeds the resampling and the members' estimators.</param>
public sealed record AdaBoostRegressor(IRegressor? Estimator = null, int NEstimators = 50, double LearningRate = 1.0,
    AdaBoostLoss Loss = AdaBoostLoss.Linear, ulong Seed = 0) : ICompositeEstimator, IRegressor
{
    /// <summary>The base regressor (the default tree when none was given).</summary>
    public IRegressor Estimator { get; init; } = Estimator ?? AdaBoostDefaults.Regressor();

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = Describe(Estimator ?? AdaBoostDefaults.Regressor(), NEstimators, LearningRate, Loss);

    private static EstimatorCapabilities Describe(IRegressor estimator, int nEstimators, double learningRate, AdaBoostLoss loss)
    {
        AdaBoostDefaults.Validate(nameof(AdaBoostRegressor), nEstimators, learningRate);
        if (!Enum.IsDefined(loss)) throw new ArgumentOutOfRangeException(nameof(Loss), loss, "AdaBoostRegressor: loss must be Linear, Square or Exponential.");
        return EnsembleSupport.Combine(EstimatorKind.Regressor, [estimator.Capabilities], stochastic: true, rowOrderInvariant: false, weights: false) with { MultiOutput = false };
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, IEstimator Estimator)> Children => [(nameof(Estimator), Estimator)];

    /// <inheritdoc />
    public IEstimator WithChild(string name, IEstimator replacement) => name == nameof(Estimator)
        ? new AdaBoostRegressor(replacement as IRegressor ?? throw new ArgumentException($"AdaBoostRegressor: the estimator must be a regressor, got {replacement?.GetType().Name ?? "null"}.", nameof(replacement)),
            NEstimators, LearningRate, Loss, Seed)
        : throw new ArgumentException($"AdaBoostRegressor: no child named \"{name}\" (the child is \"{nameof(Estimator)}\").", nameof(name));

    /// <summary>Boosts on x: (n, d) and y: (n) with optional initial weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid input, or a member rejecting its resample.</exception>
    public AdaBoostRegressorModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(AdaBoostRegressor);
        var xs = InputChecks.Features(name, x, allowNaN: Capabilities.HandlesMissingValues);
        int n = xs.Shape[0];
        var yv = InputChecks.Targets(name, y, n, multiOutput: false).Y.Reshape(n);
        var yd = Float64.From(yv);
        var w0 = InputChecks.Weights(name, sampleWeight, n);
        var sw = w0 is null ? Enumerable.Repeat(1.0, n).ToArray() : Float64.From(w0);
        var zero = Array.ConvertAll(sw, v => v == 0);
        double s0 = sw.Sum();
        for (int i = 0; i < n; i++) sw[i] /= s0;
        var rng = new Generator(Seed, 0x7FFF_FFFFu);
        var members = new List<IRegressionModel<T>>();
        var alphas = new List<double>();
        var errors = new List<double>();
        var loss = new double[n];
        for (int m = 0; m < NEstimators; m++)
        {
            for (int i = 0; i < n; i++) sw[i] = zero[i] ? 0 : Math.Max(sw[i], AdaBoostDefaults.Epsilon);
            var rows = WeightedDraw(rng, sw);
            var member = EnsembleSupport.Reseed(Estimator, EnsembleSupport.MemberSeed(Seed, m)).Fit(CrossValidation.Rows(xs, rows), CrossValidation.Rows(yv, rows));
            var p = Float64.From(member.Predict(xs));
            double max = 0;
            for (int i = 0; i < n; i++) { loss[i] = Math.Abs(p[i] - yd[i]); if (sw[i] > 0) max = Math.Max(max, loss[i]); }
            double err = 0;
            for (int i = 0; i < n; i++)
            {
                if (sw[i] <= 0) continue;
                double l = max != 0 ? loss[i] / max : loss[i];
                loss[i] = Loss switch { AdaBoostLoss.Square => l * l, AdaBoostLoss.Exponential => 1.0 - Math.Exp(-l), _ => l };
                err += sw[i] * loss[i];
            }
            members.Add(member);
            if (err <= 0) { alphas.Add(1.0); errors.Add(0.0); break; }
            if (err >= 0.5)
            {
                // scikit-learn keeps a bad member only when it is the only one (with weight 0), and stops.
                if (members.Count > 1) members.RemoveAt(members.Count - 1);
                else { alphas.Add(0.0); errors.Add(err); }
                break;
            }
            double beta = err / (1.0 - err);
            alphas.Add(LearningRate * Math.Log(1.0 / beta));
            errors.Add(err);
            bool last = m == NEstimators - 1;
            if (!last)
                for (int i = 0; i < n; i++)
                    if (sw[i] > 0) sw[i] *= Math.Pow(beta, (1.0 - loss[i]) * LearningRate);
            double sum = sw.Sum();
            if (!double.IsFinite(sum) || sum <= 0) break;
            if (!last) for (int i = 0; i < n; i++) sw[i] /= sum;
        }
        return new AdaBoostRegressorModel<T>(xs.Shape[1], members.ToArray(), alphas.ToArray(), errors.ToArray());
    }

    /// <summary>n row indices drawn with replacement with probabilities ∝ w: NumPy's <c>choice</c> (cdf, uniform draws, right-sided search).</summary>
    private static int[] WeightedDraw(Generator rng, double[] w)
    {
        int n = w.Length;
        var cdf = new double[n];
        double run = 0;
        for (int i = 0; i < n; i++) { run += w[i]; cdf[i] = run; }
        for (int i = 0; i < n; i++) cdf[i] /= run;
        var rows = new int[n];
        for (int r = 0; r < n; r++)
        {
            double u = rng.NextDouble();
            int lo = 0, hi = n;                 // first index with cdf > u
            while (lo < hi) { int mid = (lo + hi) >>> 1; if (cdf[mid] > u) hi = mid; else lo = mid + 1; }
            rows[r] = Math.Min(lo, n - 1);
        }
        return rows;
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary>Equal when the options and the base estimator are equal.</summary>
    public bool Equals(AdaBoostRegressor? other) => other is not null && Estimator.Equals(other.Estimator) && NEstimators == other.NEstimators
        && LearningRate.Equals(other.LearningRate) && Loss == other.Loss && Seed == other.Seed;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Estimator, NEstimators, LearningRate, Loss, Seed);
}

/// <summary>A fitted <see cref="AdaBoostRegressor"/>: the members with their weights and average losses.</summary>
/// <remarks>Saved as one composite file: the members, options <c>ada.weights</c>, <c>ada.errors</c>, <c>features</c>.</remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class AdaBoostRegressorModel<T> : IRegressionModel<T>, ILoadableModel<AdaBoostRegressorModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string Kind = "AdaBoostRegressor";
    private readonly double[] weights;

    internal AdaBoostRegressorModel(int features, IRegressionModel<T>[] members, double[] weights, double[] errors)
    {
        FeatureCount = features;
        Estimators = members;
        this.weights = weights;
        EstimatorWeights = Array.AsReadOnly(weights);
        EstimatorErrors = Array.AsReadOnly(errors);
    }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>The fitted members in boosting order.</summary>
    public IReadOnlyList<IRegressionModel<T>> Estimators { get; }

    /// <summary>η·log(1/βₘ) per member (scikit-learn's <c>estimator_weights_</c> without the trailing zeros).</summary>
    public IReadOnlyList<double> EstimatorWeights { get; }

    /// <summary>The average loss L̄ of each member (scikit-learn's <c>estimator_errors_</c>).</summary>
    public IReadOnlyList<double> EstimatorErrors { get; }

    /// <summary>Σₘ wₘ·importanceₘ / Σₘ wₘ over the members' impurity-based feature importances (scikit-learn's <c>feature_importances_</c>): (d).</summary>
    /// <exception cref="InvalidOperationException">The members are not decision trees, or every member weight is 0.</exception>
    public IReadOnlyList<double> FeatureImportances => EnsembleSupport.WeightedImportances(Kind, Estimators, weights, FeatureCount);

    /// <summary>
    /// The weighted median of the members' predictions per row: sorted ascending (ties by member order), the first
    /// whose cumulative weight is ≥ half the total: (n).
    /// </summary>
    /// <exception cref="ArgumentException">x has the wrong feature count or values a member rejects.</exception>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var xs = InputChecks.Features(Kind, x, FeatureCount, allowNaN: true);
        int n = xs.Shape[0], m = Estimators.Count;
        var preds = new double[m][];
        for (int j = 0; j < m; j++) preds[j] = Float64.From(Estimators[j].Predict(xs));
        var r = new double[n];
        var order = new int[m];
        var values = new double[m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++) { order[j] = j; values[j] = preds[j][i]; }
            Array.Sort((double[])values.Clone(), order);
            double total = 0;
            foreach (int j in order) total += weights[j];
            double cum = 0;
            int pick = order[^1];
            foreach (int j in order)
            {
                cum += weights[j];
                if (cum >= 0.5 * total) { pick = j; break; }
            }
            r[i] = preds[pick][i];
        }
        return EnsembleSupport.FromDouble<T>(r, n);
    }

    /// <inheritdoc />
    public void Save(Stream stream) => CompositeFile.Write<T>(stream, Kind, Estimators.Select((e, i) => ($"estimator_{i}", (IFittedModel)e)).ToArray(), new Dictionary<string, string>
    {
        ["ada.weights"] = EnsembleSupport.FormatNumbers(weights),
        ["ada.errors"] = EnsembleSupport.FormatNumbers(EstimatorErrors),
        ["features"] = FeatureCount.ToString(CultureInfo.InvariantCulture),
    });

    /// <inheritdoc />
    public static AdaBoostRegressorModel<T> Load(Stream stream)
    {
        var (options, children) = CompositeFile.Read<T>(stream, Kind);
        if (children.Count == 0) throw new InvalidDataException($"{Kind}: the file has no members.");
        int features = CompositeFile.Int(Kind, options, "features", 1, int.MaxValue);
        var members = EnsembleSupport.Children<IRegressionModel<T>>(Kind, children, features);
        var w = EnsembleSupport.Numbers(Kind, options, "ada.weights", members.Length);
        if (w.Any(v => v < 0)) throw new InvalidDataException($"{Kind}: negative member weights.");
        return new AdaBoostRegressorModel<T>(features, members, w, EnsembleSupport.Numbers(Kind, options, "ada.errors", members.Length));
    }
}

/// <summary>Defaults and checks shared by the AdaBoost estimators.</summary>
internal static class AdaBoostDefaults
{
    /// <summary>float64 machine ε (NumPy's <c>finfo(float64).eps</c>), the floor of row weights and probabilities.</summary>
    public const double Epsilon = 2.220446049250313e-16;

    public static void Validate(string owner, int nEstimators, double learningRate)
    {
        if (nEstimators < 1) throw new ArgumentOutOfRangeException("NEstimators", nEstimators, $"{owner}: nEstimators must be ≥ 1.");
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException("LearningRate", learningRate, $"{owner}: learningRate must be finite and > 0.");
    }

    /// <summary>The default base classifier: a stump, <see cref="Trees.DecisionTreeClassifier"/>(MaxDepth: 1), as scikit-learn.</summary>
    public static IClassifier Classifier() => new Trees.DecisionTreeClassifier(MaxDepth: 1);

    /// <summary>The default base regressor: <see cref="Trees.DecisionTreeRegressor"/>(MaxDepth: 3), as scikit-learn.</summary>
    public static IRegressor Regressor() => new Trees.DecisionTreeRegressor(MaxDepth: 3);
}
