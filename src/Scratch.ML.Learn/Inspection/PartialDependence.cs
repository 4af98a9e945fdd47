using System.Numerics;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Inspection;

/// <summary>
/// Partial dependence and individual conditional expectation (scikit-learn's <c>partial_dependence</c>): for target
/// features S and a grid point v, the ICE value of row i is f(x_i with x_S := v) and the partial dependence is
/// its mean over the rows, <c>PD(v) = (1/n) Σ_i f(v, x_i,C)</c> (Friedman 2001; Goldstein et al. 2015).
/// </summary>
public static partial class PartialDependence
{
    private const string Name = "PartialDependence";

    /// <summary>
    /// Partial dependence of a fitted regressor's predictions on 1 or 2 features. The recursion method needs an
    /// <see cref="ITreeEnsembleModel"/> and returns its raw output (before any link); Auto picks it for tree models
    /// when only the average is asked.
    /// </summary>
    /// <param name="model">A fitted regressor.</param>
    /// <param name="x">The rows (n, d) to average over, n ≥ 1; grid features must not be NaN.</param>
    /// <param name="features">1 or 2 distinct feature indices in [0, d).</param>
    /// <param name="options">Grid, kind and method; null for the defaults.</param>
    /// <exception cref="ArgumentException">Invalid features, options or x; a non-Auto response method; recursion for a model without trees or with individual lines.</exception>
    public static PartialDependenceResult Compute<T>(IRegressionModel<T> model, Tensor<T> x, int[] features, PartialDependenceOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new();
        if (options.ResponseMethod != ResponseMethod.Auto)
            throw new ArgumentException($"{Name}: ResponseMethod is for classifiers; a regressor's response is its prediction (got {options.ResponseMethod}).", nameof(options));
        if (UseRecursion(model as ITreeEnsembleModel, options, autoAllowed: true))
            return Recursion(((ITreeEnsembleModel)model).Ensemble, x, features, options, positiveOnly: false);
        return Brute(t => Flatten(model.Predict(t)), x, features, options);
    }

    /// <summary>
    /// Partial dependence of a fitted classifier on 1 or 2 features: of the class probabilities (binary: the
    /// positive class only, as scikit-learn) or of the decision function. Recursion (tree models) averages the raw
    /// margin; Auto picks it for boosted trees (non-identity link) when only the average is asked.
    /// </summary>
    /// <param name="model">A fitted classifier with probabilities or a decision function.</param>
    /// <param name="x">The rows (n, d) to average over, n ≥ 1.</param>
    /// <param name="features">1 or 2 distinct feature indices in [0, d).</param>
    /// <param name="options">Grid, kind, method and response; null for the defaults.</param>
    /// <exception cref="ArgumentException">Invalid input; the model has neither the requested response nor trees for recursion; PredictProba with recursion.</exception>
    public static PartialDependenceResult Compute<T>(IClassificationModel<T> model, Tensor<T> x, int[] features, PartialDependenceOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new();
        var trees = model as ITreeEnsembleModel;
        bool binary = model.Classes.Count == 2;
        if (options.ResponseMethod == ResponseMethod.PredictProba && options.Method == PartialDependenceMethod.Recursion)
            throw new ArgumentException($"{Name}: the recursion method averages the raw margin; use ResponseMethod.DecisionFunction or Auto, or Method.Brute for probabilities.", nameof(options));
        bool autoRecursion = trees is not null && trees.Ensemble.Link != RawOutputLink.Identity && options.ResponseMethod != ResponseMethod.PredictProba;
        if (UseRecursion(trees, options, autoRecursion))
            return Recursion(trees!.Ensemble, x, features, options, positiveOnly: binary && trees.Ensemble.OutputCount == 2);
        var proba = model as IProbabilisticModel<T>;
        Func<Tensor<T>, (double[], int)>? decision = model switch
        {
            LinearClassifierModel<T> lin => t => Flatten(lin.DecisionFunction(t)),
            ITreeEnsembleModel te => t => RawOutputs(te.Ensemble, t, binary),
            _ => null,
        };
        Func<Tensor<T>, (double[], int)> response = options.ResponseMethod switch
        {
            ResponseMethod.PredictProba => proba is not null ? t => Proba(proba, t, binary)
                : throw new ArgumentException($"{Name}: {model.GetType().Name} has no predict_proba (not an IProbabilisticModel).", nameof(model)),
            ResponseMethod.DecisionFunction => decision
                ?? throw new ArgumentException($"{Name}: {model.GetType().Name} has no decision function (supported: linear classifiers and tree ensembles).", nameof(model)),
            _ => proba is not null ? t => Proba(proba, t, binary)
                : decision ?? throw new ArgumentException($"{Name}: {model.GetType().Name} has neither predict_proba nor a decision function.", nameof(model)),
        };
        return Brute(response, x, features, options);
    }

