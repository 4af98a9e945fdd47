using System.Numerics;
using Scratch.ML.Cpu;

namespace Scratch.ML.LinearAlgebra;

/// <summary>The singular value decomposition <c>A = U·diag(S)·Vh</c>, as <c>numpy.linalg.svd</c> returns it.</summary>
/// <param name="U">Left singular vectors as orthonormal columns: (m × k) thin or (m × m) full.</param>
/// <param name="S">Singular values, descending, k = min(m, n).</param>
/// <param name="Vh">Right singular vectors as orthonormal rows (Vᵀ): (k × n) thin or (n × n) full.</param>
public sealed record SvdResult<T>(Tensor<T> U, Tensor<T> S, Tensor<T> Vh) where T : unmanaged, IFloatingPointIeee754<T>;

public static partial class Linalg
{
    /// <summary>
    /// Singular value decomposition of an (m × n) matrix by Householder QR preconditioning and one-sided (Hestenes)
    /// Jacobi rotations, which compute even tiny singular values to high relative accuracy.
    /// <paramref name="fullMatrices"/> = true (NumPy's default) returns square U and Vh.
    /// </summary>
    /// <remarks>
    /// Differentiable for thin factors (<paramref name="fullMatrices"/> = false, or a square A) with distinct non-zero
    /// singular values (PyTorch's <c>svd_backward</c>): with skew(X) = X − Xᵀ and Eⱼₖ = σₖ² − σⱼ² (j ≠ k),
    /// <c>∂L/∂A = U·[(skew(UᵀḠ_U)/E)·Σ + Σ·(skew(VᵀḠ_V)/E) + diag(ḡσ)]·Vᵀ + (I − UUᵀ)·Ḡ_U·Σ⁻¹·Vᵀ + U·Σ⁻¹·Ḡ_Vᵀ·(I − VVᵀ)</c>.
    /// U, S and Vh record one node each on A; their contributions add. A loss must not depend on the joint sign of
    /// each singular pair (uᵢ, vᵢ), which is arbitrary.
    /// </remarks>
    /// <exception cref="ArgumentException">A is not a finite 2-d matrix.</exception>
    /// <exception cref="NotSupportedException">A requires a gradient and full (non-square) factors were asked for: their extra columns are not unique, so no VJP is defined.</exception>
    /// <exception cref="NoConvergenceException">Jacobi sweeps did not converge (not observed in practice).</exception>
    public static SvdResult<T> Svd<T>(Tensor<T> a, bool fullMatrices = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (fullMatrices && a.Rank == 2 && a.Size(0) != a.Size(1))
            Autograd.NotDifferentiable("Linalg.Svd with fullMatrices: true on a non-square matrix (pass fullMatrices: false)", a);
        var x = MatrixInput.General(a, "Svd", nameof(a), out int m, out int n);
        var (s, u, vh) = SvdKernel.Decompose(x, m, n, vectors: true, fullMatrices);
        int k = Math.Min(m, n);
        int uCols = fullMatrices ? m : k, vRows = fullMatrices ? n : k;
        var result = new SvdResult<T>(MatrixInput.Matrix(u!, m, uCols), Tensor.Wrap(s, k), MatrixInput.Matrix(vh!, vRows, n));
        return Autograd.IsRecording(a) ? SvdGrad.Record(a, result) : result;
    }

    /// <summary>Singular values only (descending, min(m, n) of them), as <c>numpy.linalg.svd(a, compute_uv=False)</c>.</summary>
    /// <remarks>Differentiable: <c>∂L/∂A = U·diag(g)·Vᵀ</c> (dσᵢ = uᵢᵀ·dA·vᵢ), with U, V from a differentiable thin <see cref="Svd{T}"/> run in the backward pass.</remarks>
    /// <exception cref="ArgumentException">A is not a finite 2-d matrix.</exception>
    public static Tensor<T> SvdValues<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = MatrixInput.General(a, "SvdValues", nameof(a), out int m, out int n);
        var values = Tensor.Wrap(SvdKernel.Decompose(x, m, n, vectors: false, full: false).S, Math.Min(m, n));
        return Autograd.Record(values, "linalg_svdvals", a, static (g, node) =>
        {
            var (u, _, vh) = Svd(node.Input(0), fullMatrices: false);
            return (u * g.Unsqueeze(0)).MatMul(vh);
        });
    }
}

