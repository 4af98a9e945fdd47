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
        public Tensor<T> Add(Tensor<T> b) => Autograd.Record(Elementwise.Binary<T, AddOperator<T>>(a, b), "add", a, b, AddVjp);
        /// <summary>In-place <c>a += b</c> (b broadcast to a's shape); returns a.</summary>
        public Tensor<T> AddInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, AddOperator<T>>(a, b);

        /// <summary>Elementwise sum with broadcasting.</summary>
        public static Tensor<T> operator +(Tensor<T> x, Tensor<T> y) => x.Add(y);
        /// <summary>Adds a scalar to every element.</summary>
        public static Tensor<T> operator +(Tensor<T> x, T s) => Autograd.Record(Elementwise.BinaryScalar<T, AddOperator<T>>(x, s), "add", x, static (g, _) => g);
        /// <summary>Adds a scalar to every element.</summary>
        public static Tensor<T> operator +(T s, Tensor<T> x) => Autograd.Record(Elementwise.ScalarBinary<T, AddOperator<T>>(s, x), "add", x, static (g, _) => g);
    }
}

public static partial class Tensor
{
    // ∂(a+b)/∂a = 1, ∂(a+b)/∂b = 1: the gradient passes through, summed over axes that were broadcast.
    private static (Tensor<T>?, Tensor<T>?) AddVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, INumber<T>
        => (n.NeedsGrad(0) ? g.SumTo(n.Input(0).Shape) : null, n.NeedsGrad(1) ? g.SumTo(n.Input(1).Shape) : null);
}
