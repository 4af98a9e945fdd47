using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = aᵇ</c>. Special values: IEEE 754 pow: pow(x, ±0) = 1 for every x (NaN too), pow(1, y) = 1, pow(x &lt; 0, non-integer) = NaN, pow(±0, y &lt; 0) = +∞ (±∞ for odd integer y). Derivative: ∂y/∂a = b·aᵇ⁻¹, ∂y/∂b = aᵇ·ln a.
/// </summary>
public readonly struct PowOperator<T> : IBinaryOperator<PowOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "pow";
    /// <inheritdoc />
    public static T Invoke(T a, T b) => T.Pow(a, b);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Pow(a, b, y);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> y) => TensorPrimitives.Pow(a, b, y);
    /// <inheritdoc />
    public static void Invoke(T a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Pow(a, b, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = aᵇ</c> with broadcasting (see <see cref="PowOperator{T}"/>).</summary>
        public Tensor<T> Pow(Tensor<T> b) => Elementwise.Binary<T, PowOperator<T>>(a, b);
        /// <summary>Elementwise <c>y = aᵇ</c> with a scalar <paramref name="b"/>.</summary>
        public Tensor<T> Pow(T b) => Elementwise.BinaryScalar<T, PowOperator<T>>(a, b);
        /// <summary>In-place <c>y = aᵇ</c> (b broadcast to a's shape; a is never broadcast); returns a.</summary>
        public Tensor<T> PowInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, PowOperator<T>>(a, b);
        /// <summary>In-place <c>y = aᵇ</c> with a scalar <paramref name="b"/>; returns a.</summary>
        public Tensor<T> PowInPlace(T b) => Elementwise.BinaryInPlace<T, PowOperator<T>>(a, Tensor.Scalar(b, a.Device));
    }
}

public static partial class Tensor
{
    /// <summary>Elementwise <c>y = aᵇ</c> with a scalar base <paramref name="a"/> and a tensor of exponents.</summary>
    public static Tensor<T> Pow<T>(T a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => Elementwise.ScalarBinary<T, PowOperator<T>>(a, b);
}
