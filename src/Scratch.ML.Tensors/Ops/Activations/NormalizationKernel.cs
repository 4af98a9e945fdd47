using System.Numerics;

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
    /// rstd = 1/√(var + eps) (biased variance), rrms = 1/√(mean(x²) + eps). x: (…, D) flattened to rows.
    /// </summary>
    public static Tensor<T> Forward<T>(Tensor<T> x, int[] axes, Tensor<T>? weight, Tensor<T>? bias, double eps, bool center) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!x.Device.Equals(Device.Cpu)) return Reference(x, axes, weight, bias, eps, center);
        int d = 1;
        foreach (int a in axes) d *= x.Shape[a];
        var xs = x.Contiguous();
        var src = xs.AsSpan();
        var y = Tensor<T>.Allocate(x.ShapeArray(), Device.Cpu);
        var dst = y.AsSpan();
        var w = weight?.Contiguous().ToArray();
        var b = bias?.Contiguous().ToArray();
        int rows = d == 0 ? 0 : x.Length / d;
        for (int r = 0; r < rows; r++)
        {
            var row = src.Slice(r * d, d);
            var outRow = dst.Slice(r * d, d);
            double mean = 0;
            if (center)
            {
                for (int i = 0; i < d; i++) mean += double.CreateTruncating(row[i]);
                mean /= d;
            }
            double ss = 0;
            for (int i = 0; i < d; i++)
            {
                double c = double.CreateTruncating(row[i]) - mean;
                ss += c * c;
            }
            double scale = 1.0 / Math.Sqrt(ss / d + eps);
            for (int i = 0; i < d; i++)
            {
                double v = (double.CreateTruncating(row[i]) - mean) * scale;
                if (w is not null) v *= double.CreateTruncating(w[i]);
                if (b is not null) v += double.CreateTruncating(b[i]);
                outRow[i] = T.CreateTruncating(v);
            }
        }
        return y;
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
