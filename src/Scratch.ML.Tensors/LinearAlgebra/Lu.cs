using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Cpu;

namespace Scratch.ML.LinearAlgebra;

/// <summary>
/// The LU factorisation with partial pivoting <c>P·A = L·U</c> of a square matrix A (n × n).
/// </summary>
/// <param name="P">The permutation matrix (n × n) with P·A = L·U (so A = Pᵀ·L·U; SciPy's <c>lu</c> returns Pᵀ).</param>
/// <param name="L">Unit lower-triangular factor (n × n).</param>
/// <param name="U">Upper-triangular factor (n × n).</param>
/// <param name="Packed">L (strictly below the diagonal, unit diagonal implied) and U in one n × n matrix, as LAPACK's getrf and SciPy's <c>lu_factor</c>.</param>
/// <param name="Pivots">LAPACK-style 0-based pivots: at step k, row k was swapped with row <c>Pivots[k]</c> (≥ k).</param>
/// <param name="PermutationSign">+1 or −1: the determinant of P.</param>
/// <param name="FirstZeroPivot">The first index k with U[k, k] = 0, or −1 when U is nonsingular.</param>
public sealed record LuResult<T>(Tensor<T> P, Tensor<T> L, Tensor<T> U, Tensor<T> Packed, int[] Pivots, int PermutationSign, int FirstZeroPivot)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>The packed LU factors of <see cref="Linalg.LuFactor{T}"/>, as SciPy's <c>lu_factor</c> returns them.</summary>
/// <param name="Packed">L (strictly below the diagonal, unit diagonal implied) and U (on and above it), n × n.</param>
/// <param name="Pivots">LAPACK-style 0-based pivots: at step k, row k was swapped with row <c>Pivots[k]</c> (≥ k).</param>
/// <param name="FirstZeroPivot">The first index k with U[k, k] = 0, or −1 when U is nonsingular.</param>
public sealed record LuFactors<T>(Tensor<T> Packed, int[] Pivots, int FirstZeroPivot) where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>Dense linear algebra on 2-d tensors (float and double): decompositions, solvers, norms.</summary>
public static partial class Linalg
{
    /// <summary>
    /// LU factorisation with partial pivoting in LAPACK's packed form (no explicit P, L, U matrices are built):
    /// the cheap call when the factors are only needed for solving, like SciPy's <c>lu_factor</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A is not a finite square 2-d matrix.</exception>
    /// <exception cref="NotSupportedException">A requires a gradient while grad mode is on: this decomposition is not differentiable (call it on a.Detach()).</exception>
    public static LuFactors<T> LuFactor<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Autograd.NotDifferentiable("Linalg.LuFactor", a);
        var lu = MatrixInput.Square(a, "LuFactor", nameof(a), out int n);
        var piv = new int[n];
        int zero = LuKernel.Factor(lu, n, piv, LuKernel.ChooseBlock(n));
        return new LuFactors<T>(MatrixInput.Matrix(lu, n, n), piv, zero);
    }

    /// <summary>
    /// LU factorisation with partial pivoting, <c>P·A = L·U</c>, of a square matrix A (n × n). Singular matrices are
    /// factored too (a zero column is skipped, as LAPACK does); <see cref="LuResult{T}.FirstZeroPivot"/> says where.
    /// </summary>
    /// <exception cref="ArgumentException">A is not a finite square 2-d matrix.</exception>
    /// <exception cref="NotSupportedException">A requires a gradient while grad mode is on: this decomposition is not differentiable (call it on a.Detach()).</exception>
    public static LuResult<T> Lu<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Autograd.NotDifferentiable("Linalg.Lu", a);
        var lu = MatrixInput.Square(a, "Lu", nameof(a), out int n);
        var piv = new int[n];
        int zero = LuKernel.Factor(lu, n, piv, LuKernel.ChooseBlock(n));
        var l = new T[n * n];
        var u = new T[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++) l[i * n + j] = lu[i * n + j];
            l[i * n + i] = T.One;
            for (int j = i; j < n; j++) u[i * n + j] = lu[i * n + j];
        }
        var perm = LuKernel.RowOrder(piv);
        var p = new T[n * n];
        for (int i = 0; i < n; i++) p[i * n + perm[i]] = T.One; // row i of P·A is row perm[i] of A
        return new LuResult<T>(MatrixInput.Matrix(p, n, n), MatrixInput.Matrix(l, n, n), MatrixInput.Matrix(u, n, n),
            MatrixInput.Matrix(lu, n, n), piv, LuKernel.PermutationSign(piv), zero);
    }
}

/// <summary>
/// Right-looking LU with partial pivoting on a row-major n × n array, in place. Blocked: a panel of <c>nb</c>
/// columns is factored with row operations, the block row of U is found by forward substitution, and the trailing
/// matrix is updated with one GEMM <c>A₂₂ ← A₂₂ − L₂₁·U₁₂</c> (2/3·n³ of the work goes through GEMM). With
/// <c>nb = n</c> it runs the classic unblocked row-wise algorithm — the readable twin the tests compare against.
/// </summary>
internal static class LuKernel
{
    /// <summary>Below this order the unblocked algorithm wins (its row updates already run at SIMD speed).</summary>
    internal const int BlockThreshold = 256;

    /// <summary>Panel width of the blocked algorithm.</summary>
    internal const int PanelWidth = 64;

    internal static int ChooseBlock(int n) => n >= BlockThreshold ? PanelWidth : Math.Max(n, 1);

