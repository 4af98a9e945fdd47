using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>yᵢ = exp(xᵢ − m) / Σⱼ exp(xⱼ − m)</c> along a row, m = max x (the shift cancels, and prevents overflow).
/// Per row: one max pass, one subtract+exp pass writing y, one sum, one scale — all on the row while it is in cache.
/// A row of −∞ (or containing +∞ or NaN) gives NaN, as in PyTorch. Derivative (VJP): gx = y ⊙ (gy − Σ gy ⊙ y).
/// </summary>
public readonly struct SoftmaxOperator<T> : IRowTransformOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public string Name => "softmax";

    /// <inheritdoc />
    public void Transform(ReadOnlySpan<T> x, Span<T> y)
    {
        if (x.IsEmpty) return;
        T m = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, m, y);
        TensorPrimitives.Exp(y, y);
        T s = SumOperator<T>.PairwiseSum(y);
        TensorPrimitives.Divide(y, s, y);
    }
}

/// <summary>
/// <c>yᵢ = xᵢ − m − log Σⱼ exp(xⱼ − m)</c> along a row (stable log-softmax; exp(y) sums to 1).
/// Derivative (VJP): gx = gy − exp(y)·Σ gy.
/// </summary>
public readonly struct LogSoftmaxOperator<T> : IRowTransformOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public string Name => "log_softmax";

    /// <inheritdoc />
    public void Transform(ReadOnlySpan<T> x, Span<T> y)
    {
        if (x.IsEmpty) return;
        T m = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, m, y);
        Span<T> e = stackalloc T[256];
        double sum = 0;
        for (int i = 0; i < y.Length; i += e.Length)
        {
            int n = Math.Min(e.Length, y.Length - i);
            TensorPrimitives.Exp(y.Slice(i, n), e[..n]);
            sum += double.CreateTruncating(TensorPrimitives.Sum<T>(e[..n]));
        }
        TensorPrimitives.Subtract(y, T.CreateTruncating(Math.Log(sum)), y);
    }
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The softmax along <paramref name="axis"/> (default: the last): non-negative, sums to 1 along the axis.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<T> Softmax(int axis = -1) => Reductions.TransformRows(x, axis, new SoftmaxOperator<T>());

        /// <summary>The log-softmax along <paramref name="axis"/>, computed stably (not as log of softmax).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<T> LogSoftmax(int axis = -1) => Reductions.TransformRows(x, axis, new LogSoftmaxOperator<T>());
    }
}
