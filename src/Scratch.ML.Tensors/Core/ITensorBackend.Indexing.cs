using System.Numerics;

namespace Scratch.ML;

// Indexing primitives: data-dependent addressing (gather/scatter through an index tensor, boolean masks). Each member
// has a default body that throws NotSupportedException naming the op and the device, so a backend that does not yet
// implement them still compiles and fails by name.
public partial interface ITensorBackend
{
    /// <summary>
    /// <c>destination[p] = source[p with axis coordinate replaced by index[p]]</c> for every position p of
    /// <paramref name="index"/>'s shape (PyTorch's <c>gather</c>). <paramref name="destination"/> has index's shape;
    /// for every other axis index's size is ≤ source's. Indices outside [0, source.Size(axis)) throw
    /// <see cref="IndexOutOfRangeException"/> before anything is written.
    /// </summary>
    void Gather<T>(Tensor<T> source, int axis, Tensor<long> index, Tensor<T> destination) where T : unmanaged
        => throw new NotSupportedException($"Gather has no kernel on device {Device}.");

    /// <summary>
    /// <c>destination[p with axis coordinate replaced by index[p]] = source[p]</c> for every position p of index's
    /// shape, in row-major order of p (so with repeated indices the last write wins, deterministically). Bounds are
    /// checked before anything is written.
    /// </summary>
    void Scatter<T>(Tensor<T> destination, int axis, Tensor<long> index, Tensor<T> source) where T : unmanaged
        => throw new NotSupportedException($"Scatter has no kernel on device {Device}.");

    /// <summary>
    /// Like <see cref="Scatter{T}"/> but accumulates: <c>destination[…] += source[p]</c>, summed in row-major order of p
    /// (deterministic: the same inputs give bitwise the same result for any thread count).
    /// </summary>
    void ScatterAdd<T>(Tensor<T> destination, int axis, Tensor<long> index, Tensor<T> source) where T : unmanaged, IAdditionOperators<T, T, T>
        => throw new NotSupportedException($"ScatterAdd has no kernel on device {Device}.");

    /// <summary>
    /// The elements of <paramref name="source"/> where <paramref name="mask"/> is true, in row-major order, as a new
    /// 1-d tensor. Both have the same (already broadcast) shape.
    /// </summary>
    Tensor<T> MaskedSelect<T>(Tensor<T> source, Tensor<bool> mask) where T : unmanaged
        => throw new NotSupportedException($"MaskedSelect has no kernel on device {Device}.");

    /// <summary><c>destination[p] = value</c> where <c>mask[p]</c>; mask is already broadcast to destination's shape.</summary>
    void MaskedFill<T>(Tensor<T> destination, Tensor<bool> mask, T value) where T : unmanaged
        => throw new NotSupportedException($"MaskedFill has no kernel on device {Device}.");

    /// <summary>
    /// The coordinates of the elements of <paramref name="source"/> that differ from <c>default(T)</c> (zero, false),
    /// in row-major order, as a new <c>(count, rank)</c> tensor.
    /// </summary>
    Tensor<long> Nonzero<T>(Tensor<T> source) where T : unmanaged
        => throw new NotSupportedException($"Nonzero has no kernel on device {Device}.");

    /// <summary>
    /// Advanced (integer-array) indexing of the leading axes: with k index tensors already broadcast to one shape B,
    /// <c>destination[p, r…] = source[indices[0][p], …, indices[k−1][p], r…]</c> for every p in B and every position r
    /// of source's remaining axes. Negative indices count from the end; indices outside [−n, n) throw
    /// <see cref="IndexOutOfRangeException"/> before anything is written.
    /// </summary>
    void IndexGather<T>(Tensor<T> source, Tensor<long>[] indices, Tensor<T> destination) where T : unmanaged
        => throw new NotSupportedException($"IndexGather has no kernel on device {Device}.");

    /// <summary>
    /// The write direction of <see cref="IndexGather{T}"/>: <c>destination[indices[0][p], …, r…] = values[p, r…]</c>
    /// (values already broadcast to <c>B + remaining axes</c>), in row-major order of p, so with repeated index tuples
    /// the last write wins. When <paramref name="accumulate"/> is true, values are added instead (in the same fixed
    /// order, so results are reproducible); that needs a numeric T and throws <see cref="NotSupportedException"/> for bool.
    /// </summary>
    void IndexPut<T>(Tensor<T> destination, Tensor<long>[] indices, Tensor<T> values, bool accumulate) where T : unmanaged
        => throw new NotSupportedException($"IndexPut has no kernel on device {Device}.");
}
