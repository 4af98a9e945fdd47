using System.Numerics;

namespace Scratch.ML.LinearAlgebra;

/// <summary>
/// Singular values without vectors: Golub–Kahan bidiagonalisation <c>A = Q_L·B·Q_Rᵀ</c> with alternating left and
/// right Householder reflectors, then the eigenvalues of the Golub–Kahan tridiagonal matrix
/// <c>T_GK = [[0, Bᵀ], [B, 0]]</c> permuted to tridiagonal form (zero diagonal, off-diagonal d₀, e₀, d₁, e₁, …, d_{n−1}),
/// whose eigenvalues are ±σᵢ. The eigenvalues come from the same implicit QR iteration as <c>Eigh</c>, values only,
/// so after the 8/3·n³ reduction the rest costs O(n²). The σ are accurate to ε·‖A‖ in absolute terms (as LAPACK's
/// gesdd); <see cref="SvdKernel"/> (Jacobi) is used when vectors are wanted.
/// </summary>
internal static class BidiagonalSvd
{
    /// <summary>Singular values, descending, of the row-major (m × n) matrix a with m ≥ n (a is destroyed).</summary>
    public static T[] Values<T>(T[] a, int m, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = new T[n];
        var e = new T[Math.Max(n - 1, 0)];
        Reduce(a, m, n, d, e);
        int size = 2 * n;
        var tgkDiag = new T[size];
        var tgkOff = new T[Math.Max(size - 1, 0)];
        for (int i = 0; i < n; i++)
        {
            tgkOff[2 * i] = d[i];
            if (i < n - 1) tgkOff[2 * i + 1] = e[i];
        }
        SymmetricEigenKernel.ImplicitQr(tgkDiag, tgkOff, null, size);
        Array.Sort(tgkDiag);
        var s = new T[n];
        for (int i = 0; i < n; i++) s[i] = T.Abs(tgkDiag[size - 1 - i]);
        Array.Sort(s);
        Array.Reverse(s);
        return s;
    }

    /// <summary>Reduces a (m × n, m ≥ n) in place to upper bidiagonal form: diagonal d (n), superdiagonal e (n − 1).</summary>
    private static void Reduce<T>(T[] a, int m, int n, T[] d, T[] e) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var col = new T[m];
        var w = new T[n];
        for (int k = 0; k < n; k++)
        {
            // Left reflector: zero column k below the diagonal; update columns k+1.. by row axpys.
            int len = m - k, cw = n - k - 1;
            for (int i = 0; i < len; i++) col[i] = a[(k + i) * n + k];
            T t = Householder.Generate(col.AsSpan(0, len));
            d[k] = col[0];
            if (!T.IsZero(t) && cw > 0)
            {
                var wv = w.AsSpan(0, cw);
                a.AsSpan(k * n + k + 1, cw).CopyTo(wv);
                for (int i = 1; i < len; i++)
                    if (!T.IsZero(col[i])) VectorKernels.Axpy(col[i], a.AsSpan((k + i) * n + k + 1, cw), wv);
                VectorKernels.Axpy(-t, wv, a.AsSpan(k * n + k + 1, cw));
                for (int i = 1; i < len; i++)
                    if (!T.IsZero(col[i])) VectorKernels.Axpy(-t * col[i], wv, a.AsSpan((k + i) * n + k + 1, cw));
            }
            if (cw == 0) continue;
            // Right reflector: zero row k right of the superdiagonal; update rows k+1.. (each a dot and an axpy).
            var v = a.AsSpan(k * n + k + 1, cw);
            T tr = Householder.Generate(v);
            e[k] = v[0];
            if (T.IsZero(tr)) continue;
            T beta = v[0];
            v[0] = T.One;
            for (int i = k + 1; i < m; i++)
            {
                var row = a.AsSpan(i * n + k + 1, cw);
                VectorKernels.Axpy(-tr * VectorKernels.Dot<T>(row, v), v, row);
            }
            v[0] = beta;
        }
    }
}
