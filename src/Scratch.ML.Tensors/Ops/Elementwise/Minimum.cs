using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = min(a, b)</c>. Special values: NaN propagates (as torch.minimum / numpy.minimum); −0 is smaller than +0. Derivative: ∂y/∂a = 1 where a &lt; b, ∂y/∂b = 1 where b &lt; a (ties: split ½/½).
/// </summary>
public readonly struct MinimumOperator<T> : IBinaryOperator<MinimumOperator<T>, T> where T : INumber<T>
{
    /// <inheritdoc />
    public static string Name => "minimum";
    /// <inheritdoc />
    public static T Invoke(T a, T b) => T.IsNaN(a) || T.IsNaN(b) ? a + b : (a < b || (a == b && T.IsNegative(a)) ? a : b);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Min(a, b, y);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> y) => TensorPrimitives.Min(a, b, y);
    /// <inheritdoc />
    public static void Invoke(T a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Min(b, a, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise <c>y = min(a</c> with broadcasting (see <see cref="MinimumOperator{T}"/>).</summary>
        public Tensor<T> Minimum(Tensor<T> b) => Autograd.Record(Elementwise.Binary<T, MinimumOperator<T>>(a, b), "minimum", a, b, MinimumVjp);
        /// <summary>Elementwise <c>y = min(a</c> with a scalar <paramref name="b"/>.</summary>
        public Tensor<T> Minimum(T b) => Autograd.Record(Elementwise.BinaryScalar<T, MinimumOperator<T>>(a, b), "minimum", a,
            static (g, n) => g * ExtremumWeight<T>(n.Input(0).Gt(n.State<T>()), n.Input(0).Eq(n.State<T>())), b);
        /// <summary>In-place <c>y = min(a</c> (b broadcast to a's shape; a is never broadcast); returns a.</summary>
        public Tensor<T> MinimumInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, MinimumOperator<T>>(a, b);
        /// <summary>In-place <c>y = min(a</c> with a scalar <paramref name="b"/>; returns a.</summary>
        public Tensor<T> MinimumInPlace(T b) => Elementwise.BinaryInPlace<T, MinimumOperator<T>>(a, Tensor.Scalar(b, a.Device));
    }
}

public static partial class Tensor
{
    // ∂y/∂a = 1 where a < b, ½ on ties, 0 where a > b (and the mirror image for b), as PyTorch; summed over broadcast axes.
    private static (Tensor<T>?, Tensor<T>?) MinimumVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, INumber<T>
    {
        var a = n.Input(0);
        var b = n.Input(1);
        var tie = a.Eq(b);
        return (n.NeedsGrad(0) ? (g * ExtremumWeight<T>(a.Gt(b), tie)).SumTo(a.Shape) : null,
                n.NeedsGrad(1) ? (g * ExtremumWeight<T>(a.Lt(b), tie)).SumTo(b.Shape) : null);
    }
}
