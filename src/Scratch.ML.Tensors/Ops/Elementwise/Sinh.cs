using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = sinh x = (eˣ − e⁻ˣ)/2</c>. Special values: sinh(±0) = ±0, sinh(±∞) = ±∞; overflows to ±∞ for |x| ≳ 89.4 (float) / 710.5 (double). Derivative: ∂y/∂x = cosh x.
/// </summary>
public readonly struct SinhOperator<T> : IUnaryOperator<SinhOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "sinh";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Sinh(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sinh(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = sinh x = (eˣ − e⁻ˣ)/2</c> into a new tensor (see <see cref="SinhOperator{T}"/>).</summary>
        public Tensor<T> Sinh() => Autograd.Record(Elementwise.Unary<T, SinhOperator<T>>(x), "sinh", x, static (g, n) => g * n.Input(0).Cosh());
        /// <summary>In-place <c>y = sinh x = (eˣ − e⁻ˣ)/2</c> through x's strides; returns x.</summary>
        public Tensor<T> SinhInPlace() => Elementwise.UnaryInPlace<T, SinhOperator<T>>(x);
    }
}
