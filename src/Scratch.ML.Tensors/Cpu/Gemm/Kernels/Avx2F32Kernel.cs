using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scratch.ML.Cpu;

/// <summary>
/// float32 AVX2 micro-kernel, 6×16: twelve ymm accumulators, two for B and one broadcast fill 15 of the 16 ymm
/// registers. Half the FMA width of the AVX-512 kernel, so half its peak on Zen 5.
/// </summary>
internal readonly unsafe struct Avx2F32Kernel : IGemmKernel<float>
{
    public static int MR => 6;
    public static int NR => 16;
    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint rsC, float alpha, float beta)
    {
        // Ask for the C tile now (one line per row and half-row) so its load after the k loop hits the cache.
        for (int i = 0; i < 6; i++) { Sse.Prefetch0(c + i * rsC); Sse.Prefetch0(c + i * rsC + 15); }
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b), b1 = Vector256.Load(b + 8);
            Vector256<float> x = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(x, b0, c40); c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(x, b0, c50); c51 = Fma.MultiplyAdd(x, b1, c51);
            a += 6; b += 16;
        }
        Vector256<float> va = Vector256.Create(alpha);
        if (beta == 0)
        {
            Vector256.Store(c00 * va, c); Vector256.Store(c01 * va, c + 8); c += rsC;
            Vector256.Store(c10 * va, c); Vector256.Store(c11 * va, c + 8); c += rsC;
            Vector256.Store(c20 * va, c); Vector256.Store(c21 * va, c + 8); c += rsC;
            Vector256.Store(c30 * va, c); Vector256.Store(c31 * va, c + 8); c += rsC;
            Vector256.Store(c40 * va, c); Vector256.Store(c41 * va, c + 8); c += rsC;
            Vector256.Store(c50 * va, c); Vector256.Store(c51 * va, c + 8);
        }
        else
        {
            Vector256<float> vb = Vector256.Create(beta);
            Row(c, c00, c01, va, vb); c += rsC;
            Row(c, c10, c11, va, vb); c += rsC;
            Row(c, c20, c21, va, vb); c += rsC;
            Row(c, c30, c31, va, vb); c += rsC;
            Row(c, c40, c41, va, vb); c += rsC;
            Row(c, c50, c51, va, vb);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row(float* c, Vector256<float> x0, Vector256<float> x1, Vector256<float> va, Vector256<float> vb)
    {
        Vector256.Store(Fma.MultiplyAdd(x0, va, Vector256.Load(c) * vb), c);
        Vector256.Store(Fma.MultiplyAdd(x1, va, Vector256.Load(c + 8) * vb), c + 8);
    }
}