/// <summary>The three VJP nodes of a thin SVD (see <see cref="Linalg.Svd{T}"/>), sharing the saved factors.</summary>
internal static class SvdGrad
{
    private sealed class Saved<T> where T : unmanaged
    {
        public Tensor<T>? U, S, Vh;

        public (Tensor<T> U, Tensor<T> S, Tensor<T> Vh) All => (U!, S!, Vh!);
    }

    public static SvdResult<T> Record<T>(Tensor<T> a, SvdResult<T> r) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var saved = new Saved<T>();
        saved.U = Autograd.Record(r.U, "linalg_svd_u", a, static (g, node) =>
        {
            var (u, s, vh) = node.State<Saved<T>>().All;
            var core = (Skew(u.MT.MatMul(g)) * s.Unsqueeze(0)) / Gaps(s);
            var ga = u.MatMul(core).MatMul(vh);
            // (I − UUᵀ)·Ḡ_U·Σ⁻¹·Vᵀ: zero for a square or wide A (UUᵀ = I).
            if (u.Size(0) > u.Size(1)) ga = ga + ((g - u.MatMul(u.MT.MatMul(g))) / s.Unsqueeze(0)).MatMul(vh);
            return ga;
        }, saved);
        saved.S = Autograd.Record(r.S, "linalg_svd_s", a, static (g, node) =>
        {
            var (u, _, vh) = node.State<Saved<T>>().All;
            return (u * g.Unsqueeze(0)).MatMul(vh);
        }, saved);
        saved.Vh = Autograd.Record(r.Vh, "linalg_svd_vh", a, static (g, node) =>
        {
            var (u, s, vh) = node.State<Saved<T>>().All;
            var v = vh.MT;
            var gv = g.MT;
            var core = (s.Unsqueeze(1) * Skew(vh.MatMul(gv))) / Gaps(s);
            var ga = u.MatMul(core).MatMul(vh);
            // U·Σ⁻¹·Ḡ_Vᵀ·(I − VVᵀ): zero for a square or tall A (VVᵀ = I).
            if (vh.Size(1) > vh.Size(0)) ga = ga + u.MatMul(((gv - v.MatMul(vh.MatMul(gv))) / s.Unsqueeze(0)).MT);
            return ga;
        }, saved);
        return new SvdResult<T>(saved.U, saved.S, saved.Vh);
    }

    private static Tensor<T> Skew<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => x - x.MT;

    /// <summary>Eⱼₖ = σₖ² − σⱼ² off the diagonal, 1 on it (where the skew numerators vanish).</summary>
    private static Tensor<T> Gaps<T>(Tensor<T> s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tensor<T> eye, off;
        using (Autograd.NoGrad())
        {
            eye = Tensor.Eye<T>(s.Size(0));
            off = Tensor.OnesLike(eye) - eye;
        }
        var sq = s * s;
        return (sq.Unsqueeze(0) - sq.Unsqueeze(1)) * off + eye;
    }
}

/// <summary>
/// One-sided Jacobi SVD on row-major arrays. A wide matrix is transposed; a tall one is first reduced to its n × n
/// triangular factor R by QR (A = Q·R), so the Jacobi sweeps work on a square matrix. R is preconditioned by the
/// eigenvectors of RᵀR (see <see cref="Precondition{T}"/>), then the sweeps orthogonalise the columns of R·V₀ — stored as the rows of G = (R·V₀)ᵀ so each rotation touches two contiguous rows — until every pair
/// satisfies |gₚ·g_q| ≤ tol·‖gₚ‖·‖g_q‖; then σⱼ = ‖gⱼ‖, uⱼ = gⱼ/σⱼ, and the accumulated rotations are V.
/// </summary>
internal static class SvdKernel
{
    private const int MaxSweeps = 60;

