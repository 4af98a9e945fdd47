using System.Numerics;

namespace Scratch.ML.LinearAlgebra;

/// <summary>Which QR factors <see cref="Linalg.Qr{T}(Tensor{T}, QrMode)"/> returns, as <c>numpy.linalg.qr</c>'s mode.</summary>
public enum QrMode
{
    /// <summary>Thin factors: Q (m × k), R (k × n) with k = min(m, n).</summary>
    Reduced,
    /// <summary>Full factors: Q (m × m) orthogonal, R (m × n).</summary>
    Complete,
}

/// <summary>The factors of <c>A = Q·R</c>: Q with orthonormal columns, R upper triangular (or trapezoidal).</summary>
/// <param name="Q">Orthonormal columns: (m × k) reduced or (m × m) complete.</param>
/// <param name="R">Upper triangular: (k × n) reduced or (m × n) complete.</param>
public sealed record QrResult<T>(Tensor<T> Q, Tensor<T> R) where T : unmanaged, IFloatingPointIeee754<T>;

public static partial class Linalg
{
    /// <summary>
    /// Householder QR factorisation <c>A = Q·R</c> of an (m × n) matrix, any shape. The signs of R's diagonal are
    /// those produced by the reflectors (as LAPACK's geqrf; NumPy agrees up to the sign of each column of Q / row of R).
    /// </summary>
    /// <remarks>
    /// Differentiable for m ≥ n (reduced mode, or complete mode of a square matrix) with full column rank
    /// (Liao et al. 2019; PyTorch's <c>linalg_qr_backward</c>): with M = R·Ḡ_Rᵀ − Ḡ_Qᵀ·Q,
    /// <c>∂L/∂A = (Ḡ_Q + Q·copyltu(M))·R⁻ᵀ</c>, where copyltu mirrors the lower triangle of M onto the upper one. Q and R
    /// record one node each on A (their gradients add); R⁻ᵀ is applied with a differentiable Solve.
    /// </remarks>
    /// <exception cref="ArgumentException">A is not a finite 2-d matrix.</exception>
    /// <exception cref="NotSupportedException">A requires a gradient and is wide (m &lt; n), or complete mode was asked for with m &gt; n: no VJP is defined there.</exception>
    public static QrResult<T> Qr<T>(Tensor<T> a, QrMode mode = QrMode.Reduced) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        bool differentiable = a.Rank == 2 && a.Size(0) >= a.Size(1) && (mode == QrMode.Reduced || a.Size(0) == a.Size(1));
        if (!differentiable) Autograd.NotDifferentiable("Linalg.Qr (wide matrix or complete mode with m > n)", a);
        var f = MatrixInput.General(a, "Qr", nameof(a), out int m, out int n);
        int k = Math.Min(m, n);
        var tau = new T[k];
        QrKernel.Factor(f, m, n, tau, QrKernel.ChooseBlock(m, n));
        int qCols = mode == QrMode.Complete ? m : k;
        var q = QrKernel.FormQ(f, m, n, tau, qCols);
        int rRows = mode == QrMode.Complete ? m : k;
        var r = new T[rRows * n];
        for (int i = 0; i < Math.Min(rRows, k); i++)
            f.AsSpan(i * n + i, n - i).CopyTo(r.AsSpan(i * n + i));
        var qt = MatrixInput.Matrix(q, m, qCols);
        var rt = MatrixInput.Matrix(r, rRows, n);
        if (!Autograd.IsRecording(a)) return new QrResult<T>(qt, rt);
        var saved = new QrSaved<T>();
        saved.Q = Autograd.Record(qt, "linalg_qr_q", a, static (g, node) =>
        {
            var (q, r) = node.State<QrSaved<T>>().Both;
            return TimesRInverseTransposed(r, g + q.MatMul(CopyLowerToUpper(-g.MT.MatMul(q))));
        }, saved);
        saved.R = Autograd.Record(rt, "linalg_qr_r", a, static (g, node) =>
        {
            var (q, r) = node.State<QrSaved<T>>().Both;
            return TimesRInverseTransposed(r, q.MatMul(CopyLowerToUpper(r.MatMul(g.MT))));
        }, saved);
        return new QrResult<T>(saved.Q, saved.R);
    }

    /// <summary>B·R⁻ᵀ, i.e. the solution Y of Y·Rᵀ = B, as (Solve(R, Bᵀ))ᵀ.</summary>
    private static Tensor<T> TimesRInverseTransposed<T>(Tensor<T> r, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => Solve(r, b.MT).MT;

    /// <summary>copyltu(M): the lower triangle (with the diagonal) of M mirrored onto the upper one, with constant masks.</summary>
    private static Tensor<T> CopyLowerToUpper<T>(Tensor<T> m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = m.Size(-1);
        var lower = new T[n * n];
        var strict = new T[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                lower[i * n + j] = T.One;
                if (j < i) strict[i * n + j] = T.One;
            }
        return m * Tensor.Wrap(lower, n, n) + (m * Tensor.Wrap(strict, n, n)).MT;
    }

    private sealed class QrSaved<T> where T : unmanaged
    {
        public Tensor<T>? Q;
        public Tensor<T>? R;

        public (Tensor<T> Q, Tensor<T> R) Both => (Q!, R!);
    }
}

/// <summary>
/// Householder QR on a row-major (m × n) array, in place: R in the upper triangle, the reflectors' v below the
/// diagonal, τ separately (LAPACK's geqrf layout). Blocked: a panel of <c>nb</c> columns is reduced with rank-1 row
/// updates, then its reflectors are applied to the trailing columns at once in compact WY form through two GEMMs.
/// With <c>nb ≥ min(m, n)</c> it is the unblocked twin.
/// </summary>
internal static class QrKernel
{
    internal const int BlockThreshold = 256;
    internal const int PanelWidth = 32;

