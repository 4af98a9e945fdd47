using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Svm;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// Machinery shared by the meta-estimators of this namespace (voting, stacking, bagging, AdaBoost): combining the
/// children's capabilities, mapping a child's class columns onto the ensemble's classes, reading decision functions,
/// reseeding stochastic children, and the text form of numbers and lists in composite model files.
/// </summary>
internal static class EnsembleSupport
{
    /// <summary>
    /// The capabilities of an ensemble whose every child sees the raw input: input requirements are the union of the
    /// children's (NaN only if every child handles it; non-negative or integer input if any child needs it), Stochastic
    /// if any child is, row-order invariant and weighted only if every child is.
    /// </summary>
    public static EstimatorCapabilities Combine(EstimatorKind kind, IReadOnlyList<EstimatorCapabilities> children,
        bool stochastic = false, bool rowOrderInvariant = true, bool weights = true, int minimumSamples = 1)
        => new(kind, Supervised: true,
            SupportsSampleWeight: weights && children.All(c => c.SupportsSampleWeight),
            HandlesMissingValues: children.All(c => c.HandlesMissingValues),
            Stochastic: stochastic || children.Any(c => c.Stochastic),
            RowOrderInvariant: rowOrderInvariant && children.All(c => c.RowOrderInvariant),
            RequiresNonNegativeInput: children.Any(c => c.RequiresNonNegativeInput),
            RequiresIntegerCodes: children.Any(c => c.RequiresIntegerCodes),
            MinimumSamples: Math.Max(minimumSamples, children.Count == 0 ? 1 : children.Max(c => c.MinimumSamples)));

    /// <summary>The index in <paramref name="all"/> of each of <paramref name="sub"/>'s classes (a child fitted on a subset of the rows may miss some).</summary>
    /// <exception cref="InvalidOperationException">A child class is not one of the ensemble's classes (cannot happen for children fitted on its labels).</exception>
    public static int[] ClassMap(ClassLabels sub, ClassLabels all) => all.Encode(sub.Ints is { } i ? Labels.From(i.ToArray()) : Labels.From(sub.Strings!));

