using System.Numerics;

namespace Scratch.ML;

/// <summary>
/// The differentiable building blocks of the structural ops' VJPs, callable from code generic over any unmanaged
/// element type (gather, scatter, indexing and the copying ops accept integers too, but gradients exist only for
/// float and double, so these dispatch once on the element type to the constrained public ops). Everything here is
/// written with recorded public ops, so a VJP built from it is differentiable again.
/// </summary>
internal static class StructuralGrads
{
    /// <summary>
    /// The adjoint of a gather: a zero tensor of <paramref name="shape"/> with <paramref name="g"/> added at
    /// <c>[p₀, …, index[p], …]</c> (repeated indices accumulate). Its own VJP is the gather again (through
    /// <see cref="Tensor.ScatterAdd{T}"/>), so second derivatives work.
    /// </summary>
    /// <param name="g">The gradient of the gathered values, shaped like <paramref name="index"/>.</param>
    /// <param name="shape">The shape of the tensor that was gathered from.</param>
    /// <param name="axis">The (normalised) gather axis.</param>
    /// <param name="index">The gather indices.</param>
    public static Tensor<T> IndexAddIntoZeros<T>(Tensor<T> g, int[] shape, int axis, Tensor<long> index) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (Tensor<T>)(object)IndexAdd((Tensor<float>)(object)g, shape, axis, index);
        if (typeof(T) == typeof(double)) return (Tensor<T>)(object)IndexAdd((Tensor<double>)(object)g, shape, axis, index);
        throw NotFloat<T>();
    }

    private static Tensor<U> IndexAdd<U>(Tensor<U> g, int[] shape, int axis, Tensor<long> index) where U : unmanaged, INumber<U>
        => Tensor.Zeros<U>(g.Device, shape).ScatterAdd(axis, index, g);

    /// <summary>Sums <paramref name="g"/> over <paramref name="axes"/> (recorded).</summary>
    public static Tensor<T> Sum<T>(Tensor<T> g, int[] axes, bool keepDims) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (Tensor<T>)(object)((Tensor<float>)(object)g).Sum(axes, keepDims);
        if (typeof(T) == typeof(double)) return (Tensor<T>)(object)((Tensor<double>)(object)g).Sum(axes, keepDims);
        throw NotFloat<T>();
    }

    /// <summary>
    /// Grows <paramref name="g"/> with zeros at the end of each axis up to <paramref name="shape"/> (a constant pad,
    /// recorded): the adjoint of reading the leading corner of a larger tensor.
    /// </summary>
    public static Tensor<T> PadTo<T>(Tensor<T> g, int[] shape) where T : unmanaged
    {
        if (Shapes.Equal(g.Shape, shape)) return g;
        var pad = new int[2 * shape.Length];
        for (int d = 0; d < shape.Length; d++) pad[2 * (shape.Length - 1 - d) + 1] = shape[d] - g.Shape[d];
        return g.Pad(pad);
    }

    /// <summary>
    /// A constant pad that places <paramref name="piece"/> at <c>[start, start + piece.Size(axis))</c> of an axis of
    /// <paramref name="size"/> elements, zeros elsewhere (recorded).
    /// </summary>
    public static Tensor<T> Embed<T>(Tensor<T> piece, int axis, int start, int size) where T : unmanaged
    {
        int rank = piece.Rank;
        var pad = new int[2 * rank];
        pad[2 * (rank - 1 - axis)] = start;
        pad[2 * (rank - 1 - axis) + 1] = size - start - piece.Shape[axis];
        return piece.Pad(pad);
    }

    /// <summary>
    /// The "last write wins" mask of a scatter with repeated targets: true at position p of the written values when
    /// the write from p is the one that survives. <paramref name="scatter"/> writes its long argument into the
    /// given long tensor; <paramref name="gather"/> reads the targets back.
    /// </summary>
    public static Tensor<bool> Winners(int[] valueShape, int[] targetShape, Device device,
        Func<Tensor<long>, Tensor<long>, Tensor<long>> scatter, Func<Tensor<long>, Tensor<long>> gather)
    {
        var ids = new long[Shapes.Numel(valueShape)];
        for (int i = 0; i < ids.Length; i++) ids[i] = i;
        var idTensor = Tensor.FromSpan<long>(ids, [ids.Length], device).Reshape(valueShape);
        var written = scatter(Tensor.Full(-1L, device, targetShape), idTensor);
        return gather(written).Eq(idTensor);
    }

    /// <summary><paramref name="g"/> with zeros where <paramref name="keep"/> is false (recorded).</summary>
    public static Tensor<T> KeepWhere<T>(Tensor<T> g, Tensor<bool> keep) where T : unmanaged
        => g.MaskedFill(keep.Not(), default);

    /// <summary><paramref name="g"/> summed down to <paramref name="shape"/> (undoes broadcasting; recorded).</summary>
    public static Tensor<T> SumTo<T>(Tensor<T> g, int[] shape) where T : unmanaged => GradMath.SumTo(g, shape);

    private static NotSupportedException NotFloat<T>() => new($"Gradients are defined for float and double tensors only, not {typeof(T).Name}.");
}
