namespace Scratch.ML.Learn.Metrics;

/// <summary>How <see cref="RegressionMetrics.R2(double[,], double[,], MultiOutput, ReadOnlySpan{double})"/> combines the scores of several outputs (scikit-learn's <c>multioutput</c>).</summary>
public enum MultiOutput
{
    /// <summary>Unweighted mean of the per-output scores (<c>uniform_average</c>).</summary>
    UniformAverage,
    /// <summary>Mean weighted by each output's (weighted) total sum of squares (<c>variance_weighted</c>).</summary>
    VarianceWeighted,
}

/// <summary>Regression metrics (scikit-learn's <c>sklearn.metrics</c> regression scores) on 1-d targets.</summary>
public static partial class RegressionMetrics
{
    /// <summary>The smallest denominator of <see cref="MeanAbsolutePercentageError(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>: float64 machine epsilon, as scikit-learn.</summary>
    public const double MapeEpsilon = 2.220446049250313e-16;

    private static double[] Check(string m, ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yPred, ReadOnlySpan<double> sampleWeight)
    {
        MetricChecks.SameLength(m, yTrue, yPred);
        MetricChecks.Finite(m, yTrue, nameof(yTrue));
        MetricChecks.Finite(m, yPred, nameof(yPred));
        var w = MetricChecks.Weights(m, sampleWeight, yTrue.Length);
        if (w.Sum() == 0) throw new ArgumentException($"{m}: the sample weights sum to zero.", nameof(sampleWeight));
        return w;
    }

    private static double WeightedMean(ReadOnlySpan<double> x, double[] w)
    {
        double s = 0, ws = 0;
        for (int i = 0; i < x.Length; i++) { s += x[i] * w[i]; ws += w[i]; }
        return s / ws;
    }

    /// <summary>Mean absolute error <c>Σ wᵢ|yᵢ − ŷᵢ| / Σ wᵢ</c>.</summary>
    /// <param name="yTrue">Targets, finite, length n ≥ 1.</param>
    /// <param name="yPred">Predictions, finite, length n.</param>
    /// <param name="sampleWeight">Optional finite non-negative weights, not all zero.</param>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, non-finite values, invalid weights.</exception>
    public static double MeanAbsoluteError(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yPred, ReadOnlySpan<double> sampleWeight = default)
    {
        var w = Check(nameof(MeanAbsoluteError), yTrue, yPred, sampleWeight);
        var e = new double[yTrue.Length];
        for (int i = 0; i < e.Length; i++) e[i] = Math.Abs(yPred[i] - yTrue[i]);
        return WeightedMean(e, w);
    }

    /// <summary>Mean squared error <c>Σ wᵢ(yᵢ − ŷᵢ)² / Σ wᵢ</c>.</summary>
    /// <inheritdoc cref="MeanAbsoluteError(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})" path="/param"/>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, non-finite values, invalid weights.</exception>
    public static double MeanSquaredError(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yPred, ReadOnlySpan<double> sampleWeight = default)
    {
        var w = Check(nameof(MeanSquaredError), yTrue, yPred, sampleWeight);
        var e = new double[yTrue.Length];
        for (int i = 0; i < e.Length; i++) { double d = yTrue[i] - yPred[i]; e[i] = d * d; }
        return WeightedMean(e, w);
    }

    /// <summary>Root mean squared error <c>√MSE</c> (scikit-learn 1.2's <c>mean_squared_error(squared=False)</c>).</summary>
    /// <inheritdoc cref="MeanAbsoluteError(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})" path="/param"/>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, non-finite values, invalid weights.</exception>
    public static double RootMeanSquaredError(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yPred, ReadOnlySpan<double> sampleWeight = default)
        => Math.Sqrt(MeanSquaredError(yTrue, yPred, sampleWeight));

    /// <summary>
    /// Mean absolute percentage error <c>Σ wᵢ |ŷᵢ − yᵢ| / max(|yᵢ|, ε) / Σ wᵢ</c> with ε = <see cref="MapeEpsilon"/>: a zero
    /// target gives a huge but finite term, as scikit-learn. The result is a fraction (0.1 = 10 %), not a percentage.
    /// </summary>
    /// <inheritdoc cref="MeanAbsoluteError(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})" path="/param"/>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, non-finite values, invalid weights.</exception>
    public static double MeanAbsolutePercentageError(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yPred, ReadOnlySpan<double> sampleWeight = default)
    {
        var w = Check(nameof(MeanAbsolutePercentageError), yTrue, yPred, sampleWeight);
        var e = new double[yTrue.Length];
        for (int i = 0; i < e.Length; i++) e[i] = Math.Abs(yPred[i] - yTrue[i]) / Math.Max(Math.Abs(yTrue[i]), MapeEpsilon);
        return WeightedMean(e, w);
    }

