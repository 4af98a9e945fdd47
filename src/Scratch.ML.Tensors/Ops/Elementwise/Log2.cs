using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = log₂ x</c>. Special values: log2(±0) = −∞, log2(x &lt; 0) = NaN, log2(+∞) = +∞. Derivative: ∂y/∂x = 1/(x ln 2).
/// </summary>
public readonly struct Log2Operator<T> : IUnaryOperator<Log2Operator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "log2";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Log2(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Log2(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = log₂ x</c> into a new tensor (see <see cref="Log2Operator{T}"/>).</summary>
        public Tensor<T> Log2() => Autograd.Record(Elementwise.Unary<T, Log2Operator<T>>(x), "log2", x, static (g, n) => g / (n.Input(0) * T.CreateTruncating(0.69314718055994531)) /* ln 2 */);
        /// <summary>In-place <c>y = log₂ x</c> through x's strides; returns x.</summary>
        public Tensor<T> Log2InPlace() => Elementwise.UnaryInPlace<T, Log2Operator<T>>(x);
    }
}
