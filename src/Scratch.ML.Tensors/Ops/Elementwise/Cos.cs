using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = cos x</c>. Special values: cos(±0) = 1, cos(±∞) = NaN. Derivative: ∂y/∂x = −sin x.
/// </summary>
public readonly struct CosOperator<T> : IUnaryOperator<CosOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "cos";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Cos(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Cos(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = cos x</c> into a new tensor (see <see cref="CosOperator{T}"/>).</summary>
        public Tensor<T> Cos() => Autograd.Record(Elementwise.Unary<T, CosOperator<T>>(x), "cos", x, static (g, n) => -(g * n.Input(0).Sin()));
        /// <summary>In-place <c>y = cos x</c> through x's strides; returns x.</summary>
        public Tensor<T> CosInPlace() => Elementwise.UnaryInPlace<T, CosOperator<T>>(x);
    }
}