    internal static int ChooseBlock(int m, int n) => Math.Min(m, n) >= BlockThreshold ? PanelWidth : Math.Max(1, Math.Min(m, n));

    public static void Factor<T>(T[] a, int m, int n, T[] tau, int nb) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = Math.Min(m, n);
        if (nb >= k)
        {
            FactorRowWise(a, m, n, tau);
            return;
        }
        var panel = new T[m * nb];
        for (int j0 = 0; j0 < k; j0 += nb)
        {
            int jb = Math.Min(nb, k - j0), jEnd = j0 + jb;
            FactorPanel(a, m, n, j0, jb, tau, panel);
            if (jEnd < n)
            {
                var v = Householder.ExtractV(a, n, m, j0, j0, jb);
                var tm = Householder.BuildT(v, m - j0, jb, tau.AsSpan(j0, jb));
                Householder.ApplyBlock(v, tm, jb, a.AsSpan(j0 * n + jEnd), n, m - j0, n - jEnd, transpose: true);
            }
        }
    }

    /// <summary>The unblocked twin: each reflector updates every later column at once with row axpys.</summary>
    private static void FactorRowWise<T>(T[] a, int m, int n, T[] tau) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = Math.Min(m, n);
        var col = new T[m];
        var w = new T[n];
        for (int c = 0; c < k; c++)
        {
            int len = m - c;
            for (int i = 0; i < len; i++) col[i] = a[(c + i) * n + c];
            T t = Householder.Generate(col.AsSpan(0, len));
            tau[c] = t;
            for (int i = 0; i < len; i++) a[(c + i) * n + c] = col[i];
            int cw = n - c - 1;
            if (T.IsZero(t) || cw <= 0) continue;
            // w = vᵀ·A[c.., c+1..); A −= τ·v·wᵀ (v₀ = 1).
            var wv = w.AsSpan(0, cw);
            a.AsSpan(c * n + c + 1, cw).CopyTo(wv);
            for (int i = 1; i < len; i++)
                if (!T.IsZero(col[i])) VectorKernels.Axpy(col[i], a.AsSpan((c + i) * n + c + 1, cw), wv);
            VectorKernels.Axpy(-t, wv, a.AsSpan(c * n + c + 1, cw));
            for (int i = 1; i < len; i++)
                if (!T.IsZero(col[i])) VectorKernels.Axpy(-t * col[i], wv, a.AsSpan((c + i) * n + c + 1, cw));
        }
    }

    /// <summary>
    /// Reduces the panel A[j0.., j0..j0+jb) in a transposed copy, where each column is a contiguous row: a reflector
    /// is applied to a later panel column with one dot product and one axpy of full length.
    /// </summary>
    private static void FactorPanel<T>(T[] a, int m, int n, int j0, int jb, T[] tau, T[] buf) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = m - j0;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < jb; c++) buf[c * rows + r] = a[(j0 + r) * n + j0 + c];
        for (int c = 0; c < jb; c++)
        {
            var v = buf.AsSpan(c * rows + c, rows - c);
            T t = Householder.Generate(v);
            tau[j0 + c] = t;
            if (T.IsZero(t)) continue;
            T beta = v[0];
            v[0] = T.One;
            for (int cc = c + 1; cc < jb; cc++)
            {
                var x = buf.AsSpan(cc * rows + c, rows - c);
                VectorKernels.Axpy(-t * VectorKernels.Dot<T>(v, x), v, x);
            }
            v[0] = beta;
        }
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < jb; c++) a[(j0 + r) * n + j0 + c] = buf[c * rows + r];
    }

    /// <summary>The first <paramref name="qCols"/> columns of Q = H₀·H₁···H_{k−1} (m × qCols), blocks applied last to first.</summary>
    public static T[] FormQ<T>(T[] a, int m, int n, T[] tau, int qCols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = Math.Min(m, n);
        var q = new T[m * qCols];
        for (int i = 0; i < Math.Min(m, qCols); i++) q[i * qCols + i] = T.One;
        if (k == 0) return q;
        const int nb = PanelWidth;
        for (int j0 = (k - 1) / nb * nb; j0 >= 0; j0 -= nb)
        {
            int jb = Math.Min(nb, k - j0);
            var v = Householder.ExtractV(a, n, m, j0, j0, jb);
            var tm = Householder.BuildT(v, m - j0, jb, tau.AsSpan(j0, jb));
            // Columns < j0 of rows ≥ j0 are still zero here, so only columns j0.. change.
            Householder.ApplyBlock(v, tm, jb, q.AsSpan(j0 * qCols + j0), qCols, m - j0, qCols - j0, transpose: false);
        }
        return q;
    }

    /// <summary>B ← Qᵀ·B for B (m × nrhs), applying the stored reflectors first to last.</summary>
    public static void ApplyQTranspose<T>(T[] a, int m, int n, T[] tau, T[] b, int nrhs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = Math.Min(m, n);
        const int nb = PanelWidth;
        for (int j0 = 0; j0 < k; j0 += nb)
        {
            int jb = Math.Min(nb, k - j0);
            var v = Householder.ExtractV(a, n, m, j0, j0, jb);
            var tm = Householder.BuildT(v, m - j0, jb, tau.AsSpan(j0, jb));
            Householder.ApplyBlock(v, tm, jb, b.AsSpan(j0 * nrhs), nrhs, m - j0, nrhs, transpose: true);
        }
    }
}
