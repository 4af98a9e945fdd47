using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Scratch.ML.Rng;

/// <summary>
/// Logarithm and sine/cosine (float32 and float64) for the Box–Muller and exponential kernels, written as plain vector arithmetic
/// (the runtime's <c>Vector512.Log/SinCos</c> for float run about one element at a time on our machines, and their
/// results may differ between instruction sets; these give the same bits on every machine).
/// </summary>
/// <remarks>
/// <para><b>Log.</b> x = 2ᵉ·m with m ∈ [√½, √2), and ln m = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + s⁷/7 + s⁹/9 + …) with
/// s = (m − 1)/(m + 1), |s| ≤ 0.172: the first omitted term is below 10⁻⁹ relative. ln 2 is split into a head with
/// few bits and a tail, so e·ln 2 is exact to float precision.</para>
/// <para><b>Sine and cosine of a quarter-turn grid.</b> Box–Muller needs sin and cos of 2π·j/2²⁴ for a 24-bit integer
/// j. The angle is reduced exactly in integers: the top two bits of j are the quadrant, the remaining 22 bits the
/// position inside it, folded to the first octant (t ≤ 2²¹) so x = t·(π/2)/2²² ≤ π/4. There the Taylor series to
/// x⁹ (sine) and x¹⁰ (cosine) are accurate to 2·10⁻⁹. Quadrant symmetries swap and negate the pair.</para>
/// </remarks>
internal static class SimdMath
{
    private const float Ln2Hi = 0.693145751953125f;      // 0x3F317200: low mantissa bits zero, so e·Ln2Hi is exact
    private const float Ln2Lo = 1.428606765330187e-06f;
    private const float HalfPiOver2Pow22 = (float)(Math.PI / 2 / (1 << 22));

    /// <summary>ln x for positive normal x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x)
    {
        Vector512<int> bits = x.AsInt32();
        Vector512<int> e = Vector512.ShiftRightArithmetic(bits, 23) - Vector512.Create(127);
        Vector512<float> m = (bits & Vector512.Create(0x007FFFFF) | Vector512.Create(0x3F800000)).AsSingle();
        // Move m from [1, 2) to [√½, √2): above √2 halve m and bump the exponent.
        Vector512<int> big = Vector512.GreaterThan(m, Vector512.Create(1.41421356f)).AsInt32();
        m = Vector512.ConditionalSelect(big.AsSingle(), m * 0.5f, m);
        e -= big; // big lanes are −1
        Vector512<float> s = (m - Vector512<float>.One) / (m + Vector512<float>.One);
        Vector512<float> s2 = s * s;
        Vector512<float> p = Vector512.Create(2f / 9);
        p = p * s2 + Vector512.Create(2f / 7);
        p = p * s2 + Vector512.Create(2f / 5);
        p = p * s2 + Vector512.Create(2f / 3);
        p = p * s2 + Vector512.Create(2f);
        Vector512<float> ef = Vector512.ConvertToSingle(e);
        return ef * Ln2Hi + (s * p + ef * Ln2Lo);
    }

