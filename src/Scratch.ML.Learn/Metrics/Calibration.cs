namespace Scratch.ML.Learn.Metrics;

/// <summary>How <see cref="ClassificationMetrics.CalibrationCurve{TLabel}"/> places its bin edges.</summary>
public enum CalibrationStrategy
{
    /// <summary>Equal-width bins on [0, 1].</summary>
    Uniform,
    /// <summary>Edges at the quantiles of the predicted probabilities (numpy's linear percentile), so bins hold similar counts.</summary>
    Quantile,
}

/// <summary>A reliability diagram: for each non-empty bin, the observed positive fraction and the mean prediction.</summary>
/// <param name="ProbTrue">Fraction of positives in each non-empty bin.</param>
/// <param name="ProbPred">Mean predicted probability in each non-empty bin.</param>
public sealed record CalibrationCurveResult(double[] ProbTrue, double[] ProbPred);

public static partial class ClassificationMetrics
{
    /// <summary>
    /// The calibration (reliability) curve of scikit-learn 1.2: <paramref name="nBins"/> + 1 edges (uniform
    /// <c>i/nBins</c>, or the <c>i/nBins</c> quantiles of the predictions); a prediction p falls in bin
    /// <c>#{inner edges &lt; p}</c> (so a value equal to an edge goes to the lower bin); empty bins are omitted.
    /// Unweighted, as scikit-learn's.
    /// </summary>
    /// <param name="yTrue">True labels (at most two distinct), length n ≥ 1.</param>
    /// <param name="probPositive">Predicted P(posLabel) in [0, 1], length n.</param>
    /// <param name="posLabel">The positive label.</param>
    /// <param name="nBins">Number of bins, ≥ 1.</param>
    /// <param name="strategy">Bin edge placement.</param>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, more than two labels, probabilities outside [0, 1], nBins &lt; 1.</exception>
    public static CalibrationCurveResult CalibrationCurve<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<double> probPositive, TLabel posLabel,
        int nBins = 5, CalibrationStrategy strategy = CalibrationStrategy.Uniform)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        const string M = nameof(CalibrationCurve);
        MetricChecks.SameLength(M, yTrue, probPositive, nameof(probPositive));
        if (nBins < 1) throw new ArgumentOutOfRangeException(nameof(nBins), nBins, $"{M}: nBins must be ≥ 1.");
        for (int i = 0; i < probPositive.Length; i++)
            if (!(probPositive[i] >= 0 && probPositive[i] <= 1))
                throw new ArgumentException($"{M}: probPositive[{i}] = {probPositive[i]} lies outside [0, 1].", nameof(probPositive));
        var distinct = MetricChecks.SortedUnion(yTrue, ReadOnlySpan<TLabel>.Empty);
        if (distinct.Length > 2) throw new ArgumentException($"{M}: only binary classification is supported; yTrue has {distinct.Length} labels.", nameof(yTrue));
        var edges = new double[nBins + 1];
        double step = 1.0 / nBins;
        if (strategy == CalibrationStrategy.Uniform)
        {
            for (int i = 0; i < nBins; i++) edges[i] = i * step;
            edges[nBins] = 1.0;
        }
        else if (strategy == CalibrationStrategy.Quantile)
        {
            var sorted = probPositive.ToArray();
            Array.Sort(sorted);
            for (int i = 0; i <= nBins; i++)
            {
                double q = i == nBins ? 1.0 : i * step;
                edges[i] = Percentile(sorted, q * 100 / 100);
            }
        }
        else throw new ArgumentOutOfRangeException(nameof(strategy), strategy, $"{M}: unknown strategy.");
        var sum = new double[nBins + 1]; var pos = new double[nBins + 1]; var count = new double[nBins + 1];
        for (int i = 0; i < probPositive.Length; i++)
        {
            double p = probPositive[i];
            int b = 0;
            for (int e = 1; e < nBins; e++) if (edges[e] < p) b++;
            sum[b] += p;
            pos[b] += yTrue[i].Equals(posLabel) ? 1 : 0;
            count[b]++;
        }
        var t = new List<double>(); var pp = new List<double>();
        for (int b = 0; b <= nBins; b++)
            if (count[b] != 0) { t.Add(pos[b] / count[b]); pp.Add(sum[b] / count[b]); }
        return new CalibrationCurveResult(t.ToArray(), pp.ToArray());
    }

    /// <summary>numpy 1.24's linear-interpolation quantile of sorted data: virtual index (n − 1)·q, lerp as numpy's <c>_lerp</c>.</summary>
    internal static double Percentile(double[] sorted, double q)
    {
        int n = sorted.Length;
        double v = (n - 1) * q;
        if (v >= n - 1) return sorted[n - 1];
        if (v < 0) return sorted[0];
        int lo = (int)Math.Floor(v);
        double g = v - lo, a = sorted[lo], b = sorted[lo + 1], d = b - a;
        return g >= 0.5 ? b - d * (1 - g) : a + d * g;
    }
}
