using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>Validation, fit-time resolution and text form of the options both histogram boosting estimators share.</summary>
internal static class HistOptionChecks
{
    /// <summary>Checks the data-independent options; throws naming the option.</summary>
    public static void Validate(string name, double learningRate, int maxIter, int? maxLeafNodes, int? maxDepth, int minSamplesLeaf,
        double l2, int maxBins, int[]? monotonic, double? validationFraction, int nIterNoChange, double tol, int[]? categorical, bool[]? mask, int[][]? interactions)
    {
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException("LearningRate", learningRate, $"{name}: learningRate must be finite and > 0.");
        if (maxIter < 1) throw new ArgumentOutOfRangeException("MaxIter", maxIter, $"{name}: maxIter must be ≥ 1.");
        if (maxLeafNodes is < 2) throw new ArgumentOutOfRangeException("MaxLeafNodes", maxLeafNodes, $"{name}: maxLeafNodes must be ≥ 2 or null.");
        if (maxDepth is < 1) throw new ArgumentOutOfRangeException("MaxDepth", maxDepth, $"{name}: maxDepth must be ≥ 1 or null (a tree of depth 0 cannot split).");
        if (minSamplesLeaf < 1) throw new ArgumentOutOfRangeException("MinSamplesLeaf", minSamplesLeaf, $"{name}: minSamplesLeaf must be ≥ 1.");
        if (!(l2 >= 0) || double.IsInfinity(l2)) throw new ArgumentOutOfRangeException("L2Regularization", l2, $"{name}: l2Regularization must be finite and ≥ 0.");
        if (maxBins is < 2 or > 255) throw new ArgumentOutOfRangeException("MaxBins", maxBins, $"{name}: maxBins must be in [2, 255] (one more bin is kept for missing values).");
        if (monotonic is not null && monotonic.Any(c => c is < -1 or > 1))
            throw new ArgumentException($"{name}: monotonicCst entries must be −1, 0 or 1, got [{string.Join(", ", monotonic)}].", "MonotonicCst");
        if (validationFraction is { } v && !(v > 0 && v < 1))
            throw new ArgumentOutOfRangeException("ValidationFraction", v, $"{name}: validationFraction must be in (0, 1) or null (early stopping on the training loss).");
        if (nIterNoChange < 1) throw new ArgumentOutOfRangeException("NIterNoChange", nIterNoChange, $"{name}: nIterNoChange must be ≥ 1.");
        if (!(tol >= 0) || double.IsInfinity(tol)) throw new ArgumentOutOfRangeException("Tol", tol, $"{name}: tol must be finite and ≥ 0.");
        if (categorical is not null && mask is not null)
            throw new ArgumentException($"{name}: give categorical features either as indices (categoricalFeatures) or as a mask (categoricalMask), not both.", "CategoricalMask");
        if (categorical is not null && categorical.Any(i => i < 0))
            throw new ArgumentException($"{name}: categoricalFeatures indices must be ≥ 0, got [{string.Join(", ", categorical)}].", "CategoricalFeatures");
        if (interactions is not null && interactions.Any(g => g is null || g.Any(i => i < 0)))
            throw new ArgumentException($"{name}: interactionCst groups must be non-null lists of feature indices ≥ 0.", "InteractionCst");
    }

    /// <summary>Whether a fit on n rows stops early: On, or Auto with n &gt; 10 000 (scikit-learn's <c>do_early_stopping_</c>).</summary>
    public static bool EarlyStops(HistEarlyStopping early, int n) => early == HistEarlyStopping.On || (early == HistEarlyStopping.Auto && n > 10000);

    /// <summary>Reads model-file options, taking "loss" for a "scoring" entry that files written before it lack.</summary>
    public static Func<string, string> WithScoringDefault(IReadOnlyDictionary<string, string> metadata, Func<string, string> get) =>
        key => key == "scoring" && !metadata.ContainsKey(key) ? "loss" : get(key);

