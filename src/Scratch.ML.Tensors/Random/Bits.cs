using System.Runtime.CompilerServices;

namespace Scratch.ML.Rng;

/// <summary>
/// From random words to numbers. A float in [0, 1) takes the top 24 bits of a word times 2⁻²⁴; a double takes 53
/// bits of a word pair read as a little-endian 64-bit integer (<c>w₀ | w₁ ≪ 32</c>, shifted right by 11) times
/// 2⁻⁵³. Both grids are exact in their type (every value is representable), so the result is never rounded up to 1.
/// Integers in [0, r) use Lemire's multiply-shift with rejection, which is exactly unbiased.
/// </summary>
internal static class Bits
{
    public const float Float24 = 1.0f / (1 << 24);
    public const double Double53 = 1.0 / (1UL << 53);

    /// <summary>[0, 1) on the 2⁻²⁴ grid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToSingle(uint w) => (w >> 8) * Float24;

    /// <summary>(0, 1] on the 2⁻²⁴ grid (safe to take the logarithm).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToSingleOpenZero(uint w) => ((w >> 8) + 1) * Float24;

    /// <summary>[0, 1) on the 2⁻⁵³ grid from the pair (w0 low, w1 high).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDouble(uint w0, uint w1) => ((w0 | ((ulong)w1 << 32)) >> 11) * Double53;

    /// <summary>(0, 1] on the 2⁻⁵³ grid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDoubleOpenZero(uint w0, uint w1) => (((w0 | ((ulong)w1 << 32)) >> 11) + 1) * Double53;

    /// <summary>
    /// Lemire's nearly-divisionless map of a 64-bit word into [0, range): the high half of x·range, rejecting the
    /// low half below (2⁶⁴ − range) mod range. Returns false when <paramref name="x"/> must be redrawn
    /// (probability &lt; range/2⁶⁴).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryBelow(ulong x, ulong range, out ulong value)
    {
        UInt128 m = (UInt128)x * range;
        ulong lo = (ulong)m;
        value = (ulong)(m >> 64);
        if (lo < range)
        {
            ulong threshold = (0UL - range) % range;
            if (lo < threshold) return false;
        }
        return true;
    }
}
