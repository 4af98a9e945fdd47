using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = max(a, b)</c>. Special values: NaN propagates (as torch.maximum / numpy.maximum); +0 is larger than −0. Derivative: ∂y/∂a = 1 where a &gt; b, ∂y/∂b = 1 where b &gt; a (ties: split ½/½ as PyTorch does).
/// </summary>
public readonly struct MaximumOperator<T> : IBinaryOperator<MaximumOperator<T>, T> where T : INumber<T>
{
    /// <inheritdoc />
    public static string Name => "maximum";
    /// <inheritdoc />
    public static T Invoke(T a, T b) => T.IsNaN(a) || T.IsNaN(b) ? a + b : (a > b || (a == b && T.IsNegative(b)) ? a : b);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Max(a, b, y);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> y) => TensorPrimitives.Max(a, b, y);
    /// <inheritdoc />
    public static void Invoke(T a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Max(b, a, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise <c>y = max(a</c> with broadcasting (see <see cref="MaximumOperator{T}"/>).</summary>
        public Tensor<T> Maximum(Tensor<T> b) => Elementwise.Binary<T, MaximumOperator<T>>(a, b);
        /// <summary>Elementwise <c>y = max(a</c> with a scalar <paramref name="b"/>.</summary>
        public Tensor<T> Maximum(T b) => Elementwise.BinaryScalar<T, MaximumOperator<T>>(a, b);
        /// <summary>In-place <c>y = max(a</c> (b broadcast to a's shape; a is never broadcast); returns a.</summary>
        public Tensor<T> MaximumInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, MaximumOperator<T>>(a, b);
        /// <summary>In-place <c>y = max(a</c> with a scalar <paramref name="b"/>; returns a.</summary>
        public Tensor<T> MaximumInPlace(T b) => Elementwise.BinaryInPlace<T, MaximumOperator<T>>(a, Tensor.Scalar(b, a.Device));
    }
}
