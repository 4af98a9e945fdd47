using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.ModelSelection;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// What bagging's classifier and regressor share: option checks, the per-member draws of rows and features
/// (scikit-learn's <c>_generate_bagging_indices</c>), the member fit, and the file form of the feature subsets.
/// </summary>
internal static class BaggingCore
{
    /// <summary>One member's draw: the feature columns it sees and the multiplicity of each training row (0 = out of bag).</summary>
    public readonly record struct Draw(int[] Features, int[] Counts);

    /// <summary>Checks the shared options.</summary>
    public static void Validate(string owner, int nEstimators, double maxSamples, double maxFeatures)
    {
        if (nEstimators < 1) throw new ArgumentOutOfRangeException("NEstimators", nEstimators, $"{owner}: nEstimators must be ≥ 1.");
        CheckSize(owner, "MaxSamples", maxSamples);
        CheckSize(owner, "MaxFeatures", maxFeatures);
    }

    private static void CheckSize(string owner, string name, double v)
    {
        if (!(v > 0) || double.IsInfinity(v) || (v > 1 && v != Math.Floor(v)))
            throw new ArgumentOutOfRangeException(name, v, $"{owner}: {name} must be a fraction in (0, 1] or a whole count > 1, got {v}.");
    }

    /// <summary>
    /// A size option resolved against <paramref name="total"/>: a fraction f ≤ 1 gives ⌊f·total⌋ (at least 1 for features,
    /// as scikit-learn), a count c &gt; 1 gives c.
    /// </summary>
    /// <exception cref="ArgumentException">The count exceeds the total, or a sample fraction rounds to zero.</exception>
    public static int Resolve(string owner, string name, double v, int total, bool atLeastOne)
    {
        int k = v <= 1 ? (int)(v * total) : (int)v;
        if (atLeastOne) k = Math.Max(1, k);
        if (k < 1 || k > total)
            throw new ArgumentException($"{owner}: {name} = {v.ToString(CultureInfo.InvariantCulture)} gives {k} of {total}; it must give between 1 and {total}.", name);
        return k;
    }

    /// <summary>
    /// Member <paramref name="index"/>'s draw from its own generator (stream <paramref name="index"/> of the seed, so the
    /// draws do not depend on the thread count): features first, then rows, each with or without replacement.
    /// </summary>
    public static Draw DrawMember(ulong seed, int index, int n, int d, int samples, int features, bool bootstrap, bool bootstrapFeatures)
    {
        var rng = new Generator(seed, (uint)index);
        var f = Indices(rng, d, features, bootstrapFeatures);
        Array.Sort(f);
        var rows = Indices(rng, n, samples, bootstrap);
        var counts = new int[n];
        foreach (int i in rows) counts[i]++;
        return new Draw(f, counts);
    }

    private static int[] Indices(Generator rng, int population, int k, bool replace)
    {
        var r = new int[k];
        if (replace)
        {
            rng.Integers(r, 0, population);
            return r;
        }
        // Partial Fisher–Yates: the first k entries of a uniformly random permutation.
        var all = Enumerable.Range(0, population).ToArray();
        for (int i = 0; i < k; i++)
        {
            int j = i + (int)(rng.NextDouble() * (population - i));
            (all[i], all[j]) = (all[j], all[i]);
            r[i] = all[i];
        }
        return r;
    }

    /// <summary>
    /// The training set of one member. A base that takes sample weights sees every row with weight
    /// <c>count × sampleWeight</c> (rows out of the bag weigh 0), as scikit-learn; any other base sees the drawn rows,
    /// repeated by their counts. Columns are the member's features.
    /// </summary>
    public static (Tensor<T> X, int[] Rows, Tensor<T>? W) TrainingSet<T>(Tensor<T> x, Tensor<T>? sampleWeight, Draw draw, bool weighted)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xf = Columns(x, draw.Features);
        int n = draw.Counts.Length;
        if (weighted)
        {
            var w = new T[n];
            var sw = sampleWeight is null ? default : sampleWeight.AsSpan();
            for (int i = 0; i < n; i++) w[i] = T.CreateTruncating(draw.Counts[i]) * (sampleWeight is null ? T.One : sw[i]);
            return (xf, Enumerable.Range(0, n).ToArray(), Tensor.FromArray(w, n));
        }
        var rows = new List<int>();
        for (int i = 0; i < n; i++) for (int c = 0; c < draw.Counts[i]; c++) rows.Add(i);
        var r = rows.ToArray();
        return (CrossValidation.Rows(xf, r), r, null);
    }

    /// <summary>The columns <paramref name="features"/> of x: (n, |features|) (x itself when they are all columns in order).</summary>
    public static Tensor<T> Columns<T>(Tensor<T> x, int[] features) where T : unmanaged
    {
        if (features.Length == x.Shape[1] && features.Select((f, i) => f == i).All(b => b)) return x;
        return x.IndexSelect(1, Tensor.FromArray(Array.ConvertAll(features, f => (long)f), features.Length));
    }

    /// <summary>The rows of member j's out-of-bag set.</summary>
    public static int[] OutOfBag(Draw draw) => Enumerable.Range(0, draw.Counts.Length).Where(i => draw.Counts[i] == 0).ToArray();

    /// <summary>Writes the feature subsets as options <c>bag.{i}.features</c>.</summary>
    public static void WriteFeatures(Dictionary<string, string> options, IReadOnlyList<int[]> features)
    {
        for (int i = 0; i < features.Count; i++) options[$"bag.{i}.features"] = Compose.CompositeFile.Format(features[i]);
    }

    /// <summary>Reads the feature subsets, checking each against the member's feature count and the ensemble's.</summary>
    public static int[][] ReadFeatures(string kind, IReadOnlyDictionary<string, string> options, IReadOnlyList<IFittedModel> members, int d)
    {
        var r = new int[members.Count][];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = Compose.CompositeFile.Indices(kind, options, $"bag.{i}.features", d);
            if (r[i].Length == 0 || members[i].FeatureCount != r[i].Length)
                throw new InvalidDataException($"{kind}: member {i} lists {r[i].Length} features but was fitted on {members[i].FeatureCount}.");
        }
        return r;
    }
}

/// <summary>The default base estimators of bagging (scikit-learn's: a fully grown decision tree).</summary>
internal static class BaggingDefaults
{
    /// <summary>The default base classifier: <see cref="Trees.DecisionTreeClassifier"/>().</summary>
    public static IClassifier Classifier() => new Trees.DecisionTreeClassifier();

    /// <summary>The default base regressor: <see cref="Trees.DecisionTreeRegressor"/>().</summary>
    public static IRegressor Regressor() => new Trees.DecisionTreeRegressor();
}
