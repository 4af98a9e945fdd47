using System.Numerics;
using System.Runtime.Intrinsics;
using Scratch.ML.Cpu;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = 2ˣ</c>. Special values: exp2(−∞) = 0, exp2(+∞) = +∞, exp2(NaN) = NaN, exp2(±0) = 1; overflows to +∞ for
/// x ≥ 128 (float) / 1024 (double). Derivative: ∂y/∂x = ln 2 · y.
/// </summary>
/// <remarks>
/// Not TensorPrimitives.Exp2: it evaluates e^(x·ln 2), and rounding x·ln 2 costs |x|·ε of relative accuracy (measured:
/// 13 ulp for float32 at x = 71, 100 ulp for float64 at x = 710). Here x = n + f with n = round(x) and |f| ≤ ½ exact,
/// so <c>2ˣ = 2ⁿ·e^(f·ln 2)</c> loses nothing: 2ⁿ is built from exponent bits (as two factors, so that results in the
/// subnormal range are rounded once) and e^(f·ln 2) is within 1 ulp. Float32 is computed in double and rounded.
/// </remarks>
public readonly struct Exp2Operator<T> : IUnaryOperator<Exp2Operator<T>, T> where T : struct, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "exp2";
    /// <inheritdoc />
    public static T Invoke(T x) => T.CreateTruncating(Math.Pow(2, double.CreateTruncating(x)));
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => DoublePrecisionKernel.Apply(x, y, default(Exp2Core));
}

/// <summary>2ˣ as an <see cref="IDoublePrecisionKernel"/>.</summary>
internal readonly struct Exp2Core : IDoublePrecisionKernel
{
    private const double Ln2 = 0.69314718055994530942;

    public double Invoke(double x) => Math.Pow(2, x);

    public Vector512<double> Invoke(Vector512<double> x)
    {
        // Beyond ±1100 the result is 0 or ∞ anyway; clamping keeps the exponent arithmetic in range (NaN passes through).
        var xc = Vector512.Min(Vector512.Max(x, Vector512.Create(-1100.0)), Vector512.Create(1100.0));
        var n = Vector512.Round(xc);
        var (s1, s2) = VectorMath.Pow2(n);
        var y = VectorMath.Exp((xc - n) * Vector512.Create(Ln2)) * s1 * s2;
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), y, x);
    }
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = 2ˣ</c> into a new tensor (see <see cref="Exp2Operator{T}"/>).</summary>
        public Tensor<T> Exp2() => Autograd.Record(Elementwise.Unary<T, Exp2Operator<T>>(x), "exp2", x, static (g, n) => g * n.Output * T.CreateTruncating(0.69314718055994531) /* ln 2 */);
        /// <summary>In-place <c>y = 2ˣ</c> through x's strides; returns x.</summary>
        public Tensor<T> Exp2InPlace() => Elementwise.UnaryInPlace<T, Exp2Operator<T>>(x);
    }
}
