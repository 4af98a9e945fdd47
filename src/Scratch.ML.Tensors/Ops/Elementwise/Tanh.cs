using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = tanh x</c>. Special values: tanh(±0) = ±0, tanh(±∞) = ±1. Derivative: ∂y/∂x = 1 − y².
/// </summary>
public readonly struct TanhOperator<T> : IUnaryOperator<TanhOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "tanh";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Tanh(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Tanh(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = tanh x</c> into a new tensor (see <see cref="TanhOperator{T}"/>).</summary>
        public Tensor<T> Tanh() => Autograd.Record(Elementwise.Unary<T, TanhOperator<T>>(x), "tanh", x, static (g, n) => g * (T.One - n.Output.Square()));
        /// <summary>In-place <c>y = tanh x</c> through x's strides; returns x.</summary>
        public Tensor<T> TanhInPlace() => Elementwise.UnaryInPlace<T, TanhOperator<T>>(x);
    }
}