    /// <returns>S (k), U (m × k or m × m) and Vh (k × n or n × n) in row-major order; U and Vh are null without vectors.</returns>
    public static (T[] S, T[]? U, T[]? Vh) Decompose<T>(T[] a, int m, int n, bool vectors, bool full) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m < n)
        {
            // Aᵀ = U'·Σ·Vh'  ⇒  A = Vh'ᵀ·Σ·U'ᵀ.
            var (s, ut, vht) = Decompose(MatrixInput.Transpose<T>(a, m, n), n, m, vectors, full);
            if (!vectors) return (s, null, null);
            int uCols = full ? n : m; // U' is (n × uCols)
            return (s, MatrixInput.Transpose<T>(vht!, full ? m : m, m), MatrixInput.Transpose<T>(ut!, n, uCols));
        }
        int k = n;
        if (!vectors) return (ValuesOnly(a, m, n), null, null);
        T[] r;
        T[]? q = null, f = null;
        int qCols = full ? m : n;
        if (m > n)
        {
            f = a;
            var tau = new T[n];
            QrKernel.Factor(f, m, n, tau, QrKernel.ChooseBlock(m, n));
            r = new T[n * n];
            for (int i = 0; i < n; i++) f.AsSpan(i * n + i, n - i).CopyTo(r.AsSpan(i * n + i));
            if (vectors) q = QrKernel.FormQ(f, m, n, tau, qCols);
        }
        else r = a;
        var (g, vt) = Precondition(r, n);
        Sweep(g, vectors ? vt : null, n);
        var sigma = new T[k];
        for (int j = 0; j < k; j++) sigma[j] = T.Sqrt(VectorKernels.Dot<T>(g.AsSpan(j * n, n), g.AsSpan(j * n, n)));
        // Descending order, permuting the rows of G and Vᵀ along.
        for (int i = 0; i < k - 1; i++)
        {
            int best = i;
            for (int j = i + 1; j < k; j++) if (sigma[j] > sigma[best]) best = j;
            if (best == i) continue;
            (sigma[i], sigma[best]) = (sigma[best], sigma[i]);
            VectorKernels.Swap(g.AsSpan(i * n, n), g.AsSpan(best * n, n));
            if (vt is not null) VectorKernels.Swap(vt.AsSpan(i * n, n), vt.AsSpan(best * n, n));
        }
        if (!vectors) return (sigma, null, null);
        // Rows of G normalised are the columns of U_R (left vectors of R); complete any zero ones to an orthonormal set.
        for (int j = 0; j < k; j++)
        {
            var row = g.AsSpan(j * n, n);
            if (sigma[j] > T.Epsilon / MatrixInput.Epsilon<T>())
            {
                T inv = T.One / sigma[j];
                for (int i = 0; i < n; i++) row[i] *= inv;
            }
            else CompleteRow(g, j, n);
        }
        T[] u;
        if (q is null) u = MatrixInput.Transpose<T>(g, n, n);
        else
        {
            // U[:, :n] = Q[:, :n]·U_R, and for full matrices U[:, n:] = Q[:, n:].
            u = (T[])q.Clone();
            Gemm.Multiply<T>(m, n, n, T.One, q, qCols, 1, g, 1, n, T.Zero, u, qCols, 1);
        }
        return (sigma, u, vt);
    }

    /// <summary>Singular values of a tall or square matrix: QR first when tall (the reduction then works on n × n), then <see cref="BidiagonalSvd"/>.</summary>
    private static T[] ValuesOnly<T>(T[] a, int m, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m <= n) return BidiagonalSvd.Values(a, m, n);
        var tau = new T[n];
        QrKernel.Factor(a, m, n, tau, QrKernel.ChooseBlock(m, n));
        var r = new T[n * n];
        for (int i = 0; i < n; i++) a.AsSpan(i * n + i, n - i).CopyTo(r.AsSpan(i * n + i));
        return BidiagonalSvd.Values(r, n, n);
    }

    /// <summary>
    /// Starting point for the sweeps: with V₀ the eigenvectors of the Gram matrix RᵀR (one GEMM and a symmetric
    /// eigensolve), the columns of R·V₀ are already orthogonal up to rounding, so the Jacobi sweeps that follow only
    /// polish them (typically two sweeps instead of eight or more). Accuracy still comes from the sweeps: they stop
    /// only when every pair is orthogonal to working precision, and V = V₀·J stays orthogonal.
    /// Returns G = (R·V₀)ᵀ (rows are columns of R·V₀) and V₀ᵀ (rows are the v's).
    /// </summary>
    private static (T[] G, T[] Vt) Precondition<T>(T[] r, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var gram = new T[n * n];
        Gemm.Multiply<T>(n, n, n, T.One, r, 1, n, r, n, 1, T.Zero, gram, n, 1);
        var (_, vt) = SymmetricEigenKernel.Decompose(gram, n, vectors: true);
        var g = new T[n * n];
        // G = V₀ᵀ·Rᵀ: row j of G is (R·vⱼ)ᵀ.
        Gemm.Multiply<T>(n, n, n, T.One, vt!, n, 1, r, 1, n, T.Zero, g, n, 1);
        return (g, vt!);
    }

    /// <summary>Cyclic one-sided Jacobi sweeps over row pairs of g (n × n), accumulating rotations into vt.</summary>
    private static void Sweep<T>(T[] g, T[]? vt, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T tol = MatrixInput.Epsilon<T>() * T.Sqrt(T.CreateTruncating(Math.Max(n, 1)));
        T two = T.CreateTruncating(2);
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            int rotations = 0;
            for (int p = 0; p < n - 1; p++)
            {
                var gp = g.AsSpan(p * n, n);
                for (int qi = p + 1; qi < n; qi++)
                {
                    var gq = g.AsSpan(qi * n, n);
                    VectorKernels.Gram<T>(gp, gq, out T alpha, out T beta, out T gamma);
                    if (T.IsZero(alpha) || T.IsZero(beta) || !(T.Abs(gamma) > tol * T.Sqrt(alpha) * T.Sqrt(beta))) continue;
                    rotations++;
                    // The rotation that diagonalises [[α, γ], [γ, β]], with the smaller angle.
                    T zeta = (beta - alpha) / (two * gamma);
                    T t = (T.IsNegative(zeta) ? -T.One : T.One) / (T.Abs(zeta) + T.Hypot(T.One, zeta));
                    T c = T.One / T.Sqrt(T.One + t * t), s = c * t;
                    VectorKernels.Rotate(gp, gq, c, -s);
                    if (vt is not null) VectorKernels.Rotate(vt.AsSpan(p * n, n), vt.AsSpan(qi * n, n), c, -s);
                }
            }
            if (rotations == 0) return;
        }
        throw new NoConvergenceException($"Svd: one-sided Jacobi did not converge within {MaxSweeps} sweeps.");
    }

    /// <summary>Replaces row j of g with a unit vector orthogonal to rows 0..j−1 (Gram–Schmidt twice on the best unit vector).</summary>
    private static void CompleteRow<T>(T[] g, int j, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var row = g.AsSpan(j * n, n);
        T bestNorm = -T.One;
        var candidate = new T[n];
        var best = new T[n];
        for (int e = 0; e < n; e++)
        {
            Array.Clear(candidate);
            candidate[e] = T.One;
            for (int pass = 0; pass < 2; pass++)
                for (int i = 0; i < j; i++)
                {
                    var gi = g.AsSpan(i * n, n);
                    VectorKernels.Axpy(-VectorKernels.Dot<T>(gi, candidate), gi, candidate);
                }
            T norm = T.Sqrt(VectorKernels.Dot<T>(candidate, candidate));
            if (norm > bestNorm) { bestNorm = norm; candidate.CopyTo(best, 0); }
            if (bestNorm > T.CreateTruncating(0.5)) break;
        }
        for (int i = 0; i < n; i++) row[i] = best[i] / bestNorm;
    }
}
