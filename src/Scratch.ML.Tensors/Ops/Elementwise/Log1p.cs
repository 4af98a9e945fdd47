using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = ln(1 + x), accurate for small |x|</c>. Special values: log1p(−1) = −∞, log1p(x &lt; −1) = NaN, log1p(±0) = ±0. Derivative: ∂y/∂x = 1/(1 + x).
/// </summary>
public readonly struct Log1pOperator<T> : IUnaryOperator<Log1pOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "log1p";
    /// <inheritdoc />
    public static T Invoke(T x) => T.LogP1(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.LogP1(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = ln(1 + x)</c> into a new tensor (see <see cref="Log1pOperator{T}"/>).</summary>
        public Tensor<T> Log1p() => Autograd.Record(Elementwise.Unary<T, Log1pOperator<T>>(x), "log1p", x, static (g, n) => g / (n.Input(0) + T.One));
        /// <summary>In-place <c>y = ln(1 + x)</c> through x's strides; returns x.</summary>
        public Tensor<T> Log1pInPlace() => Elementwise.UnaryInPlace<T, Log1pOperator<T>>(x);
    }
}
