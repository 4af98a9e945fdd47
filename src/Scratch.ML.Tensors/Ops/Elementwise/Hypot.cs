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
        public Tensor<T> Hypot(Tensor<T> b) => Elementwise.Binary<T, HypotOperator<T>>(a, b);
        /// <summary>Elementwise <c>y = √(a² + b²) without intermediate overflow or underflow</c> with a scalar <paramref name="b"/>.</summary>
        public Tensor<T> Hypot(T b) => Elementwise.BinaryScalar<T, HypotOperator<T>>(a, b);
        /// <summary>In-place <c>y = √(a² + b²) without intermediate overflow or underflow</c> (b broadcast to a's shape; a is never broadcast); returns a.</summary>
        public Tensor<T> HypotInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, HypotOperator<T>>(a, b);
        /// <summary>In-place <c>y = √(a² + b²) without intermediate overflow or underflow</c> with a scalar <paramref name="b"/>; returns a.</summary>
        public Tensor<T> HypotInPlace(T b) => Elementwise.BinaryInPlace<T, HypotOperator<T>>(a, Tensor.Scalar(b, a.Device));
    }
}
