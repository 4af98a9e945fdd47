using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary><c>y = a + b</c>. Derivative: ∂y/∂a = 1, ∂y/∂b = 1 (summed over broadcast axes).</summary>
public readonly struct AddOperator<T> : IBinaryOperator<AddOperator<T>, T> where T : IAdditionOperators<T, T, T>, IAdditiveIdentity<T, T>
{
    /// <inheritdoc />
    public static string Name => "add";
    /// <inheritdoc />
    public static T Invoke(T a, T b) => a + b;
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Add(a, b, y);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> y) => TensorPrimitives.Add(a, b, y);
    /// <inheritdoc />
    public static void Invoke(T a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Add(b, a, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise sum with broadcasting: <c>y = a + b</c> (also callable as <c>Tensor.Add(a, b)</c>).</summary>
        public Tensor<T> Add(Tensor<T> b) => Elementwise.Binary<T, AddOperator<T>>(a, b);
        /// <summary>In-place <c>a += b</c> (b broadcast to a's shape); returns a.</summary>
        public Tensor<T> AddInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, AddOperator<T>>(a, b);

        /// <summary>Elementwise sum with broadcasting.</summary>
        public static Tensor<T> operator +(Tensor<T> x, Tensor<T> y) => Elementwise.Binary<T, AddOperator<T>>(x, y);
        /// <summary>Adds a scalar to every element.</summary>
        public static Tensor<T> operator +(Tensor<T> x, T s) => Elementwise.BinaryScalar<T, AddOperator<T>>(x, s);
        /// <summary>Adds a scalar to every element.</summary>
        public static Tensor<T> operator +(T s, Tensor<T> x) => Elementwise.ScalarBinary<T, AddOperator<T>>(s, x);
    }
}
