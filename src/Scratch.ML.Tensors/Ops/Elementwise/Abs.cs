using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = |x|</c>. Special values: abs(−0) = +0, abs(±∞) = +∞, abs(NaN) = NaN; for integers abs(MinValue) throws OverflowException (as Math.Abs does). Derivative: ∂y/∂x = sign(x) (0 at x = 0, the subgradient PyTorch uses).
/// </summary>
public readonly struct AbsOperator<T> : IUnaryOperator<AbsOperator<T>, T> where T : INumber<T>, ISignedNumber<T>
{
    /// <inheritdoc />
    public static string Name => "abs";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Abs(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Abs(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>, ISignedNumber<T>
    {
        /// <summary>Elementwise <c>y = |x|</c> into a new tensor (see <see cref="AbsOperator{T}"/>).</summary>
        public Tensor<T> Abs() => Autograd.Record(Elementwise.Unary<T, AbsOperator<T>>(x), "abs", x, static (g, n) => g * n.Input(0).Sign());
        /// <summary>In-place <c>y = |x|</c> through x's strides; returns x.</summary>
        public Tensor<T> AbsInPlace() => Elementwise.UnaryInPlace<T, AbsOperator<T>>(x);
    }
}
