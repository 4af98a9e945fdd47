using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Scratch.ML.Cpu;

/// <summary>
/// Double-precision <see cref="Vector512{T}"/> building blocks for the kernels TensorPrimitives lacks. Written here
/// because <c>Vector512.Exp(Vector512&lt;double&gt;)</c> in .NET 10 is not vectorised on this hardware (measured
/// 148 ns per 8 lanes, i.e. one scalar exp per lane), which made erf-based Gelu 10× slower than it needs to be.
/// </summary>
internal static class VectorMath
{
    // ln 2 split so that k·Ln2Hi is exact for |k| < 2²⁰ (Ln2Hi has 21 significant bits); Ln2Lo = ln 2 − Ln2Hi
    // (both from mpmath at 40 digits).
    private const double Ln2Hi = 0.6931467056274414, Ln2Lo = 4.7493250390316726e-07, Log2E = 1.4426950408889634;

    /// <summary>1/n! for n = 0…13: Taylor series of eʳ, truncation error r¹⁴/14! ≤ 4.4e−18 for |r| ≤ ln2/2.</summary>
    private static ReadOnlySpan<double> ExpTaylor =>
    [
        1.0, 1.0, 0.5, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880, 1.0 / 3628800,
        1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800,
    ];

    /// <summary>
    /// eˣ within ~2 ulp: x = k·ln 2 + r with k = round(x/ln 2) and |r| ≤ ln2/2 (Cody–Waite reduction with the split
    /// constant above), eʳ by its Taylor polynomial, then 2ᵏ from exponent bits as two factors (so that results in
    /// the subnormal range are rounded once). exp(−∞) = 0, exp(+∞) = +∞, exp(NaN) = NaN.
    /// </summary>
    public static Vector512<double> Exp(Vector512<double> x)
    {
        var xc = Vector512.Min(Vector512.Max(x, Vector512.Create(-746.0)), Vector512.Create(710.0));
        var k = Vector512.Round(xc * Vector512.Create(Log2E));
        var r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Hi), xc);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Lo), r);
        var p = Horner(ExpTaylor, r);
        var (s1, s2) = Pow2(k);
        var y = p * s1 * s2; // left to right: p·s1 is exact, one rounding at ·s2
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), y, x);
    }

    /// <summary>
    /// 2ᵏ for integral k in [−1100, 1100] as the product of two exactly representable powers of two; callers multiply
    /// their mantissa by the first and then the second factor.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<double> First, Vector512<double> Second) Pow2(Vector512<double> k)
    {
        var k1 = Vector512.Floor(k * Vector512.Create(0.5));
        var k2 = k - k1;
        var s1 = Vector512.ShiftLeft(Vector512.ConvertToInt64(k1) + Vector512.Create(1023L), 52).AsDouble();
        var s2 = Vector512.ShiftLeft(Vector512.ConvertToInt64(k2) + Vector512.Create(1023L), 52).AsDouble();
        return (s1, s2);
    }

    /// <summary>
    /// ln(1 + e) for 0 ≤ e ≤ 1 within ~2 ulp, with no cancellation for tiny e: ln(1 + e) = 2·artanh(s),
    /// s = e/(2 + e) ∈ [0, ⅓], summed as 2s·Σ s²ⁿ/(2n + 1) to n = 16 (remainder &lt; 3⁻³⁴/35 ≈ 5e−19).
    /// </summary>
    public static Vector512<double> Log1pUnit(Vector512<double> e)
    {
        var s = e / (Vector512.Create(2.0) + e);
        var s2 = s * s;
        var p = Vector512.Create(1.0 / 33);
        for (int n = 15; n >= 0; n--) p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(1.0 / (2 * n + 1)));
        return Vector512.Create(2.0) * s * p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Horner(ReadOnlySpan<double> c, Vector512<double> t)
    {
        var p = Vector512.Create(c[^1]);
        for (int k = c.Length - 2; k >= 0; k--) p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(c[k]));
        return p;
    }
}