    /// <summary>A child's P(class | row) widened to the ensemble's C classes (absent classes get 0): (n × C) row-major float64.</summary>
    public static double[] Probabilities<T>(IProbabilisticModel<T> model, Tensor<T> x, ClassLabels all) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = Float64.From(model.PredictProba(x));
        int c = all.Count, k = model.Classes.Count, n = p.Length / k;
        if (k == c) return p;
        var map = ClassMap(model.Classes, all);
        var wide = new double[n * c];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++) wide[i * c + map[j]] = p[i * k + j];
        return wide;
    }

    /// <summary>A child's predicted class indices in the ensemble's classes: (n).</summary>
    public static int[] Codes<T>(IClassificationModel<T> model, Tensor<T> x, ClassLabels all) where T : unmanaged, IFloatingPointIeee754<T>
        => all.Encode(model.Predict(x));

    /// <summary>
    /// A child's decision function, for the model types that have one (linear classifiers, SVC, NuSVC, AdaBoost); null
    /// for others. Shape (n) for two classes, (n, C) (or (n, pairs) for one-vs-one SVMs) otherwise.
    /// </summary>
    public static Tensor<T>? DecisionFunction<T>(IFittedModel model, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => model switch
    {
        LinearClassifierModel<T> m => m.DecisionFunction(x),
        SVCModel<T> m => m.DecisionFunction(x),
        NuSVCModel<T> m => m.DecisionFunction(x),
        AdaBoostClassifierModel<T> m => m.DecisionFunction(x),
        _ => null,
    };

    /// <summary>Whether <see cref="DecisionFunction{T}"/> is defined for the model.</summary>
    public static bool HasDecisionFunction<T>(IFittedModel model) where T : unmanaged, IFloatingPointIeee754<T>
        => model is LinearClassifierModel<T> or SVCModel<T> or NuSVCModel<T> or AdaBoostClassifierModel<T>;

    /// <summary>
    /// The estimator with its <c>Seed</c> parameter set to <paramref name="seed"/> (scikit-learn's
    /// <c>_set_random_states</c>), when it has one of an integer type; unchanged otherwise. Gives each member of an
    /// ensemble its own random stream.
    /// </summary>
    public static TEstimator Reseed<TEstimator>(TEstimator estimator, ulong seed) where TEstimator : IEstimator
    {
        if (!EstimatorParameters.Names(estimator).Contains("Seed")) return estimator;
        // The parameter's type is not known here (ulong, long, int or a nullable of one): try the widest first; the
        // parameter machinery converts only exactly.
        object[] candidates = [seed, (long)(seed >> 1), (int)(seed >> 33)];
        foreach (var value in candidates)
        {
            try { return EstimatorParameters.With(estimator, "Seed", value); }
            catch (ArgumentException) { }
        }
        return estimator;
    }

    /// <summary>
    /// The seed given to ensemble member <paramref name="index"/>'s own estimator: a 64-bit Philox output on stream
    /// 2³¹ + index of <paramref name="seed"/> (streams below 2³¹ are left to the ensembles' own draws), so it depends on
    /// neither the thread count nor the other members.
    /// </summary>
    public static ulong MemberSeed(ulong seed, int index) => new Rng.Generator(seed, 0x8000_0000u | (uint)index).Fork().Seed;

    /// <summary>
    /// The weighted mean of the members' impurity-based feature importances, Σₘ wₘ·impₘ / Σₘ wₘ (scikit-learn's
    /// <c>feature_importances_</c> of AdaBoost): (d).
    /// </summary>
    /// <exception cref="InvalidOperationException">A member is not a decision tree, or the weights sum to zero.</exception>
    public static double[] WeightedImportances(string owner, IReadOnlyList<IFittedModel> members, IReadOnlyList<double> weights, int d)
    {
        var sum = new double[d];
        double total = 0;
        for (int m = 0; m < members.Count; m++)
        {
            var imp = members[m] switch
            {
                Trees.DecisionTreeClassifierModel<double> t => t.FeatureImportances,
                Trees.DecisionTreeClassifierModel<float> t => t.FeatureImportances,
                Trees.DecisionTreeRegressorModel<double> t => t.FeatureImportances,
                Trees.DecisionTreeRegressorModel<float> t => t.FeatureImportances,
                _ => throw new InvalidOperationException($"{owner}: feature importances need decision-tree members, but member {m} is a {members[m].GetType().Name}."),
            };
            for (int j = 0; j < d; j++) sum[j] += weights[m] * imp[j];
            total += weights[m];
        }
        if (!(total > 0)) throw new InvalidOperationException($"{owner}: the member weights sum to {total}.");
        for (int j = 0; j < d; j++) sum[j] /= total;
        return sum;
    }

    /// <summary>float64 values as a tensor of <typeparamref name="T"/> with the given shape.</summary>
    public static Tensor<T> FromDouble<T>(double[] v, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new T[v.Length];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateTruncating(v[i]);
        return Tensor.FromArray(a, shape);
    }

    /// <summary>Arg-max per row of (n × c) row-major values; the first maximum wins (NumPy's argmax).</summary>
    public static int[] ArgMax(double[] v, int c)
    {
        int n = v.Length / c;
        var r = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int k = 1; k < c; k++) if (v[i * c + k] > v[i * c + best]) best = k;
            r[i] = best;
        }
        return r;
    }

    /// <summary>Numbers as one metadata string (round-trip format, comma-separated).</summary>
    public static string FormatNumbers(IEnumerable<double> values) => string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Reads <see cref="FormatNumbers"/>; exactly <paramref name="count"/> finite values.</summary>
    /// <exception cref="InvalidDataException">Missing, malformed, of another count or non-finite.</exception>
    public static double[] Numbers(string kind, IReadOnlyDictionary<string, string> options, string key, int count)
    {
        if (!options.TryGetValue(key, out var text)) throw new InvalidDataException($"{kind}: the file has no option \"{key}\".");
        var parts = text.Length == 0 ? [] : text.Split(',');
        if (parts.Length != count) throw new InvalidDataException($"{kind}: option \"{key}\" holds {parts.Length} numbers, expected {count}.");
        var r = new double[count];
        for (int i = 0; i < count; i++)
            r[i] = double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
                : throw new InvalidDataException($"{kind}: option \"{key}\" holds \"{parts[i]}\", expected a finite number.");
        return r;
    }

    /// <summary>A text option of a composite file.</summary>
    /// <exception cref="InvalidDataException">Missing.</exception>
    public static string Option(string kind, IReadOnlyDictionary<string, string> options, string key)
        => options.TryGetValue(key, out var v) ? v : throw new InvalidDataException($"{kind}: the file has no option \"{key}\".");

    /// <summary>An enum option of a composite file.</summary>
    /// <exception cref="InvalidDataException">Missing or not a defined value.</exception>
    public static TEnum Enum<TEnum>(string kind, IReadOnlyDictionary<string, string> options, string key) where TEnum : struct, System.Enum
        => System.Enum.TryParse<TEnum>(Option(kind, options, key), ignoreCase: false, out var v) && System.Enum.IsDefined(v) ? v
            : throw new InvalidDataException($"{kind}: option \"{key}\" is \"{options[key]}\", not a {typeof(TEnum).Name}.");

    /// <summary>The children of a composite file checked to be fitted models of <typeparamref name="TModel"/> with <paramref name="features"/> features.</summary>
    /// <exception cref="InvalidDataException">A child of another type or feature count.</exception>
    public static TModel[] Children<TModel>(string kind, IReadOnlyList<(string Name, IFittedModel Model)> children, int features) where TModel : IFittedModel
    {
        var r = new TModel[children.Count];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = children[i].Model is TModel m ? m : throw new InvalidDataException($"{kind}: child \"{children[i].Name}\" is a {children[i].Model.GetType().Name}, not a {typeof(TModel).Name}.");
            if (features >= 0 && m.FeatureCount != features)
                throw new InvalidDataException($"{kind}: child \"{children[i].Name}\" was fitted on {m.FeatureCount} features, the ensemble on {features}.");
        }
        return r;
    }

    /// <summary>Checks composite child entries (names unique, valid; estimators of an accepted type or <see cref="Drop"/>), returning a copy.</summary>
    /// <exception cref="ArgumentException">Empty, a bad name, a null or wrong-typed estimator, or every entry dropped.</exception>
    public static (string Name, IEstimator Estimator)[] CheckEntries<TAccepted>(string owner, IReadOnlyList<(string Name, IEstimator Estimator)> entries, string argument)
    {
        ArgumentNullException.ThrowIfNull(entries, argument);
        var copy = entries.ToArray();
        if (copy.Length == 0) throw new ArgumentException($"{owner}: needs at least one estimator.", argument);
        CompositeRules.CheckNames(owner, copy.Select(e => e.Name), argument);
        foreach (var (name, estimator) in copy)
            if (estimator is not (TAccepted or Drop))
                throw new ArgumentException($"{owner}: estimator \"{name}\" must be a {typeof(TAccepted).Name} or Drop, got {estimator?.GetType().Name ?? "null"}.", argument);
        if (copy.All(e => e.Estimator is Drop)) throw new ArgumentException($"{owner}: every estimator is Drop; at least one must be fitted.", argument);
        return copy;
    }
}
