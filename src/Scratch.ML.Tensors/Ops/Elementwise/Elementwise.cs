using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// The shared entry points of elementwise ops: output allocation, broadcasting and device dispatch in one place, so
/// an op file only declares its operator struct and its public method.
/// </summary>
public static class Elementwise
{
    /// <summary><c>y = TOp(x)</c> into a new contiguous tensor on x's device.</summary>
    public static Tensor<T> Unary<T, TOp>(Tensor<T> x) where T : unmanaged where TOp : struct, IUnaryOperator<TOp, T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor<T>.Allocate(x.ShapeArray(), x.Device);
        x.Device.Backend.Unary<T, TOp>(x, y);
        return y;
    }

    /// <summary><c>x = TOp(x)</c> in place (through x's strides); returns x.</summary>
    public static Tensor<T> UnaryInPlace<T, TOp>(Tensor<T> x) where T : unmanaged where TOp : struct, IUnaryOperator<TOp, T>
    {
        ArgumentNullException.ThrowIfNull(x);
        Autograd.CheckInPlace(TOp.Name, x);
        x.Device.Backend.Unary<T, TOp>(x, x);
        return x;
    }

    /// <summary><c>y = TOp(a, b)</c> with NumPy broadcasting, into a new contiguous tensor.</summary>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast (both are named) or the devices differ.</exception>
    public static Tensor<T> Binary<T, TOp>(Tensor<T> a, Tensor<T> b) where T : unmanaged where TOp : struct, IBinaryOperator<TOp, T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Devices.RequireSame(TOp.Name, a, b);
        var shape = Shapes.Broadcast(a.Shape, b.Shape, TOp.Name);
        var y = Tensor<T>.Allocate(shape, a.Device);
        a.Device.Backend.Binary<T, TOp>(a.BroadcastView(shape), b.BroadcastView(shape), y);
        return y;
    }

    /// <summary><c>a = TOp(a, b)</c> in place; b is broadcast to a's shape (a itself is never broadcast). Returns a.</summary>
    /// <exception cref="ArgumentException">b cannot be broadcast to a's shape.</exception>
    public static Tensor<T> BinaryInPlace<T, TOp>(Tensor<T> a, Tensor<T> b) where T : unmanaged where TOp : struct, IBinaryOperator<TOp, T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Devices.RequireSame(TOp.Name, a, b);
        Autograd.CheckInPlace(TOp.Name, a);
        var shape = Shapes.Broadcast(a.Shape, b.Shape, TOp.Name);
        if (!Shapes.Equal(shape, a.Shape))
            throw new ArgumentException($"{TOp.Name} (in place): the result shape {Shapes.Format(shape)} differs from the destination shape {Shapes.Format(a.Shape)}; an in-place op cannot grow its destination.", nameof(b));
        a.Device.Backend.Binary<T, TOp>(a, b.BroadcastView(shape), a);
        return a;
    }

    /// <summary><c>y = TOp(a, s)</c> for a scalar right operand (broadcast as a 0-d tensor).</summary>
    public static Tensor<T> BinaryScalar<T, TOp>(Tensor<T> a, T s) where T : unmanaged where TOp : struct, IBinaryOperator<TOp, T>
        => Binary<T, TOp>(a, Tensor.Scalar(s, a.Device));

    /// <summary><c>y = TOp(s, b)</c> for a scalar left operand.</summary>
    public static Tensor<T> ScalarBinary<T, TOp>(T s, Tensor<T> b) where T : unmanaged where TOp : struct, IBinaryOperator<TOp, T>
        => Binary<T, TOp>(Tensor.Scalar(s, b.Device), b);
}
