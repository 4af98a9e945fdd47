using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// The shared entry points of reductions: axis normalisation (negative axes, repeats, an empty list meaning every
/// axis), the keep-dims output shape, allocation and device dispatch, so each op file declares only its operator and
/// its public methods.
/// </summary>
/// <remarks>
/// Output shapes follow NumPy: reducing axes of shape (2, 3, 4) over axis 1 gives (2, 4), or (2, 1, 4) with
/// <c>keepDims</c>; reducing over every axis gives a 0-d tensor.
/// </remarks>
public static class Reductions
{

    /// <summary>The shape with reduced axes set to 1.</summary>
    public static int[] KeepDimsShape(ReadOnlySpan<int> shape, int[] axes)
    {
        var s = shape.ToArray();
        foreach (int a in axes) s[a] = 1;
        return s;
    }

    /// <summary>The shape with reduced axes removed.</summary>
    public static int[] ReducedShape(ReadOnlySpan<int> shape, int[] axes)
    {
        var s = new List<int>(shape.Length);
        for (int i = 0; i < shape.Length; i++)
            if (Array.IndexOf(axes, i) < 0) s.Add(shape[i]);
        return s.ToArray();
    }

    /// <summary>Reduces x with the combine operator <typeparamref name="TOp"/>.</summary>
    public static Tensor<T> Reduce<T, TOp>(Tensor<T> x, ReadOnlySpan<int> axes, bool keepDims) where T : unmanaged where TOp : struct, IReduceOperator<TOp, T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var ax = Shapes.NormalizeAxes(axes, x.Rank);
        var y = Tensor<T>.Allocate(KeepDimsShape(x.Shape, ax), x.Device);
        x.Device.Backend.Reduce<T, TOp>(x, ax, y);
        return keepDims ? y : y.Reshape(ReducedShape(x.Shape, ax));
    }

    /// <summary>Reduces x with the whole-row operator <paramref name="op"/>.</summary>
    public static Tensor<T> ReduceRows<T, TOp>(Tensor<T> x, ReadOnlySpan<int> axes, bool keepDims, TOp op) where T : unmanaged where TOp : struct, IRowReduceOperator<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var ax = Shapes.NormalizeAxes(axes, x.Rank);
        var y = Tensor<T>.Allocate(KeepDimsShape(x.Shape, ax), x.Device);
        x.Device.Backend.ReduceRows(x, ax, y, op);
        return keepDims ? y : y.Reshape(ReducedShape(x.Shape, ax));
    }

    /// <summary>Applies the row operator <paramref name="op"/> along <paramref name="axis"/> into a new tensor.</summary>
    public static Tensor<T> TransformRows<T, TOp>(Tensor<T> x, int axis, TOp op) where T : unmanaged where TOp : struct, IRowTransformOperator<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var shape = x.ShapeArray();
        if (x.Rank == 0) x = x.Reshape(1);
        int a = Shapes.NormalizeAxis(axis, x.Rank);
        var y = Tensor<T>.Allocate(x.ShapeArray(), x.Device);
        x.Device.Backend.TransformRows(x, a, y, op);
        return shape.Length == 0 ? y.Reshape(shape) : y;
    }

    /// <summary>
    /// Records the VJP of a sum or mean over <paramref name="axes"/> (empty = all): the gradient, given keep-dims
    /// shape, broadcast back over the reduced axes (and divided by the count for a mean).
    /// </summary>
    internal static Tensor<T> RecordReduction<T>(Tensor<T> y, string op, Tensor<T> x, ReadOnlySpan<int> axes, bool mean) where T : unmanaged, System.Numerics.INumber<T>
    {
        if (!Autograd.IsRecording(x)) return y;
        var ax = Shapes.NormalizeAxes(axes, x.Rank);
        var keep = KeepDimsShape(x.Shape, ax);
        int count = 1;
        foreach (int a in ax) count *= x.Shape[a];
        return Autograd.Record(y, op, x, static (g, n) =>
        {
            var (keepShape, divisor) = n.State<(int[], int)>();
            var gx = g.Reshape(keepShape).BroadcastTo(n.Input(0).Shape);
            return divisor == 0 ? gx : gx / T.CreateChecked(divisor);
        }, (keep, mean ? count : 0));
    }

    /// <summary>
    /// Records the VJP of a general reduction over <paramref name="axes"/> (empty = all): the node's state is a
    /// <see cref="ReductionGradState"/> (sorted axes, keep-dims shape, reduced count, op-specific extra).
    /// </summary>
    internal static Tensor<T> RecordReduce<T>(Tensor<T> y, string op, Tensor<T> x, ReadOnlySpan<int> axes, UnaryVjp<T> vjp, object? extra = null) where T : unmanaged
    {
        if (!Autograd.IsRecording(x)) return y;
        var ax = Shapes.NormalizeAxes(axes, x.Rank);
        int count = 1;
        foreach (int a in ax) count *= x.Shape[a];
        return Autograd.Record(y, op, x, vjp, new ReductionGradState(ax, KeepDimsShape(x.Shape, ax), count, extra));
    }

    /// <summary>
    /// The mask of the elements of <paramref name="x"/> equal to the keep-dims extremum <paramref name="y"/> (NaN
    /// counts as equal to a NaN result), divided by the number of such elements per reduced group: the even split of
    /// the gradient between ties used by PyTorch's <c>amax</c>/<c>amin</c>. Computed without recording (a constant).
    /// </summary>
    internal static Tensor<T> EvenSplit<T>(Tensor<T> x, Tensor<T> y, int[] axes) where T : unmanaged, System.Numerics.INumber<T>
    {
        using (Autograd.NoGrad())
        {
            var xd = x.Detach();
            var yd = y.Detach();
            var hit = xd.Eq(yd).Or(xd.Ne(xd).And(yd.Ne(yd)));
            var mask = hit.Cast<T>();
            return mask / mask.Sum(axes, keepDims: true);
        }
    }
}

/// <summary>What a reduction's VJP needs (see <see cref="Reductions.RecordReduce{T}"/>).</summary>
/// <param name="Axes">The reduced axes, normalised and sorted.</param>
/// <param name="KeepShape">The output shape with the reduced axes kept as size 1 (the gradient is reshaped to it).</param>
/// <param name="Count">The number of elements reduced into each output element.</param>
/// <param name="Extra">Op-specific state (ddof, the norm order…).</param>
internal sealed record ReductionGradState(int[] Axes, int[] KeepShape, int Count, object? Extra);
