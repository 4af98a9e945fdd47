using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = a − b</c>. Special values: ∞ − ∞ = NaN; integers wrap on overflow. Derivative: ∂y/∂a = 1, ∂y/∂b = −1 (summed over broadcast axes).
/// </summary>
public readonly struct SubOperator<T> : IBinaryOperator<SubOperator<T>, T> where T : INumber<T>
{
    /// <inheritdoc />
    public static string Name => "sub";
    /// <inheritdoc />
    public static T Invoke(T a, T b) => a - b;
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Subtract(a, b, y);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> y) => TensorPrimitives.Subtract(a, b, y);
    /// <inheritdoc />
    public static void Invoke(T a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Subtract(a, b, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise <c>y = a − b</c> with broadcasting (see <see cref="SubOperator{T}"/>).</summary>
        public Tensor<T> Sub(Tensor<T> b) => Elementwise.Binary<T, SubOperator<T>>(a, b);
        /// <summary>Elementwise <c>y = a − b</c> with a scalar <paramref name="b"/>.</summary>
        public Tensor<T> Sub(T b) => Elementwise.BinaryScalar<T, SubOperator<T>>(a, b);
        /// <summary>In-place <c>y = a − b</c> (b broadcast to a's shape; a is never broadcast); returns a.</summary>
        public Tensor<T> SubInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, SubOperator<T>>(a, b);
        /// <summary>In-place <c>y = a − b</c> with a scalar <paramref name="b"/>; returns a.</summary>
        public Tensor<T> SubInPlace(T b) => Elementwise.BinaryInPlace<T, SubOperator<T>>(a, Tensor.Scalar(b, a.Device));

        /// <summary>Elementwise <c>y = a − b</c> with broadcasting.</summary>
        public static Tensor<T> operator -(Tensor<T> x, Tensor<T> y) => Elementwise.Binary<T, SubOperator<T>>(x, y);
        /// <summary>Elementwise <c>y = a − b</c> with a scalar right operand.</summary>
        public static Tensor<T> operator -(Tensor<T> x, T s) => Elementwise.BinaryScalar<T, SubOperator<T>>(x, s);
        /// <summary>Elementwise <c>y = a − b</c> with a scalar left operand.</summary>
        public static Tensor<T> operator -(T s, Tensor<T> x) => Elementwise.ScalarBinary<T, SubOperator<T>>(s, x);
    }
}
