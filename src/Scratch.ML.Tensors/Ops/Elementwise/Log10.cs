using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = log₁₀ x</c>. Special values: log10(±0) = −∞, log10(x &lt; 0) = NaN, log10(+∞) = +∞. Derivative: ∂y/∂x = 1/(x ln 10).
/// </summary>
public readonly struct Log10Operator<T> : IUnaryOperator<Log10Operator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "log10";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Log10(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Log10(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = log₁₀ x</c> into a new tensor (see <see cref="Log10Operator{T}"/>).</summary>
        public Tensor<T> Log10() => Autograd.Record(Elementwise.Unary<T, Log10Operator<T>>(x), "log10", x, static (g, n) => g / (n.Input(0) * T.CreateTruncating(2.3025850929940457)) /* ln 10 */);
        /// <summary>In-place <c>y = log₁₀ x</c> through x's strides; returns x.</summary>
        public Tensor<T> Log10InPlace() => Elementwise.UnaryInPlace<T, Log10Operator<T>>(x);
    }
}
