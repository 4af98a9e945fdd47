using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = Σ xᵢ</c>. The span kernel sums blocks of 1024 elements with <see cref="TensorPrimitives.Sum{T}(ReadOnlySpan{T})"/>
/// (SIMD lanes accumulate separately) and adds the block sums pairwise, so the float32 rounding error grows like
/// ε·(64 + log₂(n/1024))·Σ|xᵢ| instead of ε·n·Σ|xᵢ|. Empty sum = 0. Integer sums wrap on overflow (use long).
/// Derivative: ∂y/∂xᵢ = 1.
/// </summary>
public readonly struct SumOperator<T> : IReduceOperator<SumOperator<T>, T> where T : INumber<T>
{
    /// <summary>Elements per leaf block of the pairwise summation.</summary>
    public const int LeafBlock = 1024;

    /// <inheritdoc />
    public static string Name => "sum";
    /// <inheritdoc />
    public static T Identity => T.Zero;
    /// <inheritdoc />
    public static T Combine(T a, T b) => a + b;
    /// <inheritdoc />
    public static T Reduce(ReadOnlySpan<T> x) => PairwiseSum(x);
    /// <inheritdoc />
    public static void Start(ReadOnlySpan<T> x, Span<T> acc) => x.CopyTo(acc);
    /// <inheritdoc />
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Add(x, acc, acc);
    /// <inheritdoc />
    public static void Merge(ReadOnlySpan<T> partial, Span<T> acc) => TensorPrimitives.Add(partial, acc, acc);

    /// <summary>Blocked pairwise sum: TensorPrimitives.Sum on leaves of <see cref="LeafBlock"/> elements, halves added recursively.</summary>
    public static T PairwiseSum(ReadOnlySpan<T> x)
    {
        if (x.Length <= LeafBlock) return TensorPrimitives.Sum(x);
        int blocks = (x.Length + LeafBlock - 1) / LeafBlock;
        int half = blocks / 2 * LeafBlock;
        return PairwiseSum(x[..half]) + PairwiseSum(x[half..]);
    }
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>The sum of all elements, as a 0-d tensor (NumPy <c>x.sum()</c>). Empty → 0.</summary>
        public Tensor<T> Sum() => Reductions.RecordReduction(Reductions.Reduce<T, SumOperator<T>>(x, default, false), "sum", x, default, mean: false);

        /// <summary>The sum over one axis (negative counts from the end); <paramref name="keepDims"/> keeps it as size 1.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<T> Sum(int axis, bool keepDims = false) => Reductions.RecordReduction(Reductions.Reduce<T, SumOperator<T>>(x, [axis], keepDims), "sum", x, [axis], mean: false);

        /// <summary>The sum over several axes (empty = all axes).</summary>
        /// <exception cref="ArgumentOutOfRangeException">An axis is outside [−rank, rank).</exception>
        /// <exception cref="ArgumentException">An axis is repeated.</exception>
        public Tensor<T> Sum(ReadOnlySpan<int> axes, bool keepDims = false) => Reductions.RecordReduction(Reductions.Reduce<T, SumOperator<T>>(x, axes, keepDims), "sum", x, axes, mean: false);
    }
}
