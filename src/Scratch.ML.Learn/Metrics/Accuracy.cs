namespace Scratch.ML.Learn.Metrics;

/// <summary>Classification metrics (scikit-learn's <c>sklearn.metrics</c>).</summary>
public static partial class ClassificationMetrics
{
    /// <summary>
    /// The fraction of predictions equal to the truth: <c>(1/n) Σᵢ [ŷᵢ = yᵢ]</c>, optionally weighted
    /// (<c>Σ wᵢ[ŷᵢ = yᵢ] / Σ wᵢ</c>).
    /// </summary>
    /// <param name="yTrue">True labels, length n ≥ 1.</param>
    /// <param name="yPred">Predicted labels, length n.</param>
    /// <param name="sampleWeight">Optional non-negative weights, length n, not all zero.</param>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, or the weights are invalid.</exception>
    public static double Accuracy<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, ReadOnlySpan<double> sampleWeight = default)
        where TLabel : IEquatable<TLabel>
    {
        if (yTrue.Length != yPred.Length)
            throw new ArgumentException($"Accuracy: yTrue has {yTrue.Length} labels but yPred has {yPred.Length}.", nameof(yPred));
        if (yTrue.Length == 0) throw new ArgumentException("Accuracy: no samples.", nameof(yTrue));
        if (!sampleWeight.IsEmpty && sampleWeight.Length != yTrue.Length)
            throw new ArgumentException($"Accuracy: sampleWeight has {sampleWeight.Length} entries for {yTrue.Length} samples.", nameof(sampleWeight));
        double hit = 0, total = 0;
        for (int i = 0; i < yTrue.Length; i++)
        {
            double w = sampleWeight.IsEmpty ? 1 : sampleWeight[i];
            if (!(w >= 0) || double.IsInfinity(w)) throw new ArgumentException($"Accuracy: sampleWeight[{i}] = {w} must be finite and ≥ 0.", nameof(sampleWeight));
            total += w;
            if (yTrue[i].Equals(yPred[i])) hit += w;
        }
        if (total == 0) throw new ArgumentException("Accuracy: the sample weights sum to zero.", nameof(sampleWeight));
        return hit / total;
    }
}
