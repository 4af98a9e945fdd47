using System.Numerics;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = a mod b</c> with the <b>sign of the divisor</b> b (Python's <c>%</c>, torch.remainder, numpy.remainder):
/// <c>r = fmod(a, b)</c>, then <c>r + b</c> when r ≠ 0 and r and b differ in sign. For the C convention (sign of the
/// dividend) use <c>Fmod</c>. Special values: remainder(x, ±0) = NaN, remainder(±∞, y) = NaN, remainder(x, ±∞) = x when
/// x and the divisor share a sign, else ±∞ (as NumPy); a zero result is +0 for b &gt; 0 and −0 for b &lt; 0.
/// Derivative: ∂y/∂a = 1, ∂y/∂b = −⌊a/b⌋.
/// </summary>
/// <remarks>Span kernels: the interface's scalar loops (exact; see <see cref="FmodOperator{T}"/> for why not TensorPrimitives.Remainder).</remarks>
public readonly struct RemainderOperator<T> : IBinaryOperator<RemainderOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "remainder";

    /// <inheritdoc />
    public static T Invoke(T a, T b)
    {
        T r = a % b;
        if (r != T.Zero && T.IsNegative(r) != T.IsNegative(b)) r += b;
        else if (r == T.Zero) r = T.CopySign(T.Zero, b);
        return r;
    }
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise remainder with the divisor's sign (Python/PyTorch convention), with broadcasting (see <see cref="RemainderOperator{T}"/>).</summary>
        public Tensor<T> Remainder(Tensor<T> b) => Autograd.Record(Elementwise.Binary<T, RemainderOperator<T>>(a, b), "remainder", a, b, RemainderVjp);
        /// <summary>Elementwise remainder by a scalar divisor <paramref name="b"/>.</summary>
        public Tensor<T> Remainder(T b) => Autograd.Record(Elementwise.BinaryScalar<T, RemainderOperator<T>>(a, b), "remainder", a, static (g, _) => g);
        /// <summary>In-place remainder (b broadcast to a's shape); returns a.</summary>
        public Tensor<T> RemainderInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, RemainderOperator<T>>(a, b);
        /// <summary>In-place remainder by a scalar divisor; returns a.</summary>
        public Tensor<T> RemainderInPlace(T b) => Elementwise.BinaryInPlace<T, RemainderOperator<T>>(a, Tensor.Scalar(b, a.Device));
    }
}

public static partial class Tensor
{
    // ∂y/∂a = 1, ∂y/∂b = −⌊a/b⌋ (PyTorch's formula; the quotient is piecewise constant, so it is computed from detached
    // values), summed over broadcast axes.
    private static (Tensor<T>?, Tensor<T>?) RemainderVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = n.Input(0);
        var b = n.Input(1);
        return (n.NeedsGrad(0) ? g.SumTo(a.Shape) : null,
                n.NeedsGrad(1) ? (-(g * (a.Detach() / b.Detach()).Floor())).SumTo(b.Shape) : null);
    }
}
