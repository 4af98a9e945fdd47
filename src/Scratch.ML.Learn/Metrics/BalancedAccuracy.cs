namespace Scratch.ML.Learn.Metrics;

public static partial class ClassificationMetrics
{
    /// <summary>
    /// Balanced accuracy: the mean over classes present in <paramref name="yTrue"/> of the per-class recall
    /// <c>C[i,i] / Σ_j C[i,j]</c> (classes only predicted are skipped, as scikit-learn does after its warning). With
    /// <paramref name="adjusted"/>, the score is rescaled so chance is 0: <c>(score − 1/K) / (1 − 1/K)</c>, K = classes kept.
    /// </summary>
    /// <param name="yTrue">True labels, length n ≥ 1.</param>
    /// <param name="yPred">Predicted labels, length n.</param>
    /// <param name="sampleWeight">Optional finite non-negative weights, length n.</param>
    /// <param name="adjusted">Rescale so random guessing scores 0 and perfect 1.</param>
    /// <returns>The score (NaN when every weight of the true classes is zero).</returns>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, or invalid weights.</exception>
    public static double BalancedAccuracy<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred,
        ReadOnlySpan<double> sampleWeight = default, bool adjusted = false)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        var cm = ConfusionMatrix(yTrue, yPred, null, sampleWeight);
        int c = cm.GetLength(0), kept = 0;
        double sum = 0;
        for (int i = 0; i < c; i++)
        {
            double row = 0;
            for (int j = 0; j < c; j++) row += cm[i, j];
            if (row == 0) continue;
            sum += cm[i, i] / row;
            kept++;
        }
        double score = sum / kept;
        if (adjusted)
        {
            double chance = 1.0 / kept;
            score = (score - chance) / (1 - chance);
        }
        return score;
    }
}