    /// <summary>
    /// Median absolute error: the median of <c>|yᵢ − ŷᵢ|</c> (mean of the two middle values for even n). With weights,
    /// scikit-learn's weighted percentile: the smallest sorted error whose cumulative weight reaches half the total (no
    /// interpolation).
    /// </summary>
    /// <inheritdoc cref="MeanAbsoluteError(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})" path="/param"/>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, non-finite values, invalid weights.</exception>
    public static double MedianAbsoluteError(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yPred, ReadOnlySpan<double> sampleWeight = default)
    {
        var w = Check(nameof(MedianAbsoluteError), yTrue, yPred, sampleWeight);
        int n = yTrue.Length;
        var e = new double[n];
        for (int i = 0; i < n; i++) e[i] = Math.Abs(yPred[i] - yTrue[i]);
        if (sampleWeight.IsEmpty)
        {
            Array.Sort(e);
            return n % 2 == 1 ? e[n / 2] : (e[n / 2 - 1] + e[n / 2]) / 2;
        }
        var order = Enumerable.Range(0, n).OrderBy(i => e[i]).ToArray();
        var cdf = new double[n];
        double c = 0;
        for (int r = 0; r < n; r++) { c += w[order[r]]; cdf[r] = c; }
        double target = 50.0 / 100 * cdf[n - 1];
        int idx = 0;
        while (idx < n && cdf[idx] < target) idx++;
        return e[order[Math.Min(idx, n - 1)]];
    }

    /// <summary>
    /// Coefficient of determination <c>R² = 1 − Σ wᵢ(yᵢ − ŷᵢ)² / Σ wᵢ(yᵢ − ȳ_w)²</c>. scikit-learn's
    /// <c>force_finite</c> conventions: a constant target gives 1 for a perfect prediction and 0 otherwise.
    /// </summary>
    /// <param name="yTrue">Targets, finite, length n ≥ 2 (R² is undefined for one sample).</param>
    /// <param name="yPred">Predictions, finite, length n.</param>
    /// <param name="sampleWeight">Optional finite non-negative weights, not all zero.</param>
    /// <exception cref="ArgumentException">Lengths differ, n &lt; 2, non-finite values, invalid weights.</exception>
    public static double R2(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yPred, ReadOnlySpan<double> sampleWeight = default)
    {
        var (num, den) = R2Parts(yTrue, yPred, sampleWeight);
        return Assemble(num, den);
    }

    private static (double Num, double Den) R2Parts(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yPred, ReadOnlySpan<double> sampleWeight)
    {
        var w = Check(nameof(R2), yTrue, yPred, sampleWeight);
        if (yTrue.Length < 2) throw new ArgumentException($"R2: at least 2 samples are needed, got {yTrue.Length}.", nameof(yTrue));
        double mean = WeightedMean(yTrue, w), num = 0, den = 0;
        for (int i = 0; i < yTrue.Length; i++)
        {
            double d = yTrue[i] - yPred[i], c = yTrue[i] - mean;
            num += w[i] * d * d;
            den += w[i] * c * c;
        }
        return (num, den);
    }

    private static double Assemble(double num, double den) => den != 0 ? 1 - num / den : num != 0 ? 0.0 : 1.0;

    /// <summary>
    /// Per-output R² of 2-d targets (scikit-learn's <c>multioutput="raw_values"</c>): column k scored as
    /// <see cref="R2(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>.
    /// </summary>
    /// <param name="yTrue">Targets (n, K), n ≥ 2.</param>
    /// <param name="yPred">Predictions (n, K).</param>
    /// <param name="sampleWeight">Optional weights, length n.</param>
    /// <exception cref="ArgumentException">Shapes differ, n &lt; 2, K = 0, non-finite values, invalid weights.</exception>
    public static double[] R2PerOutput(double[,] yTrue, double[,] yPred, ReadOnlySpan<double> sampleWeight = default)
        => R2Columns(yTrue, yPred, sampleWeight).Select(p => Assemble(p.Num, p.Den)).ToArray();

