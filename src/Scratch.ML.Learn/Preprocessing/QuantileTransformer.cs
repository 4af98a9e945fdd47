using System.Numerics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>The target distribution of <see cref="QuantileTransformer"/>.</summary>
public enum QuantileOutput
{
    /// <summary>Uniform on [0, 1].</summary>
    Uniform,
    /// <summary>Standard normal, clipped to ±Φ⁻¹(1 − (1e-7 − ε)) ≈ ±5.199.</summary>
    Normal,
}

/// <summary>
/// Maps each feature through its empirical CDF, as scikit-learn 1.2's <c>QuantileTransformer</c>. Fit stores, per column,
/// the quantiles <c>Q_i = percentile(column, 100·r_i)</c> at the references <c>r = linspace(0, 1, m)</c>, m =
/// min(<see cref="NQuantiles"/>, n) (NumPy 'linear' percentile ignoring NaN, then made non-decreasing by a running
/// maximum). Transform computes <c>u = ½·(interp(x, Q, r) − interp(−x, −Q[::-1], −r[::-1]))</c> (NumPy's interp
/// forwards and backwards, so a run of equal quantiles maps to its middle reference), sets u = 0 / 1 at the ends
/// (x = Q₀ / x = Q_{m−1} for uniform output; x − 1e-7 &lt; Q₀ / x + 1e-7 &gt; Q_{m−1} for normal output), and for normal
/// output returns <c>Φ⁻¹(u)</c> clipped to ±Φ⁻¹(1 − (1e-7 − ε)). Values outside the training range map to the end
/// values. NaN is ignored by Fit and passes through. Subsampling is not implemented: Fit uses every row and rejects
/// n &gt; <see cref="Subsample"/> rather than silently differing from scikit-learn.
/// </summary>
/// <param name="NQuantiles">The number of quantiles m, ≥ 1 (default 1000; capped at n).</param>
/// <param name="OutputDistribution">Uniform (default) or normal output.</param>
/// <param name="Subsample">The most rows Fit accepts, ≥ 1 (default 100 000, scikit-learn's subsample size).</param>
public sealed record QuantileTransformer(int NQuantiles = 1000, QuantileOutput OutputDistribution = QuantileOutput.Uniform, int Subsample = 100_000) : ITransformer
{
    /// <summary>scikit-learn's BOUNDS_THRESHOLD.</summary>
    internal const double BoundsThreshold = 1e-7;

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(NQuantiles, OutputDistribution, Subsample);

    private static EstimatorCapabilities ValidateAndDescribe(int nQuantiles, QuantileOutput output, int subsample)
    {
        if (nQuantiles < 1) throw new ArgumentOutOfRangeException(nameof(NQuantiles), nQuantiles, $"QuantileTransformer: NQuantiles must be at least 1, got {nQuantiles}.");
        if (!Enum.IsDefined(output)) throw new ArgumentOutOfRangeException(nameof(OutputDistribution), output, $"QuantileTransformer: OutputDistribution must be Uniform or Normal, got {(int)output}.");
        if (subsample < 1) throw new ArgumentOutOfRangeException(nameof(Subsample), subsample, $"QuantileTransformer: Subsample must be at least 1, got {subsample}.");
        return new(EstimatorKind.Transformer, Supervised: false, HandlesMissingValues: true, HasInverseTransform: true);
    }

    /// <summary>Learns the quantiles of every column of x: (n, d), ignoring NaN.</summary>
    /// <exception cref="ArgumentException">x is not an (n, d) matrix with n, d ≥ 1, holds ±∞, has an all-NaN column, or n &gt; Subsample.</exception>
    public QuantileTransformerModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(nameof(QuantileTransformer), x, allowNaN: true);
        int n = xs.Shape[0], d = xs.Shape[1];
        if (n > Subsample)
            throw new ArgumentException($"QuantileTransformer: x has {n} rows but Subsample is {Subsample}; subsampling is not implemented, raise Subsample to fit on every row.", nameof(x));
        int m = Math.Min(NQuantiles, n);
        var r = QuantileTransformerModel<T>.References(m);
        var q = new T[m * d];
        for (int j = 0; j < d; j++)
        {
            var col = PreprocessingMath.Column<T>(xs.AsSpan(), n, d, j, skipNaN: true);
            if (col.Length == 0) throw new ArgumentException($"QuantileTransformer: column {j} of x is all NaN; its quantiles are undefined.", nameof(x));
            Array.Sort(col);
            double run = double.NegativeInfinity;
            for (int i = 0; i < m; i++)
            {
                run = Math.Max(run, PreprocessingMath.Percentile(col, r[i] * 100));   // np.maximum.accumulate
                q[i * d + j] = T.CreateTruncating(run);
            }
        }
        return new QuantileTransformerModel<T>(this, Tensor.FromArray(q, m, d));
    }

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);
}
