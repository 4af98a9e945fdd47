using System.Numerics;

namespace Scratch.ML.LinearAlgebra;

/// <summary>Eigenvalues of a general real matrix as real and imaginary parts; complex ones come in adjacent conjugate pairs (positive imaginary part first).</summary>
/// <param name="Real">Real parts (n).</param>
/// <param name="Imaginary">Imaginary parts (n); zero for real eigenvalues.</param>
public sealed record EigvalsResult<T>(Tensor<T> Real, Tensor<T> Imaginary) where T : unmanaged, IFloatingPointIeee754<T>;

public static partial class Linalg
{
    /// <summary>
    /// Eigenvalues of a general (non-symmetric) square matrix: Householder reduction to upper Hessenberg form, then
    /// the Francis double-shift QR algorithm, which keeps the arithmetic real by shifting with a complex-conjugate pair
    /// at once. The order is that in which the eigenvalues deflate (bottom to top), not sorted — as with NumPy, compare
    /// as sets. The matrix is first balanced (a diagonal similarity by powers of two that equalises row and column
    /// norms, as LAPACK's gebal does without its permutation step), which protects badly scaled matrices.
    /// </summary>
    /// <exception cref="ArgumentException">A is not a finite square matrix.</exception>
    /// <exception cref="NotSupportedException">A requires a gradient while grad mode is on: this decomposition is not differentiable (call it on a.Detach()).</exception>
    /// <exception cref="NoConvergenceException">An eigenvalue needed more than 40 iterations (with exceptional shifts).</exception>
    public static EigvalsResult<T> Eigvals<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Autograd.NotDifferentiable("Linalg.Eigvals", a);
        var h = MatrixInput.Square(a, "Eigvals", nameof(a), out int n);
        HessenbergKernel.Balance(h, n);
        HessenbergKernel.Reduce(h, n);
        var re = new T[n];
        var im = new T[n];
        HessenbergKernel.FrancisQr(h, n, re, im);
        return new EigvalsResult<T>(Tensor.Wrap(re, n), Tensor.Wrap(im, n));
    }
}

/// <summary>Hessenberg reduction and the Francis double-shift QR iteration (eigenvalues only) on row-major arrays.</summary>
internal static class HessenbergKernel
{
    private const int MaxIterationsPerEigenvalue = 40;

    /// <summary>
    /// Balancing: repeatedly scales row i by 1/f and column i by f (f a power of two, so no rounding) until each
    /// row's and column's off-diagonal 1-norms are within a factor of two; D⁻¹·A·D has the same eigenvalues but a
    /// smaller norm, which shrinks the ε·‖A‖ error of the QR iteration.
    /// </summary>
    public static void Balance<T>(T[] a, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T worthIt = T.CreateTruncating(0.95);
        for (int sweep = 0; sweep < 100; sweep++)
        {
            bool changed = false;
            for (int i = 0; i < n; i++)
            {
                T c = T.Zero, r = T.Zero;
                for (int j = 0; j < n; j++)
                {
                    if (j == i) continue;
                    c += T.Abs(a[j * n + i]);
                    r += T.Abs(a[i * n + j]);
                }
                if (T.IsZero(c) || T.IsZero(r)) continue;
                // c·f + r/f is smallest at f = √(r/c); round to a power of two so the scaling is exact.
                int k = (int)Math.Round(0.5 * Math.Log2(double.CreateTruncating(r / c)));
                if (k == 0) continue;
                T f = T.ScaleB(T.One, Math.Clamp(k, -100, 100));
                if (!(c * f + r / f < worthIt * (c + r))) continue;
                changed = true;
                for (int j = 0; j < n; j++) a[i * n + j] /= f;
                for (int j = 0; j < n; j++) a[j * n + i] *= f;
            }
            if (!changed) return;
        }
    }

    /// <summary>H = Qᵀ·A·Q upper Hessenberg, in place; entries below the subdiagonal are set to zero.</summary>
    public static void Reduce<T>(T[] a, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var v = new T[n];
        var w = new T[n];
        for (int k = 0; k < n - 2; k++)
        {
            int m = n - k - 1, r0 = k + 1;
            var vv = v.AsSpan(0, m);
            for (int i = 0; i < m; i++) vv[i] = a[(r0 + i) * n + k];
            T t = Householder.Generate(vv);
            a[r0 * n + k] = vv[0];
            for (int i = 1; i < m; i++) a[(r0 + i) * n + k] = T.Zero;
            if (T.IsZero(t)) continue;
            vv[0] = T.One;
            // Left: A[r0.., k+1..] ← (I − τvvᵀ)·A[r0.., k+1..].
            int cw = n - k - 1;
            var ww = w.AsSpan(0, cw);
            ww.Clear();
            for (int i = 0; i < m; i++) VectorKernels.Axpy(vv[i], a.AsSpan((r0 + i) * n + k + 1, cw), ww);
            for (int i = 0; i < m; i++) VectorKernels.Axpy(-t * vv[i], ww, a.AsSpan((r0 + i) * n + k + 1, cw));
            // Right: A[:, r0..] ← A[:, r0..]·(I − τvvᵀ).
            for (int i = 0; i < n; i++)
            {
                var row = a.AsSpan(i * n + r0, m);
                T s = VectorKernels.Dot<T>(row, vv);
                VectorKernels.Axpy(-t * s, vv, row);
            }
        }
    }

