namespace Scratch.ML.Learn.Metrics;

/// <summary>Shared argument checks and label encoding for the metrics.</summary>
internal static class MetricChecks
{
    /// <summary>Throws unless both label/value arrays have the same non-zero length.</summary>
    public static void SameLength<T1, T2>(string metric, ReadOnlySpan<T1> yTrue, ReadOnlySpan<T2> yPred, string predName = "yPred")
    {
        if (yTrue.Length != yPred.Length)
            throw new ArgumentException($"{metric}: yTrue has {yTrue.Length} entries but {predName} has {yPred.Length}.", predName);
        if (yTrue.Length == 0) throw new ArgumentException($"{metric}: no samples.", "yTrue");
    }

    /// <summary>Validates optional sample weights (finite, ≥ 0, length n) and returns them, or ones when empty.</summary>
    public static double[] Weights(string metric, ReadOnlySpan<double> sampleWeight, int n)
    {
        var w = new double[n];
        if (sampleWeight.IsEmpty) { Array.Fill(w, 1.0); return w; }
        if (sampleWeight.Length != n)
            throw new ArgumentException($"{metric}: sampleWeight has {sampleWeight.Length} entries for {n} samples.", nameof(sampleWeight));
        for (int i = 0; i < n; i++)
        {
            double v = sampleWeight[i];
            if (!(v >= 0) || double.IsInfinity(v))
                throw new ArgumentException($"{metric}: sampleWeight[{i}] = {v} must be finite and ≥ 0.", nameof(sampleWeight));
            w[i] = v;
        }
        return w;
    }

    /// <summary>Throws unless every value is finite.</summary>
    public static void Finite(string metric, ReadOnlySpan<double> x, string name)
    {
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i])) throw new ArgumentException($"{metric}: {name}[{i}] = {x[i]} is not finite.", name);
    }

    /// <summary>The sorted distinct labels of one or two label arrays.</summary>
    public static TLabel[] SortedUnion<TLabel>(ReadOnlySpan<TLabel> a, ReadOnlySpan<TLabel> b)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        var set = new HashSet<TLabel>();
        foreach (var x in a) set.Add(NotNull(x));
        foreach (var x in b) set.Add(NotNull(x));
        var result = set.ToArray();
        Array.Sort(result, LabelComparer<TLabel>());
        return result;
    }

    /// <summary>The label order: ordinal (code point) for strings, as numpy sorts them, whatever the current culture; otherwise the default comparer.</summary>
    public static IComparer<TLabel> LabelComparer<TLabel>() =>
        typeof(TLabel) == typeof(string) ? (IComparer<TLabel>)(object)StringComparer.Ordinal : Comparer<TLabel>.Default;

    private static TLabel NotNull<TLabel>(TLabel x) =>
        x is null ? throw new ArgumentException("Metrics: a label is null.", "yTrue") : x;

    /// <summary>Index of each label; throws on duplicates.</summary>
    public static Dictionary<TLabel, int> Index<TLabel>(string metric, TLabel[] labels, string name = "labels") where TLabel : notnull
    {
        var map = new Dictionary<TLabel, int>(labels.Length);
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] is null || !map.TryAdd(labels[i], i))
                throw new ArgumentException($"{metric}: {name}[{i}] = {labels[i]} is null or repeated.", name);
        return map;
    }

    /// <summary>The weighted confusion matrix over <paramref name="labels"/>; samples whose labels are not listed are skipped.</summary>
    public static double[,] Confusion<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, TLabel[] labels, double[] w)
        where TLabel : notnull
    {
        var map = Index("ConfusionMatrix", labels);
        int c = labels.Length;
        var cm = new double[c, c];
        for (int i = 0; i < yTrue.Length; i++)
            if (map.TryGetValue(yTrue[i], out int t) && map.TryGetValue(yPred[i], out int p))
                cm[t, p] += w[i];
        return cm;
    }
}
