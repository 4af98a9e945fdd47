using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = 1 / √x</c>. Special values: rsqrt(+0) = +∞, rsqrt(−0) = −∞, rsqrt(x &lt; 0) = NaN, rsqrt(+∞) = +0. Derivative: ∂y/∂x = −½·x^(−3/2) = −y³/2.
/// </summary>
public readonly struct RsqrtOperator<T> : IUnaryOperator<RsqrtOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "rsqrt";
    /// <inheritdoc />
    public static T Invoke(T x) => T.One / T.Sqrt(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.ReciprocalSqrt(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = 1 / √x</c> into a new tensor (see <see cref="RsqrtOperator{T}"/>).</summary>
        public Tensor<T> Rsqrt() => Autograd.Record(Elementwise.Unary<T, RsqrtOperator<T>>(x), "rsqrt", x, static (g, n) => g * (n.Output * n.Output.Square()) * T.CreateTruncating(-0.5));
        /// <summary>In-place <c>y = 1 / √x</c> through x's strides; returns x.</summary>
        public Tensor<T> RsqrtInPlace() => Elementwise.UnaryInPlace<T, RsqrtOperator<T>>(x);
    }
}
