namespace Scratch.ML.Learn.Metrics;

/// <summary>A receiver operating characteristic curve, points ordered by decreasing threshold.</summary>
/// <param name="Fpr">False positive rates, starting at 0.</param>
/// <param name="Tpr">True positive rates, starting at 0.</param>
/// <param name="Thresholds">Score thresholds (predict positive when score ≥ threshold); the first is max score + 1.</param>
public sealed record RocCurveResult(double[] Fpr, double[] Tpr, double[] Thresholds);

/// <summary>A precision–recall curve in scikit-learn's order (increasing threshold, recall decreasing to 0).</summary>
/// <param name="Precision">Precision per threshold, then a final 1.</param>
/// <param name="Recall">Recall per threshold, then a final 0.</param>
/// <param name="Thresholds">The distinct scores, increasing (one fewer than precision/recall).</param>
public sealed record PrecisionRecallCurveResult(double[] Precision, double[] Recall, double[] Thresholds);

public static partial class ClassificationMetrics
{
    /// <summary>
    /// Cumulative (weighted) false/true positives at each distinct score, scores descending (scikit-learn's
    /// <c>_binary_clf_curve</c>): samples of zero weight are dropped, scores sorted stably then reversed, and the
    /// counts taken at the last index of each run of equal scores.
    /// </summary>
    private static (double[] Fps, double[] Tps, double[] Thresholds) BinaryClfCurve<TLabel>(string metric, ReadOnlySpan<TLabel> yTrue,
        ReadOnlySpan<double> score, TLabel posLabel, ReadOnlySpan<double> sampleWeight)
        where TLabel : IEquatable<TLabel>
    {
        MetricChecks.SameLength(metric, yTrue, score, nameof(score));
        MetricChecks.Finite(metric, score, nameof(score));
        if (posLabel is null) throw new ArgumentNullException(nameof(posLabel));
        bool weighted = !sampleWeight.IsEmpty;
        var w = MetricChecks.Weights(metric, sampleWeight, yTrue.Length);
        var keep = new List<int>(yTrue.Length);
        for (int i = 0; i < yTrue.Length; i++) if (!weighted || w[i] != 0) keep.Add(i);
        // Stable ascending sort, then reversed: descending, later samples first among ties (numpy mergesort[::-1]).
        var s = score.ToArray();
        var order = keep.OrderBy(i => s[i]).Reverse().ToArray();
        int m = order.Length;
        if (m == 0) throw new ArgumentException($"{metric}: every sample weight is zero.", nameof(sampleWeight));
        var fps = new List<double>(); var tps = new List<double>(); var thr = new List<double>();
        double tp = 0, fp = 0;
        for (int r = 0; r < m; r++)
        {
            int i = order[r];
            double y = yTrue[i].Equals(posLabel) ? 1 : 0;
            tp += y * w[i];
            fp += (1 - y) * w[i];
            if (r == m - 1 || s[order[r + 1]] != s[i])
            {
                tps.Add(tp);
                fps.Add(weighted ? fp : 1 + r - tp);
                thr.Add(s[i]);
            }
        }
        return (fps.ToArray(), tps.ToArray(), thr.ToArray());
    }

