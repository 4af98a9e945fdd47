using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = max xᵢ</c>. NaN propagates (any NaN gives NaN, as NumPy's <c>max</c>); max(−0, +0) = +0. Reducing zero
/// elements throws (no identity), as in NumPy. Derivative: 1 at the maximum, 0 elsewhere; the gradient is split evenly between tied maxima (PyTorch <c>amax</c>).
/// </summary>
public readonly struct MaxOperator<T> : IReduceOperator<MaxOperator<T>, T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static string Name => "max";
    /// <inheritdoc />
    public static T Identity => T.Zero;
    /// <inheritdoc />
    public static bool RequiresNonEmpty => true;
    /// <inheritdoc />
    public static T Combine(T a, T b) => T.Max(a, b);
    /// <inheritdoc />
    public static T Reduce(ReadOnlySpan<T> x) => MinMaxKernel.Reduce<T, PickMax<T>>(x);
    /// <inheritdoc />
    public static void Start(ReadOnlySpan<T> x, Span<T> acc) => x.CopyTo(acc);
    /// <inheritdoc />
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Max(acc, x, acc);
    /// <inheritdoc />
    public static void Merge(ReadOnlySpan<T> partial, Span<T> acc) => TensorPrimitives.Max(acc, partial, acc);
}

/// <summary>
/// <c>y = min xᵢ</c>. NaN propagates; min(−0, +0) = −0. Reducing zero elements throws (no identity).
/// Derivative: 1 at the minimum, 0 elsewhere; the gradient is split evenly between tied minima (PyTorch <c>amin</c>).
/// </summary>
public readonly struct MinOperator<T> : IReduceOperator<MinOperator<T>, T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static string Name => "min";
    /// <inheritdoc />
    public static T Identity => T.Zero;
    /// <inheritdoc />
    public static bool RequiresNonEmpty => true;
    /// <inheritdoc />
    public static T Combine(T a, T b) => T.Min(a, b);
    /// <inheritdoc />
    public static T Reduce(ReadOnlySpan<T> x) => MinMaxKernel.Reduce<T, PickMin<T>>(x);
    /// <inheritdoc />
    public static void Start(ReadOnlySpan<T> x, Span<T> acc) => x.CopyTo(acc);
    /// <inheritdoc />
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Min(acc, x, acc);
    /// <inheritdoc />
    public static void Merge(ReadOnlySpan<T> partial, Span<T> acc) => TensorPrimitives.Min(acc, partial, acc);
}

public static partial class Tensor
{
    /// <summary>
    /// VJP of max/min (values): the gradient goes to the elements equal to the result, split evenly between ties
    /// (PyTorch's <c>amax</c>/<c>amin</c> and full-reduction <c>max()</c>/<c>min()</c>; <c>torch.max(x, dim)</c> instead
    /// gives it all to the one index it returns). A NaN result sends the gradient to the NaN elements.
    /// </summary>
    private static Tensor<T> ExtremumVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, INumber<T>
    {
        var s = n.State<ReductionGradState>();
        var share = Reductions.EvenSplit(n.Input(0), n.Output.Reshape(s.KeepShape), s.Axes);
        return g.Reshape(s.KeepShape) * share;
    }

    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>The largest element, as a 0-d tensor. NaN propagates.</summary>
        /// <exception cref="ArgumentException">The tensor is empty (max has no identity).</exception>
        public Tensor<T> Max() => Reductions.RecordReduce(Reductions.Reduce<T, MaxOperator<T>>(x, default, false), "max", x, default, ExtremumVjp);

        /// <summary>The largest element along one axis.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        /// <exception cref="ArgumentException">The axis has size 0 while other axes do not.</exception>
        public Tensor<T> Max(int axis, bool keepDims = false) => Reductions.RecordReduce(Reductions.Reduce<T, MaxOperator<T>>(x, [axis], keepDims), "max", x, [axis], ExtremumVjp);

        /// <summary>The largest element over several axes (empty = all axes).</summary>
        /// <exception cref="ArgumentException">An axis is repeated, or a reduced axis has size 0.</exception>
        public Tensor<T> Max(ReadOnlySpan<int> axes, bool keepDims = false) => Reductions.RecordReduce(Reductions.Reduce<T, MaxOperator<T>>(x, axes, keepDims), "max", x, axes, ExtremumVjp);

        /// <summary>The smallest element, as a 0-d tensor. NaN propagates.</summary>
        /// <exception cref="ArgumentException">The tensor is empty (min has no identity).</exception>
        public Tensor<T> Min() => Reductions.RecordReduce(Reductions.Reduce<T, MinOperator<T>>(x, default, false), "min", x, default, ExtremumVjp);

        /// <summary>The smallest element along one axis.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        /// <exception cref="ArgumentException">The axis has size 0 while other axes do not.</exception>
        public Tensor<T> Min(int axis, bool keepDims = false) => Reductions.RecordReduce(Reductions.Reduce<T, MinOperator<T>>(x, [axis], keepDims), "min", x, [axis], ExtremumVjp);

        /// <summary>The smallest element over several axes (empty = all axes).</summary>
        /// <exception cref="ArgumentException">An axis is repeated, or a reduced axis has size 0.</exception>
        public Tensor<T> Min(ReadOnlySpan<int> axes, bool keepDims = false) => Reductions.RecordReduce(Reductions.Reduce<T, MinOperator<T>>(x, axes, keepDims), "min", x, axes, ExtremumVjp);
    }
}
