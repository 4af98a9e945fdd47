using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = arcsin x ∈ [−π/2, π/2]</c>. Special values: asin(±0) = ±0, asin(|x| &gt; 1) = NaN. Derivative: ∂y/∂x = 1/√(1 − x²).
/// </summary>
public readonly struct AsinOperator<T> : IUnaryOperator<AsinOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "asin";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Asin(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Asin(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = arcsin x ∈ [−π/2</c> into a new tensor (see <see cref="AsinOperator{T}"/>).</summary>
        public Tensor<T> Asin() => Autograd.Record(Elementwise.Unary<T, AsinOperator<T>>(x), "asin", x, static (g, n) => g * (T.One - n.Input(0).Square()).Rsqrt());
        /// <summary>In-place <c>y = arcsin x ∈ [−π/2</c> through x's strides; returns x.</summary>
        public Tensor<T> AsinInPlace() => Elementwise.UnaryInPlace<T, AsinOperator<T>>(x);
    }
}
