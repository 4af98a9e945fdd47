using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scratch.ML.Rng;

/// <summary>
/// The SIMD twin of <see cref="Philox.FillReference"/>: Philox4x32-10 over 16 (AVX-512) or 8 (AVX2) consecutive
/// counters at once, bit-identical to the scalar reference.
/// </summary>
/// <remarks>
/// Word x_l of 16 counters lives in one vector (structure of arrays). The 32×32→64 multiply-high uses
/// <c>vpmuludq</c>, which multiplies the even 32-bit lanes into 64-bit products; the odd lanes are shifted down
/// and multiplied in a second instruction, and the hi/lo halves are blended back into 32-bit lanes. At the end a
/// 4×4 transpose (32- then 64-bit unpacks, then 128-bit stores) writes the blocks in counter order.
/// </remarks>
internal static class PhiloxBulk
{
    /// <summary>Fills <paramref name="words"/> exactly as <see cref="Philox.FillReference"/> does.</summary>
    public static void Fill(ulong seed, uint stream, ulong firstPosition, uint draw, Span<uint> words)
    {
        int done = 0;
        if (Avx512F.IsSupported)
        {
            for (; done + 128 <= words.Length; done += 128)
                Fill32(seed, stream, firstPosition + (ulong)(done / 4), draw, words.Slice(done, 128));
            for (; done + 64 <= words.Length; done += 64)
                Fill16(seed, stream, firstPosition + (ulong)(done / 4), draw, words.Slice(done, 64));
        }
        if (Avx2.IsSupported)
        {
            for (; done + 32 <= words.Length; done += 32)
                Fill8(seed, stream, firstPosition + (ulong)(done / 4), draw, words.Slice(done, 32));
        }
        Philox.FillReference(seed, stream, firstPosition + (ulong)(done / 4), draw, words[done..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MulHiLo512(Vector512<uint> x, Vector512<uint> m, Vector512<uint> oddMask, out Vector512<uint> hi, out Vector512<uint> lo)
    {
        Vector512<ulong> pe = Avx512F.Multiply(x, m);
        Vector512<ulong> po = Avx512F.Multiply(Vector512.ShiftRightLogical(x.AsUInt64(), 32).AsUInt32(), m);
        hi = Vector512.ConditionalSelect(oddMask, po.AsUInt32(), Vector512.ShiftRightLogical(pe, 32).AsUInt32());
        lo = Vector512.ConditionalSelect(oddMask, Vector512.ShiftLeft(po, 32).AsUInt32(), pe.AsUInt32());
    }

    /// <summary>
    /// Two independent groups of 16 counters per round: each round is a dependency chain through <c>vpmuludq</c>
    /// (latency ≈ 3–5 cycles), so a second chain in flight keeps the multiplier busy.
    /// </summary>
    private static void Fill32(ulong seed, uint stream, ulong first, uint draw, Span<uint> dst)
    {
        var iota = Vector512.Create(0u, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var lo0 = Vector512.Create((uint)first);
        var hiw = Vector512.Create((uint)(first >> 32));
        Vector512<uint> a0 = lo0 + iota;
        Vector512<uint> b0 = a0 + Vector512.Create(16u);
        Vector512<uint> a1 = hiw + (Vector512.LessThan(a0, lo0) & Vector512<uint>.One);
        Vector512<uint> b1 = hiw + (Vector512.LessThan(b0, lo0) & Vector512<uint>.One);
        Vector512<uint> a2 = Vector512.Create(draw), b2 = a2;
        Vector512<uint> a3 = Vector512.Create(stream), b3 = a3;
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        var m0 = Vector512.Create(Philox.M0);
        var m1 = Vector512.Create(Philox.M1);
        var odd = Vector512.Create(0u, ~0u, 0, ~0u, 0, ~0u, 0, ~0u, 0, ~0u, 0, ~0u, 0, ~0u, 0, ~0u);
        for (int r = 0; r < Philox.Rounds; r++)
        {
            if (r > 0) { k0 += Philox.W0; k1 += Philox.W1; }
            var vk0 = Vector512.Create(k0);
            var vk1 = Vector512.Create(k1);
            MulHiLo512(a0, m0, odd, out var ahi0, out var alo0);
            MulHiLo512(b0, m0, odd, out var bhi0, out var blo0);
            MulHiLo512(a2, m1, odd, out var ahi1, out var alo1);
            MulHiLo512(b2, m1, odd, out var bhi1, out var blo1);
            a0 = ahi1 ^ a1 ^ vk0; a1 = alo1; a2 = ahi0 ^ a3 ^ vk1; a3 = alo0;
            b0 = bhi1 ^ b1 ^ vk0; b1 = blo1; b2 = bhi0 ^ b3 ^ vk1; b3 = blo0;
        }
        Transpose16(a0, a1, a2, a3, dst[..64]);
        Transpose16(b0, b1, b2, b3, dst.Slice(64, 64));
    }

    /// <summary>Writes 16 blocks held as word planes x0…x3 in counter order (4×4 transposes of 32-bit words).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose16(Vector512<uint> x0, Vector512<uint> x1, Vector512<uint> x2, Vector512<uint> x3, Span<uint> dst)
    {
        var a = Avx512F.UnpackLow(x0, x1).AsUInt64();
        var b = Avx512F.UnpackHigh(x0, x1).AsUInt64();
        var c = Avx512F.UnpackLow(x2, x3).AsUInt64();
        var d = Avx512F.UnpackHigh(x2, x3).AsUInt64();
        var e = Avx512F.UnpackLow(a, c).AsUInt32();
        var f = Avx512F.UnpackHigh(a, c).AsUInt32();
        var g = Avx512F.UnpackLow(b, d).AsUInt32();
        var h = Avx512F.UnpackHigh(b, d).AsUInt32();
        ref uint o = ref MemoryMarshal.GetReference(dst);
        Store4(e, f, g, h, 0, ref o, 0);
        Store4(e, f, g, h, 1, ref o, 16);
        Store4(e, f, g, h, 2, ref o, 32);
        Store4(e, f, g, h, 3, ref o, 48);
    }

    private static void Fill16(ulong seed, uint stream, ulong first, uint draw, Span<uint> dst)
    {
        var iota = Vector512.Create(0u, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var lo0 = Vector512.Create((uint)first);
        Vector512<uint> x0 = lo0 + iota;
        // Lanes whose low word wrapped around carry into the high word.
        Vector512<uint> carry = Vector512.LessThan(x0, lo0) & Vector512<uint>.One;
        Vector512<uint> x1 = Vector512.Create((uint)(first >> 32)) + carry;
        Vector512<uint> x2 = Vector512.Create(draw);
        Vector512<uint> x3 = Vector512.Create(stream);
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        var m0 = Vector512.Create(Philox.M0);
        var m1 = Vector512.Create(Philox.M1);
        var odd = Vector512.Create(0u, ~0u, 0, ~0u, 0, ~0u, 0, ~0u, 0, ~0u, 0, ~0u, 0, ~0u, 0, ~0u);
        for (int r = 0; r < Philox.Rounds; r++)
        {
            if (r > 0) { k0 += Philox.W0; k1 += Philox.W1; }
            MulHiLo512(x0, m0, odd, out var hi0, out var lo0r);
            MulHiLo512(x2, m1, odd, out var hi1, out var lo1r);
            x0 = hi1 ^ x1 ^ Vector512.Create(k0);
            x1 = lo1r;
            x2 = hi0 ^ x3 ^ Vector512.Create(k1);
            x3 = lo0r;
        }
        // Transpose: a/b interleave x0,x1; c/d interleave x2,x3; the 64-bit unpacks then hold whole blocks.
        Transpose16(x0, x1, x2, x3, dst);
    }

    /// <summary>Writes 128-bit lane <paramref name="lane"/> of e, f, g, h (blocks 4·lane … 4·lane + 3) at word <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4(Vector512<uint> e, Vector512<uint> f, Vector512<uint> g, Vector512<uint> h, [System.Diagnostics.CodeAnalysis.ConstantExpected] byte lane, ref uint o, nuint at)
    {
        Avx512F.ExtractVector128(e, lane).StoreUnsafe(ref o, at);
        Avx512F.ExtractVector128(f, lane).StoreUnsafe(ref o, at + 4);
        Avx512F.ExtractVector128(g, lane).StoreUnsafe(ref o, at + 8);
        Avx512F.ExtractVector128(h, lane).StoreUnsafe(ref o, at + 12);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MulHiLo256(Vector256<uint> x, Vector256<uint> m, Vector256<uint> oddMask, out Vector256<uint> hi, out Vector256<uint> lo)
    {
        Vector256<ulong> pe = Avx2.Multiply(x, m);
        Vector256<ulong> po = Avx2.Multiply(Vector256.ShiftRightLogical(x.AsUInt64(), 32).AsUInt32(), m);
        hi = Vector256.ConditionalSelect(oddMask, po.AsUInt32(), Vector256.ShiftRightLogical(pe, 32).AsUInt32());
        lo = Vector256.ConditionalSelect(oddMask, Vector256.ShiftLeft(po, 32).AsUInt32(), pe.AsUInt32());
    }

    private static void Fill8(ulong seed, uint stream, ulong first, uint draw, Span<uint> dst)
    {
        var iota = Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7);
        var lo0 = Vector256.Create((uint)first);
        Vector256<uint> x0 = lo0 + iota;
        Vector256<uint> carry = Vector256.LessThan(x0, lo0) & Vector256<uint>.One;
        Vector256<uint> x1 = Vector256.Create((uint)(first >> 32)) + carry;
        Vector256<uint> x2 = Vector256.Create(draw);
        Vector256<uint> x3 = Vector256.Create(stream);
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        var m0 = Vector256.Create(Philox.M0);
        var m1 = Vector256.Create(Philox.M1);
        var odd = Vector256.Create(0u, ~0u, 0, ~0u, 0, ~0u, 0, ~0u);
        for (int r = 0; r < Philox.Rounds; r++)
        {
            if (r > 0) { k0 += Philox.W0; k1 += Philox.W1; }
            MulHiLo256(x0, m0, odd, out var hi0, out var lo0r);
            MulHiLo256(x2, m1, odd, out var hi1, out var lo1r);
            x0 = hi1 ^ x1 ^ Vector256.Create(k0);
            x1 = lo1r;
            x2 = hi0 ^ x3 ^ Vector256.Create(k1);
            x3 = lo0r;
        }
        var a = Avx2.UnpackLow(x0, x1).AsUInt64();
        var b = Avx2.UnpackHigh(x0, x1).AsUInt64();
        var c = Avx2.UnpackLow(x2, x3).AsUInt64();
        var d = Avx2.UnpackHigh(x2, x3).AsUInt64();
        var e = Avx2.UnpackLow(a, c).AsUInt32();  // blocks 0, 4
        var f = Avx2.UnpackHigh(a, c).AsUInt32(); // blocks 1, 5
        var g = Avx2.UnpackLow(b, d).AsUInt32();  // blocks 2, 6
        var h = Avx2.UnpackHigh(b, d).AsUInt32(); // blocks 3, 7
        ref uint o = ref MemoryMarshal.GetReference(dst);
        e.GetLower().StoreUnsafe(ref o, 0);
        f.GetLower().StoreUnsafe(ref o, 4);
        g.GetLower().StoreUnsafe(ref o, 8);
        h.GetLower().StoreUnsafe(ref o, 12);
        e.GetUpper().StoreUnsafe(ref o, 16);
        f.GetUpper().StoreUnsafe(ref o, 20);
        g.GetUpper().StoreUnsafe(ref o, 24);
        h.GetUpper().StoreUnsafe(ref o, 28);
    }

    /// <summary>Test hook: the AVX2 path alone (bit-identical to the reference), for machines that also have AVX-512.</summary>
    internal static void FillAvx2Only(ulong seed, uint stream, ulong firstPosition, uint draw, Span<uint> words)
    {
        int done = 0;
        if (Avx2.IsSupported)
            for (; done + 32 <= words.Length; done += 32)
                Fill8(seed, stream, firstPosition + (ulong)(done / 4), draw, words.Slice(done, 32));
        Philox.FillReference(seed, stream, firstPosition + (ulong)(done / 4), draw, words[done..]);
    }
}
