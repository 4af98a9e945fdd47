using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = √(a² + b²) without intermediate overflow or underflow</c>. Special values: hypot(±∞, NaN) = +∞, hypot(x, NaN) = NaN otherwise. Derivative: ∂y/∂a = a/y, ∂y/∂b = b/y.
/// </summary>
public readonly struct HypotOperator<T> : IBinaryOperator<HypotOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "hypot";
    /// <inheritdoc />
    public static T Invoke(T a, T b) => T.Hypot(a, b);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Hypot(a, b, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = √(a² + b²) without intermediate overflow or underflow</c> with broadcasting (see <see cref="HypotOperator{T}"/>).</summary>
        public Tensor<T> Hypot(Tensor<T> b) => Autograd.Record(Elementwise.Binary<T, HypotOperator<T>>(a, b), "hypot", a, b, HypotVjp);
        /// <summary>Elementwise <c>y = √(a² + b²) without intermediate overflow or underflow</c> with a scalar <paramref name="b"/>.</summary>
        public Tensor<T> Hypot(T b) => Autograd.Record(Elementwise.BinaryScalar<T, HypotOperator<T>>(a, b), "hypot", a, static (g, n) => g * n.Input(0) / n.Output);
        /// <summary>In-place <c>y = √(a² + b²) without intermediate overflow or underflow</c> (b broadcast to a's shape; a is never broadcast); returns a.</summary>
        public Tensor<T> HypotInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, HypotOperator<T>>(a, b);
        /// <summary>In-place <c>y = √(a² + b²) without intermediate overflow or underflow</c> with a scalar <paramref name="b"/>; returns a.</summary>
        public Tensor<T> HypotInPlace(T b) => Elementwise.BinaryInPlace<T, HypotOperator<T>>(a, Tensor.Scalar(b, a.Device));
    }
}

public static partial class Tensor
{
    // ∂y/∂a = a/y, ∂y/∂b = b/y (PyTorch's convention: NaN at a = b = 0), summed over broadcast axes.
    private static (Tensor<T>?, Tensor<T>?) HypotVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var gr = g / n.Output;
        return (n.NeedsGrad(0) ? (gr * n.Input(0)).SumTo(n.Input(0).Shape) : null,
                n.NeedsGrad(1) ? (gr * n.Input(1)).SumTo(n.Input(1).Shape) : null);
    }
}
