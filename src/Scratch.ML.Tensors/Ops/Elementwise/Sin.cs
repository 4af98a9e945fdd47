using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = sin x</c>. Special values: sin(±0) = ±0, sin(±∞) = NaN. Derivative: ∂y/∂x = cos x.
/// </summary>
public readonly struct SinOperator<T> : IUnaryOperator<SinOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "sin";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Sin(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sin(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = sin x</c> into a new tensor (see <see cref="SinOperator{T}"/>).</summary>
        public Tensor<T> Sin() => Autograd.Record(Elementwise.Unary<T, SinOperator<T>>(x), "sin", x, static (g, n) => g * n.Input(0).Cos());
        /// <summary>In-place <c>y = sin x</c> through x's strides; returns x.</summary>
        public Tensor<T> SinInPlace() => Elementwise.UnaryInPlace<T, SinOperator<T>>(x);
    }
}
