using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = cosh x = (eˣ + e⁻ˣ)/2</c>. Special values: cosh(±0) = 1, cosh(±∞) = +∞. Derivative: ∂y/∂x = sinh x.
/// </summary>
public readonly struct CoshOperator<T> : IUnaryOperator<CoshOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "cosh";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Cosh(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Cosh(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = cosh x = (eˣ + e⁻ˣ)/2</c> into a new tensor (see <see cref="CoshOperator{T}"/>).</summary>
        public Tensor<T> Cosh() => Autograd.Record(Elementwise.Unary<T, CoshOperator<T>>(x), "cosh", x, static (g, n) => g * n.Input(0).Sinh());
        /// <summary>In-place <c>y = cosh x = (eˣ + e⁻ˣ)/2</c> through x's strides; returns x.</summary>
        public Tensor<T> CoshInPlace() => Elementwise.UnaryInPlace<T, CoshOperator<T>>(x);
    }
}
