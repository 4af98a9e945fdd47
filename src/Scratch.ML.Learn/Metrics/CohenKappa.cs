namespace Scratch.ML.Learn.Metrics;

/// <summary>The disagreement weights of <see cref="ClassificationMetrics.CohenKappa{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{TLabel}, KappaWeights, TLabel[], ReadOnlySpan{double})"/>.</summary>
public enum KappaWeights
{
    /// <summary>Unweighted: every disagreement costs 1.</summary>
    None,
    /// <summary>A disagreement between label indices i and j costs |i − j|.</summary>
    Linear,
    /// <summary>A disagreement between label indices i and j costs (i − j)².</summary>
    Quadratic,
}

public static partial class ClassificationMetrics
{
    /// <summary>
    /// Cohen's kappa between two raters: <c>κ = 1 − Σ W∘C / Σ W∘E</c> with C the confusion matrix over
    /// <paramref name="labels"/> (default: sorted union), <c>E = outer(col sums, row sums) / Σ C</c> the chance
    /// agreement and W the disagreement weights (0 on the diagonal and 1 off it; |i − j|; or (i − j)²). When the chance
    /// disagreement Σ W∘E is 0 (a single label), the result is NaN, as scikit-learn's (0/0 with a warning).
    /// </summary>
    /// <param name="y1">Labels of the first rater, length n ≥ 1.</param>
    /// <param name="y2">Labels of the second rater, length n.</param>
    /// <param name="weights">Disagreement weighting.</param>
    /// <param name="labels">Optional label order (matters for linear/quadratic weights).</param>
    /// <param name="sampleWeight">Optional finite non-negative weights, length n.</param>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, invalid weights or labels.</exception>
    public static double CohenKappa<TLabel>(ReadOnlySpan<TLabel> y1, ReadOnlySpan<TLabel> y2, KappaWeights weights = KappaWeights.None,
        TLabel[]? labels = null, ReadOnlySpan<double> sampleWeight = default)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        var cm = ConfusionMatrix(y1, y2, labels, sampleWeight);
        int k = cm.GetLength(0);
        var sum0 = new double[k]; var sum1 = new double[k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) { sum0[j] += cm[i, j]; sum1[i] += cm[i, j]; }
        double total = sum0.Sum(), num = 0, den = 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double w = weights switch
                {
                    KappaWeights.None => i == j ? 0 : 1,
                    KappaWeights.Linear => Math.Abs(i - j),
                    KappaWeights.Quadratic => (double)(i - j) * (i - j),
                    _ => throw new ArgumentOutOfRangeException(nameof(weights), weights, "CohenKappa: unknown weighting."),
                };
                num += w * cm[i, j];
                den += w * (sum0[i] * sum1[j] / total);
            }
        return 1 - num / den;
    }
}
