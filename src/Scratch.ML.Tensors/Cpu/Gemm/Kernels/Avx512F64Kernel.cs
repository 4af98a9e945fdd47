using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scratch.ML.Cpu;

/// <summary>
/// float64 AVX-512 micro-kernel, 6×16: the float32 kernel's register plan (12 zmm accumulators, 2 for B, 1 broadcast)
/// with 8-lane vectors.
/// </summary>
internal readonly unsafe struct Avx512F64Kernel : IGemmKernel<double>
{
    public static int MR => 6;
    public static int NR => 16;
    public static bool IsSupported => Avx512F.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, double* a, double* b, double* c, nint rsC, double alpha, double beta)
    {
        // Ask for the C tile now (one line per row and half-row) so its load after the k loop hits the cache.
        for (int i = 0; i < 6; i++) { Sse.Prefetch0(c + i * rsC); Sse.Prefetch0(c + i * rsC + 15); }
        Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<double> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<double> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 8);
            Vector512<double> x = Vector512.Create(a[0]);
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
            a += 6; b += 16;
        }
        Vector512<double> va = Vector512.Create(alpha);
        if (beta == 0)
        {
            Vector512.Store(c00 * va, c); Vector512.Store(c01 * va, c + 8); c += rsC;
            Vector512.Store(c10 * va, c); Vector512.Store(c11 * va, c + 8); c += rsC;
            Vector512.Store(c20 * va, c); Vector512.Store(c21 * va, c + 8); c += rsC;
            Vector512.Store(c30 * va, c); Vector512.Store(c31 * va, c + 8); c += rsC;
            Vector512.Store(c40 * va, c); Vector512.Store(c41 * va, c + 8); c += rsC;
            Vector512.Store(c50 * va, c); Vector512.Store(c51 * va, c + 8);
        }
        else
        {
            Vector512<double> vb = Vector512.Create(beta);
            Row(c, c00, c01, va, vb); c += rsC;
            Row(c, c10, c11, va, vb); c += rsC;
            Row(c, c20, c21, va, vb); c += rsC;
            Row(c, c30, c31, va, vb); c += rsC;
            Row(c, c40, c41, va, vb); c += rsC;
            Row(c, c50, c51, va, vb);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row(double* c, Vector512<double> x0, Vector512<double> x1, Vector512<double> va, Vector512<double> vb)
    {
        Vector512.Store(Avx512F.FusedMultiplyAdd(x0, va, Vector512.Load(c) * vb), c);
        Vector512.Store(Avx512F.FusedMultiplyAdd(x1, va, Vector512.Load(c + 8) * vb), c + 8);
    }
}
