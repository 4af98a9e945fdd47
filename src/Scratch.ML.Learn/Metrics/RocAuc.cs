namespace Scratch.ML.Learn.Metrics;

public static partial class ClassificationMetrics
{
    /// <summary>
    /// Binary ROC AUC: the trapezoidal area under <see cref="RocCurve{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{double}, TLabel, ReadOnlySpan{double}, bool)"/> (with intermediate points dropped), the
    /// positive class being the larger of the two labels of <paramref name="yTrue"/>. Equals the (weighted) probability
    /// that a random positive outscores a random negative, ties counting one half.
    /// </summary>
    /// <param name="yTrue">True labels with exactly two distinct values, length n.</param>
    /// <param name="score">Scores of the larger label, finite, length n.</param>
    /// <param name="sampleWeight">Optional finite non-negative weights.</param>
    /// <exception cref="ArgumentException">yTrue does not hold exactly two labels (undefined with one), or the checks of <see cref="RocCurve{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{double}, TLabel, ReadOnlySpan{double}, bool)"/>.</exception>
    public static double RocAuc<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<double> score, ReadOnlySpan<double> sampleWeight = default)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        var classes = MetricChecks.SortedUnion(yTrue, ReadOnlySpan<TLabel>.Empty);
        if (classes.Length != 2)
            throw new ArgumentException(classes.Length == 1
                ? "RocAuc: only one class present in yTrue; ROC AUC is not defined in that case."
                : $"RocAuc: binary ROC AUC needs 2 classes in yTrue, got {classes.Length}; use RocAucOvr with probabilities.", nameof(yTrue));
        var roc = RocCurve(yTrue, score, classes[1], sampleWeight);
        return Auc(roc.Fpr, roc.Tpr);
    }

    /// <summary>
    /// Multiclass one-vs-rest ROC AUC (scikit-learn's <c>multi_class="ovr"</c>): the binary AUC of each class c against
    /// the rest using column c of <paramref name="proba"/>, averaged unweighted (<see cref="Average.Macro"/>) or weighted
    /// by each class's (weighted) true count (<see cref="Average.Weighted"/>).
    /// </summary>
    /// <param name="yTrue">True labels, length n; every class must occur.</param>
    /// <param name="proba">Probabilities (n, L), rows summing to 1 (to rtol 1e-5, atol 1e-8, numpy's allclose).</param>
    /// <param name="average">Macro or Weighted.</param>
    /// <param name="labels">Optional sorted labels of the columns (default: sorted labels of yTrue).</param>
    /// <param name="sampleWeight">Optional finite non-negative weights.</param>
    /// <exception cref="ArgumentException">Shape mismatch, rows not summing to 1, unsorted labels, a class absent from yTrue, Micro averaging, invalid weights.</exception>
    public static double RocAucOvr<TLabel>(ReadOnlySpan<TLabel> yTrue, double[,] proba, Average average = Average.Macro,
        TLabel[]? labels = null, ReadOnlySpan<double> sampleWeight = default)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        const string M = nameof(RocAucOvr);
        ArgumentNullException.ThrowIfNull(proba);
        if (average == Average.Micro) throw new ArgumentException($"{M}: micro averaging is not defined for one-vs-rest multiclass ROC AUC.", nameof(average));
        int n = yTrue.Length, c = proba.GetLength(1);
        if (proba.GetLength(0) != n) throw new ArgumentException($"{M}: yTrue has {n} labels but proba has {proba.GetLength(0)} rows.", nameof(proba));
        if (n == 0) throw new ArgumentException($"{M}: no samples.", nameof(yTrue));
        var w = MetricChecks.Weights(M, sampleWeight, n);
        var classes = labels ?? MetricChecks.SortedUnion(yTrue, ReadOnlySpan<TLabel>.Empty);
        var map = MetricChecks.Index(M, classes);
        for (int i = 1; i < classes.Length; i++)
            if (MetricChecks.LabelComparer<TLabel>().Compare(classes[i - 1], classes[i]) > 0)
                throw new ArgumentException($"{M}: 'labels' must be sorted.", nameof(labels));
        if (classes.Length != c) throw new ArgumentException($"{M}: {classes.Length} classes but proba has {c} columns.", nameof(proba));
        if (c < 2) throw new ArgumentException($"{M}: at least 2 classes are needed.", nameof(proba));
        for (int i = 0; i < n; i++)
        {
            if (!map.ContainsKey(yTrue[i])) throw new ArgumentException($"{M}: yTrue[{i}] = {yTrue[i]} is not one of the labels.", nameof(yTrue));
            double s = 0;
            for (int j = 0; j < c; j++) s += proba[i, j];
            if (!(Math.Abs(s - 1) <= 1e-8 + 1e-5)) throw new ArgumentException($"{M}: row {i} of proba sums to {s}, not 1; scores must be probabilities.", nameof(proba));
        }
        var col = new double[n]; var isC = new int[n];
        double total = 0, weightSum = 0;
        for (int j = 0; j < c; j++)
        {
            double support = 0;
            for (int i = 0; i < n; i++)
            {
                col[i] = proba[i, j];
                isC[i] = map[yTrue[i]] == j ? 1 : 0;
                support += isC[i] * w[i];
            }
            if (Array.IndexOf(isC, 1) < 0 || Array.IndexOf(isC, 0) < 0)
                throw new ArgumentException($"{M}: class {classes[j]} is {(Array.IndexOf(isC, 1) < 0 ? "absent from" : "the only class in")} yTrue; its one-vs-rest AUC is undefined.", nameof(yTrue));
            var roc = RocCurve<int>(isC, col, 1, sampleWeight);
            double auc = Auc(roc.Fpr, roc.Tpr);
            double weight = average == Average.Weighted ? support : 1;
            total += weight * auc;
            weightSum += weight;
        }
        return weightSum == 0 ? 0 : total / weightSum;
    }
}
