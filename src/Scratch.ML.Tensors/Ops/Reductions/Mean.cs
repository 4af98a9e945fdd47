using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = (1/n) Σ xᵢ</c>: the pairwise sum of <see cref="SumOperator{T}"/> divided by the count n. The mean of zero
/// elements is NaN (0/0), as in NumPy. Derivative: ∂y/∂xᵢ = 1/n.
/// </summary>
public readonly struct MeanOperator<T> : IReduceOperator<MeanOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "mean";
    /// <inheritdoc />
    public static T Identity => T.Zero;
    /// <inheritdoc />
    public static T Combine(T a, T b) => a + b;
    /// <inheritdoc />
    public static T Reduce(ReadOnlySpan<T> x) => SumOperator<T>.PairwiseSum(x);
    /// <inheritdoc />
    public static void Start(ReadOnlySpan<T> x, Span<T> acc) => x.CopyTo(acc);
    /// <inheritdoc />
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Add(x, acc, acc);
    /// <inheritdoc />
    public static void Merge(ReadOnlySpan<T> partial, Span<T> acc) => TensorPrimitives.Add(partial, acc, acc);
    /// <inheritdoc />
    public static void Finish(Span<T> y, int count) => TensorPrimitives.Divide(y, T.CreateChecked(count), y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The mean of all elements, as a 0-d tensor. Empty → NaN.</summary>
        public Tensor<T> Mean() => Reductions.RecordReduction(Reductions.Reduce<T, MeanOperator<T>>(x, default, false), "mean", x, default, mean: true);

        /// <summary>The mean over one axis.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<T> Mean(int axis, bool keepDims = false) => Reductions.RecordReduction(Reductions.Reduce<T, MeanOperator<T>>(x, [axis], keepDims), "mean", x, [axis], mean: true);

        /// <summary>The mean over several axes (empty = all axes).</summary>
        /// <exception cref="ArgumentOutOfRangeException">An axis is outside [−rank, rank).</exception>
        /// <exception cref="ArgumentException">An axis is repeated.</exception>
        public Tensor<T> Mean(ReadOnlySpan<int> axes, bool keepDims = false) => Reductions.RecordReduction(Reductions.Reduce<T, MeanOperator<T>>(x, axes, keepDims), "mean", x, axes, mean: true);
    }
}
