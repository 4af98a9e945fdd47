using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary><c>y = eˣ</c>. Special values: exp(−∞) = 0, exp(+∞) = +∞, exp(NaN) = NaN. Derivative: ∂y/∂x = y.</summary>
public readonly struct ExpOperator<T> : IUnaryOperator<ExpOperator<T>, T> where T : IExponentialFunctions<T>
{
    /// <inheritdoc />
    public static string Name => "exp";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Exp(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Exp(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise exponential <c>y = eˣ</c>.</summary>
        public Tensor<T> Exp() => Autograd.Record(Elementwise.Unary<T, ExpOperator<T>>(x), "exp", x, static (g, n) => g * n.Output);
        /// <summary>In-place exponential; returns x.</summary>
        public Tensor<T> ExpInPlace() => Elementwise.UnaryInPlace<T, ExpOperator<T>>(x);
    }
}
