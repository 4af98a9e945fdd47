using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = ⌈x⌉</c>. Special values: ceil(±0) = ±0, ceil(−0.5) = −0, ceil(±∞) = ±∞. Derivative: ∂y/∂x = 0 (almost everywhere).
/// </summary>
public readonly struct CeilOperator<T> : IUnaryOperator<CeilOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "ceil";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Ceiling(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Ceiling(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = ⌈x⌉</c> into a new tensor (see <see cref="CeilOperator{T}"/>).</summary>
        public Tensor<T> Ceil() => Autograd.Record(Elementwise.Unary<T, CeilOperator<T>>(x), "ceil", x, static (g, n) => Tensor.ZerosLike(g));
        /// <summary>In-place <c>y = ⌈x⌉</c> through x's strides; returns x.</summary>
        public Tensor<T> CeilInPlace() => Elementwise.UnaryInPlace<T, CeilOperator<T>>(x);
    }
}
