using System.Numerics;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// Inclusive prefix sum <c>yᵢ = Σ_{j≤i} xⱼ</c> along a row, accumulated left to right in T (as NumPy's
/// <c>cumsum</c>). Derivative (VJP): gx = reverse-cumsum(gy).
/// </summary>
public readonly struct CumsumOperator<T> : IRowTransformOperator<T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public string Name => "cumsum";

    /// <inheritdoc />
    public void Transform(ReadOnlySpan<T> x, Span<T> y)
    {
        T acc = T.Zero;
        for (int i = 0; i < x.Length; i++) y[i] = acc += x[i];
    }
}

/// <summary>Inclusive prefix product <c>yᵢ = Π_{j≤i} xⱼ</c> along a row.</summary>
public readonly struct CumprodOperator<T> : IRowTransformOperator<T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public string Name => "cumprod";

    /// <inheritdoc />
    public void Transform(ReadOnlySpan<T> x, Span<T> y)
    {
        T acc = T.One;
        for (int i = 0; i < x.Length; i++) y[i] = acc *= x[i];
    }
}

/// <summary>
/// <c>yᵢ = log Σ_{j≤i} exp(xⱼ)</c> along a row, as a running stable log-add-exp:
/// <c>logaddexp(a, b) = max(a, b) + log1p(exp(−|a − b|))</c> (−∞ is the identity). Never overflows.
/// </summary>
public readonly struct LogCumSumExpOperator<T> : IRowTransformOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public string Name => "logcumsumexp";

    /// <inheritdoc />
    public void Transform(ReadOnlySpan<T> x, Span<T> y)
    {
        T acc = T.NegativeInfinity;
        for (int i = 0; i < x.Length; i++) y[i] = acc = LogAddExp(acc, x[i]);
    }

    /// <summary>The stable <c>log(exp(a) + exp(b))</c>.</summary>
    public static T LogAddExp(T a, T b)
    {
        if (T.IsNaN(a) || T.IsNaN(b)) return T.NaN;
        if (T.IsNegativeInfinity(a)) return b;
        if (T.IsNegativeInfinity(b)) return a;
        T m = T.Max(a, b);
        if (T.IsPositiveInfinity(m)) return m;
        return m + T.LogP1(T.Exp(-T.Abs(a - b)));
    }
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>The cumulative sum along <paramref name="axis"/> (same shape as x).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<T> Cumsum(int axis) => Reductions.TransformRows(x, axis, new CumsumOperator<T>());

        /// <summary>The cumulative product along <paramref name="axis"/> (same shape as x).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<T> Cumprod(int axis) => Reductions.TransformRows(x, axis, new CumprodOperator<T>());
    }

    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The cumulative log-sum-exp along <paramref name="axis"/>, computed stably.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<T> LogCumSumExp(int axis) => Reductions.TransformRows(x, axis, new LogCumSumExpOperator<T>());
    }
}