    /// <summary>
    /// Brute-force partial dependence of any response function (a prediction, a probability column, a decision
    /// function, …): <paramref name="response"/> maps rows (m, d) to (m) or (m, k) values.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid input, Method = Recursion, or the response has the wrong row count.</exception>
    public static PartialDependenceResult Compute<T>(Func<Tensor<T>, Tensor<T>> response, Tensor<T> x, int[] features, PartialDependenceOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(response);
        options ??= new();
        if (options.Method == PartialDependenceMethod.Recursion)
            throw new ArgumentException($"{Name}: the recursion method needs a tree model; a response function is evaluated by brute force.", nameof(options));
        return Brute(t => Flatten(response(t)), x, features, options);
    }

    private static bool UseRecursion(ITreeEnsembleModel? trees, PartialDependenceOptions options, bool autoAllowed)
    {
        switch (options.Method)
        {
            case PartialDependenceMethod.Brute: return false;
            case PartialDependenceMethod.Recursion:
                if (trees is null) throw new ArgumentException($"{Name}: the recursion method needs a tree model (ITreeEnsembleModel); use Method.Brute.", nameof(options));
                if (options.Kind != PartialDependenceKind.Average)
                    throw new ArgumentException($"{Name}: the recursion method computes only the average; Kind = {options.Kind} needs Method.Brute.", nameof(options));
                return true;
            case PartialDependenceMethod.Auto: return autoAllowed && trees is not null && options.Kind == PartialDependenceKind.Average;
            default: throw new ArgumentOutOfRangeException(nameof(options), options.Method, $"{Name}: unknown method.");
        }
    }

    /// <summary>Brute force: predict on x with the target columns set to each grid point, in batches of grid points.</summary>
    internal static PartialDependenceResult Brute<T>(Func<Tensor<T>, (double[] Values, int Width)> response, Tensor<T> x, int[] features, PartialDependenceOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (data, n, d) = CheckX(x);
        var axes = Grid(data, n, d, features, options);
        var points = Cartesian(axes);
        int g = points.Length / features.Length, s = features.Length;
        int perBatch = Math.Max(1, Math.Min(g, (1 << 16) / n));
        double[]? ice = null;
        int width = 0;
        for (int start = 0; start < g; start += perBatch)
        {
            int count = Math.Min(perBatch, g - start), rows = count * n;
            var buf = new T[(long)rows * d];
            for (int p = 0; p < count; p++)
            {
                Array.Copy(data, 0, buf, (long)p * n * d, data.Length);
                for (int f = 0; f < s; f++)
                {
                    T v = T.CreateTruncating(points[(start + p) * s + f]);
                    int col = features[f];
                    for (int i = 0; i < n; i++) buf[((long)p * n + i) * d + col] = v;
                }
            }
            var (values, w) = response(Tensor.Wrap(buf, rows, d));
            if (w < 1 || values.Length != (long)rows * w)
                throw new ArgumentException($"{Name}: the response returned {values.Length} values for {rows} rows.", nameof(response));
            if (ice is null) { width = w; ice = new double[(long)w * n * g]; }
            else if (w != width) throw new ArgumentException($"{Name}: the response width changed from {width} to {w}.", nameof(response));
            for (int p = 0; p < count; p++)
                for (int i = 0; i < n; i++)
                    for (int o = 0; o < w; o++)
                        ice[((long)o * n + i) * g + start + p] = values[((long)p * n + i) * w + o];
        }
        double[]? avg = null;
        if (options.Kind != PartialDependenceKind.Individual)
        {
            avg = new double[width * g];
            for (int o = 0; o < width; o++)
                for (int p = 0; p < g; p++)
                {
                    double sum = 0;
                    for (int i = 0; i < n; i++) sum += ice![((long)o * n + i) * g + p];
                    avg[o * g + p] = sum / n;
                }
        }
        return new PartialDependenceResult((int[])features.Clone(), axes, width, n, avg, options.Kind == PartialDependenceKind.Average ? null : ice);
    }

