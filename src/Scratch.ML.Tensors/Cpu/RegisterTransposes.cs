using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scratch.ML.Cpu;

/// <summary>
/// In-register transposes of one cache line square: 16 × 16 elements of 4 bytes or 8 × 8 of 8 bytes, each row one
/// <see cref="Vector512{T}"/>. The transpose is the recursive block swap: at scale b = w/2, …, 2, 1 the off-diagonal
/// b × b blocks of every 2b × 2b block trade places, which pairs rows (i, i + b) and rebuilds both with one two-source
/// permute each (<c>vpermt2d</c> / <c>vpermt2q</c>). After all scales every element (i, j) sits at (j, i).
/// The scalar loop in <see cref="BlockedTranspose"/> is the reference twin; tests compare the two.
/// </summary>
internal static class RegisterTransposes
{
    /// <summary>The square's edge for <typeparamref name="T"/> (16 or 8), or 0 when AVX-512 is unavailable.</summary>
    public static int Width<T>() where T : unmanaged
    {
        if (!Avx512F.IsSupported) return 0;
        return Unsafe.SizeOf<T>() switch { 4 => 16, 8 => 8, _ => 0 };
    }

    /// <summary>
    /// <c>d[dOff + i·dr + j] = s[sOff + j·sc + i]</c> for i, j in [0, w): source rows are j (unit stride along i),
    /// destination rows are i (unit stride along j).
    /// </summary>
    public static void Square<T>(T[] s, int sOff, int sc, T[] d, int dOff, int dr) where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() == 4) Square16(MemoryMarshal.Cast<T, int>(s.AsSpan()), sOff, sc, MemoryMarshal.Cast<T, int>(d.AsSpan()), dOff, dr);
        else Square8(MemoryMarshal.Cast<T, long>(s.AsSpan()), sOff, sc, MemoryMarshal.Cast<T, long>(d.AsSpan()), dOff, dr);
    }

    private static void Square16(ReadOnlySpan<int> s, int sOff, int sc, Span<int> d, int dOff, int dr)
    {
        Span<Vector512<int>> r = stackalloc Vector512<int>[16];
        // Bounds: check the first and last row of each square once (strides may be negative); rows between lie inside.
        _ = s.Slice(sOff, 16);
        _ = s.Slice(sOff + 15 * sc, 16);
        _ = d.Slice(dOff, 16);
        _ = d.Slice(dOff + 15 * dr, 16);
        ref int s0 = ref MemoryMarshal.GetReference(s);
        ref int d0 = ref MemoryMarshal.GetReference(d);
        for (int j = 0; j < 16; j++) r[j] = Vector512.LoadUnsafe(ref s0, (nuint)(sOff + j * sc));
        for (int b = 8; b >= 1; b >>= 1)
        {
            var (keep, take) = Stages16[b];
            for (int i = 0; i < 16; i++)
            {
                if ((i & b) != 0) continue;
                var lo = r[i];
                var hi = r[i + b];
                r[i] = Avx512F.PermuteVar16x32x2(lo, keep, hi);
                r[i + b] = Avx512F.PermuteVar16x32x2(lo, take, hi);
            }
        }
        for (int i = 0; i < 16; i++) r[i].StoreUnsafe(ref d0, (nuint)(dOff + i * dr));
    }

    private static void Square8(ReadOnlySpan<long> s, int sOff, int sc, Span<long> d, int dOff, int dr)
    {
        Span<Vector512<long>> r = stackalloc Vector512<long>[8];
        _ = s.Slice(sOff, 8);
        _ = s.Slice(sOff + 7 * sc, 8);
        _ = d.Slice(dOff, 8);
        _ = d.Slice(dOff + 7 * dr, 8);
        ref long s0 = ref MemoryMarshal.GetReference(s);
        ref long d0 = ref MemoryMarshal.GetReference(d);
        for (int j = 0; j < 8; j++) r[j] = Vector512.LoadUnsafe(ref s0, (nuint)(sOff + j * sc));
        for (int b = 4; b >= 1; b >>= 1)
        {
            var (keep, take) = Stages8[b];
            for (int i = 0; i < 8; i++)
            {
                if ((i & b) != 0) continue;
                var lo = r[i];
                var hi = r[i + b];
                r[i] = Avx512F.PermuteVar8x64x2(lo, keep, hi);
                r[i + b] = Avx512F.PermuteVar8x64x2(lo, take, hi);
            }
        }
        for (int i = 0; i < 8; i++) r[i].StoreUnsafe(ref d0, (nuint)(dOff + i * dr));
    }

    // Precomputed per scale b (indexed by b; unused slots are default).
    private static readonly (Vector512<int> Keep, Vector512<int> Take)[] Stages16 = [default, Indices16(1), Indices16(2), default, Indices16(4), default, default, default, Indices16(8)];
    private static readonly (Vector512<long> Keep, Vector512<long> Take)[] Stages8 = [default, Indices8(1), Indices8(2), default, Indices8(4)];

    // Permute indices for scale b: index bit 4 (3 for 8 lanes) selects the second source (row i + b).
    // Row i keeps its columns with bit b clear and takes row i+b's columns c − b where bit b is set;
    // row i + b takes row i's columns c + b where bit b is clear and keeps its own where it is set.
    private static (Vector512<int> Keep, Vector512<int> Take) Indices16(int b)
    {
        Span<int> keep = stackalloc int[16], take = stackalloc int[16];
        for (int c = 0; c < 16; c++)
        {
            bool low = (c & b) == 0;
            keep[c] = low ? c : 16 + c - b;
            take[c] = low ? c + b : 16 + c;
        }
        return (Vector512.Create<int>(keep), Vector512.Create<int>(take));
    }

    private static (Vector512<long> Keep, Vector512<long> Take) Indices8(int b)
    {
        Span<long> keep = stackalloc long[8], take = stackalloc long[8];
        for (int c = 0; c < 8; c++)
        {
            bool low = (c & b) == 0;
            keep[c] = low ? c : 8 + c - b;
            take[c] = low ? c + b : 8 + c;
        }
        return (Vector512.Create<long>(keep), Vector512.Create<long>(take));
    }
}
