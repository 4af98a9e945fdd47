using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace Scratch.ML.Cpu;

public static unsafe partial class Gemm
{
    /// <summary>
    /// Products with fewer multiply-adds (m·n·k) than this run on the calling thread: waking a worker costs a few
    /// microseconds, about what one core needs for a 64×64×64 product.
    /// </summary>
    internal const long ParallelThreshold = 64L * 64 * 64;

    /// <summary>The micro-kernel family the fast path uses on this machine ("avx512", "avx2" or "portable").</summary>
    public static string KernelName => Avx512F.IsSupported ? "avx512" : Avx2.IsSupported && Fma.IsSupported ? "avx2" : "portable";

    private static void Dispatch(int m, int n, int k, float alpha, ReadOnlySpan<float> a, int rsA, int csA,
        ReadOnlySpan<float> b, int rsB, int csB, float beta, Span<float> c, int rsC, int csC)
    {
        fixed (float* pa = a, pb = b, pc = c)
        {
            if (!Prepare(ref m, ref n, k, alpha, pa, ref rsA, ref csA, pb, ref rsB, ref csB, beta, pc, ref rsC, ref csC, out float* a2, out float* b2))
                return;
            var blocking = GemmBlocking.Float32;
            if (Avx512F.IsSupported)
                GemmDriver<float, Avx512F32Kernel>.Run(m, n, k, alpha, a2, rsA, csA, b2, rsB, csB, beta, pc, rsC, csC, blocking);
            else if (Avx2.IsSupported && Fma.IsSupported)
                GemmDriver<float, Avx2F32Kernel>.Run(m, n, k, alpha, a2, rsA, csA, b2, rsB, csB, beta, pc, rsC, csC, blocking);
            else
                GemmDriver<float, PortableKernel<float>>.Run(m, n, k, alpha, a2, rsA, csA, b2, rsB, csB, beta, pc, rsC, csC, blocking);
        }
    }

    private static void Dispatch(int m, int n, int k, double alpha, ReadOnlySpan<double> a, int rsA, int csA,
        ReadOnlySpan<double> b, int rsB, int csB, double beta, Span<double> c, int rsC, int csC)
    {
        fixed (double* pa = a, pb = b, pc = c)
        {
            if (!Prepare(ref m, ref n, k, alpha, pa, ref rsA, ref csA, pb, ref rsB, ref csB, beta, pc, ref rsC, ref csC, out double* a2, out double* b2))
                return;
            var blocking = GemmBlocking.Float64;
            if (Avx512F.IsSupported)
                GemmDriver<double, Avx512F64Kernel>.Run(m, n, k, alpha, a2, rsA, csA, b2, rsB, csB, beta, pc, rsC, csC, blocking);
            else if (Avx2.IsSupported && Fma.IsSupported)
                GemmDriver<double, Avx2F64Kernel>.Run(m, n, k, alpha, a2, rsA, csA, b2, rsB, csB, beta, pc, rsC, csC, blocking);
            else
                GemmDriver<double, PortableKernel<double>>.Run(m, n, k, alpha, a2, rsA, csA, b2, rsB, csB, beta, pc, rsC, csC, blocking);
        }
    }

    /// <summary>
    /// Handles the cases that need no multiply (k = 0 or α = 0: C ← β·C) and turns a column-major C into a row-major
    /// one by computing Cᵀ = Bᵀ·Aᵀ (swap the operands and their strides), so the kernel stores whole vectors.
    /// Returns false when nothing is left to do.
    /// </summary>
    private static bool Prepare<T>(ref int m, ref int n, int k, T alpha, T* a, ref int rsA, ref int csA, T* b,
        ref int rsB, ref int csB, T beta, T* c, ref int rsC, ref int csC, out T* a2, out T* b2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        a2 = a; b2 = b;
        if (k == 0 || T.IsZero(alpha))
        {
            bool overwrite = T.IsZero(beta);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    ref T cij = ref c[(nint)i * rsC + (nint)j * csC];
                    cij = overwrite ? T.Zero : beta * cij;
                }
            return false;
        }
        if (csC != 1 && rsC == 1)
        {
            (m, n) = (n, m);
            (rsC, csC) = (csC, rsC);
            a2 = b;
            b2 = a;
            (rsA, csA, rsB, csB) = (csB, rsB, csA, rsA);
        }
        return true;
    }
}
