namespace Scratch.ML.Learn.Metrics;

/// <summary>How <see cref="ClassificationMetrics.ConfusionMatrix{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{TLabel}, TLabel[], ReadOnlySpan{double}, ConfusionNormalize)"/> normalises its counts (scikit-learn's <c>normalize</c>).</summary>
public enum ConfusionNormalize
{
    /// <summary>Raw (weighted) counts.</summary>
    None,
    /// <summary>Each row divided by its sum (rows = true labels); all-zero rows stay zero.</summary>
    True,
    /// <summary>Each column divided by its sum (columns = predicted labels); all-zero columns stay zero.</summary>
    Pred,
    /// <summary>Everything divided by the total.</summary>
    All,
}

public static partial class ClassificationMetrics
{
    /// <summary>
    /// The sorted distinct labels of <paramref name="yTrue"/> ∪ <paramref name="yPred"/> (scikit-learn's
    /// <c>unique_labels</c>): the row/column order used by every label metric when no explicit labels are given.
    /// </summary>
    /// <exception cref="ArgumentException">A label is null.</exception>
    public static TLabel[] UniqueLabels<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel> => MetricChecks.SortedUnion(yTrue, yPred);
    /// <summary>
    /// The confusion matrix <c>C[i, j] = Σ_s w_s [y_s = label_i][ŷ_s = label_j]</c>, shape (L, L): rows are true labels,
    /// columns predicted labels, in the order of <paramref name="labels"/> or, when null, <see cref="UniqueLabels{TLabel}"/>.
    /// With explicit labels, samples whose true or predicted label is not listed are ignored. Normalisation divides rows
    /// (<see cref="ConfusionNormalize.True"/>), columns (<see cref="ConfusionNormalize.Pred"/>) or everything
    /// (<see cref="ConfusionNormalize.All"/>) by its sum; 0/0 becomes 0 (scikit-learn's <c>nan_to_num</c>).
    /// </summary>
    /// <param name="yTrue">True labels, length n ≥ 1.</param>
    /// <param name="yPred">Predicted labels, length n.</param>
    /// <param name="labels">Optional explicit label order (distinct, at least one present in yTrue).</param>
    /// <param name="sampleWeight">Optional finite non-negative weights, length n.</param>
    /// <param name="normalize">The normalisation.</param>
    /// <returns>An (L, L) array of (weighted) counts or fractions.</returns>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, invalid weights, repeated labels, or no listed label occurs in yTrue.</exception>
    public static double[,] ConfusionMatrix<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, TLabel[]? labels = null,
        ReadOnlySpan<double> sampleWeight = default, ConfusionNormalize normalize = ConfusionNormalize.None)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        const string M = nameof(ConfusionMatrix);
        MetricChecks.SameLength(M, yTrue, yPred);
        var w = MetricChecks.Weights(M, sampleWeight, yTrue.Length);
        labels ??= UniqueLabels(yTrue, yPred);
        if (labels.Length == 0) throw new ArgumentException($"{M}: 'labels' should not be empty.", nameof(labels));
        var set = MetricChecks.Index(M, labels);
        bool any = false;
        foreach (var t in yTrue) if (set.ContainsKey(t)) { any = true; break; }
        if (!any) throw new ArgumentException($"{M}: at least one of the {labels.Length} labels must occur in yTrue.", nameof(labels));
        var cm = MetricChecks.Confusion(yTrue, yPred, labels, w);
        int c = labels.Length;
        switch (normalize)
        {
            case ConfusionNormalize.None: break;
            case ConfusionNormalize.True:
                for (int i = 0; i < c; i++)
                {
                    double s = 0;
                    for (int j = 0; j < c; j++) s += cm[i, j];
                    for (int j = 0; j < c; j++) cm[i, j] = s == 0 ? 0 : cm[i, j] / s;
                }
                break;
            case ConfusionNormalize.Pred:
                for (int j = 0; j < c; j++)
                {
                    double s = 0;
                    for (int i = 0; i < c; i++) s += cm[i, j];
                    for (int i = 0; i < c; i++) cm[i, j] = s == 0 ? 0 : cm[i, j] / s;
                }
                break;
            case ConfusionNormalize.All:
                double total = 0;
                foreach (var v in cm) total += v;
                for (int i = 0; i < c; i++)
                    for (int j = 0; j < c; j++) cm[i, j] = total == 0 ? 0 : cm[i, j] / total;
                break;
            default: throw new ArgumentOutOfRangeException(nameof(normalize), normalize, $"{M}: unknown normalisation.");
        }
        return cm;
    }
}
