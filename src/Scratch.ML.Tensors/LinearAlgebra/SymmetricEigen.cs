using System.Numerics;

namespace Scratch.ML.LinearAlgebra;

/// <summary>The eigendecomposition <c>A = V·diag(λ)·Vᵀ</c> of a symmetric matrix.</summary>
/// <param name="Values">Eigenvalues in ascending order (n), as <c>numpy.linalg.eigh</c>.</param>
/// <param name="Vectors">Orthonormal eigenvectors as columns (n × n): column j belongs to Values[j].</param>
public sealed record EighResult<T>(Tensor<T> Values, Tensor<T> Vectors) where T : unmanaged, IFloatingPointIeee754<T>;

public static partial class Linalg
{
    /// <summary>
    /// Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix A (n × n): Householder reduction to
    /// tridiagonal form, then the implicit symmetric QR algorithm with Wilkinson shifts. Only the lower triangle of A
    /// is read (the upper one is assumed to mirror it), as NumPy's default <c>UPLO='L'</c>.
    /// </summary>
    /// <remarks>
    /// Differentiable (PyTorch's <c>linalg_eigh</c> backward), as two nodes on A whose gradients add: the values give
    /// <c>V·diag(ḡλ)·Vᵀ</c>, the vectors give <c>V·(skew(Vᵀ·Ḡ_V) ⊘ E)·Vᵀ</c> with <c>skew(M) = (M − Mᵀ)/2</c> and
    /// <c>Eᵢⱼ = λⱼ − λᵢ</c> off the diagonal (the diagonal of the quotient is 0). The gradient is symmetric (the derivative
    /// along symmetric perturbations). Repeated eigenvalues make E zero and the vectors' gradient infinite or NaN, as
    /// in PyTorch; a loss must also not depend on the arbitrary sign of each eigenvector.
    /// </remarks>
    /// <exception cref="ArgumentException">A is not a finite square matrix.</exception>
    /// <exception cref="NoConvergenceException">The QR iteration exceeded 30·n sweeps (not observed in practice).</exception>
    public static EighResult<T> Eigh<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = MatrixInput.Square(a, "Eigh", nameof(a), out int n);
        var (values, zt) = SymmetricEigenKernel.Decompose(s, n, vectors: true);
        var lambda = Tensor.Wrap(values, n);
        var v = MatrixInput.Matrix(MatrixInput.Transpose<T>(zt!, n, n), n, n);
        if (!Autograd.IsRecording(a)) return new EighResult<T>(lambda, v);
        // Each VJP needs the other output (with its history, for second derivatives): share them through a box.
        var saved = new EighSaved<T>();
        saved.Vectors = Autograd.Record(v, "linalg_eigh_vectors", a, static (g, node) =>
        {
            var (l, vv) = node.State<EighSaved<T>>().Both;
            var m = vv.MT.MatMul(g);
            var skew = (m - m.MT) * T.CreateChecked(0.5);
            Tensor<T> offDiagonal, eye;
            using (Autograd.NoGrad())
            {
                int n = l.Size(0);
                eye = Tensor.Eye<T>(n);
                offDiagonal = Tensor.OnesLike(eye) - eye;
            }
            // E = λⱼ − λᵢ off the diagonal, 1 on it (where skew is 0 anyway).
            var e = (l.Unsqueeze(0) - l.Unsqueeze(1)) * offDiagonal + eye;
            return vv.MatMul(skew / e).MatMul(vv.MT);
        }, saved);
        saved.Values = Autograd.Record(lambda, "linalg_eigh_values", a, static (g, node) =>
        {
            var vv = node.State<EighSaved<T>>().Both.Vectors;
            return (vv * g.Unsqueeze(0)).MatMul(vv.MT);
        }, saved);
        return new EighResult<T>(saved.Values, saved.Vectors);
    }

    /// <summary>Eigenvalues only (ascending) of a symmetric matrix, as <c>numpy.linalg.eigvalsh</c>; cheaper than <see cref="Eigh{T}"/>.</summary>
    /// <remarks>
    /// Differentiable: <c>∂L/∂A = V·diag(g)·Vᵀ</c> (dλᵢ = vᵢᵀ·dA·vᵢ), with V from a differentiable <see cref="Eigh{T}"/>
    /// run in the backward pass, so it differentiates again. Defined for distinct eigenvalues.
    /// </remarks>
    /// <exception cref="ArgumentException">A is not a finite square matrix.</exception>
    public static Tensor<T> Eigvalsh<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = MatrixInput.Square(a, "Eigvalsh", nameof(a), out int n);
        var values = Tensor.Wrap(SymmetricEigenKernel.Decompose(s, n, vectors: false).Values, n);
        return Autograd.Record(values, "linalg_eigvalsh", a, static (g, node) =>
        {
            var vv = Eigh(node.Input(0)).Vectors;
            return (vv * g.Unsqueeze(0)).MatMul(vv.MT);
        });
    }

    private sealed class EighSaved<T> where T : unmanaged
    {
        public Tensor<T>? Values;
        public Tensor<T>? Vectors;

        public (Tensor<T> Values, Tensor<T> Vectors) Both => (Values!, Vectors!);
    }
}