    /// <summary>
    /// R² of 2-d targets (n, K) averaged over the outputs: unweighted (<see cref="MultiOutput.UniformAverage"/>) or
    /// <c>1 − Σₖ numₖ / Σₖ denₖ</c> (<see cref="MultiOutput.VarianceWeighted"/>; a zero total gives 1 if every residual is
    /// 0, else 0).
    /// </summary>
    /// <param name="yTrue">Targets (n, K), n ≥ 2.</param>
    /// <param name="yPred">Predictions (n, K).</param>
    /// <param name="multiOutput">How outputs are combined.</param>
    /// <param name="sampleWeight">Optional weights, length n.</param>
    /// <exception cref="ArgumentException">Shapes differ, n &lt; 2, K = 0, non-finite values, invalid weights.</exception>
    public static double R2(double[,] yTrue, double[,] yPred, MultiOutput multiOutput, ReadOnlySpan<double> sampleWeight = default)
    {
        var parts = R2Columns(yTrue, yPred, sampleWeight);
        return multiOutput switch
        {
            MultiOutput.UniformAverage => parts.Select(p => Assemble(p.Num, p.Den)).Average(),
            MultiOutput.VarianceWeighted => VarianceWeighted(parts),
            _ => throw new ArgumentOutOfRangeException(nameof(multiOutput), multiOutput, "R2: unknown multioutput mode."),
        };
    }

    private static double VarianceWeighted((double Num, double Den)[] parts)
    {
        double den = parts.Sum(p => p.Den);
        if (den == 0) return parts.All(p => p.Num == 0) ? 1.0 : 0.0;
        double s = 0;
        foreach (var p in parts) s += p.Den * Assemble(p.Num, p.Den);
        return s / den;
    }

    private static (double Num, double Den)[] R2Columns(double[,] yTrue, double[,] yPred, ReadOnlySpan<double> sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        if (yTrue.GetLength(0) != yPred.GetLength(0) || yTrue.GetLength(1) != yPred.GetLength(1))
            throw new ArgumentException($"R2: yTrue is ({yTrue.GetLength(0)}, {yTrue.GetLength(1)}) but yPred is ({yPred.GetLength(0)}, {yPred.GetLength(1)}).", nameof(yPred));
        int n = yTrue.GetLength(0), k = yTrue.GetLength(1);
        if (k == 0) throw new ArgumentException("R2: no outputs.", nameof(yTrue));
        var parts = new (double, double)[k];
        var t = new double[n]; var p = new double[n];
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < n; i++) { t[i] = yTrue[i, j]; p[i] = yPred[i, j]; }
            parts[j] = R2Parts(t, p, sampleWeight);
        }
        return parts;
    }

    /// <summary>
    /// Explained variance <c>1 − Var_w(y − ŷ) / Var_w(y)</c> (weighted population variances), with scikit-learn's
    /// <c>force_finite</c> conventions for a constant target (1 if the residual variance is 0, else 0).
    /// </summary>
    /// <inheritdoc cref="MeanAbsoluteError(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})" path="/param"/>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, non-finite values, invalid weights.</exception>
    public static double ExplainedVariance(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yPred, ReadOnlySpan<double> sampleWeight = default)
    {
        var w = Check(nameof(ExplainedVariance), yTrue, yPred, sampleWeight);
        int n = yTrue.Length;
        var diff = new double[n];
        for (int i = 0; i < n; i++) diff[i] = yTrue[i] - yPred[i];
        double dMean = WeightedMean(diff, w), tMean = WeightedMean(yTrue, w);
        var a = new double[n]; var b = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = yTrue[i] - yPred[i] - dMean, v = yTrue[i] - tMean;
            a[i] = u * u; b[i] = v * v;
        }
        return Assemble(WeightedMean(a, w), WeightedMean(b, w));
    }

    /// <summary>The largest absolute residual <c>maxᵢ |yᵢ − ŷᵢ|</c> (no weights, as scikit-learn).</summary>
    /// <param name="yTrue">Targets, finite, length n ≥ 1.</param>
    /// <param name="yPred">Predictions, finite, length n.</param>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, non-finite values.</exception>
    public static double MaxError(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yPred)
    {
        Check(nameof(MaxError), yTrue, yPred, default);
        double m = 0;
        for (int i = 0; i < yTrue.Length; i++) m = Math.Max(m, Math.Abs(yTrue[i] - yPred[i]));
        return m;
    }
}
