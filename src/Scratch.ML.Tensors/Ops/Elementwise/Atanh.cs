using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = artanh x = ½ ln((1 + x)/(1 − x)), |x| &lt; 1</c>. Special values: atanh(±0) = ±0, atanh(±1) = ±∞, atanh(|x| &gt; 1) = NaN. Derivative: ∂y/∂x = 1/(1 − x²).
/// </summary>
public readonly struct AtanhOperator<T> : IUnaryOperator<AtanhOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "atanh";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Atanh(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Atanh(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = artanh x = ½ ln((1 + x)/(1 − x))</c> into a new tensor (see <see cref="AtanhOperator{T}"/>).</summary>
        public Tensor<T> Atanh() => Autograd.Record(Elementwise.Unary<T, AtanhOperator<T>>(x), "atanh", x, static (g, n) => g / (T.One - n.Input(0).Square()));
        /// <summary>In-place <c>y = artanh x = ½ ln((1 + x)/(1 − x))</c> through x's strides; returns x.</summary>
        public Tensor<T> AtanhInPlace() => Elementwise.UnaryInPlace<T, AtanhOperator<T>>(x);
    }
}
