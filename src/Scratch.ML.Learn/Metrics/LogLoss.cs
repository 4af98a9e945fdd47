namespace Scratch.ML.Learn.Metrics;

public static partial class ClassificationMetrics
{
    /// <summary>The default probability clipping of <see cref="LogLoss{TLabel}(ReadOnlySpan{TLabel}, double[,], TLabel[], ReadOnlySpan{double}, bool, double)"/>: float64 machine epsilon 2⁻⁵² (scikit-learn 1.2's <c>eps="auto"</c>).</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// Cross-entropy (log loss) of predicted class probabilities: each probability is clipped to
    /// <c>[eps, 1 − eps]</c>, each row renormalised to sum to 1, and <c>loss = −(1/Σw) Σᵢ wᵢ log p[i, class(yᵢ)]</c>
    /// (or the weighted sum when <paramref name="normalize"/> is false). Columns follow <paramref name="labels"/> or, when
    /// null, the sorted distinct labels of <paramref name="yTrue"/> (as scikit-learn's LabelBinarizer).
    /// </summary>
    /// <param name="yTrue">True labels, length n ≥ 1.</param>
    /// <param name="proba">Probabilities, shape (n, L) with L ≥ 2 columns in label order.</param>
    /// <param name="labels">Optional sorted distinct labels of the columns (≥ 2); needed when yTrue holds one label only. scikit-learn sorts them silently; here unsorted labels throw.</param>
    /// <param name="sampleWeight">Optional finite non-negative weights, length n.</param>
    /// <param name="normalize">Average (true) or sum (false) the per-sample losses.</param>
    /// <param name="eps">Clipping bound in (0, 0.5).</param>
    /// <exception cref="ArgumentException">Shape mismatch, fewer than two labels, unsorted or repeated labels, a yTrue label not among the labels (scikit-learn would silently score it 0), non-finite probabilities, invalid eps or weights.</exception>
    public static double LogLoss<TLabel>(ReadOnlySpan<TLabel> yTrue, double[,] proba, TLabel[]? labels = null,
        ReadOnlySpan<double> sampleWeight = default, bool normalize = true, double eps = MachineEpsilon)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        const string M = nameof(LogLoss);
        ArgumentNullException.ThrowIfNull(proba);
        int n = yTrue.Length, c = proba.GetLength(1);
        if (proba.GetLength(0) != n)
            throw new ArgumentException($"{M}: yTrue has {n} labels but proba has {proba.GetLength(0)} rows.", nameof(proba));
        if (n == 0) throw new ArgumentException($"{M}: no samples.", nameof(yTrue));
        if (!(eps > 0 && eps < 0.5)) throw new ArgumentException($"{M}: eps = {eps} must lie in (0, 0.5).", nameof(eps));
        var w = MetricChecks.Weights(M, sampleWeight, n);
        var classes = labels ?? MetricChecks.SortedUnion(yTrue, ReadOnlySpan<TLabel>.Empty);
        var map = MetricChecks.Index(M, classes);
        var order = MetricChecks.LabelComparer<TLabel>();
        for (int i = 1; i < classes.Length; i++)
            if (order.Compare(classes[i - 1], classes[i]) > 0)
                throw new ArgumentException($"{M}: 'labels' must be sorted, as the columns of proba follow the sorted labels ({classes[i - 1]} comes before {classes[i]}).", nameof(labels));
        if (classes.Length < 2)
            throw new ArgumentException(labels is null
                ? $"{M}: yTrue contains only one label ({classes[0]}); pass all labels through 'labels'."
                : $"{M}: 'labels' must contain at least two labels, got {classes.Length}.", labels is null ? nameof(yTrue) : nameof(labels));
        if (c != classes.Length)
            throw new ArgumentException($"{M}: proba has {c} columns but there are {classes.Length} labels.", nameof(proba));
        var rowP = new double[c];
        double total = 0, wsum = 0;
        for (int i = 0; i < n; i++)
        {
            if (!map.TryGetValue(yTrue[i], out int t))
                throw new ArgumentException($"{M}: yTrue[{i}] = {yTrue[i]} is not one of the labels.", nameof(yTrue));
            double s = 0;
            for (int j = 0; j < c; j++)
            {
                double v = proba[i, j];
                if (!double.IsFinite(v)) throw new ArgumentException($"{M}: proba[{i}, {j}] = {v} is not finite.", nameof(proba));
                rowP[j] = Math.Clamp(v, eps, 1 - eps);
                s += rowP[j];
            }
            total += w[i] * -Math.Log(rowP[t] / s);
            wsum += w[i];
        }
        if (!normalize) return total;
        if (wsum == 0) throw new ArgumentException($"{M}: the sample weights sum to zero.", nameof(sampleWeight));
        return total / wsum;
    }

    /// <summary>
    /// Binary log loss from the probability of the positive class, the larger of the two labels (of
    /// <paramref name="labels"/> or of yTrue): the column pair (1 − p, p) after clipping p to [eps, 1 − eps], then as the
    /// (n, L) overload.
    /// </summary>
    /// <param name="yTrue">True labels, length n ≥ 1.</param>
    /// <param name="probPositive">P(positive) per sample, length n.</param>
    /// <param name="labels">Optional two labels.</param>
    /// <param name="sampleWeight">Optional finite non-negative weights, length n.</param>
    /// <param name="normalize">Average (true) or sum (false).</param>
    /// <param name="eps">Clipping bound in (0, 0.5).</param>
    /// <exception cref="ArgumentException">As the (n, L) overload, or more than two labels.</exception>
    public static double LogLoss<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<double> probPositive, TLabel[]? labels = null,
        ReadOnlySpan<double> sampleWeight = default, bool normalize = true, double eps = MachineEpsilon)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        MetricChecks.SameLength(nameof(LogLoss), yTrue, probPositive, nameof(probPositive));
        if (!(eps > 0 && eps < 0.5)) throw new ArgumentException($"LogLoss: eps = {eps} must lie in (0, 0.5).", nameof(eps));
        var two = new double[yTrue.Length, 2];
        for (int i = 0; i < yTrue.Length; i++)
        {
            double p = probPositive[i];
            if (!double.IsFinite(p)) throw new ArgumentException($"LogLoss: probPositive[{i}] = {p} is not finite.", nameof(probPositive));
            p = Math.Clamp(p, eps, 1 - eps);
            two[i, 0] = 1 - p; two[i, 1] = p;
        }
        return LogLoss(yTrue, two, labels, sampleWeight, normalize, eps);
    }
}
