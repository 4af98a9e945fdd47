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
        public Tensor<T> Sub(Tensor<T> b) => Autograd.Record(Elementwise.Binary<T, SubOperator<T>>(a, b), "sub", a, b, SubVjp);
        /// <summary>Elementwise <c>y = a − b</c> with a scalar <paramref name="b"/>.</summary>
        public Tensor<T> Sub(T b) => Autograd.Record(Elementwise.BinaryScalar<T, SubOperator<T>>(a, b), "sub", a, static (g, _) => g);
        /// <summary>In-place <c>y = a − b</c> (b broadcast to a's shape; a is never broadcast); returns a.</summary>
        public Tensor<T> SubInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, SubOperator<T>>(a, b);
        /// <summary>In-place <c>y = a − b</c> with a scalar <paramref name="b"/>; returns a.</summary>
        public Tensor<T> SubInPlace(T b) => Elementwise.BinaryInPlace<T, SubOperator<T>>(a, Tensor.Scalar(b, a.Device));

        /// <summary>Elementwise <c>y = a − b</c> with broadcasting.</summary>
        public static Tensor<T> operator -(Tensor<T> x, Tensor<T> y) => x.Sub(y);
        /// <summary>Elementwise <c>y = a − b</c> with a scalar right operand.</summary>
        public static Tensor<T> operator -(Tensor<T> x, T s) => x.Sub(s);
        /// <summary>Elementwise <c>y = a − b</c> with a scalar left operand.</summary>
        public static Tensor<T> operator -(T s, Tensor<T> x) => Autograd.Record(Elementwise.ScalarBinary<T, SubOperator<T>>(s, x), "rsub", x, static (g, _) => Tensor.Zeros<T>(g.Device, g.Shape) - g);
    }
}

public static partial class Tensor
{
    // ∂(a−b)/∂a = 1, ∂(a−b)/∂b = −1, summed over broadcast axes.
    private static (Tensor<T>?, Tensor<T>?) SubVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, INumber<T>
        => (n.NeedsGrad(0) ? g.SumTo(n.Input(0).Shape) : null,
            n.NeedsGrad(1) ? (Tensor.Zeros<T>(g.Device, n.Input(1).Shape) - g.SumTo(n.Input(1).Shape)) : null);
}
