using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = arctan x ∈ (−π/2, π/2)</c>. Special values: atan(±0) = ±0, atan(±∞) = ±π/2. Derivative: ∂y/∂x = 1/(1 + x²).
/// </summary>
public readonly struct AtanOperator<T> : IUnaryOperator<AtanOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "atan";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Atan(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Atan(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = arctan x ∈ (−π/2</c> into a new tensor (see <see cref="AtanOperator{T}"/>).</summary>
        public Tensor<T> Atan() => Autograd.Record(Elementwise.Unary<T, AtanOperator<T>>(x), "atan", x, static (g, n) => g / (n.Input(0).Square() + T.One));
        /// <summary>In-place <c>y = arctan x ∈ (−π/2</c> through x's strides; returns x.</summary>
        public Tensor<T> AtanInPlace() => Elementwise.UnaryInPlace<T, AtanOperator<T>>(x);
    }
}
