using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scratch.ML.Cpu;

/// <summary>
/// float32 AVX-512 micro-kernel, 6×32: twelve zmm accumulators (6 rows × two 16-lane vectors), two zmm for the B row
/// and one broadcast of A — 15 of the 32 zmm registers, so the JIT never spills. Per k step: 2 vector loads of B, 6
/// broadcasts of A, 12 FMAs (6 cycles on Zen 5's two 512-bit FMA pipes, more than the 4-cycle FMA latency with
/// 12 independent chains).
/// </summary>
internal readonly unsafe struct Avx512F32Kernel : IGemmKernel<float>
{
    public static int MR => 6;
    public static int NR => 32;
    public static bool IsSupported => Avx512F.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint rsC, float alpha, float beta)
    {
        // Ask for the C tile now (one line per row and half-row) so its load after the k loop hits the cache.
        for (int i = 0; i < 6; i++) { Sse.Prefetch0(c + i * rsC); Sse.Prefetch0(c + i * rsC + 31); }
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 16);
            Vector512<float> x = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(x, b0, c00); c01 = Avx512F.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(x, b0, c10); c11 = Avx512F.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(x, b0, c20); c21 = Avx512F.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(x, b0, c30); c31 = Avx512F.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(x, b0, c40); c41 = Avx512F.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(x, b0, c50); c51 = Avx512F.FusedMultiplyAdd(x, b1, c51);
            a += 6; b += 32;
        }
        Vector512<float> va = Vector512.Create(alpha);
        if (beta == 0f)
        {
            Vector512.Store(c00 * va, c); Vector512.Store(c01 * va, c + 16); c += rsC;
            Vector512.Store(c10 * va, c); Vector512.Store(c11 * va, c + 16); c += rsC;
            Vector512.Store(c20 * va, c); Vector512.Store(c21 * va, c + 16); c += rsC;
            Vector512.Store(c30 * va, c); Vector512.Store(c31 * va, c + 16); c += rsC;
            Vector512.Store(c40 * va, c); Vector512.Store(c41 * va, c + 16); c += rsC;
            Vector512.Store(c50 * va, c); Vector512.Store(c51 * va, c + 16);
        }
        else
        {
            Vector512<float> vb = Vector512.Create(beta);
            Row(c, c00, c01, va, vb); c += rsC;
            Row(c, c10, c11, va, vb); c += rsC;
            Row(c, c20, c21, va, vb); c += rsC;
            Row(c, c30, c31, va, vb); c += rsC;
            Row(c, c40, c41, va, vb); c += rsC;
            Row(c, c50, c51, va, vb);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row(float* c, Vector512<float> x0, Vector512<float> x1, Vector512<float> va, Vector512<float> vb)
    {
        Vector512.Store(Avx512F.FusedMultiplyAdd(x0, va, Vector512.Load(c) * vb), c);
        Vector512.Store(Avx512F.FusedMultiplyAdd(x1, va, Vector512.Load(c + 16) * vb), c + 16);
    }
}
