using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = log Σ exp(xᵢ)</c>, computed stably as <c>m + log Σ exp(xᵢ − m)</c> with m = max xᵢ, so no exponential
/// overflows and y ≥ m. If m is ±∞ the shift is 0 (all −∞ → −∞; any +∞ → +∞); any NaN → NaN; empty → −∞.
/// The exponentials are summed in float64 over blocks of 256. Derivative: ∂y/∂xᵢ = softmax(x)ᵢ.
/// </summary>
public readonly struct LogSumExpOperator<T> : IRowReduceOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public string Name => "logsumexp";

    /// <inheritdoc />
    public T Reduce(ReadOnlySpan<T> row)
    {
        if (row.IsEmpty) return T.NegativeInfinity;
        T m = TensorPrimitives.Max(row);
        T shift = T.IsFinite(m) ? m : T.Zero;
        Span<T> e = stackalloc T[256];
        double sum = 0;
        for (int i = 0; i < row.Length; i += e.Length)
        {
            var blk = row.Slice(i, Math.Min(e.Length, row.Length - i));
            var ei = e[..blk.Length];
            TensorPrimitives.Subtract(blk, shift, ei);
            TensorPrimitives.Exp(ei, ei);
            sum += double.CreateTruncating(TensorPrimitives.Sum<T>(ei));
        }
        return T.CreateTruncating(double.CreateTruncating(shift) + Math.Log(sum));
    }
}

public static partial class Tensor
{
    /// <summary>
    /// VJP of log-sum-exp: gx = g·exp(x − y), the softmax over the reduced axes, built from the saved output so it
    /// differentiates again (its derivative is the softmax Jacobian). A row of −∞ (y = −∞) gives NaN, as PyTorch.
    /// </summary>
    private static Tensor<T> LogSumExpVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = n.State<ReductionGradState>();
        return g.Reshape(s.KeepShape) * (n.Input(0) - n.Output.Reshape(s.KeepShape)).Exp();
    }

    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The log of the sum of exponentials of all elements (stable), as a 0-d tensor.</summary>
        public Tensor<T> LogSumExp() => Reductions.RecordReduce(Reductions.ReduceRows(x, default, false, new LogSumExpOperator<T>()), "logsumexp", x, default, LogSumExpVjp);

        /// <summary>The stable log-sum-exp along one axis.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        /// <remarks>Along a non-unit-stride axis of finite data it runs column-wise (max, shifted exp, sum, log) over whole memory rows.</remarks>
        public Tensor<T> LogSumExp(int axis, bool keepDims = false)
        {
            ArgumentNullException.ThrowIfNull(x);
            int a = Shapes.NormalizeAxis(axis, x.Rank);
            Tensor<T> y;
            using (Autograd.NoGrad())
            {
                // Infinite maxima need the row path's zero shift; NaN must propagate (Max and Min both see it).
                y = OuterAxis.Applies(x, a) && T.IsFinite(x.Max().ToScalar()) && T.IsFinite(x.Min().ToScalar())
                    ? OuterAxis.LogSumExp(x, a, keepDims)
                    : Reductions.ReduceRows(x, [a], keepDims, new LogSumExpOperator<T>());
            }
            return Reductions.RecordReduce(y, "logsumexp", x, [a], LogSumExpVjp);
        }

        /// <summary>The stable log-sum-exp over several axes (empty = all axes).</summary>
        /// <exception cref="ArgumentException">An axis is repeated.</exception>
        public Tensor<T> LogSumExp(ReadOnlySpan<int> axes, bool keepDims = false) => Reductions.RecordReduce(Reductions.ReduceRows(x, axes, keepDims, new LogSumExpOperator<T>()), "logsumexp", x, axes, LogSumExpVjp);
    }
}
