namespace Scratch.ML.Learn.Metrics;

/// <summary>How per-class precision/recall/F scores are combined (scikit-learn's <c>average</c>, less <c>binary</c>/<c>None</c>, which are separate overloads).</summary>
public enum Average
{
    /// <summary>Pool the counts of all classes first: <c>Σ tp / Σ (tp + fp)</c> etc.</summary>
    Micro,
    /// <summary>The unweighted mean of the per-class scores.</summary>
    Macro,
    /// <summary>The mean of the per-class scores weighted by each class's (weighted) true support.</summary>
    Weighted,
}

/// <summary>Per-class precision, recall, F-beta and support, in the order of <see cref="Labels"/>.</summary>
/// <param name="Labels">The class labels.</param>
/// <param name="Precision">tp / (tp + fp) per class.</param>
/// <param name="Recall">tp / (tp + fn) per class.</param>
/// <param name="FScore">(1 + β²)·P·R / (β²·P + R) per class.</param>
/// <param name="Support">The (weighted) number of true samples of each class.</param>
public sealed record PrecisionRecallFScore<TLabel>(TLabel[] Labels, double[] Precision, double[] Recall, double[] FScore, double[] Support);

public static partial class ClassificationMetrics
{
    /// <summary>
    /// Per-class precision <c>P = tp/(tp+fp)</c>, recall <c>R = tp/(tp+fn)</c>, F-beta
    /// <c>F = (1+β²)·P·R/(β²·P + R)</c> and support <c>tp + fn</c>, with (weighted) counts from the confusion matrix.
    /// A 0/0 precision or recall is <paramref name="zeroDivision"/> (scikit-learn's <c>zero_division</c>; its default
    /// "warn" behaves as 0); an F with <c>β²·P + R = 0</c> is 0, exactly as scikit-learn 1.2 computes it.
    /// </summary>
    /// <param name="yTrue">True labels, length n ≥ 1.</param>
    /// <param name="yPred">Predicted labels, length n.</param>
    /// <param name="beta">β ≥ 0: recall is β times as important as precision.</param>
    /// <param name="labels">Optional labels to report, in this order (default: sorted union of yTrue and yPred).</param>
    /// <param name="sampleWeight">Optional finite non-negative weights, length n.</param>
    /// <param name="zeroDivision">The value of a 0/0 precision or recall: 0 or 1.</param>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, invalid weights, beta &lt; 0 or NaN, zeroDivision not 0 or 1, repeated labels.</exception>
    public static PrecisionRecallFScore<TLabel> PrecisionRecallFScoreSupport<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred,
        double beta = 1.0, TLabel[]? labels = null, ReadOnlySpan<double> sampleWeight = default, double zeroDivision = 0)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        var (tp, predSum, trueSum, lab) = Counts(yTrue, yPred, beta, labels, sampleWeight, zeroDivision);
        int c = lab.Length;
        var p = new double[c]; var r = new double[c]; var f = new double[c];
        for (int i = 0; i < c; i++)
        {
            p[i] = predSum[i] == 0 ? zeroDivision : tp[i] / predSum[i];
            r[i] = trueSum[i] == 0 ? zeroDivision : tp[i] / trueSum[i];
            f[i] = FBetaOf(p[i], r[i], beta);
        }
        return new PrecisionRecallFScore<TLabel>(lab, p, r, f, trueSum);
    }

    private static double FBetaOf(double p, double r, double beta)
    {
        if (double.IsPositiveInfinity(beta)) return r;
        double b2 = beta * beta, denom = b2 * p + r;
        return (1 + b2) * p * r / (denom == 0 ? 1 : denom);
    }

    private static (double[] Tp, double[] PredSum, double[] TrueSum, TLabel[] Labels) Counts<TLabel>(ReadOnlySpan<TLabel> yTrue,
        ReadOnlySpan<TLabel> yPred, double beta, TLabel[]? labels, ReadOnlySpan<double> sampleWeight, double zeroDivision)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        const string M = "PrecisionRecallFScore";
        if (!(beta >= 0)) throw new ArgumentException($"{M}: beta = {beta} must be ≥ 0.", nameof(beta));
        if (zeroDivision != 0 && zeroDivision != 1)
            throw new ArgumentException($"{M}: zeroDivision = {zeroDivision} must be 0 or 1.", nameof(zeroDivision));
        MetricChecks.SameLength(M, yTrue, yPred);
        var w = MetricChecks.Weights(M, sampleWeight, yTrue.Length);
        labels ??= UniqueLabels(yTrue, yPred);
        var map = MetricChecks.Index(M, labels);
        int c = labels.Length;
        double[] tp = new double[c], predSum = new double[c], trueSum = new double[c];
        for (int i = 0; i < yTrue.Length; i++)
        {
            bool hasT = map.TryGetValue(yTrue[i], out int t), hasP = map.TryGetValue(yPred[i], out int p);
            if (hasT) trueSum[t] += w[i];
            if (hasP) predSum[p] += w[i];
            if (hasT && hasP && t == p) tp[t] += w[i];
        }
        return (tp, predSum, trueSum, labels);
    }

    /// <summary>Precision, recall and F-beta of one averaging mode (see <see cref="PrecisionRecallFScoreSupport{TLabel}"/>).</summary>
    private static (double P, double R, double F) Averaged<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, double beta,
        Average average, TLabel[]? labels, ReadOnlySpan<double> sampleWeight, double zeroDivision)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        if (average == Average.Micro)
        {
            var (tp, predSum, trueSum, _) = Counts(yTrue, yPred, beta, labels, sampleWeight, zeroDivision);
            double t = tp.Sum(), ps = predSum.Sum(), ts = trueSum.Sum();
            double p = ps == 0 ? zeroDivision : t / ps, r = ts == 0 ? zeroDivision : t / ts;
            return (p, r, FBetaOf(p, r, beta));
        }
        var all = PrecisionRecallFScoreSupport(yTrue, yPred, beta, labels, sampleWeight, zeroDivision);
        if (average == Average.Macro) return (all.Precision.Average(), all.Recall.Average(), all.FScore.Average());
        if (average != Average.Weighted) throw new ArgumentOutOfRangeException(nameof(average), average, "Unknown averaging mode.");
        double total = all.Support.Sum();
        if (total == 0)
        {
            // scikit-learn 1.2: no true samples of the listed labels at all.
            double predTotal = 0;
            var (_, predSum, _, _) = Counts(yTrue, yPred, beta, labels, sampleWeight, zeroDivision);
            predTotal = predSum.Sum();
            return predTotal == 0 ? (zeroDivision, zeroDivision, zeroDivision) : (0.0, zeroDivision, 0.0);
        }
        double wp = 0, wr = 0, wf = 0;
        for (int i = 0; i < all.Labels.Length; i++)
        {
            wp += all.Precision[i] * all.Support[i]; wr += all.Recall[i] * all.Support[i]; wf += all.FScore[i] * all.Support[i];
        }
        return (wp / total, wr / total, wf / total);
    }

    /// <summary>Binary precision/recall/F-beta of <paramref name="posLabel"/> (scikit-learn's <c>average="binary"</c>).</summary>
    private static (double P, double R, double F) BinaryPrf<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, double beta,
        TLabel posLabel, ReadOnlySpan<double> sampleWeight, double zeroDivision)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        var present = UniqueLabels(yTrue, yPred);
        if (present.Length > 2)
            throw new ArgumentException($"Binary averaging needs at most 2 distinct labels but yTrue ∪ yPred has {present.Length}; use an Average mode.", nameof(yTrue));
        if (posLabel is null) throw new ArgumentNullException(nameof(posLabel));
        if (present.Length == 2 && Array.IndexOf(present, posLabel) < 0)
            throw new ArgumentException($"posLabel = {posLabel} is not one of the labels {present[0]}, {present[1]}.", nameof(posLabel));
        var r = PrecisionRecallFScoreSupport(yTrue, yPred, beta, [posLabel], sampleWeight, zeroDivision);
        return (r.Precision[0], r.Recall[0], r.FScore[0]);
    }

    /// <summary>Binary precision <c>tp / (tp + fp)</c> of <paramref name="posLabel"/>; 0/0 gives <paramref name="zeroDivision"/>.</summary>
    /// <exception cref="ArgumentException">More than two distinct labels, posLabel absent while two labels are present, or the checks of <see cref="PrecisionRecallFScoreSupport{TLabel}"/>.</exception>
    public static double Precision<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, TLabel posLabel,
        ReadOnlySpan<double> sampleWeight = default, double zeroDivision = 0) where TLabel : IEquatable<TLabel>, IComparable<TLabel>
        => BinaryPrf(yTrue, yPred, 1.0, posLabel, sampleWeight, zeroDivision).P;

    /// <summary>Averaged precision (micro/macro/weighted over <paramref name="labels"/> or all labels).</summary>
    /// <exception cref="ArgumentException">See <see cref="PrecisionRecallFScoreSupport{TLabel}"/>.</exception>
    public static double Precision<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, Average average, TLabel[]? labels = null,
        ReadOnlySpan<double> sampleWeight = default, double zeroDivision = 0) where TLabel : IEquatable<TLabel>, IComparable<TLabel>
        => Averaged(yTrue, yPred, 1.0, average, labels, sampleWeight, zeroDivision).P;

    /// <summary>Per-class precision (scikit-learn's <c>average=None</c>) in the order of <paramref name="labels"/> or <see cref="UniqueLabels{TLabel}"/>.</summary>
    /// <exception cref="ArgumentException">See <see cref="PrecisionRecallFScoreSupport{TLabel}"/>.</exception>
    public static double[] PrecisionPerClass<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, TLabel[]? labels = null,
        ReadOnlySpan<double> sampleWeight = default, double zeroDivision = 0) where TLabel : IEquatable<TLabel>, IComparable<TLabel>
        => PrecisionRecallFScoreSupport(yTrue, yPred, 1.0, labels, sampleWeight, zeroDivision).Precision;

    /// <summary>Binary recall <c>tp / (tp + fn)</c> of <paramref name="posLabel"/>; 0/0 gives <paramref name="zeroDivision"/>.</summary>
    /// <exception cref="ArgumentException">More than two distinct labels, posLabel absent while two labels are present, or the checks of <see cref="PrecisionRecallFScoreSupport{TLabel}"/>.</exception>
    public static double Recall<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, TLabel posLabel,
        ReadOnlySpan<double> sampleWeight = default, double zeroDivision = 0) where TLabel : IEquatable<TLabel>, IComparable<TLabel>
        => BinaryPrf(yTrue, yPred, 1.0, posLabel, sampleWeight, zeroDivision).R;

    /// <summary>Averaged recall (micro/macro/weighted). Micro recall over all labels equals accuracy.</summary>
    /// <exception cref="ArgumentException">See <see cref="PrecisionRecallFScoreSupport{TLabel}"/>.</exception>
    public static double Recall<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, Average average, TLabel[]? labels = null,
        ReadOnlySpan<double> sampleWeight = default, double zeroDivision = 0) where TLabel : IEquatable<TLabel>, IComparable<TLabel>
        => Averaged(yTrue, yPred, 1.0, average, labels, sampleWeight, zeroDivision).R;

    /// <summary>Per-class recall (scikit-learn's <c>average=None</c>).</summary>
    /// <exception cref="ArgumentException">See <see cref="PrecisionRecallFScoreSupport{TLabel}"/>.</exception>
    public static double[] RecallPerClass<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, TLabel[]? labels = null,
        ReadOnlySpan<double> sampleWeight = default, double zeroDivision = 0) where TLabel : IEquatable<TLabel>, IComparable<TLabel>
        => PrecisionRecallFScoreSupport(yTrue, yPred, 1.0, labels, sampleWeight, zeroDivision).Recall;

    /// <summary>Binary F-beta <c>(1+β²)PR/(β²P+R)</c> of <paramref name="posLabel"/>.</summary>
    /// <exception cref="ArgumentException">See <see cref="Precision{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{TLabel}, TLabel, ReadOnlySpan{double}, double)"/>.</exception>
    public static double FBeta<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, double beta, TLabel posLabel,
        ReadOnlySpan<double> sampleWeight = default, double zeroDivision = 0) where TLabel : IEquatable<TLabel>, IComparable<TLabel>
        => BinaryPrf(yTrue, yPred, beta, posLabel, sampleWeight, zeroDivision).F;

    /// <summary>Averaged F-beta: micro uses pooled P and R; macro/weighted average the per-class F scores.</summary>
    /// <exception cref="ArgumentException">See <see cref="PrecisionRecallFScoreSupport{TLabel}"/>.</exception>
    public static double FBeta<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, double beta, Average average, TLabel[]? labels = null,
        ReadOnlySpan<double> sampleWeight = default, double zeroDivision = 0) where TLabel : IEquatable<TLabel>, IComparable<TLabel>
        => Averaged(yTrue, yPred, beta, average, labels, sampleWeight, zeroDivision).F;

    /// <summary>Per-class F-beta (scikit-learn's <c>average=None</c>).</summary>
    /// <exception cref="ArgumentException">See <see cref="PrecisionRecallFScoreSupport{TLabel}"/>.</exception>
    public static double[] FBetaPerClass<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, double beta, TLabel[]? labels = null,
        ReadOnlySpan<double> sampleWeight = default, double zeroDivision = 0) where TLabel : IEquatable<TLabel>, IComparable<TLabel>
        => PrecisionRecallFScoreSupport(yTrue, yPred, beta, labels, sampleWeight, zeroDivision).FScore;

    /// <summary>Binary F1 = 2PR/(P+R) of <paramref name="posLabel"/> (F-beta with β = 1).</summary>
    /// <exception cref="ArgumentException">See <see cref="Precision{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{TLabel}, TLabel, ReadOnlySpan{double}, double)"/>.</exception>
    public static double F1<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, TLabel posLabel,
        ReadOnlySpan<double> sampleWeight = default, double zeroDivision = 0) where TLabel : IEquatable<TLabel>, IComparable<TLabel>
        => BinaryPrf(yTrue, yPred, 1.0, posLabel, sampleWeight, zeroDivision).F;

    /// <summary>Averaged F1 (F-beta with β = 1).</summary>
    /// <exception cref="ArgumentException">See <see cref="PrecisionRecallFScoreSupport{TLabel}"/>.</exception>
    public static double F1<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, Average average, TLabel[]? labels = null,
        ReadOnlySpan<double> sampleWeight = default, double zeroDivision = 0) where TLabel : IEquatable<TLabel>, IComparable<TLabel>
        => Averaged(yTrue, yPred, 1.0, average, labels, sampleWeight, zeroDivision).F;

    /// <summary>Per-class F1 (scikit-learn's <c>average=None</c>).</summary>
    /// <exception cref="ArgumentException">See <see cref="PrecisionRecallFScoreSupport{TLabel}"/>.</exception>
    public static double[] F1PerClass<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, TLabel[]? labels = null,
        ReadOnlySpan<double> sampleWeight = default, double zeroDivision = 0) where TLabel : IEquatable<TLabel>, IComparable<TLabel>
        => PrecisionRecallFScoreSupport(yTrue, yPred, 1.0, labels, sampleWeight, zeroDivision).FScore;
}