    /// <summary>(sin, cos) of 2π·j/2²⁴ for integers j ∈ [0, 2²⁴).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<float> Sin, Vector512<float> Cos) SinCosTurns24(Vector512<int> j)
    {
        Vector512<int> q = Vector512.ShiftRightLogical(j, 22);
        Vector512<int> r = j & Vector512.Create((1 << 22) - 1);
        Vector512<int> fold = Vector512.GreaterThan(r, Vector512.Create(1 << 21));
        Vector512<int> t = Vector512.ConditionalSelect(fold, Vector512.Create(1 << 22) - r, r);
        Vector512<float> x = Vector512.ConvertToSingle(t) * HalfPiOver2Pow22;
        Vector512<float> x2 = x * x;
        Vector512<float> sp = Vector512.Create(1f / 362880);
        sp = sp * x2 - Vector512.Create(1f / 5040);
        sp = sp * x2 + Vector512.Create(1f / 120);
        sp = sp * x2 - Vector512.Create(1f / 6);
        Vector512<float> sin = x + x * x2 * sp;
        Vector512<float> cp = Vector512.Create(-1f / 3628800);
        cp = cp * x2 + Vector512.Create(1f / 40320);
        cp = cp * x2 - Vector512.Create(1f / 720);
        cp = cp * x2 + Vector512.Create(1f / 24);
        cp = cp * x2 - Vector512.Create(0.5f);
        Vector512<float> cos = Vector512<float>.One + x2 * cp;
        // Folded lanes: φ = π/2 − x, so (sin φ, cos φ) = (cos x, sin x). Odd quadrants rotate by π/2: (cos φ, −sin φ).
        Vector512<float> swap = (fold ^ Vector512.Equals(q & Vector512<int>.One, Vector512<int>.One)).AsSingle();
        Vector512<float> s1 = Vector512.ConditionalSelect(swap, cos, sin);
        Vector512<float> c1 = Vector512.ConditionalSelect(swap, sin, cos);
        // Signs: sin is negative in quadrants 2, 3; cos in quadrants 1, 2.
        Vector512<int> sinSign = Vector512.ShiftLeft(q & Vector512.Create(2), 30);
        Vector512<int> cosSign = Vector512.ShiftLeft((q ^ Vector512.ShiftRightLogical(q, 1)) & Vector512<int>.One, 31);
        return ((s1.AsInt32() ^ sinSign).AsSingle(), (c1.AsInt32() ^ cosSign).AsSingle());
    }

    private const double Ln2HiD = 6.93147180369123816490e-01;  // 0x3FE62E42FEE00000: 21 trailing zero bits
    private const double Ln2LoD = 1.90821492927058770002e-10;
    private const double HalfPiOver2Pow51 = Math.PI / 2 / (1L << 51);

    /// <summary>ln x for positive normal doubles: the same reduction as the float version, series to s²³.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x)
    {
        Vector512<long> bits = x.AsInt64();
        Vector512<long> e = Vector512.ShiftRightArithmetic(bits, 52) - Vector512.Create(1023L);
        Vector512<double> m = (bits & Vector512.Create(0x000FFFFFFFFFFFFFL) | Vector512.Create(0x3FF0000000000000L)).AsDouble();
        Vector512<long> big = Vector512.GreaterThan(m, Vector512.Create(1.4142135623730951)).AsInt64();
        m = Vector512.ConditionalSelect(big.AsDouble(), m * 0.5, m);
        e -= big;
        Vector512<double> s = (m - Vector512<double>.One) / (m + Vector512<double>.One);
        Vector512<double> s2 = s * s;
        // 2·atanh(s) = Σ 2s^(2k+1)/(2k+1); |s| ≤ 0.172, so the first omitted term (k = 12) is below 10⁻¹⁸ relative.
        Vector512<double> p = Vector512.Create(2.0 / 23);
        p = p * s2 + Vector512.Create(2.0 / 21);
        p = p * s2 + Vector512.Create(2.0 / 19);
        p = p * s2 + Vector512.Create(2.0 / 17);
        p = p * s2 + Vector512.Create(2.0 / 15);
        p = p * s2 + Vector512.Create(2.0 / 13);
        p = p * s2 + Vector512.Create(2.0 / 11);
        p = p * s2 + Vector512.Create(2.0 / 9);
        p = p * s2 + Vector512.Create(2.0 / 7);
        p = p * s2 + Vector512.Create(2.0 / 5);
        p = p * s2 + Vector512.Create(2.0 / 3);
        p = p * s2 + Vector512.Create(2.0);
        Vector512<double> ef = Vector512.ConvertToDouble(e);
        return ef * Ln2HiD + (s * p + ef * Ln2LoD);
    }