    internal static (T[] Data, int N, int D) CheckX<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2 || x.Shape[0] < 1 || x.Shape[1] < 1)
            throw new ArgumentException($"{Name}: x must be a non-empty 2-d (samples, features) tensor, got shape {Shapes.Format(x.Shape)}.", nameof(x));
        return (x.Contiguous().ToArray(), x.Shape[0], x.Shape[1]);
    }

    /// <summary>Validates the features and options and builds each target feature's axis.</summary>
    internal static double[][] Grid<T>(T[] data, int n, int d, int[] features, PartialDependenceOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        if (features.Length is < 1 or > 2) throw new ArgumentException($"{Name}: give 1 or 2 target features, got {features.Length}.", nameof(features));
        foreach (int f in features)
            if ((uint)f >= (uint)d) throw new ArgumentException($"{Name}: feature index {f} is outside [0, {d}).", nameof(features));
        if (features.Length == 2 && features[0] == features[1]) throw new ArgumentException($"{Name}: the two target features must differ (both {features[0]}).", nameof(features));
        if (!Enum.IsDefined(options.Kind)) throw new ArgumentOutOfRangeException(nameof(options), options.Kind, $"{Name}: unknown kind.");
        PartialDependenceGrid.CheckOptions(options.GridResolution, options.Percentiles.Lower, options.Percentiles.Upper);
        if (options.CategoricalFeatures is { } cats)
            foreach (int c in cats)
                if ((uint)c >= (uint)d) throw new ArgumentException($"{Name}: categorical feature index {c} is outside [0, {d}).", nameof(options));
        var axes = new double[features.Length][];
        var column = new double[n];
        for (int f = 0; f < features.Length; f++)
        {
            for (int i = 0; i < n; i++) column[i] = double.CreateTruncating(data[(long)i * d + features[f]]);
            bool categorical = options.CategoricalFeatures?.Contains(features[f]) ?? false;
            axes[f] = PartialDependenceGrid.Axis(column, options.GridResolution, options.Percentiles.Lower, options.Percentiles.Upper, categorical);
        }
        return axes;
    }

    /// <summary>Grid points (G, s) row-major, the first feature's index slowest.</summary>
    internal static double[] Cartesian(double[][] axes)
    {
        int g = 1;
        foreach (var a in axes) g *= a.Length;
        var pts = new double[g * axes.Length];
        for (int p = 0; p < g; p++)
        {
            int rem = p;
            for (int f = axes.Length - 1; f >= 0; f--)
            {
                pts[p * axes.Length + f] = axes[f][rem % axes[f].Length];
                rem /= axes[f].Length;
            }
        }
        return pts;
    }

    private static (double[], int) Flatten<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = t.Contiguous().AsSpan();
        var r = new double[s.Length];
        for (int i = 0; i < r.Length; i++) r[i] = double.CreateTruncating(s[i]);
        return (r, t.Rank == 1 ? 1 : t.Shape[^1]);
    }

    private static (double[], int) Proba<T>(IProbabilisticModel<T> model, Tensor<T> x, bool binary) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (p, c) = Flatten(model.PredictProba(x));
        if (!binary) return (p, c);
        var pos = new double[p.Length / c];
        for (int i = 0; i < pos.Length; i++) pos[i] = p[i * c + 1];
        return (pos, 1);
    }

    private static (double[], int) RawOutputs<T>(TreeEnsemble ensemble, Tensor<T> x, bool binary) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (data, n, d) = CheckX(x);
        int k = ensemble.OutputCount;
        bool positive = binary && k == 2;
        var raw = new double[n * k];
        var row = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) row[j] = double.CreateTruncating(data[(long)i * d + j]);
            ensemble.Raw(row, raw.AsSpan(i * k, k));
        }
        if (!positive) return (raw, k);
        var pos = new double[n];
        for (int i = 0; i < n; i++) pos[i] = raw[i * 2 + 1];
        return (pos, 1);
    }
}
