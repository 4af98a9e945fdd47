using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = sign(x)</c>: 1 for x &gt; 0, −1 for x &lt; 0, and x itself for ±0 and NaN (so sign(±0) = ±0 and
/// sign(NaN) = NaN, as torch.sign and numpy.sign). Works for integers too. Derivative: ∂y/∂x = 0 (almost everywhere).
/// </summary>
/// <remarks>
/// TensorPrimitives.Sign returns <see cref="int"/>s, so this is a hand-written <see cref="Vector512{T}"/> kernel: two
/// compares and two blends per vector, scalar tail.
/// </remarks>
public readonly struct SignOperator<T> : IUnaryOperator<SignOperator<T>, T> where T : struct, INumber<T>, ISignedNumber<T>
{
    /// <inheritdoc />
    public static string Name => "sign";

    /// <inheritdoc />
    public static T Invoke(T x) => x > T.Zero ? T.One : x < T.Zero ? T.NegativeOne : x;

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y)
    {
        if (y.Length < x.Length) throw new ArgumentException($"Destination is too short: {y.Length} < {x.Length}.", nameof(y));
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T yr = ref MemoryMarshal.GetReference(y);
            var one = Vector512<T>.One;
            var minusOne = Vector512.Create(T.NegativeOne);
            for (; i <= x.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var v = Vector512.LoadUnsafe(ref xr, (nuint)i);
                var r = Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<T>.Zero), one,
                        Vector512.ConditionalSelect(Vector512.LessThan(v, Vector512<T>.Zero), minusOne, v));
                r.StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < x.Length; i++) y[i] = Invoke(x[i]);
    }
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>, ISignedNumber<T>
    {
        /// <summary>Elementwise sign (see <see cref="SignOperator{T}"/>).</summary>
        public Tensor<T> Sign() => Autograd.Record(Elementwise.Unary<T, SignOperator<T>>(x), "sign", x, static (g, n) => Tensor.ZerosLike(g));
        /// <summary>In-place sign; returns x.</summary>
        public Tensor<T> SignInPlace() => Elementwise.UnaryInPlace<T, SignOperator<T>>(x);
    }
}
