using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = x rounded toward zero</c>. Special values: trunc(−0.7) = −0, trunc(±∞) = ±∞. Derivative: ∂y/∂x = 0 (almost everywhere).
/// </summary>
public readonly struct TruncOperator<T> : IUnaryOperator<TruncOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "trunc";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Truncate(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Truncate(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = x rounded toward zero</c> into a new tensor (see <see cref="TruncOperator{T}"/>).</summary>
        public Tensor<T> Trunc() => Autograd.Record(Elementwise.Unary<T, TruncOperator<T>>(x), "trunc", x, static (g, n) => Tensor.ZerosLike(g));
        /// <summary>In-place <c>y = x rounded toward zero</c> through x's strides; returns x.</summary>
        public Tensor<T> TruncInPlace() => Elementwise.UnaryInPlace<T, TruncOperator<T>>(x);
    }
}
