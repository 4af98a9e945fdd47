using System.Numerics;
using System.Numerics.Tensors;

namespace Scratch.ML;

/// <summary>
/// The fused CPU forward pass shared by layer and RMS normalisation: each row of D = prod(normalized_shape) trailing
/// elements is normalised in double precision, two passes (mean, then Σ(x − mean)² — no cancellation), then scaled
/// and shifted in one write. The slow reference twin is the composite of tensor ops in
/// <see cref="Reference{T}"/> (also the fallback on non-CPU devices).
/// </summary>
internal static class NormalizationKernel
{
    /// <summary>Axes of the last <paramref name="k"/> dimensions of a rank-<paramref name="rank"/> tensor.</summary>
    public static int[] TrailingAxes(int rank, int k)
    {
        var axes = new int[k];
        for (int i = 0; i < k; i++) axes[i] = rank - k + i;
        return axes;
    }

    /// <summary>Checks that x ends with <paramref name="normalizedShape"/> and that weight/bias have exactly that shape.</summary>
    public static void Validate<T>(string op, Tensor<T> x, ReadOnlySpan<int> normalizedShape, Tensor<T>? weight, Tensor<T>? bias, double eps) where T : unmanaged
    {
        if (normalizedShape.Length == 0)
            throw new ArgumentException($"{op}: normalizedShape must have at least one dimension.", nameof(normalizedShape));
        bool ok = x.Rank >= normalizedShape.Length;
        for (int i = 0; ok && i < normalizedShape.Length; i++) ok = x.Shape[x.Rank - normalizedShape.Length + i] == normalizedShape[i];
        if (!ok)
            throw new ArgumentException($"{op}: input must end with normalizedShape {Shapes.Format(normalizedShape)}, got {Shapes.Format(x.Shape)}.", nameof(x));
        if (weight is not null && !Shapes.Equal(weight.Shape, normalizedShape))
            throw new ArgumentException($"{op}: weight must have shape {Shapes.Format(normalizedShape)}, got {Shapes.Format(weight.Shape)}.", nameof(weight));
        if (bias is not null && !Shapes.Equal(bias.Shape, normalizedShape))
            throw new ArgumentException($"{op}: bias must have shape {Shapes.Format(normalizedShape)}, got {Shapes.Format(bias.Shape)}.", nameof(bias));
        if (!(eps >= 0) || double.IsInfinity(eps))
            throw new ArgumentOutOfRangeException(nameof(eps), eps, $"{op}: eps must be finite and >= 0.");
    }

