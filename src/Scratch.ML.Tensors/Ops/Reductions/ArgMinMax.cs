using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Cpu;

namespace Scratch.ML;

/// <summary>Picks the extreme value of a non-empty span (NaN-propagating) for <see cref="ArgExtremum{T, TSel}"/>.</summary>
internal interface IExtremumSelector<T>
{
    static abstract T Extreme(ReadOnlySpan<T> x);
}

internal readonly struct MaxSelector<T> : IExtremumSelector<T> where T : INumber<T>
{
    public static T Extreme(ReadOnlySpan<T> x) => TensorPrimitives.Max(x);
}

internal readonly struct MinSelector<T> : IExtremumSelector<T> where T : INumber<T>
{
    public static T Extreme(ReadOnlySpan<T> x) => TensorPrimitives.Min(x);
}

/// <summary>
/// The index of the first extreme element of a row: find the extreme value m with a SIMD reduction (which returns
/// NaN if any element is NaN), then the first position holding m (holding NaN, or comparing equal to m, so −0 and +0
/// tie and the earlier wins) — exactly NumPy's <c>argmax</c>/<c>argmin</c>.
/// </summary>
internal readonly struct ArgExtremum<T, TSel> : IRowFunction<T, long> where T : INumber<T> where TSel : IExtremumSelector<T>
{
    public long Apply(ReadOnlySpan<T> row)
    {
        T m = TSel.Extreme(row);
        if (T.IsNaN(m))
        {
            for (int i = 0; i < row.Length; i++)
                if (T.IsNaN(row[i])) return i;
        }
        for (int i = 0; i < row.Length; i++)
            if (row[i] == m) return i;
        return 0;
    }
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>
        /// The flat (row-major) index of the first maximum, as a 0-d <see cref="long"/> tensor (NumPy <c>argmax()</c>).
        /// A NaN counts as the maximum: the index of the first NaN is returned.
        /// </summary>
        /// <exception cref="ArgumentException">The tensor is empty.</exception>
        public Tensor<long> ArgMax() => ArgReduce(x, null, false, true);

        /// <summary>The index along <paramref name="axis"/> of the first maximum (first NaN if any).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        /// <exception cref="ArgumentException">The axis has size 0.</exception>
        public Tensor<long> ArgMax(int axis, bool keepDims = false) => ArgReduce(x, axis, keepDims, true);

        /// <summary>The flat index of the first minimum (first NaN if any), as a 0-d tensor.</summary>
        /// <exception cref="ArgumentException">The tensor is empty.</exception>
        public Tensor<long> ArgMin() => ArgReduce(x, null, false, false);

        /// <summary>The index along <paramref name="axis"/> of the first minimum (first NaN if any).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        /// <exception cref="ArgumentException">The axis has size 0.</exception>
        public Tensor<long> ArgMin(int axis, bool keepDims = false) => ArgReduce(x, axis, keepDims, false);
    }

    private static Tensor<long> ArgReduce<T>(Tensor<T> x, int? axis, bool keepDims, bool max) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        string op = max ? "ArgMax" : "ArgMin";
        int[] axes = axis is int a ? [Shapes.NormalizeAxis(a, x.Rank)] : Shapes.NormalizeAxes(default, x.Rank);
        long count = 1;
        foreach (int i in axes) count *= x.shape[i];
        if (count == 0)
            throw new ArgumentException($"{op}: cannot take the {(max ? "maximum" : "minimum")} of an empty sequence (tensor of shape {Shapes.Format(x.Shape)}, axes {Shapes.Format(axes)}).", nameof(x));
        var y = Tensor<long>.Allocate(Reductions.KeepDimsShape(x.Shape, axes), x.Device);
        x.Device.Backend.ArgReduce(x, axes, y, max);
        return keepDims ? y : y.Reshape(Reductions.ReducedShape(x.Shape, axes));
    }
}
