using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// Entry points for elementwise ops built on instance operators (<see cref="IMapOperator{TIn, TOut}"/>,
/// <see cref="IZipOperator{TIn, TOut}"/>): type-changing functions (casts, comparisons, predicates) and parameterised
/// ones (clamp, softplus). Allocation, broadcasting and device dispatch happen here, as <see cref="Elementwise"/>
/// does for the static operators.
/// </summary>
public static class ElementwiseMap
{
    /// <summary><c>y = op(x)</c> into a new contiguous tensor on x's device.</summary>
    public static Tensor<TOut> Map<TIn, TOut, TOp>(Tensor<TIn> x, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IMapOperator<TIn, TOut>
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor<TOut>.Allocate(x.ShapeArray(), x.Device);
        x.Device.Backend.Map<TIn, TOut, TOp>(x, y, op);
        return y;
    }

    /// <summary><c>x = op(x)</c> in place (through x's strides); returns x.</summary>
    public static Tensor<T> MapInPlace<T, TOp>(Tensor<T> x, TOp op) where T : unmanaged where TOp : struct, IMapOperator<T, T>
    {
        ArgumentNullException.ThrowIfNull(x);
        x.Device.Backend.Map<T, T, TOp>(x, x, op);
        return x;
    }

    /// <summary><c>y = op(a, b)</c> with NumPy broadcasting, into a new contiguous tensor.</summary>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast (both are named) or the devices differ.</exception>
    public static Tensor<TOut> Zip<TIn, TOut, TOp>(Tensor<TIn> a, Tensor<TIn> b, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IZipOperator<TIn, TOut>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Devices.RequireSame(op.Name, a, b);
        var shape = Shapes.Broadcast(a.Shape, b.Shape, op.Name);
        var y = Tensor<TOut>.Allocate(shape, a.Device);
        a.Device.Backend.Zip<TIn, TOut, TOp>(a.BroadcastView(shape), b.BroadcastView(shape), y, op);
        return y;
    }

    /// <summary><c>y = op(a, s)</c> for a scalar right operand.</summary>
    public static Tensor<TOut> Zip<TIn, TOut, TOp>(Tensor<TIn> a, TIn s, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IZipOperator<TIn, TOut>
    {
        ArgumentNullException.ThrowIfNull(a);
        return Zip<TIn, TOut, TOp>(a, Tensor.Scalar(s, a.Device), op);
    }

    /// <summary>
    /// <c>y = condition ? a : b</c> elementwise, with all three broadcast to one shape (NumPy's three-way
    /// broadcasting), into a new contiguous tensor.
    /// </summary>
    /// <exception cref="ArgumentException">The three shapes cannot be broadcast together (the pair is named) or the devices differ.</exception>
    public static Tensor<T> Where<T>(Tensor<bool> condition, Tensor<T> a, Tensor<T> b) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Devices.RequireSame("where", condition, a);
        Devices.RequireSame("where", a, b);
        var ab = Shapes.Broadcast(a.Shape, b.Shape, "where (a, b)");
        var shape = Shapes.Broadcast(condition.Shape, ab, "where (condition, a·b)");
        var y = Tensor<T>.Allocate(shape, a.Device);
        a.Device.Backend.Where(condition.BroadcastView(shape), a.BroadcastView(shape), b.BroadcastView(shape), y);
        return y;
    }
}
