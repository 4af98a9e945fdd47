using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = √x</c>. Special values: sqrt(−0) = −0, sqrt(x &lt; 0) = NaN, sqrt(+∞) = +∞. Derivative: ∂y/∂x = 1 / (2√x) = 1 / (2y).
/// </summary>
public readonly struct SqrtOperator<T> : IUnaryOperator<SqrtOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "sqrt";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Sqrt(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sqrt(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = √x</c> into a new tensor (see <see cref="SqrtOperator{T}"/>).</summary>
        public Tensor<T> Sqrt() => Autograd.Record(Elementwise.Unary<T, SqrtOperator<T>>(x), "sqrt", x, static (g, n) => g / (n.Output * T.CreateTruncating(2)));
        /// <summary>In-place <c>y = √x</c> through x's strides; returns x.</summary>
        public Tensor<T> SqrtInPlace() => Elementwise.UnaryInPlace<T, SqrtOperator<T>>(x);
    }
}