    /// <summary>
    /// y = (x − μ)·rstd·w + b per row (center = true, layer norm) or y = x·rrms·w (center = false, RMS norm), with
    /// rstd = 1/√(var + eps) (biased variance), rrms = 1/√(mean(x²) + eps). x: (…, D) flattened to rows. Rows are split
    /// into chunks of about <see cref="Parallelism.ElementwiseThreshold"/> elements (boundaries independent of the
    /// thread count, so results are too).
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="axes">The trailing axes normalised over.</param>
    /// <param name="weight">w or null.</param>
    /// <param name="bias">b or null.</param>
    /// <param name="eps">The epsilon.</param>
    /// <param name="center">Layer norm (true) or RMS norm (false).</param>
    /// <param name="stats">Per row, the mean actually subtracted (0 for RMS) and rstd, for the fused backward; null off the CPU.</param>
    public static Tensor<T> Forward<T>(Tensor<T> x, int[] axes, Tensor<T>? weight, Tensor<T>? bias, double eps, bool center, out (double[] Mean, double[] Rstd)? stats)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        stats = null;
        if (!x.Device.Equals(Device.Cpu)) return Reference(x, axes, weight, bias, eps, center);
        int d = 1;
        foreach (int a in axes) d *= x.Shape[a];
        var xs = x.Contiguous();
        var src = xs.HostArray("LayerNorm");
        int srcOffset = xs.Offset;
        var y = Tensor<T>.Allocate(x.ShapeArray(), Device.Cpu);
        var dst = y.HostArray("LayerNorm");
        var w = weight?.Contiguous().ToArray();
        var b = bias?.Contiguous().ToArray();
        int rows = d == 0 ? 0 : x.Length / d;
        var means = new double[rows];
        var rstds = new double[rows];
        var (rowsPerChunk, chunks) = Chunking(rows, d);
        Parallelism.For(chunks, c =>
        {
            int end = Math.Min(rows, (c + 1) * rowsPerChunk);
            for (int r = c * rowsPerChunk; r < end; r++)
                (means[r], rstds[r]) = NormalizeRow(src.AsSpan(srcOffset + r * d, d), dst.AsSpan(r * d, d), w, b, eps, center);
        });
        stats = (means, rstds);
        return y;
    }

    // One row, vectorised: μ = Σx/D; c = x − μ; the corrected two-pass variance (Chan, Golub & LeVeque)
    // var = (Σc² − (Σc)²/D)/D removes the rounding error of μ; y = (c − δ)·rstd (δ = Σc/D), then ·w + b.
    private static (double Mean, double Rstd) NormalizeRow<T>(ReadOnlySpan<T> x, Span<T> y, T[]? w, T[]? b, double eps, bool center) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int d = x.Length;
        T n = T.CreateTruncating(d);
        T mean = center ? TensorPrimitives.Sum(x) / n : T.Zero;
        TensorPrimitives.Subtract(x, mean, y);
        double s = center ? double.CreateTruncating(TensorPrimitives.Sum<T>(y)) : 0;
        double ss = double.CreateTruncating(TensorPrimitives.SumOfSquares<T>(y));
        double variance = Math.Max((ss - s * s / d) / d, 0);
        T rstd = T.CreateTruncating(1.0 / Math.Sqrt(variance + eps));
        TensorPrimitives.Subtract(y, T.CreateTruncating(s / d), y);
        TensorPrimitives.Multiply(y, rstd, y);
        if (w is not null && b is not null) TensorPrimitives.FusedMultiplyAdd(y, w, b, y);
        else if (w is not null) TensorPrimitives.Multiply(y, w, y);
        else if (b is not null) TensorPrimitives.Add(y, b, y);
        return (double.CreateTruncating(mean) + s / d, double.CreateTruncating(rstd));
    }

    /// <summary>Rows per chunk (about <see cref="Parallelism.ElementwiseThreshold"/> elements) and the chunk count.</summary>
    public static (int RowsPerChunk, int Chunks) Chunking(int rows, int d)
    {
        int rowsPerChunk = Math.Max(1, Parallelism.ElementwiseThreshold / Math.Max(d, 1));
        return (rowsPerChunk, (rows + rowsPerChunk - 1) / rowsPerChunk);
    }

    /// <summary>The same maths as a composite of differentiable tensor ops over the trailing <paramref name="axes"/>
    /// (the reference twin of <see cref="Forward{T}"/>).</summary>
    public static Tensor<T> Reference<T>(Tensor<T> x, int[] axes, Tensor<T>? weight, Tensor<T>? bias, double eps, bool center) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xc = center ? x - x.Mean(axes, keepDims: true) : x;
        var y = xc * InverseRootMeanSquare(xc, axes, eps);
        if (weight is not null) y *= weight;
        if (bias is not null) y += bias;
        return y;
    }

    /// <summary>1/√(mean(c²) + eps) over <paramref name="axes"/> (kept), as exp(−½·log(·)) so that it is differentiable.</summary>
    public static Tensor<T> InverseRootMeanSquare<T>(Tensor<T> c, int[] axes, double eps) where T : unmanaged, IFloatingPointIeee754<T>
        => ((c.Square().Mean(axes, keepDims: true) + T.CreateChecked(eps)).Log() * T.CreateChecked(-0.5)).Exp();
}
