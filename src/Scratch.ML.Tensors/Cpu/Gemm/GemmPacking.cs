using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scratch.ML.Cpu;

/// <summary>
/// Copies blocks of A and B into the layouts the micro-kernel streams through: A as MR-row panels (column after
/// column), B as NR-column panels (row after row). Packing reads any (row, column) strides, so transposed operands
/// need no separate copy, and it pads the last panel with zeros so the kernel never needs a remainder loop.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs the mc×kc block of A at <paramref name="a"/> (strides rsA, csA) into ⌈mc/MR⌉ panels of MR·kc elements:
    /// panel r, element (i, p) goes to <c>dst[r·MR·kc + p·MR + i]</c>; rows past mc are zero.
    /// </summary>
    public static void PackA<T>(int mc, int kc, int mr, T* a, nint rsA, nint csA, T* dst) where T : unmanaged
    {
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            T* src = a + ir * rsA;
            if (typeof(T) == typeof(float) && Avx.IsSupported && csA == 1 && rows == 6 && mr == 6)
            {
                PackSixRowsFloat((float*)src, rsA, kc, (float*)dst);
            }
            else if (csA == 1 && rows == 6 && mr == 6)
            {
                // Row-major A, the 6-row tile of the AVX kernels: six sequential read streams, one sequential write
                // stream (about twice as fast as writing each row with stride MR).
                T* s0 = src, s1 = src + rsA, s2 = src + 2 * rsA, s3 = src + 3 * rsA, s4 = src + 4 * rsA, s5 = src + 5 * rsA;
                T* d = dst;
                for (int p = 0; p < kc; p++, d += 6)
                {
                    d[0] = s0[p]; d[1] = s1[p]; d[2] = s2[p]; d[3] = s3[p]; d[4] = s4[p]; d[5] = s5[p];
                }
            }
            else if (csA == 1)
            {
                // Row-major A: read each row contiguously, write it with stride MR.
                for (int i = 0; i < rows; i++)
                {
                    T* s = src + i * rsA;
                    T* d = dst + i;
                    for (int p = 0; p < kc; p++, d += mr) *d = s[p];
                }
            }
            else if (rsA == 1 && rows == mr)
            {
                // Column-major A (a transposed operand): each column of the panel is MR contiguous elements.
                nint bytes = mr * sizeof(T);
                for (int p = 0; p < kc; p++) Unsafe.CopyBlockUnaligned(dst + p * mr, src + p * csA, (uint)bytes);
            }
            else
            {
                for (int p = 0; p < kc; p++)
                    for (int i = 0; i < rows; i++) dst[p * mr + i] = src[i * rsA + p * csA];
            }
            if (rows < mr)
                for (int p = 0; p < kc; p++)
                    for (int i = rows; i < mr; i++) dst[p * mr + i] = default;
            dst += mr * kc;
        }
    }

    /// <summary>
    /// Packs the kc×nc block of B at <paramref name="b"/> (strides rsB, csB) into ⌈nc/NR⌉ panels of kc·NR elements:
    /// panel r, element (p, j) goes to <c>dst[r·kc·NR + p·NR + j]</c>; columns past nc are zero.
    /// </summary>
    public static void PackB<T>(int kc, int nc, int nr, T* b, nint rsB, nint csB, T* dst) where T : unmanaged
    {
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            T* src = b + jr * csB;
            if (csB == 1 && cols == nr)
            {
                // Row-major B: each row of the panel is NR contiguous elements.
                uint bytes = (uint)(nr * sizeof(T));
                for (int p = 0; p < kc; p++) Unsafe.CopyBlockUnaligned(dst + p * nr, src + p * rsB, bytes);
            }
            else if (rsB == 1)
            {
                // Column-major B (a transposed operand): read each column contiguously, write it with stride NR.
                for (int j = 0; j < cols; j++)
                {
                    T* s = src + j * csB;
                    T* d = dst + j;
                    for (int p = 0; p < kc; p++, d += nr) *d = s[p];
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                    for (int j = 0; j < cols; j++) dst[p * nr + j] = src[p * rsB + j * csB];
            }
            if (cols < nr)
                for (int p = 0; p < kc; p++)
                    for (int j = cols; j < nr; j++) dst[p * nr + j] = default;
            dst += nr * kc;
        }
    }

    /// <summary>
    /// Row-major float32 A into one 6-row panel with AVX: 8 columns at a time, the 6 rows (plus 2 zero rows) are
    /// transposed as an 8×8 block in registers and each column is stored as 8 floats at its panel position; the
    /// 2 extra floats land where the next column is stored right after (or in the buffer's slack after the last
    /// panel). About four times the speed of the scalar loop.
    /// </summary>
    private static void PackSixRowsFloat(float* src, nint rsA, int kc, float* dst)
    {
        float* s0 = src, s1 = src + rsA, s2 = src + 2 * rsA, s3 = src + 3 * rsA, s4 = src + 4 * rsA, s5 = src + 5 * rsA;
        var zero = Vector256<float>.Zero;
        int p = 0;
        for (; p + 8 <= kc; p += 8)
        {
            var t0 = Avx.UnpackLow(Vector256.Load(s0 + p), Vector256.Load(s1 + p));
            var t1 = Avx.UnpackHigh(Vector256.Load(s0 + p), Vector256.Load(s1 + p));
            var t2 = Avx.UnpackLow(Vector256.Load(s2 + p), Vector256.Load(s3 + p));
            var t3 = Avx.UnpackHigh(Vector256.Load(s2 + p), Vector256.Load(s3 + p));
            var t4 = Avx.UnpackLow(Vector256.Load(s4 + p), Vector256.Load(s5 + p));
            var t5 = Avx.UnpackHigh(Vector256.Load(s4 + p), Vector256.Load(s5 + p));
            var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE);
            var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
            var u4 = Avx.Shuffle(t4, zero, 0x44); var u5 = Avx.Shuffle(t4, zero, 0xEE);
            var u6 = Avx.Shuffle(t5, zero, 0x44); var u7 = Avx.Shuffle(t5, zero, 0xEE);
            float* d = dst + p * 6;
            Vector256.Store(Avx.Permute2x128(u0, u4, 0x20), d);
            Vector256.Store(Avx.Permute2x128(u1, u5, 0x20), d + 6);
            Vector256.Store(Avx.Permute2x128(u2, u6, 0x20), d + 12);
            Vector256.Store(Avx.Permute2x128(u3, u7, 0x20), d + 18);
            Vector256.Store(Avx.Permute2x128(u0, u4, 0x31), d + 24);
            Vector256.Store(Avx.Permute2x128(u1, u5, 0x31), d + 30);
            Vector256.Store(Avx.Permute2x128(u2, u6, 0x31), d + 36);
            Vector256.Store(Avx.Permute2x128(u3, u7, 0x31), d + 42);
        }
        for (; p < kc; p++)
        {
            float* d = dst + p * 6;
            d[0] = s0[p]; d[1] = s1[p]; d[2] = s2[p]; d[3] = s3[p]; d[4] = s4[p]; d[5] = s5[p];
        }
    }
}
