using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = arcosh x = ln(x + √(x² − 1)), x ≥ 1</c>. Special values: acosh(1) = +0, acosh(x &lt; 1) = NaN, acosh(+∞) = +∞. Derivative: ∂y/∂x = 1/√(x² − 1).
/// </summary>
public readonly struct AcoshOperator<T> : IUnaryOperator<AcoshOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "acosh";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Acosh(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Acosh(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = arcosh x = ln(x + √(x² − 1))</c> into a new tensor (see <see cref="AcoshOperator{T}"/>).</summary>
        public Tensor<T> Acosh() => Autograd.Record(Elementwise.Unary<T, AcoshOperator<T>>(x), "acosh", x, static (g, n) => g * (n.Input(0).Square() - T.One).Rsqrt());
        /// <summary>In-place <c>y = arcosh x = ln(x + √(x² − 1))</c> through x's strides; returns x.</summary>
        public Tensor<T> AcoshInPlace() => Elementwise.UnaryInPlace<T, AcoshOperator<T>>(x);
    }
}