    /// <summary>(sin, cos) of 2π·j/2⁵³ for integers j ∈ [0, 2⁵³): quadrant from the top two bits, octant fold of the
    /// other 51, Taylor series to x¹⁷ (sine) and x¹⁸ (cosine) on x ≤ π/4 (truncation below 2·10⁻¹⁹).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<double> Sin, Vector512<double> Cos) SinCosTurns53(Vector512<long> j)
    {
        Vector512<long> q = Vector512.ShiftRightLogical(j, 51);
        Vector512<long> r = j & Vector512.Create((1L << 51) - 1);
        Vector512<long> fold = Vector512.GreaterThan(r, Vector512.Create(1L << 50));
        Vector512<long> t = Vector512.ConditionalSelect(fold, Vector512.Create(1L << 51) - r, r);
        Vector512<double> x = Vector512.ConvertToDouble(t) * HalfPiOver2Pow51;
        Vector512<double> x2 = x * x;
        Vector512<double> sp = Vector512.Create(1.0 / 355687428096000);  // 1/17!
        sp = sp * x2 - Vector512.Create(1.0 / 1307674368000);            // 1/15!
        sp = sp * x2 + Vector512.Create(1.0 / 6227020800);               // 1/13!
        sp = sp * x2 - Vector512.Create(1.0 / 39916800);                 // 1/11!
        sp = sp * x2 + Vector512.Create(1.0 / 362880);
        sp = sp * x2 - Vector512.Create(1.0 / 5040);
        sp = sp * x2 + Vector512.Create(1.0 / 120);
        sp = sp * x2 - Vector512.Create(1.0 / 6);
        Vector512<double> sin = x + x * x2 * sp;
        Vector512<double> cp = Vector512.Create(1.0 / 6402373705728000); // 1/18!
        cp = cp * x2 - Vector512.Create(1.0 / 20922789888000);           // 1/16!
        cp = cp * x2 + Vector512.Create(1.0 / 87178291200);              // 1/14!
        cp = cp * x2 - Vector512.Create(1.0 / 479001600);                // 1/12!
        cp = cp * x2 + Vector512.Create(1.0 / 3628800);
        cp = cp * x2 - Vector512.Create(1.0 / 40320);
        cp = cp * x2 + Vector512.Create(1.0 / 720);
        cp = cp * x2 - Vector512.Create(1.0 / 24);
        cp = cp * x2 + Vector512.Create(0.5);
        Vector512<double> cos = Vector512<double>.One - x2 * cp;
        Vector512<double> swap = (fold ^ Vector512.Equals(q & Vector512<long>.One, Vector512<long>.One)).AsDouble();
        Vector512<double> s1 = Vector512.ConditionalSelect(swap, cos, sin);
        Vector512<double> c1 = Vector512.ConditionalSelect(swap, sin, cos);
        Vector512<long> sinSign = Vector512.ShiftLeft(q & Vector512.Create(2L), 62);
        Vector512<long> cosSign = Vector512.ShiftLeft((q ^ Vector512.ShiftRightLogical(q, 1)) & Vector512<long>.One, 63);
        return ((s1.AsInt64() ^ sinSign).AsDouble(), (c1.AsInt64() ^ cosSign).AsDouble());
    }

    /// <summary>Scalar twin of <see cref="SinCosTurns53(Vector512{long})"/>.</summary>
    public static (double Sin, double Cos) SinCosTurns53(long j)
    {
        var (s, c) = SinCosTurns53(Vector512.Create(j));
        return (s[0], c[0]);
    }

    /// <summary>Scalar twin of <see cref="Log(Vector512{double})"/>.</summary>
    public static double Log(double x) => Log(Vector512.Create(x))[0];

    /// <summary>Scalar twin of <see cref="SinCosTurns24(Vector512{int})"/> with the same reduction and polynomials.</summary>
    public static (float Sin, float Cos) SinCosTurns24(int j)
    {
        var (s, c) = SinCosTurns24(Vector512.Create(j));
        return (s[0], c[0]);
    }

    /// <summary>Scalar twin of <see cref="Log(Vector512{float})"/>.</summary>
    public static float Log(float x) => Log(Vector512.Create(x))[0];
}
