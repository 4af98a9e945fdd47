namespace Scratch.ML.Learn.Metrics;

public static partial class ClassificationMetrics
{
    /// <summary>
    /// The Brier score of a binary problem: <c>Σᵢ wᵢ ([yᵢ = posLabel] − pᵢ)² / Σᵢ wᵢ</c>.
    /// </summary>
    /// <param name="yTrue">True labels (at most two distinct), length n ≥ 1.</param>
    /// <param name="probPositive">Predicted P(posLabel) in [0, 1], length n.</param>
    /// <param name="posLabel">The positive label.</param>
    /// <param name="sampleWeight">Optional finite non-negative weights, length n, not all zero.</param>
    /// <exception cref="ArgumentException">Lengths differ, n = 0, more than two labels, a probability outside [0, 1], invalid weights.</exception>
    public static double BrierScore<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<double> probPositive, TLabel posLabel,
        ReadOnlySpan<double> sampleWeight = default)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        const string M = nameof(BrierScore);
        MetricChecks.SameLength(M, yTrue, probPositive, nameof(probPositive));
        var w = MetricChecks.Weights(M, sampleWeight, yTrue.Length);
        var distinct = MetricChecks.SortedUnion(yTrue, ReadOnlySpan<TLabel>.Empty);
        if (distinct.Length > 2)
            throw new ArgumentException($"{M}: only binary classification is supported; yTrue has {distinct.Length} labels.", nameof(yTrue));
        double s = 0, ws = 0;
        for (int i = 0; i < yTrue.Length; i++)
        {
            double p = probPositive[i];
            if (!(p >= 0 && p <= 1)) throw new ArgumentException($"{M}: probPositive[{i}] = {p} lies outside [0, 1].", nameof(probPositive));
            double d = (yTrue[i].Equals(posLabel) ? 1.0 : 0.0) - p;
            s += w[i] * d * d;
            ws += w[i];
        }
        if (ws == 0) throw new ArgumentException($"{M}: the sample weights sum to zero.", nameof(sampleWeight));
        return s / ws;
    }
}
