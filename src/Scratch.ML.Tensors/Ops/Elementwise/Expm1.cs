using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = eˣ − 1, accurate for small |x|</c>. Special values: expm1(±0) = ±0, expm1(−∞) = −1, expm1(+∞) = +∞. Derivative: ∂y/∂x = eˣ = y + 1.
/// </summary>
public readonly struct Expm1Operator<T> : IUnaryOperator<Expm1Operator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "expm1";
    /// <inheritdoc />
    public static T Invoke(T x) => T.ExpM1(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.ExpM1(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = eˣ − 1</c> into a new tensor (see <see cref="Expm1Operator{T}"/>).</summary>
        public Tensor<T> Expm1() => Autograd.Record(Elementwise.Unary<T, Expm1Operator<T>>(x), "expm1", x, static (g, n) => g * (n.Output + T.One));
        /// <summary>In-place <c>y = eˣ − 1</c> through x's strides; returns x.</summary>
        public Tensor<T> Expm1InPlace() => Elementwise.UnaryInPlace<T, Expm1Operator<T>>(x);
    }
}
