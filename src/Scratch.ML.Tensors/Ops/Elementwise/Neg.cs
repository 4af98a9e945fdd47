using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = −x</c>. Special values: neg(±0) = ∓0, neg(NaN) = NaN; for integers neg(MinValue) = MinValue (two's complement wraps). Derivative: ∂y/∂x = −1.
/// </summary>
public readonly struct NegOperator<T> : IUnaryOperator<NegOperator<T>, T> where T : INumber<T>, ISignedNumber<T>
{
    /// <inheritdoc />
    public static string Name => "neg";
    /// <inheritdoc />
    public static T Invoke(T x) => -x;
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Negate(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>, ISignedNumber<T>
    {
        /// <summary>Elementwise <c>y = −x</c> into a new tensor (see <see cref="NegOperator{T}"/>).</summary>
        public Tensor<T> Neg() => Autograd.Record(Elementwise.Unary<T, NegOperator<T>>(x), "neg", x, static (g, _) => -g);
        /// <summary>In-place <c>y = −x</c> through x's strides; returns x.</summary>
        public Tensor<T> NegInPlace() => Elementwise.UnaryInPlace<T, NegOperator<T>>(x);

        /// <summary>Elementwise negation <c>−x</c>.</summary>
        public static Tensor<T> operator -(Tensor<T> value) => value.Neg();
    }
}
