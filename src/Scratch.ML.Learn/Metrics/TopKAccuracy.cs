namespace Scratch.ML.Learn.Metrics;

public static partial class ClassificationMetrics
{
    /// <summary>
    /// Top-k accuracy: the (weighted) fraction of samples whose true class is among the k highest scores of its row.
    /// Ties are ranked as scikit-learn 1.2 does (stable ascending sort, reversed): among equal scores the higher column
    /// index ranks first. Columns follow <paramref name="labels"/> (which must be sorted) or the sorted labels of yTrue.
    /// Unlike scikit-learn, two-column scores are ranked the same way (scikit-learn requires 1-d scores for binary targets).
    /// </summary>
    /// <param name="yTrue">True labels, length n ≥ 1.</param>
    /// <param name="scores">Scores or probabilities, shape (n, L).</param>
    /// <param name="k">Number of top classes, ≥ 1 (k ≥ L counts every sample as a hit).</param>
    /// <param name="labels">Optional sorted distinct labels of the columns.</param>
    /// <param name="sampleWeight">Optional finite non-negative weights, length n.</param>
    /// <param name="normalize">Fraction (true) or weighted count (false) of hits.</param>
    /// <exception cref="ArgumentException">Shape mismatch, k &lt; 1, unsorted or repeated labels, a yTrue label not among the labels, non-finite scores, invalid weights.</exception>
    public static double TopKAccuracy<TLabel>(ReadOnlySpan<TLabel> yTrue, double[,] scores, int k = 2, TLabel[]? labels = null,
        ReadOnlySpan<double> sampleWeight = default, bool normalize = true)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        const string M = nameof(TopKAccuracy);
        ArgumentNullException.ThrowIfNull(scores);
        int n = yTrue.Length, c = scores.GetLength(1);
        if (scores.GetLength(0) != n) throw new ArgumentException($"{M}: yTrue has {n} labels but scores has {scores.GetLength(0)} rows.", nameof(scores));
        if (n == 0) throw new ArgumentException($"{M}: no samples.", nameof(yTrue));
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"{M}: k must be ≥ 1.");
        var w = MetricChecks.Weights(M, sampleWeight, n);
        var classes = labels ?? MetricChecks.SortedUnion(yTrue, ReadOnlySpan<TLabel>.Empty);
        var map = MetricChecks.Index(M, classes);
        for (int i = 1; i < classes.Length; i++)
            if (MetricChecks.LabelComparer<TLabel>().Compare(classes[i - 1], classes[i]) > 0)
                throw new ArgumentException($"{M}: 'labels' must be sorted ({classes[i - 1]} comes before {classes[i]}).", nameof(labels));
        if (classes.Length != c)
            throw new ArgumentException($"{M}: {classes.Length} classes in {(labels is null ? "yTrue" : "labels")} but scores has {c} columns; pass all classes through 'labels'.", nameof(scores));
        double hits = 0, ws = 0;
        for (int i = 0; i < n; i++)
        {
            if (!map.TryGetValue(yTrue[i], out int t)) throw new ArgumentException($"{M}: yTrue[{i}] = {yTrue[i]} is not one of the labels.", nameof(yTrue));
            double st = scores[i, t];
            int above = 0;
            for (int j = 0; j < c; j++)
            {
                double v = scores[i, j];
                if (!double.IsFinite(v)) throw new ArgumentException($"{M}: scores[{i}, {j}] = {v} is not finite.", nameof(scores));
                if (v > st || (v == st && j > t)) above++;
            }
            if (above < k) hits += w[i];
            ws += w[i];
        }
        if (!normalize) return hits;
        if (ws == 0) throw new ArgumentException($"{M}: the sample weights sum to zero.", nameof(sampleWeight));
        return hits / ws;
    }
}
