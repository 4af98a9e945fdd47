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

/// <summary><c>y = exp(a − b)</c>: the shifted exponential of softmax over an outer axis (b is the broadcast max).</summary>
internal readonly struct ShiftedExpOperator<T> : IBinaryOperator<ShiftedExpOperator<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string Name => "softmax_shifted_exp";
    public static T Invoke(T a, T b) => T.Exp(a - b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y)
    {
        TensorPrimitives.Subtract(a, b, y);
        TensorPrimitives.Exp(y, y);
    }
}

/// <summary><c>y = a / b</c>: the normalisation of softmax over an outer axis (b is the broadcast sum).</summary>
internal readonly struct SoftmaxNormalizeOperator<T> : IBinaryOperator<SoftmaxNormalizeOperator<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string Name => "softmax_normalize";
    public static T Invoke(T a, T b) => a / b;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Divide(a, b, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The softmax along <paramref name="axis"/> (default: the last): non-negative, sums to 1 along the axis.</summary>
        /// <remarks>
        /// Along a unit-stride axis each row is processed in one fused pass while it is in cache. Along any other axis
        /// (e.g. axis 0 of a row-major matrix) rows are not contiguous, so the same maths runs column-wise over whole
        /// rows of memory instead: m = max over the axis (row-accumulation reduction), y = exp(x − m) (broadcast
        /// elementwise), s = Σ y over the axis, y /= s — four vectorised streaming passes, no transposition.
        /// </remarks>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<T> Softmax(int axis = -1)
        {
            ArgumentNullException.ThrowIfNull(x);
            if (x.Rank == 0) return Reductions.TransformRows(x, axis, new SoftmaxOperator<T>());
            int a = Shapes.NormalizeAxis(axis, x.Rank);
            Tensor<T> result;
            using (Autograd.NoGrad())
            {
                if (!OuterAxis.Applies(x, a)) result = Reductions.TransformRows(x, a, new SoftmaxOperator<T>());
                else
                {
                    var m = Reductions.Reduce<T, MaxOperator<T>>(x, [a], keepDims: true);
                    var y = Elementwise.Binary<T, ShiftedExpOperator<T>>(x, m);
                    var s = Reductions.Reduce<T, SumOperator<T>>(y, [a], keepDims: true);
                    result = Elementwise.BinaryInPlace<T, SoftmaxNormalizeOperator<T>>(y, s);
                }
            }
            // ∂L/∂x = y ⊙ (g − Σ_axis g ⊙ y)
            return Autograd.Record(result, "softmax", x, static (g, n) =>
            {
                var y = n.Output;
                return y * (g - (g * y).Sum(n.State<int>(), keepDims: true));
            }, a);
        }

        /// <summary>The log-softmax along <paramref name="axis"/>, computed stably (not as log of softmax); along a non-unit-stride axis column-wise like <c>Softmax</c>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<T> LogSoftmax(int axis = -1)
        {
            ArgumentNullException.ThrowIfNull(x);
            if (x.Rank == 0) return Reductions.TransformRows(x, axis, new LogSoftmaxOperator<T>());
            int a = Shapes.NormalizeAxis(axis, x.Rank);
            var result = OuterAxis.Applies(x, a) ? OuterAxis.LogSoftmax(x, a) : Reductions.TransformRows(x, a, new LogSoftmaxOperator<T>());
            // ∂L/∂x = g − softmax(x) ⊙ Σ_axis g, with softmax(x) = exp(y)
            return Autograd.Record(result, "log_softmax", x, static (g, n) => g - n.Output.Exp() * g.Sum(n.State<int>(), keepDims: true), a);
        }
    }
}
