using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = a · b</c>. Special values: 0 · ∞ = NaN; integers wrap on overflow. Derivative: ∂y/∂a = b, ∂y/∂b = a (summed over broadcast axes).
/// </summary>
public readonly struct MulOperator<T> : IBinaryOperator<MulOperator<T>, T> where T : INumber<T>
{
    /// <inheritdoc />
    public static string Name => "mul";
    /// <inheritdoc />
    public static T Invoke(T a, T b) => a * b;
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Multiply(a, b, y);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> y) => TensorPrimitives.Multiply(a, b, y);
    /// <inheritdoc />
    public static void Invoke(T a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Multiply(b, a, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise <c>y = a · b</c> with broadcasting (see <see cref="MulOperator{T}"/>).</summary>
        public Tensor<T> Mul(Tensor<T> b) => Autograd.Record(Elementwise.Binary<T, MulOperator<T>>(a, b), "mul", a, b, MulVjp);
        /// <summary>Elementwise <c>y = a · b</c> with a scalar <paramref name="b"/>.</summary>
        public Tensor<T> Mul(T b) => Autograd.Record(Elementwise.BinaryScalar<T, MulOperator<T>>(a, b), "mul", a, static (g, n) => g * n.State<T>(), b);
        /// <summary>In-place <c>y = a · b</c> (b broadcast to a's shape; a is never broadcast); returns a.</summary>
        public Tensor<T> MulInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, MulOperator<T>>(a, b);
        /// <summary>In-place <c>y = a · b</c> with a scalar <paramref name="b"/>; returns a.</summary>
        public Tensor<T> MulInPlace(T b) => Elementwise.BinaryInPlace<T, MulOperator<T>>(a, Tensor.Scalar(b, a.Device));

        /// <summary>Elementwise <c>y = a · b</c> with broadcasting.</summary>
        public static Tensor<T> operator *(Tensor<T> x, Tensor<T> y) => x.Mul(y);
        /// <summary>Elementwise <c>y = a · b</c> with a scalar right operand.</summary>
        public static Tensor<T> operator *(Tensor<T> x, T s) => x.Mul(s);
        /// <summary>Elementwise <c>y = a · b</c> with a scalar left operand.</summary>
        public static Tensor<T> operator *(T s, Tensor<T> x) => x.Mul(s);
    }
}

public static partial class Tensor
{
    // ∂(ab)/∂a = b, ∂(ab)/∂b = a, summed over broadcast axes.
    private static (Tensor<T>?, Tensor<T>?) MulVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, INumber<T>
        => (n.NeedsGrad(0) ? (g * n.Input(1)).SumTo(n.Input(0).Shape) : null,
            n.NeedsGrad(1) ? (g * n.Input(0)).SumTo(n.Input(1).Shape) : null);
}
