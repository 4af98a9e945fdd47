namespace Scratch.ML.Learn.Metrics;

public static partial class ClassificationMetrics
{
    /// <summary>
    /// The (multiclass) Matthews correlation coefficient from the confusion matrix C (K classes, s = Σ C, c = trace C,
    /// t = row sums, p = column sums): <c>(c·s − t·p) / √((s² − p·p)(s² − t·t))</c>; 0 when either factor under the root is 0
    /// (scikit-learn's convention). Binary labels give the usual phi coefficient.
    /// </summary>
    /// <param name="yTrue">True labels, length n ≥ 1.</param>
    /// <param name="yPred">Predicted labels, length n.</param>
    /// <param name="sampleWeight">Optional finite non-negative weights, length n.</param>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, or invalid weights.</exception>
    public static double MatthewsCorrcoef<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred, ReadOnlySpan<double> sampleWeight = default)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        var cm = ConfusionMatrix(yTrue, yPred, null, sampleWeight);
        int k = cm.GetLength(0);
        var t = new double[k]; var p = new double[k];
        double correct = 0;
        for (int i = 0; i < k; i++)
        {
            correct += cm[i, i];
            for (int j = 0; j < k; j++) { t[i] += cm[i, j]; p[j] += cm[i, j]; }
        }
        double s = p.Sum(), tp = 0, pp = 0, tt = 0;
        for (int i = 0; i < k; i++) { tp += t[i] * p[i]; pp += p[i] * p[i]; tt += t[i] * t[i]; }
        double cov = correct * s - tp, covP = s * s - pp, covT = s * s - tt;
        return covP * covT == 0 ? 0.0 : cov / Math.Sqrt(covT * covP);
    }
}
