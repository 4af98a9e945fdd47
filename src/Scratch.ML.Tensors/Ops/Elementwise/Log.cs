using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = ln x</c>. Special values: log(±0) = −∞, log(x &lt; 0) = NaN, log(+∞) = +∞, log(1) = +0. Derivative: ∂y/∂x = 1/x.
/// </summary>
public readonly struct LogOperator<T> : IUnaryOperator<LogOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "log";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Log(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Log(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = ln x</c> into a new tensor (see <see cref="LogOperator{T}"/>).</summary>
        public Tensor<T> Log() => Autograd.Record(Elementwise.Unary<T, LogOperator<T>>(x), "log", x, static (g, n) => g / n.Input(0));
        /// <summary>In-place <c>y = ln x</c> through x's strides; returns x.</summary>
        public Tensor<T> LogInPlace() => Elementwise.UnaryInPlace<T, LogOperator<T>>(x);
    }
}