/// <summary>
/// Symmetric eigensolver on a row-major copy (lower triangle used). Stage 1 reduces A to tridiagonal T = Qᵀ·A·Q with n − 2
/// Householder reflectors (each a symmetric matrix-vector product plus a rank-2 update on the lower triangle, all on
/// contiguous row segments).
/// Stage 2 runs implicit QR steps with Wilkinson shifts on (d, e), chasing the bulge with Givens rotations; the
/// eigenvector matrix is accumulated transposed (Zᵀ, one eigenvector per row) so each rotation touches two
/// contiguous rows.
/// </summary>
internal static class SymmetricEigenKernel
{
    public static (T[] Values, T[]? VectorsByRow) Decompose<T>(T[] a, int n, bool vectors) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = new T[n];
        var e = new T[Math.Max(n - 1, 0)];
        var tau = new T[Math.Max(n - 2, 0)];
        Tridiagonalize(a, n, d, e, tau);
        T[]? zt = vectors ? FormQTransposed(a, n, tau) : null;
        ImplicitQr(d, e, zt, n);
        // Sort ascending (selection sort: n swaps of eigenvector rows at most).
        for (int i = 0; i < n - 1; i++)
        {
            int k = i;
            for (int j = i + 1; j < n; j++) if (d[j] < d[k]) k = j;
            if (k == i) continue;
            (d[i], d[k]) = (d[k], d[i]);
            if (zt is not null) VectorKernels.Swap(zt.AsSpan(i * n, n), zt.AsSpan(k * n, n));
        }
        return (d, zt);
    }

    /// <summary>
    /// Reduces symmetric A in place, reading and updating only its lower triangle (half the memory traffic of full
    /// storage). Reflector k (acting on indices k+1..n−1) is generated from column k below the diagonal and stored in
    /// row k right of the diagonal (the unused upper triangle), with τ in <paramref name="tau"/>; d and e receive the
    /// tridiagonal.
    /// </summary>
    private static void Tridiagonalize<T>(T[] a, int n, T[] d, T[] e, T[] tau) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = new T[n];
        for (int k = 0; k < n - 2; k++)
        {
            int m = n - k - 1, c0 = k + 1;
            var v = a.AsSpan(k * n + c0, m); // storage for the reflector: row k, right of the diagonal
            for (int i = 0; i < m; i++) v[i] = a[(c0 + i) * n + k];
            T t = Householder.Generate(v);
            tau[k] = t;
            e[k] = v[0];
            d[k] = a[k * n + k];
            if (T.IsZero(t)) continue;
            T beta = v[0];
            v[0] = T.One;
            // p = τ·A₂₂·v from the lower triangle: row i contributes a dot to pᵢ and an axpy to p[0..i).
            var pv = p.AsSpan(0, m);
            pv.Clear();
            for (int i = 0; i < m; i++)
            {
                var row = a.AsSpan((c0 + i) * n + c0, i);
                pv[i] += VectorKernels.Dot<T>(row, v[..i]) + a[(c0 + i) * n + c0 + i] * v[i];
                VectorKernels.Axpy(v[i], row, pv[..i]);
            }
            for (int i = 0; i < m; i++) pv[i] *= t;
            // w = p − (τ/2)(pᵀv)·v;  lower(A₂₂) −= lower(v·wᵀ + w·vᵀ).
            T kappa = t / T.CreateTruncating(2) * VectorKernels.Dot<T>(pv, v);
            VectorKernels.Axpy(-kappa, v, pv);
            for (int i = 0; i < m; i++)
            {
                var row = a.AsSpan((c0 + i) * n + c0, i + 1);
                VectorKernels.Axpy(-v[i], pv[..(i + 1)], row);
                VectorKernels.Axpy(-pv[i], v[..(i + 1)], row);
            }
            v[0] = beta;
        }
        if (n >= 2)
        {
            d[n - 2] = a[(n - 2) * n + n - 2];
            e[n - 2] = a[(n - 1) * n + n - 2];
        }
        if (n >= 1) d[n - 1] = a[(n - 1) * n + n - 1];
    }

    /// <summary>Width of the reflector blocks applied through GEMM when Q is formed.</summary>
    private const int QBlock = 32;

    /// <summary>
    /// Qᵀ with Q = H₀·H₁···H_{n−3}: Q is built from the identity by applying blocks of reflectors, last block first, in
    /// compact WY form (two GEMMs per block; only the trailing rows and columns change), then transposed.
    /// </summary>
    private static T[] FormQTransposed<T>(T[] a, int n, T[] tau) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var q = new T[n * n];
        for (int i = 0; i < n; i++) q[i * n + i] = T.One;
        int count = n - 2;
        if (count <= 0) return q;
        for (int k0 = (count - 1) / QBlock * QBlock; k0 >= 0; k0 -= QBlock)
        {
            int b = Math.Min(QBlock, count - k0), mv = n - k0 - 1;
            // V (mv × b): reflector k0 + c lives in row k0 + c of a, acting on indices k0 + c + 1.. (local row c..).
            var v = new T[mv * b];
            for (int c = 0; c < b; c++)
            {
                v[c * b + c] = T.One;
                for (int r = c + 1; r < mv; r++) v[r * b + c] = a[(k0 + c) * n + k0 + 1 + r];
            }
            var t = Householder.BuildT(v, mv, b, tau.AsSpan(k0, b));
            Householder.ApplyBlock(v, t, b, q.AsSpan((k0 + 1) * n + k0 + 1), n, mv, mv, transpose: false);
        }
        return MatrixInput.Transpose<T>(q, n, n);
    }

    /// <summary>
    /// Implicit symmetric QR with Wilkinson shifts on the tridiagonal (d, e); rotations are applied to the rows of
    /// <paramref name="zt"/> when given. On return d holds the (unsorted) eigenvalues.
    /// </summary>
    internal static void ImplicitQr<T>(T[] d, T[] e, T[]? zt, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T eps = MatrixInput.Epsilon<T>();
        T tiny = T.Epsilon / eps; // the smallest normal number
        int hi = n - 1, iterations = 0, budget = 30 * Math.Max(n, 1);
        while (hi > 0)
        {
            for (int i = 0; i < hi; i++)
                if (T.Abs(e[i]) <= eps * (T.Abs(d[i]) + T.Abs(d[i + 1])) || T.Abs(e[i]) < tiny) e[i] = T.Zero;
            if (T.IsZero(e[hi - 1])) { hi--; continue; }
            int lo = hi - 1;
            while (lo > 0 && !T.IsZero(e[lo - 1])) lo--;
            if (++iterations > budget)
                throw new NoConvergenceException($"Eigh: the implicit QR iteration did not converge within {budget} steps.");
            // Wilkinson shift: the eigenvalue of the trailing 2 × 2 block closer to d[hi].
            T half = T.CreateTruncating(0.5);
            T delta = (d[hi - 1] - d[hi]) * half;
            T eh = e[hi - 1];
            T sgn = T.IsNegative(delta) ? -T.One : T.One;
            T mu = d[hi] - eh * eh / (delta + sgn * VectorKernels.Hypot(delta, eh));
            T x = d[lo] - mu, z = e[lo];
            for (int k = lo; k < hi; k++)
            {
                T r = VectorKernels.Hypot(x, z);
                T c = r == T.Zero ? T.One : x / r, s = r == T.Zero ? T.Zero : z / r;
                if (k > lo) e[k - 1] = r;
                T dk = d[k], dk1 = d[k + 1], ek = e[k];
                T cs = c * s, cc = c * c, ss = s * s;
                d[k] = cc * dk + T.CreateTruncating(2) * cs * ek + ss * dk1;
                d[k + 1] = ss * dk - T.CreateTruncating(2) * cs * ek + cc * dk1;
                e[k] = cs * (dk1 - dk) + (cc - ss) * ek;
                if (k < hi - 1)
                {
                    z = s * e[k + 1];
                    e[k + 1] = c * e[k + 1];
                }
                x = e[k];
                if (zt is not null) VectorKernels.Rotate(zt.AsSpan(k * n, n), zt.AsSpan((k + 1) * n, n), c, s);
            }
        }
    }
}
