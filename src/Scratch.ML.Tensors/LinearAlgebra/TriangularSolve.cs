using System.Numerics;
using Scratch.ML.Cpu;

namespace Scratch.ML.LinearAlgebra;

/// <summary>
/// Triangular solves with many right-hand sides (BLAS trsm) on row-major arrays, in place in B (n × nrhs).
/// Blocked by <see cref="Block"/> rows: the contribution of the already solved rows to a block is one GEMM, the block
/// itself is solved with row axpys. For n ≤ Block this is plain forward/back substitution.
/// </summary>
internal static class TriangularSolve
{
    internal const int Block = 64;

    /// <summary>B ← L⁻¹·B with L the unit lower triangle of <paramref name="lu"/> (n × n).</summary>
    public static void LowerUnit<T>(T[] lu, int n, T[] b, int nrhs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i0 = 0; i0 < n; i0 += Block)
        {
            int ib = Math.Min(Block, n - i0);
            if (i0 > 0 && nrhs > 0)
                Gemm.Multiply(ib, nrhs, i0, -T.One, lu.AsSpan(i0 * n), n, 1, b, nrhs, 1, T.One, b.AsSpan(i0 * nrhs), nrhs, 1);
            for (int i = i0 + 1; i < i0 + ib; i++)
                for (int p = i0; p < i; p++)
                {
                    T l = lu[i * n + p];
                    if (!T.IsZero(l)) VectorKernels.Axpy(-l, b.AsSpan(p * nrhs, nrhs), b.AsSpan(i * nrhs, nrhs));
                }
        }
    }

    /// <summary>B ← U⁻¹·B with U the upper triangle (diagonal included) of <paramref name="lu"/>; U must be nonsingular.</summary>
    public static void Upper<T>(T[] lu, int n, T[] b, int nrhs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int iEnd = n; iEnd > 0; iEnd -= Block)
        {
            int i0 = Math.Max(0, iEnd - Block);
            if (iEnd < n && nrhs > 0)
                Gemm.Multiply(iEnd - i0, nrhs, n - iEnd, -T.One, lu.AsSpan(i0 * n + iEnd), n, 1,
                    b.AsSpan(iEnd * nrhs), nrhs, 1, T.One, b.AsSpan(i0 * nrhs), nrhs, 1);
            for (int i = iEnd - 1; i >= i0; i--)
            {
                var row = b.AsSpan(i * nrhs, nrhs);
                for (int p = i + 1; p < iEnd; p++)
                {
                    T u = lu[i * n + p];
                    if (!T.IsZero(u)) VectorKernels.Axpy(-u, b.AsSpan(p * nrhs, nrhs), row);
                }
                T inv = T.One / lu[i * n + i];
                for (int j = 0; j < row.Length; j++) row[j] *= inv;
            }
        }
    }
}