    /// <summary>
    /// Factors <paramref name="a"/> (n × n) in place into L\U; fills <paramref name="piv"/>; returns the first zero
    /// pivot index or −1. Row swaps are applied to whole rows, so the stored L is already permuted like LAPACK's.
    /// </summary>
    public static int Factor<T>(T[] a, int n, int[] piv, int nb) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int firstZero = -1;
        var panel = nb < n ? new T[n * nb] : [];
        for (int j0 = 0; j0 < n; j0 += nb)
        {
            int jb = Math.Min(nb, n - j0), jEnd = j0 + jb;
            if (nb < n)
                FactorPanel(a, n, j0, jb, piv, panel, ref firstZero);
            else
                FactorRowWise(a, n, piv, ref firstZero);
            int rest = n - jEnd;
            if (rest == 0) continue;
            // U₁₂ ← L₁₁⁻¹·A₁₂ (unit lower, forward substitution on rows).
            for (int i = j0 + 1; i < jEnd; i++)
                for (int p = j0; p < i; p++)
                {
                    T l = a[i * n + p];
                    if (!T.IsZero(l)) VectorKernels.Axpy(-l, a.AsSpan(p * n + jEnd, rest), a.AsSpan(i * n + jEnd, rest));
                }
            // A₂₂ ← A₂₂ − L₂₁·U₁₂.
            Gemm.Multiply(rest, rest, jb, -T.One,
                a.AsSpan(jEnd * n + j0), n, 1,
                a.AsSpan(j0 * n + jEnd), n, 1,
                T.One, a.AsSpan(jEnd * n + jEnd), n, 1);
        }
        return firstZero;
    }

    /// <summary>The unblocked algorithm on the whole matrix: pivot search, whole-row swap, rank-1 update by row axpys.</summary>
    private static void FactorRowWise<T>(T[] a, int n, int[] piv, ref int firstZero) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = 0; k < n; k++)
        {
            int p = k;
            T best = T.Abs(a[k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                T v = T.Abs(a[i * n + k]);
                if (v > best) { best = v; p = i; }
            }
            piv[k] = p;
            if (p != k) VectorKernels.Swap(a.AsSpan(k * n, n), a.AsSpan(p * n, n));
            T pivot = a[k * n + k];
            if (T.IsZero(pivot))
            {
                if (firstZero < 0) firstZero = k; // the column below is zero too: nothing to eliminate
                continue;
            }
            T inv = T.One / pivot;
            var rowK = a.AsSpan(k * n + k + 1, n - k - 1);
            for (int i = k + 1; i < n; i++)
            {
                T l = a[i * n + k] *= inv;
                if (!T.IsZero(l)) VectorKernels.Axpy(-l, rowK, a.AsSpan(i * n + k + 1, n - k - 1));
            }
        }
    }

    /// <summary>
    /// Factors the panel A[j0.., j0..j0+jb) in a transposed copy (each column becomes a contiguous row, so the pivot
    /// search, the scaling and the rank-1 updates are long vector operations), writes it back, and applies the
    /// panel's row swaps to the columns left and right of it (LAPACK's laswp).
    /// </summary>
    private static void FactorPanel<T>(T[] a, int n, int j0, int jb, int[] piv, T[] buf, ref int firstZero) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = n - j0, jEnd = j0 + jb;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < jb; c++) buf[c * rows + r] = a[(j0 + r) * n + j0 + c];
        for (int c = 0; c < jb; c++)
        {
            var col = buf.AsSpan(c * rows, rows);
            int p = c + TensorPrimitives.IndexOfMaxMagnitude<T>(col[c..]);
            piv[j0 + c] = j0 + p;
            if (p != c)
                for (int cc = 0; cc < jb; cc++) (buf[cc * rows + c], buf[cc * rows + p]) = (buf[cc * rows + p], buf[cc * rows + c]);
            T pivot = col[c];
            if (T.IsZero(pivot))
            {
                if (firstZero < 0) firstZero = j0 + c;
                continue;
            }
            var below = col[(c + 1)..];
            TensorPrimitives.Multiply(below, T.One / pivot, below);
            for (int cc = c + 1; cc < jb; cc++)
            {
                T u = buf[cc * rows + c];
                if (!T.IsZero(u)) VectorKernels.Axpy(-u, below, buf.AsSpan(cc * rows + c + 1, rows - c - 1));
            }
        }
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < jb; c++) a[(j0 + r) * n + j0 + c] = buf[c * rows + r];
        for (int k = j0; k < jEnd; k++)
        {
            int p = piv[k];
            if (p == k) continue;
            VectorKernels.Swap(a.AsSpan(k * n, j0), a.AsSpan(p * n, j0));
            VectorKernels.Swap(a.AsSpan(k * n + jEnd, n - jEnd), a.AsSpan(p * n + jEnd, n - jEnd));
        }
    }

    /// <summary>Solves A·X = B in place in <paramref name="b"/> (n × nrhs) from the packed factors.</summary>
    public static void Solve<T>(T[] lu, int n, int[] piv, T[] b, int nrhs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = 0; k < n; k++)
            if (piv[k] != k) VectorKernels.Swap(b.AsSpan(k * nrhs, nrhs), b.AsSpan(piv[k] * nrhs, nrhs));
        TriangularSolve.LowerUnit(lu, n, b, nrhs);
        TriangularSolve.Upper(lu, n, b, nrhs);
    }

    /// <summary>perm[i] = the row of A that ends up as row i of P·A.</summary>
    public static int[] RowOrder(int[] piv)
    {
        var perm = new int[piv.Length];
        for (int i = 0; i < perm.Length; i++) perm[i] = i;
        for (int k = 0; k < piv.Length; k++) (perm[k], perm[piv[k]]) = (perm[piv[k]], perm[k]);
        return perm;
    }

    /// <summary>det(P) = (−1)^(number of actual swaps).</summary>
    public static int PermutationSign(int[] piv)
    {
        int sign = 1;
        for (int k = 0; k < piv.Length; k++) if (piv[k] != k) sign = -sign;
        return sign;
    }
}
