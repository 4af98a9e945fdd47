using System.Numerics;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// Where the raw predictions F₀(x) of classic gradient boosting start (scikit-learn's <c>init</c>). The option is
/// null for the loss's best constant (scikit-learn's <c>init=None</c>: the mean, median or quantile of y, the log-odds
/// or log-priors of the class frequencies); <see cref="Zero"/> starts every raw score at 0 (<c>init="zero"</c>);
/// <see cref="From(IRegressor)"/> / <see cref="From(IClassifier)"/> fit an estimator on the training rows first and
/// start from its predictions.
/// </summary>
/// <remarks>
/// An estimator init is fitted on the boosting's training rows (after the early-stopping split), with the sample
/// weights when weights were given. A regressor's prediction is F₀ directly; a classifier's probabilities p are
/// clipped to [ε, 1 − ε] (ε = float32's 2⁻²³) and mapped through the loss's inverse link: log(p₁/(1 − p₁)) for the
/// binomial log-loss, half of it for the exponential loss, log pₖ per class for the multinomial loss — scikit-learn
/// 1.2's <c>get_init_raw_predictions</c>.
/// </remarks>
public sealed record GradientBoostingInit
{
    private GradientBoostingInit(IEstimator? estimator) => Estimator = estimator;

    /// <summary>Raw predictions start at 0 (scikit-learn's <c>init="zero"</c>).</summary>
    public static GradientBoostingInit Zero { get; } = new((IEstimator?)null);

    /// <summary>The estimator fitted first, or null for <see cref="Zero"/>.</summary>
    public IEstimator? Estimator { get; }

    /// <summary>Starts a <see cref="GradientBoostingRegressor"/> from <paramref name="estimator"/>'s predictions (single output).</summary>
    /// <exception cref="ArgumentNullException">estimator is null.</exception>
    public static GradientBoostingInit From(IRegressor estimator) => new(estimator ?? throw new ArgumentNullException(nameof(estimator)));

    /// <summary>
    /// Starts a <see cref="GradientBoostingClassifier"/> from <paramref name="estimator"/>'s class probabilities
    /// (its fitted models must implement <see cref="IProbabilisticModel{T}"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException">estimator is null.</exception>
    public static GradientBoostingInit From(IClassifier estimator) => new(estimator ?? throw new ArgumentNullException(nameof(estimator)));

    /// <inheritdoc />
    public override string ToString() => Estimator is null ? "Zero" : $"From({Estimator})";

    /// <summary>The start fitter the stage loop calls on its training rows: null for the prior, zeros, or the estimator.</summary>
    internal static Func<double[], double[], double[], BoostingInitModel>? Fitter<T>(GradientBoostingInit? init, string name, BoostingLoss loss, int d,
        bool weightsGiven, ClassLabels? classes) where T : unmanaged, IFloatingPointIeee754<T> => init switch
    {
        null => null,
        { Estimator: null } => (_, _, _) => new ConstantInit(new double[loss.TreesPerStage]),
        { Estimator: { } e } => (x, y, w) => EstimatorInit<T>.Fit(name, e, loss, x, d, y, w, weightsGiven, classes),
    };

    /// <summary>The file form of a savable start ("prior" or "zero").</summary>
    internal static string ToMetadata(GradientBoostingInit? init) => init is null ? "prior" : "zero";

    /// <summary>Reads <see cref="ToMetadata"/>; files without the entry (written before Init existed) start from the prior.</summary>
    /// <exception cref="InvalidDataException">An unknown value.</exception>
    internal static GradientBoostingInit? FromMetadata(IReadOnlyDictionary<string, string> meta, string kind) =>
        !meta.TryGetValue("init", out var v) || v == "prior" ? null
        : v == "zero" ? Zero
        : throw new InvalidDataException($"{kind}: unknown init \"{v}\" in the file (expected \"prior\" or \"zero\").");

    /// <summary>The capability flags an estimator init takes away (a stage can only be as row-order-invariant and weight-faithful as its start).</summary>
    internal static (bool Weights, bool RowOrder) Allows(GradientBoostingInit? init) =>
        init?.Estimator is { } e ? (e.Capabilities.SupportsSampleWeight, e.Capabilities.RowOrderInvariant) : (true, true);
}

