using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = x²</c>. Special values: square(±∞) = +∞, square(NaN) = NaN; integers wrap on overflow. Derivative: ∂y/∂x = 2x.
/// </summary>
public readonly struct SquareOperator<T> : IUnaryOperator<SquareOperator<T>, T> where T : INumber<T>
{
    /// <inheritdoc />
    public static string Name => "square";
    /// <inheritdoc />
    public static T Invoke(T x) => x * x;
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Multiply(x, x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise <c>y = x²</c> into a new tensor (see <see cref="SquareOperator{T}"/>).</summary>
        public Tensor<T> Square() => Autograd.Record(Elementwise.Unary<T, SquareOperator<T>>(x), "square", x, static (g, n) => g * n.Input(0) * T.CreateTruncating(2));
        /// <summary>In-place <c>y = x²</c> through x's strides; returns x.</summary>
        public Tensor<T> SquareInPlace() => Elementwise.UnaryInPlace<T, SquareOperator<T>>(x);
    }
}
