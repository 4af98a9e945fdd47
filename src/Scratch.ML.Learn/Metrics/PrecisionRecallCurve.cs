namespace Scratch.ML.Learn.Metrics;

/// <summary>A precision–recall curve in scikit-learn's order (increasing threshold, recall decreasing to 0).</summary>
/// <param name="Precision">Precision per threshold, then a final 1.</param>
/// <param name="Recall">Recall per threshold, then a final 0.</param>
/// <param name="Thresholds">The distinct scores, increasing (one fewer than precision/recall).</param>
public sealed record PrecisionRecallCurveResult(double[] Precision, double[] Recall, double[] Thresholds);

public static partial class ClassificationMetrics
{
    /// <summary>
    /// The precision–recall curve (scikit-learn 1.2): for each distinct score t, <c>P = TP/(TP + FP)</c> (0 when nothing
    /// scores ≥ t) and <c>R = TP/P_total</c> (all 1 when there are no positives), returned in increasing-threshold order
    /// with a final point (precision 1, recall 0) that has no threshold.
    /// </summary>
    /// <param name="yTrue">True labels, length n ≥ 1.</param>
    /// <param name="score">Scores, finite, length n.</param>
    /// <param name="posLabel">The positive label.</param>
    /// <param name="sampleWeight">Optional finite non-negative weights (zero-weight samples are dropped).</param>
    /// <exception cref="ArgumentException">As <see cref="RocCurve{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{double}, TLabel, ReadOnlySpan{double}, bool)"/>.</exception>
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
    /// <exception cref="ArgumentException">More than two labels, posLabel not among two present labels, or the checks of <see cref="RocCurve{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{double}, TLabel, ReadOnlySpan{double}, bool)"/>.</exception>
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
