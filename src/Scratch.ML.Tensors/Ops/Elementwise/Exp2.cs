using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = 2ˣ</c>. Special values: exp2(−∞) = 0, exp2(+∞) = +∞, exp2(NaN) = NaN. Derivative: ∂y/∂x = ln 2 · y.
/// </summary>
public readonly struct Exp2Operator<T> : IUnaryOperator<Exp2Operator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "exp2";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Exp2(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Exp2(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = 2ˣ</c> into a new tensor (see <see cref="Exp2Operator{T}"/>).</summary>
        public Tensor<T> Exp2() => Elementwise.Unary<T, Exp2Operator<T>>(x);
        /// <summary>In-place <c>y = 2ˣ</c> through x's strides; returns x.</summary>
        public Tensor<T> Exp2InPlace() => Elementwise.UnaryInPlace<T, Exp2Operator<T>>(x);
    }
}
