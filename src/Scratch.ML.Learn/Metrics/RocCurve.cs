namespace Scratch.ML.Learn.Metrics;

/// <summary>A receiver operating characteristic curve, points ordered by decreasing threshold.</summary>
/// <param name="Fpr">False positive rates, starting at 0.</param>
/// <param name="Tpr">True positive rates, starting at 0.</param>
/// <param name="Thresholds">Score thresholds (predict positive when score ≥ threshold); the first is max score + 1.</param>
public sealed record RocCurveResult(double[] Fpr, double[] Tpr, double[] Thresholds);

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
}