    /// <summary>Resolves the categorical mask, monotonic constraints and interaction groups for d features, and checks the categorical columns.</summary>
    public static (bool[] Categorical, sbyte[] Monotonic, int[][]? Interactions) Resolve(string name, double[] x, int n, int d, int maxBins,
        int[]? categorical, bool[]? mask, int[]? monotonic, int[][]? interactions, int outputs)
    {
        var cat = new bool[d];
        if (mask is not null)
        {
            if (mask.Length != d) throw new ArgumentException($"{name}: categoricalMask has {mask.Length} entries, but x has {d} features.", "CategoricalMask");
            Array.Copy(mask, cat, d);
        }
        if (categorical is not null)
            foreach (int f in categorical)
            {
                if (f >= d) throw new ArgumentException($"{name}: categoricalFeatures index {f} is outside [0, {d - 1}].", "CategoricalFeatures");
                cat[f] = true;
            }
        for (int f = 0; f < d; f++)
        {
            if (!cat[f]) continue;
            for (int i = 0; i < n; i++)
            {
                double v = x[(long)i * d + f];
                if (double.IsNaN(v)) continue;
                if (v < 0 || v >= maxBins || v != Math.Floor(v))
                    throw new ArgumentException($"{name}: categorical feature {f} has value {v.ToString(CultureInfo.InvariantCulture)} at row {i}; categories must be integer codes in [0, {maxBins - 1}] (maxBins − 1).", "x");
            }
        }
        var mono = new sbyte[d];
        if (monotonic is not null)
        {
            if (monotonic.Length != d) throw new ArgumentException($"{name}: monotonicCst has {monotonic.Length} entries, but x has {d} features.", "MonotonicCst");
            if (outputs > 1 && monotonic.Any(c => c != 0))
                throw new ArgumentException($"{name}: monotonic constraints are not supported for multiclass classification.", "MonotonicCst");
            for (int f = 0; f < d; f++)
            {
                if (monotonic[f] != 0 && cat[f]) throw new ArgumentException($"{name}: categorical feature {f} cannot have a monotonic constraint.", "MonotonicCst");
                mono[f] = (sbyte)monotonic[f];
            }
        }
        int[][]? groups = null;
        if (interactions is not null)
        {
            var list = new List<int[]>();
            foreach (var g in interactions)
            {
                if (g.Any(i => i >= d)) throw new ArgumentException($"{name}: interactionCst group [{string.Join(", ", g)}] has an index outside [0, {d - 1}].", "InteractionCst");
                list.Add([.. g.Distinct().Order()]);
            }
            var rest = Enumerable.Range(0, d).Except(list.SelectMany(g => g)).ToArray();
            if (rest.Length > 0) list.Add(rest);
            groups = [.. list];
        }
        return (cat, mono, groups);
    }

    /// <summary>Row-major float64 copy of validated features (NaN allowed, ±∞ rejected).</summary>
    public static double[] Features<T>(string name, Tensor<T> x, out int n, out int d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = InputChecks.Features(name, x, allowNaN: true);
        n = c.Shape[0];
        d = c.Shape[1];
        return Float64.From(c);
    }

    /// <summary>Validated float64 sample weights, or null.</summary>
    public static double[]? Weights<T>(string name, Tensor<T>? w, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = InputChecks.Weights(name, w, n);
        return c is null ? null : Float64.From(c);
    }

    // Text forms for model files.
    /// <summary>The model-file metadata of the options both histogram-boosting estimators share.</summary>
    public static Dictionary<string, string> SharedMetadata(double learningRate, int maxIter, int? maxLeafNodes, int? maxDepth, int minSamplesLeaf,
        double l2Regularization, int maxBins, int[]? categoricalFeatures, bool[]? categoricalMask, int[]? monotonicCst, int[][]? interactionCst,
        HistEarlyStopping earlyStopping, double? validationFraction, int nIterNoChange, double tol, ulong seed, string scoring) => new()
    {
        ["learning_rate"] = Num(learningRate),
        ["max_iter"] = Int(maxIter),
        ["max_leaf_nodes"] = Int(maxLeafNodes),
        ["max_depth"] = Int(maxDepth),
        ["min_samples_leaf"] = Int(minSamplesLeaf),
        ["l2_regularization"] = Num(l2Regularization),
        ["max_bins"] = Int(maxBins),
        ["categorical_features"] = Ints(categoricalFeatures),
        ["categorical_mask"] = Bools(categoricalMask),
        ["monotonic_cst"] = Ints(monotonicCst),
        ["interaction_cst"] = Groups(interactionCst),
        ["early_stopping"] = earlyStopping.ToString(),
        ["validation_fraction"] = validationFraction is { } v ? Num(v) : "null",
        ["n_iter_no_change"] = Int(nIterNoChange),
        ["tol"] = Num(tol),
        ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
        ["scoring"] = scoring,
    };

    public static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    public static string Int(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "null";
    public static string Ints(int[]? v) => v is null ? "null" : string.Join(",", v.Select(i => i.ToString(CultureInfo.InvariantCulture)));
    public static string Bools(bool[]? v) => v is null ? "null" : string.Join(",", v.Select(b => b ? "1" : "0"));
    public static string Groups(int[][]? v) => v is null ? "null" : string.Join(";", v.Select(Ints));

    public static int? ParseInt(string s) => s == "null" ? null : int.Parse(s, CultureInfo.InvariantCulture);
    public static int[]? ParseInts(string s) => s == "null" ? null : s.Length == 0 ? [] : s.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
    public static bool[]? ParseBools(string s) => s == "null" ? null : s.Length == 0 ? [] : s.Split(',').Select(t => t == "1").ToArray();
    public static int[][]? ParseGroups(string s) => s == "null" ? null : s.Length == 0 ? [] : s.Split(';').Select(g => ParseInts(g)!).ToArray();
    public static double? ParseNullable(string s) => s == "null" ? null : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