    /// <summary>
    /// Eigenvalues of the Hessenberg matrix h (destroyed). Works on the active window [lo, hi]: deflates negligible
    /// subdiagonals, reads 1 × 1 and 2 × 2 blocks off the bottom, and otherwise chases a 3 × 3 Householder bulge for the
    /// double shift given by the trailing 2 × 2 block (exceptional shifts after 10 and 20 stalled iterations).
    /// </summary>
    public static void FrancisQr<T>(T[] h, int n, T[] re, T[] im) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T eps = MatrixInput.Epsilon<T>();
        T norm = T.Zero;
        foreach (var x in h) norm = T.Max(norm, T.Abs(x));
        int hi = n - 1, its = 0;
        Span<T> v3 = stackalloc T[3];
        while (hi >= 0)
        {
            int lo = hi;
            while (lo > 0)
            {
                T s = T.Abs(H(h, n, lo - 1, lo - 1)) + T.Abs(H(h, n, lo, lo));
                if (T.IsZero(s)) s = norm;
                if (T.Abs(H(h, n, lo, lo - 1)) <= eps * s) { h[lo * n + lo - 1] = T.Zero; break; }
                lo--;
            }
            if (lo == hi)
            {
                re[hi] = H(h, n, hi, hi);
                im[hi] = T.Zero;
                hi--;
                its = 0;
                continue;
            }
            if (lo == hi - 1)
            {
                TwoByTwo(H(h, n, hi - 1, hi - 1), H(h, n, hi - 1, hi), H(h, n, hi, hi - 1), H(h, n, hi, hi), out re[hi - 1], out im[hi - 1], out re[hi], out im[hi]);
                hi -= 2;
                its = 0;
                continue;
            }
            if (++its > MaxIterationsPerEigenvalue)
                throw new NoConvergenceException($"Eigvals: the Francis QR iteration did not converge within {MaxIterationsPerEigenvalue} iterations for eigenvalue {hi}.");
            // Double shift: trace and determinant of the trailing 2 × 2 block (or an exceptional pair).
            T tr, det;
            if (its % 10 == 0)
            {
                T s = T.Abs(H(h, n, hi, hi - 1)) + T.Abs(H(h, n, hi - 1, hi - 2));
                T h11 = T.CreateTruncating(0.75) * s + H(h, n, hi, hi);
                tr = h11 + h11;
                det = h11 * h11 + T.CreateTruncating(0.4375) * s * s;
            }
            else
            {
                tr = H(h, n, hi - 1, hi - 1) + H(h, n, hi, hi);
                det = H(h, n, hi - 1, hi - 1) * H(h, n, hi, hi) - H(h, n, hi - 1, hi) * H(h, n, hi, hi - 1);
            }
            // First column of (H − σ₁I)(H − σ₂I) = H² − tr·H + det·I, restricted to rows lo..lo+2.
            T h00 = H(h, n, lo, lo), h10 = H(h, n, lo + 1, lo);
            T x = h00 * h00 + H(h, n, lo, lo + 1) * h10 - tr * h00 + det;
            T y = h10 * (h00 + H(h, n, lo + 1, lo + 1) - tr);
            T z = h10 * H(h, n, lo + 2, lo + 1);
            for (int k = lo; k <= hi - 1; k++)
            {
                int len = Math.Min(3, hi - k + 1);
                v3[0] = x; v3[1] = y; v3[2] = len == 3 ? z : T.Zero;
                var vk = v3[..len];
                T t = Householder.Generate(vk);
                if (k > lo)
                {
                    h[k * n + k - 1] = vk[0];
                    h[(k + 1) * n + k - 1] = T.Zero;
                    if (len == 3) h[(k + 2) * n + k - 1] = T.Zero;
                }
                if (!T.IsZero(t))
                {
                    vk[0] = T.One;
                    // Rows k..k+len−1 from the left, columns k..hi (columns left of k are zero there except the one just set).
                    for (int j = k; j <= hi; j++)
                    {
                        T s = T.Zero;
                        for (int r = 0; r < len; r++) s += vk[r] * h[(k + r) * n + j];
                        s *= t;
                        for (int r = 0; r < len; r++) h[(k + r) * n + j] -= s * vk[r];
                    }
                    // Columns k..k+len−1 from the right, rows lo..min(k+3, hi).
                    int rEnd = Math.Min(k + 3, hi);
                    for (int i = lo; i <= rEnd; i++)
                    {
                        T s = T.Zero;
                        for (int c = 0; c < len; c++) s += h[i * n + k + c] * vk[c];
                        s *= t;
                        for (int c = 0; c < len; c++) h[i * n + k + c] -= s * vk[c];
                    }
                }
                x = H(h, n, k + 1, k);
                if (k + 2 <= hi) y = H(h, n, k + 2, k);
                if (k + 3 <= hi) z = H(h, n, k + 3, k);
            }
        }
    }

    private static T H<T>(T[] h, int n, int i, int j) => h[i * n + j];

    /// <summary>Eigenvalues of [[a, b], [c, d]], computed without cancellation; complex pairs get +im first.</summary>
    internal static void TwoByTwo<T>(T a, T b, T c, T d, out T re1, out T im1, out T re2, out T im2) where T : IFloatingPointIeee754<T>
    {
        T p = (a - d) * T.CreateTruncating(0.5);
        T bc = b * c;
        T disc = p * p + bc;
        if (disc >= T.Zero)
        {
            T z = p + (T.IsNegative(p) ? -T.Sqrt(disc) : T.Sqrt(disc));
            re1 = d + z;
            re2 = T.IsZero(z) ? d : d - bc / z;
            im1 = im2 = T.Zero;
        }
        else
        {
            re1 = re2 = d + p;
            im1 = T.Sqrt(-disc);
            im2 = -im1;
        }
    }
}
