using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = a / b</c>. Special values: x/±0 = ±∞ for x ≠ 0, 0/0 = NaN, ∞/∞ = NaN; integer division truncates toward zero and throws DivideByZeroException for a zero divisor. Derivative: ∂y/∂a = 1/b, ∂y/∂b = −a/b².
/// </summary>
public readonly struct DivOperator<T> : IBinaryOperator<DivOperator<T>, T> where T : INumber<T>
{
    /// <inheritdoc />
    public static string Name => "div";
    /// <inheritdoc />
    public static T Invoke(T a, T b) => a / b;
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Divide(a, b, y);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> y) => TensorPrimitives.Divide(a, b, y);
    /// <inheritdoc />
    public static void Invoke(T a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Divide(a, b, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise <c>y = a / b</c> with broadcasting (see <see cref="DivOperator{T}"/>).</summary>
        public Tensor<T> Div(Tensor<T> b) => Autograd.Record(Elementwise.Binary<T, DivOperator<T>>(a, b), "div", a, b, DivVjp);
        /// <summary>Elementwise <c>y = a / b</c> with a scalar <paramref name="b"/>.</summary>
        public Tensor<T> Div(T b) => Autograd.Record(Elementwise.BinaryScalar<T, DivOperator<T>>(a, b), "div", a, static (g, n) => g / n.State<T>(), b);
        /// <summary>In-place <c>y = a / b</c> (b broadcast to a's shape; a is never broadcast); returns a.</summary>
        public Tensor<T> DivInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, DivOperator<T>>(a, b);
        /// <summary>In-place <c>y = a / b</c> with a scalar <paramref name="b"/>; returns a.</summary>
        public Tensor<T> DivInPlace(T b) => Elementwise.BinaryInPlace<T, DivOperator<T>>(a, Tensor.Scalar(b, a.Device));

        /// <summary>Elementwise <c>y = a / b</c> with broadcasting.</summary>
        public static Tensor<T> operator /(Tensor<T> x, Tensor<T> y) => x.Div(y);
        /// <summary>Elementwise <c>y = a / b</c> with a scalar right operand.</summary>
        public static Tensor<T> operator /(Tensor<T> x, T s) => x.Div(s);
        /// <summary>Elementwise <c>y = a / b</c> with a scalar left operand.</summary>
        public static Tensor<T> operator /(T s, Tensor<T> x) => Autograd.Record(Elementwise.ScalarBinary<T, DivOperator<T>>(s, x), "rdiv", x, static (g, n) => Tensor.Zeros<T>(g.Device, g.Shape) - g * n.Output / n.Input(0));
    }
}

public static partial class Tensor
{
    // ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b², summed over broadcast axes.
    private static (Tensor<T>?, Tensor<T>?) DivVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, INumber<T>
    {
        var b = n.Input(1);
        var ga = g / b;
        return (n.NeedsGrad(0) ? ga.SumTo(n.Input(0).Shape) : null,
                n.NeedsGrad(1) ? (Tensor.Zeros<T>(g.Device, b.Shape) - (ga * n.Input(0) / b).SumTo(b.Shape)) : null);
    }
}