    /// <summary>
    /// The ROC curve of a binary (or one-vs-rest) problem: at each distinct score threshold t (descending),
    /// <c>TPR = TP(t)/P</c> and <c>FPR = FP(t)/N</c> with (weighted) counts of samples scoring ≥ t, preceded by (0, 0) at
    /// threshold max + 1. With <paramref name="dropIntermediate"/>, points collinear with their neighbours (zero second
    /// difference of both FP and TP counts) are removed, as scikit-learn 1.2 does. When there are no negatives (positives),
    /// FPR (TPR) is all NaN, as scikit-learn's (it warns).
    /// </summary>
    /// <param name="yTrue">True labels, length n ≥ 1.</param>
    /// <param name="score">Scores, higher = more positive, finite, length n.</param>
    /// <param name="posLabel">The positive label; every other label is negative.</param>
    /// <param name="sampleWeight">Optional finite non-negative weights (zero-weight samples are dropped).</param>
    /// <param name="dropIntermediate">Drop suboptimal collinear thresholds.</param>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, non-finite scores, invalid or all-zero weights.</exception>
    public static RocCurveResult RocCurve<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<double> score, TLabel posLabel,
        ReadOnlySpan<double> sampleWeight = default, bool dropIntermediate = true)
        where TLabel : IEquatable<TLabel>
    {
        var (fps, tps, thr) = BinaryClfCurve(nameof(RocCurve), yTrue, score, posLabel, sampleWeight);
        int m = fps.Length;
        var idx = Enumerable.Range(0, m).ToList();
        if (dropIntermediate && m > 2)
        {
            idx.Clear();
            idx.Add(0);
            for (int i = 1; i < m - 1; i++)
            {
                double d2f = (fps[i + 1] - fps[i]) - (fps[i] - fps[i - 1]);
                double d2t = (tps[i + 1] - tps[i]) - (tps[i] - tps[i - 1]);
                if (d2f != 0 || d2t != 0) idx.Add(i);
            }
            idx.Add(m - 1);
        }
        int k = idx.Count;
        var fpr = new double[k + 1]; var tpr = new double[k + 1]; var th = new double[k + 1];
        double fLast = fps[^1], tLast = tps[^1];
        th[0] = thr[idx[0]] + 1;
        for (int j = 0; j < k; j++)
        {
            fpr[j + 1] = fLast <= 0 ? double.NaN : fps[idx[j]] / fLast;
            tpr[j + 1] = tLast <= 0 ? double.NaN : tps[idx[j]] / tLast;
            th[j + 1] = thr[idx[j]];
        }
        if (fLast <= 0) fpr[0] = double.NaN;
        if (tLast <= 0) tpr[0] = double.NaN;
        return new RocCurveResult(fpr, tpr, th);
    }

    /// <summary>
    /// Area under a piecewise-linear curve by the trapezoidal rule, <c>Σ (x[i+1] − x[i])(y[i+1] + y[i])/2</c>; x must be
    /// monotonic (a decreasing x gives the positive area, as scikit-learn's <c>auc</c>).
    /// </summary>
    /// <param name="x">Abscissae, length ≥ 2, monotonic.</param>
    /// <param name="y">Ordinates, same length.</param>
    /// <exception cref="ArgumentException">Lengths differ, fewer than 2 points, or x not monotonic.</exception>
    public static double Auc(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException($"Auc: x has {x.Length} points but y has {y.Length}.", nameof(y));
        if (x.Length < 2) throw new ArgumentException($"Auc: at least 2 points are needed, got {x.Length}.", nameof(x));
        bool anyDown = false, anyUp = false;
        for (int i = 1; i < x.Length; i++) { anyDown |= x[i] < x[i - 1]; anyUp |= x[i] > x[i - 1]; }
        if (anyDown && anyUp) throw new ArgumentException("Auc: x is neither increasing nor decreasing.", nameof(x));
        double area = 0;
        for (int i = 1; i < x.Length; i++) area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0;
        return anyDown ? -area : area;
    }

    /// <summary>
    /// Binary ROC AUC: the trapezoidal area under <see cref="RocCurve{TLabel}"/> (with intermediate points dropped), the
    /// positive class being the larger of the two labels of <paramref name="yTrue"/>. Equals the (weighted) probability
    /// that a random positive outscores a random negative, ties counting one half.
    /// </summary>
    /// <param name="yTrue">True labels with exactly two distinct values, length n.</param>
    /// <param name="score">Scores of the larger label, finite, length n.</param>
    /// <param name="sampleWeight">Optional finite non-negative weights.</param>
    /// <exception cref="ArgumentException">yTrue does not hold exactly two labels (undefined with one), or the checks of <see cref="RocCurve{TLabel}"/>.</exception>
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

    /// <summary>
    /// The precision–recall curve (scikit-learn 1.2): for each distinct score t, <c>P = TP/(TP + FP)</c> (0 when nothing
    /// scores ≥ t) and <c>R = TP/P_total</c> (all 1 when there are no positives), returned in increasing-threshold order
    /// with a final point (precision 1, recall 0) that has no threshold.
    /// </summary>
    /// <param name="yTrue">True labels, length n ≥ 1.</param>
    /// <param name="score">Scores, finite, length n.</param>
    /// <param name="posLabel">The positive label.</param>
    /// <param name="sampleWeight">Optional finite non-negative weights (zero-weight samples are dropped).</param>
    /// <exception cref="ArgumentException">As <see cref="RocCurve{TLabel}"/>.</exception>
    public static PrecisionRecallCurveResult PrecisionRecallCurve<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<double> score,
        TLabel posLabel, ReadOnlySpan<double> sampleWeight = default)
        where TLabel : IEquatable<TLabel>
    {
        var (fps, tps, thr) = BinaryClfCurve(nameof(PrecisionRecallCurve), yTrue, score, posLabel, sampleWeight);
        int m = fps.Length;
        var p = new double[m + 1]; var r = new double[m + 1]; var t = new double[m];
        double last = tps[^1];
        for (int i = 0; i < m; i++)
        {
            double ps = tps[i] + fps[i];
            p[m - 1 - i] = ps != 0 ? tps[i] / ps : 0;
            r[m - 1 - i] = last == 0 ? 1 : tps[i] / last;
            t[m - 1 - i] = thr[i];
        }
        p[m] = 1; r[m] = 0;
        return new PrecisionRecallCurveResult(p, r, t);
    }

    /// <summary>
    /// Average precision, the step-wise area under the precision–recall curve:
    /// <c>AP = Σₖ (Rₖ − Rₖ₋₁) Pₖ</c> over thresholds in decreasing order (no interpolation), scikit-learn's definition.
    /// </summary>
    /// <param name="yTrue">True labels (binary), length n ≥ 1.</param>
    /// <param name="score">Scores, finite, length n.</param>
    /// <param name="posLabel">The positive label; when yTrue holds two labels it must be one of them.</param>
    /// <param name="sampleWeight">Optional finite non-negative weights.</param>
    /// <exception cref="ArgumentException">More than two labels, posLabel not among two present labels, or the checks of <see cref="RocCurve{TLabel}"/>.</exception>
    public static double AveragePrecision<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<double> score, TLabel posLabel,
        ReadOnlySpan<double> sampleWeight = default)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        var present = MetricChecks.SortedUnion(yTrue, ReadOnlySpan<TLabel>.Empty);
        if (present.Length > 2) throw new ArgumentException($"AveragePrecision: binary labels expected, yTrue has {present.Length}.", nameof(yTrue));
        if (present.Length == 2 && Array.IndexOf(present, posLabel) < 0)
            throw new ArgumentException($"AveragePrecision: posLabel = {posLabel} is not one of {present[0]}, {present[1]}.", nameof(posLabel));
        var c = PrecisionRecallCurve(yTrue, score, posLabel, sampleWeight);
        double s = 0;
        for (int i = 0; i < c.Recall.Length - 1; i++) s += (c.Recall[i + 1] - c.Recall[i]) * c.Precision[i];
        return -s;
    }
}
