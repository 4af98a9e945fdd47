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
        public Tensor<T> Maximum(Tensor<T> b) => Autograd.Record(Elementwise.Binary<T, MaximumOperator<T>>(a, b), "maximum", a, b, MaximumVjp);
        /// <summary>Elementwise <c>y = max(a</c> with a scalar <paramref name="b"/>.</summary>
        public Tensor<T> Maximum(T b) => Autograd.Record(Elementwise.BinaryScalar<T, MaximumOperator<T>>(a, b), "maximum", a,
            static (g, n) => g * ExtremumWeight<T>(n.Input(0).Lt(n.State<T>()), n.Input(0).Eq(n.State<T>())), b);
        /// <summary>In-place <c>y = max(a</c> (b broadcast to a's shape; a is never broadcast); returns a.</summary>
        public Tensor<T> MaximumInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, MaximumOperator<T>>(a, b);
        /// <summary>In-place <c>y = max(a</c> with a scalar <paramref name="b"/>; returns a.</summary>
        public Tensor<T> MaximumInPlace(T b) => Elementwise.BinaryInPlace<T, MaximumOperator<T>>(a, Tensor.Scalar(b, a.Device));
    }
}

public static partial class Tensor
{
    // ∂y/∂a = 1 where a > b, ½ on ties, 0 where a < b (and the mirror image for b), as PyTorch; summed over broadcast axes.
    private static (Tensor<T>?, Tensor<T>?) MaximumVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, INumber<T>
    {
        var a = n.Input(0);
        var b = n.Input(1);
        var tie = a.Eq(b);
        return (n.NeedsGrad(0) ? (g * ExtremumWeight<T>(a.Lt(b), tie)).SumTo(a.Shape) : null,
                n.NeedsGrad(1) ? (g * ExtremumWeight<T>(a.Gt(b), tie)).SumTo(b.Shape) : null);
    }

    /// <summary>
    /// The share of the gradient an input of maximum/minimum receives: <c>1 − [loses] − ½·[tie]</c>, i.e. 1 where it
    /// is selected (and where a NaN is involved, as PyTorch), ½ on ties, 0 where the other input is selected.
    /// </summary>
    internal static Tensor<T> ExtremumWeight<T>(Tensor<bool> loses, Tensor<bool> tie) where T : unmanaged, INumber<T>
        => (T.One - loses.Cast<T>()) - tie.Cast<T>() * T.CreateTruncating(0.5);
}
