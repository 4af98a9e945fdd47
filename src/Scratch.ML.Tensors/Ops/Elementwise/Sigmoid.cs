using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = σ(x) = 1 / (1 + e⁻ˣ)</c>. Special values: sigmoid(−∞) = 0, sigmoid(+∞) = 1, sigmoid(0) = ½. Derivative: ∂y/∂x = y(1 − y).
/// </summary>
public readonly struct SigmoidOperator<T> : IUnaryOperator<SigmoidOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "sigmoid";
    /// <inheritdoc />
    public static T Invoke(T x) => T.One / (T.One + T.Exp(-x));
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sigmoid(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = σ(x) = 1 / (1 + e⁻ˣ)</c> into a new tensor (see <see cref="SigmoidOperator{T}"/>).</summary>
        public Tensor<T> Sigmoid() => Autograd.Record(Elementwise.Unary<T, SigmoidOperator<T>>(x), "sigmoid", x, static (g, n) => g * n.Output * (T.One - n.Output));
        /// <summary>In-place <c>y = σ(x) = 1 / (1 + e⁻ˣ)</c> through x's strides; returns x.</summary>
        public Tensor<T> SigmoidInPlace() => Elementwise.UnaryInPlace<T, SigmoidOperator<T>>(x);
    }
}
