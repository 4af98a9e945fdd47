using System.Numerics;

namespace Scratch.ML.Cpu;

/// <summary>
/// The Goto/BLIS loop nest around a micro-kernel, and the split of the work between threads.
/// </summary>
/// <remarks>
/// <code>
/// for jc in 0..n step NC            // B block KC×NC → L3
///   for pc in 0..k step KC          // rank-KC update; β applies only to the first
///     pack B[pc.., jc..] into NR-column panels
///     for ic in 0..m step MC        // A block MC×KC → L2
///       pack A[ic.., pc..] into MR-row panels
///       for jr in 0..nc step NR     // one B panel (KC×NR) stays in L1 …
///         for ir in 0..mc step MR   // … while the kernel sweeps the A panels
///           C[ic+ir.., jc+jr..] (MR×NR) = α·Apanel·Bpanel + β·C
/// </code>
/// Threads split C into column stripes (or row stripes when m &gt; n), multiples of NR (MR) wide, and each runs the
/// whole nest on its stripe with its own packing buffers. K is never split, and every C element is one FMA chain over
/// k in the same KC blocks, so the result is bitwise identical for any thread count.
/// </remarks>
internal static unsafe class GemmDriver<T, TKernel> where T : unmanaged, IFloatingPointIeee754<T> where TKernel : IGemmKernel<T>
{
    public static void Run(int m, int n, int k, T alpha, T* a, nint rsA, nint csA, T* b, nint rsB, nint csB,
        T beta, T* c, nint rsC, nint csC, GemmBlocking blocking)
    {
        int threads = Parallelism.MaxThreads;
        if (threads <= 1 || (long)m * n * k < Gemm.ParallelThreshold)
        {
            Sequential(m, n, k, alpha, a, rsA, csA, b, rsB, csB, beta, c, rsC, csC, blocking);
            return;
        }
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        if (n >= m)
        {
            int width = RoundUp(CeilDiv(n, threads), TKernel.NR);
            int parts = CeilDiv(n, width);
            Parallelism.For(parts, t =>
            {
                int j0 = t * width;
                Sequential(m, Math.Min(width, n - j0), k, alpha, (T*)pa, rsA, csA, (T*)pb + j0 * csB, rsB, csB,
                    beta, (T*)pc + j0 * csC, rsC, csC, blocking);
            });
        }
        else
        {
            int height = RoundUp(CeilDiv(m, threads), TKernel.MR);
            int parts = CeilDiv(m, height);
            Parallelism.For(parts, t =>
            {
                int i0 = t * height;
                Sequential(Math.Min(height, m - i0), n, k, alpha, (T*)pa + i0 * rsA, rsA, csA, (T*)pb, rsB, csB,
                    beta, (T*)pc + i0 * rsC, rsC, csC, blocking);
            });
        }
    }

    /// <summary>The whole loop nest on the calling thread.</summary>
    public static void Sequential(int m, int n, int k, T alpha, T* a, nint rsA, nint csA, T* b, nint rsB, nint csB,
        T beta, T* c, nint rsC, nint csC, GemmBlocking blocking)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        int mcMax = Math.Max(mr, blocking.MC / mr * mr), kcMax = Math.Max(1, blocking.KC), ncMax = Math.Max(nr, blocking.NC / nr * nr);
        int kcBuf = Math.Min(kcMax, k);
        T* bufA = GemmBuffers.A<T>((long)RoundUp(Math.Min(mcMax, m), mr) * kcBuf);
        T* bufB = GemmBuffers.B<T>((long)RoundUp(Math.Min(ncMax, n), nr) * kcBuf);
        T* tile = stackalloc T[mr * nr];
        for (int jc = 0; jc < n; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                GemmPacking.PackB(kc, nc, nr, b + pc * rsB + jc * csB, rsB, csB, bufB);
                T betaBlock = pc == 0 ? beta : T.One;
                for (int ic = 0; ic < m; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, m - ic);
                    GemmPacking.PackA(mc, kc, mr, a + ic * rsA + pc * csA, rsA, csA, bufA);
                    Macro(mc, nc, kc, alpha, bufA, bufB, betaBlock, c + ic * rsC + jc * csC, rsC, csC, tile);
                }
            }
        }
    }

    /// <summary>The two innermost loops: all MR×NR tiles of one packed A block times one packed B block.</summary>
    private static void Macro(int mc, int nc, int kc, T alpha, T* packA, T* packB, T beta, T* c, nint rsC, nint csC, T* tile)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            T* bp = packB + jr * kc;
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                T* ap = packA + ir * kc;
                T* cij = c + ir * rsC + jr * csC;
                if (rows == mr && cols == nr && csC == 1)
                {
                    TKernel.Run(kc, ap, bp, cij, rsC, alpha, beta);
                }
                else
                {
                    // Edge tile or strided C: the kernel writes the raw sums to a scratch tile, then the same
                    // α/β formula as the kernel's store is applied element by element.
                    TKernel.Run(kc, ap, bp, tile, nr, T.One, T.Zero);
                    WriteBack(rows, cols, nr, tile, alpha, beta, cij, rsC, csC);
                }
            }
        }
    }

    private static void WriteBack(int rows, int cols, int nr, T* tile, T alpha, T beta, T* c, nint rsC, nint csC)
    {
        bool overwrite = T.IsZero(beta);
        for (int i = 0; i < rows; i++)
        {
            T* ci = c + i * rsC;
            T* ti = tile + i * nr;
            for (int j = 0; j < cols; j++)
            {
                ref T cij = ref ci[j * csC];
                cij = overwrite ? ti[j] * alpha : T.FusedMultiplyAdd(ti[j], alpha, cij * beta);
            }
        }
    }

    private static int CeilDiv(int x, int y) => (x + y - 1) / y;

    private static int RoundUp(int x, int multiple) => CeilDiv(x, multiple) * multiple;
}