/// <summary>A fitted start of the raw predictions: per row (n, K) row-major.</summary>
internal abstract class BoostingInitModel
{
    /// <summary>The same raw start for every row (K), or null when it depends on x.</summary>
    public virtual double[]? Constant => null;

    /// <summary>The fitted init estimator's model, or null for a constant start.</summary>
    public virtual IFittedModel? Model => null;

    /// <summary>The raw start (n, K) of the row-major (n, d) rows.</summary>
    public abstract double[] Raw(double[] rows, int n, int d, int k);
}

/// <summary>A constant start: the loss's prior, or zeros.</summary>
internal sealed class ConstantInit(double[] values) : BoostingInitModel
{
    public override double[]? Constant => values;

    public override double[] Raw(double[] rows, int n, int d, int k)
    {
        var raw = new double[n * k];
        for (int i = 0; i < n; i++) values.CopyTo(raw, i * k);
        return raw;
    }
}

/// <summary>A start from a fitted estimator's predictions (a regressor's values, or a classifier's probabilities through the loss's inverse link).</summary>
internal sealed class EstimatorInit<T>(IFittedModel model, BoostingLoss loss) : BoostingInitModel where T : unmanaged, IFloatingPointIeee754<T>
{
    public override IFittedModel Model => model;

    public override double[] Raw(double[] rows, int n, int d, int k)
    {
        if (n == 0) return [];
        var a = new T[rows.Length];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateTruncating(rows[i]);
        var x = Tensor.FromArray(a, n, d);
        var predicted = model switch
        {
            IProbabilisticModel<T> p => p.PredictProba(x),
            IRegressionModel<T> r => r.Predict(x),
            _ => throw new InvalidOperationException($"Gradient boosting init: {model.GetType().Name} has neither PredictProba nor Predict."),
        };
        var values = Float64.From(predicted);
        return loss.InitRawFrom(values, n);
    }

    /// <summary>Fits the init estimator on the training rows and wraps its model.</summary>
    /// <exception cref="ArgumentException">The estimator's model has no probabilities, other classes, or several outputs.</exception>
    public static EstimatorInit<T> Fit(string name, IEstimator estimator, BoostingLoss loss, double[] rows, int d, double[] y, double[] w, bool weightsGiven,
        ClassLabels? classes)
    {
        int n = y.Length;
        var a = new T[rows.Length];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateTruncating(rows[i]);
        var x = Tensor.FromArray(a, n, d);
        var sw = weightsGiven ? Tensor.FromArray(Array.ConvertAll(w, T.CreateTruncating), n) : null;
        IFittedModel model;
        if (classes is not null)
        {
            var clf = estimator as IClassifier ?? throw new ArgumentException($"{name}: the init estimator must be a classifier, got {estimator.GetType().Name}.", "Init");
            var fitted = clf.Fit(x, classes.Decode(Array.ConvertAll(y, v => (int)v)), sw);
            if (fitted is not IProbabilisticModel<T>)
                throw new ArgumentException($"{name}: the init estimator {estimator.GetType().Name} has no PredictProba, which the init needs.", "Init");
            if (fitted.Classes.ToMetadata() != classes.ToMetadata())
                throw new ArgumentException($"{name}: the init estimator learned {fitted.Classes.Count} classes, expected the {classes.Count} of y.", "Init");
            model = fitted;
        }
        else
        {
            var reg = estimator as IRegressor ?? throw new ArgumentException($"{name}: the init estimator must be a regressor, got {estimator.GetType().Name}.", "Init");
            var fitted = reg.Fit(x, Tensor.FromArray(Array.ConvertAll(y, T.CreateTruncating), n), sw);
            var probe = fitted.Predict(x.Narrow(0, 0, 1).Contiguous());
            if (probe.Length != 1)
                throw new ArgumentException($"{name}: the init regressor predicts {probe.Length} values per row; it must predict one.", "Init");
            model = fitted;
        }
        return new EstimatorInit<T>(model, loss);
    }
}
