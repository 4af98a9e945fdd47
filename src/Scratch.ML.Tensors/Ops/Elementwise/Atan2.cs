using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = atan2(a, b), the angle of the point (b, a) in (−π, π]</c>. Special values: atan2(±0, +0) = ±0, atan2(±0, −0) = ±π, atan2(±∞, ±∞) = ±π/4 or ±3π/4. Derivative: ∂y/∂a = b/(a² + b²), ∂y/∂b = −a/(a² + b²).
/// </summary>
public readonly struct Atan2Operator<T> : IBinaryOperator<Atan2Operator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "atan2";
    /// <inheritdoc />
    public static T Invoke(T a, T b) => T.Atan2(a, b);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Atan2(a, b, y);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> y) => TensorPrimitives.Atan2(a, b, y);
    /// <inheritdoc />
    public static void Invoke(T a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Atan2(a, b, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = atan2(a</c> with broadcasting (see <see cref="Atan2Operator{T}"/>).</summary>
        public Tensor<T> Atan2(Tensor<T> b) => Autograd.Record(Elementwise.Binary<T, Atan2Operator<T>>(a, b), "atan2", a, b, Atan2Vjp);
        /// <summary>Elementwise <c>y = atan2(a</c> with a scalar <paramref name="b"/>.</summary>
        public Tensor<T> Atan2(T b) => Autograd.Record(Elementwise.BinaryScalar<T, Atan2Operator<T>>(a, b), "atan2", a,
            static (g, n) => g * n.State<T>() / (n.Input(0).Square() + n.State<T>() * n.State<T>()), b);
        /// <summary>In-place <c>y = atan2(a</c> (b broadcast to a's shape; a is never broadcast); returns a.</summary>
        public Tensor<T> Atan2InPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, Atan2Operator<T>>(a, b);
        /// <summary>In-place <c>y = atan2(a</c> with a scalar <paramref name="b"/>; returns a.</summary>
        public Tensor<T> Atan2InPlace(T b) => Elementwise.BinaryInPlace<T, Atan2Operator<T>>(a, Tensor.Scalar(b, a.Device));
    }
}

public static partial class Tensor
{
    // ∂y/∂a = b/(a² + b²), ∂y/∂b = −a/(a² + b²), summed over broadcast axes.
    private static (Tensor<T>?, Tensor<T>?) Atan2Vjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = n.Input(0);
        var b = n.Input(1);
        var gr = g / (a.Square() + b.Square());
        return (n.NeedsGrad(0) ? (gr * b).SumTo(a.Shape) : null,
                n.NeedsGrad(1) ? (-(gr * a)).SumTo(b.Shape) : null);
    }
}
