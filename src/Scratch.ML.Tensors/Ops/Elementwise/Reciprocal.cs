using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = 1 / x</c>. Special values: reciprocal(±0) = ±∞, reciprocal(±∞) = ±0. Derivative: ∂y/∂x = −1/x² = −y².
/// </summary>
public readonly struct ReciprocalOperator<T> : IUnaryOperator<ReciprocalOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "reciprocal";
    /// <inheritdoc />
    public static T Invoke(T x) => T.One / x;
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Reciprocal(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = 1 / x</c> into a new tensor (see <see cref="ReciprocalOperator{T}"/>).</summary>
        public Tensor<T> Reciprocal() => Autograd.Record(Elementwise.Unary<T, ReciprocalOperator<T>>(x), "reciprocal", x, static (g, n) => -(g * n.Output.Square()));
        /// <summary>In-place <c>y = 1 / x</c> through x's strides; returns x.</summary>
        public Tensor<T> ReciprocalInPlace() => Elementwise.UnaryInPlace<T, ReciprocalOperator<T>>(x);
    }
}
