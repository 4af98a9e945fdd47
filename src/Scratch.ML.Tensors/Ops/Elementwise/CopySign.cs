using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = |a| with the sign bit of b</c>. Special values: copysign(x, −0) = −|x|, copysign(NaN, b) = NaN with b's sign bit. Derivative: ∂y/∂a = sign(a)·sign(b), ∂y/∂b = 0.
/// </summary>
public readonly struct CopySignOperator<T> : IBinaryOperator<CopySignOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "copysign";
    /// <inheritdoc />
    public static T Invoke(T a, T b) => T.CopySign(a, b);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.CopySign(a, b, y);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> y) => TensorPrimitives.CopySign(a, b, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = |a| with the sign bit of b</c> with broadcasting (see <see cref="CopySignOperator{T}"/>).</summary>
        public Tensor<T> CopySign(Tensor<T> b) => Elementwise.Binary<T, CopySignOperator<T>>(a, b);
        /// <summary>Elementwise <c>y = |a| with the sign bit of b</c> with a scalar <paramref name="b"/>.</summary>
        public Tensor<T> CopySign(T b) => Elementwise.BinaryScalar<T, CopySignOperator<T>>(a, b);
        /// <summary>In-place <c>y = |a| with the sign bit of b</c> (b broadcast to a's shape; a is never broadcast); returns a.</summary>
        public Tensor<T> CopySignInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, CopySignOperator<T>>(a, b);
        /// <summary>In-place <c>y = |a| with the sign bit of b</c> with a scalar <paramref name="b"/>; returns a.</summary>
        public Tensor<T> CopySignInPlace(T b) => Elementwise.BinaryInPlace<T, CopySignOperator<T>>(a, Tensor.Scalar(b, a.Device));
    }
}
