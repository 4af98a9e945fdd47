using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = a mod b</c> with the <b>sign of the divisor</b> b (Python's <c>%</c>, torch.remainder, numpy.remainder):
/// <c>r = fmod(a, b)</c>, then <c>r + b</c> when r ≠ 0 and r and b differ in sign. For the C convention (sign of the
/// dividend) use <c>Fmod</c>. Special values: remainder(x, ±0) = NaN, remainder(±∞, y) = NaN, remainder(x, ±∞) = x when
/// x and the divisor share a sign, else ±∞ (as NumPy); a zero result is +0 for b &gt; 0 and −0 for b &lt; 0.
/// Derivative: ∂y/∂a = 1, ∂y/∂b = −⌊a/b⌋.
/// </summary>
public readonly struct RemainderOperator<T> : IBinaryOperator<RemainderOperator<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Block = 256;

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

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y)
    {
        // fmod per block into a stack buffer, then the sign fix-up reads b again: y may alias a or b.
        Span<T> r = stackalloc T[Block];
        for (int i0 = 0; i0 < a.Length; i0 += Block)
        {
            int len = Math.Min(Block, a.Length - i0);
            var rb = r[..len];
            var bb = b.Slice(i0, len);
            TensorPrimitives.Remainder(a.Slice(i0, len), bb, rb);
            var yb = y.Slice(i0, len);
            for (int j = 0; j < len; j++) yb[j] = FixSign(rb[j], bb[j]);
        }
    }

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> y)
    {
        TensorPrimitives.Remainder(a, b, y);
        for (int j = 0; j < y.Length; j++) y[j] = FixSign(y[j], b);
    }

    private static T FixSign(T r, T b)
    {
        if (r == T.Zero) return T.CopySign(T.Zero, b);
        return T.IsNegative(r) != T.IsNegative(b) ? r + b : r;
    }
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise remainder with the divisor's sign (Python/PyTorch convention), with broadcasting (see <see cref="RemainderOperator{T}"/>).</summary>
        public Tensor<T> Remainder(Tensor<T> b) => Elementwise.Binary<T, RemainderOperator<T>>(a, b);
        /// <summary>Elementwise remainder by a scalar divisor <paramref name="b"/>.</summary>
        public Tensor<T> Remainder(T b) => Elementwise.BinaryScalar<T, RemainderOperator<T>>(a, b);
        /// <summary>In-place remainder (b broadcast to a's shape); returns a.</summary>
        public Tensor<T> RemainderInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, RemainderOperator<T>>(a, b);
        /// <summary>In-place remainder by a scalar divisor; returns a.</summary>
        public Tensor<T> RemainderInPlace(T b) => Elementwise.BinaryInPlace<T, RemainderOperator<T>>(a, Tensor.Scalar(b, a.Device));
    }
}
