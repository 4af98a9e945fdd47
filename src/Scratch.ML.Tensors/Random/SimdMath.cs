using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Scratch.ML.Random;

/// <summary>
/// float32 logarithm and sine/cosine for the Box–Muller and exponential kernels, written as plain vector arithmetic
/// (the runtime's <c>Vector512.Log/SinCos</c> for float run about one element at a time on our machines).
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

    /// <summary>Scalar twin of <see cref="SinCosTurns24(Vector512{int})"/> with the same reduction and polynomials.</summary>
    public static (float Sin, float Cos) SinCosTurns24(int j)
    {
        var (s, c) = SinCosTurns24(Vector512.Create(j));
        return (s[0], c[0]);
    }

    /// <summary>Scalar twin of <see cref="Log(Vector512{float})"/>.</summary>
    public static float Log(float x) => Log(Vector512.Create(x))[0];
}
