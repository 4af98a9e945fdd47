using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Cpu;

namespace Scratch.ML.LinearAlgebra;

/// <summary>
/// Householder reflectors <c>H = I − τ·v·vᵀ</c> with <c>v₀ = 1</c> (LAPACK's convention), and their blocked
/// application in compact WY form <c>H₀·H₁···H_{b−1} = I − V·T·Vᵀ</c> (T upper triangular, b × b), which turns b rank-1
/// updates into two GEMMs.
/// </summary>
internal static class Householder
{
    /// <summary>
    /// Overwrites x with the reflector that maps x to <c>β·e₀</c>: on return <c>x[0] = β</c> and <c>x[1..]</c> holds
    /// v₁…; returns τ. When x[1..] is already zero, τ = 0 (H = I) and x is unchanged.
    /// </summary>
    public static T Generate<T>(Span<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length <= 1) return T.Zero;
        T alpha = x[0];
        T xnorm = TensorPrimitives.Norm<T>(x[1..]);
        if (T.IsZero(xnorm)) return T.Zero;
        // β takes the sign opposite to α so that α − β never cancels.
        T beta = -T.CopySign(T.Hypot(alpha, xnorm), alpha);
        T tau = (beta - alpha) / beta;
        TensorPrimitives.Multiply(x[1..], T.One / (alpha - beta), x[1..]);
        x[0] = beta;
        return tau;
    }

    /// <summary>
    /// Copies the b reflectors stored below the diagonal of columns <c>[c0, c0 + b)</c>, rows <c>[c0 + rowShift, m)</c>
    /// of a row-major array (leading dimension ld) into an explicit unit-lower-trapezoidal V ((m − c0 − rowShift) × b).
    /// </summary>
    public static T[] ExtractV<T>(T[] a, int ld, int m, int r0, int c0, int b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int mv = m - r0;
        var v = new T[mv * b];
        for (int r = 0; r < mv; r++)
        {
            int lim = Math.Min(r, b);
            for (int c = 0; c < lim; c++) v[r * b + c] = a[(r0 + r) * ld + c0 + c];
            if (r < b) v[r * b + r] = T.One;
        }
        return v;
    }

    /// <summary>The upper-triangular T (b × b) of the compact WY form, by the forward column recurrence.</summary>
    public static T[] BuildT<T>(T[] v, int mv, int b, ReadOnlySpan<T> tau) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new T[b * b];
        var z = new T[b];
        for (int i = 0; i < b; i++)
        {
            t[i * b + i] = tau[i];
            if (i == 0 || T.IsZero(tau[i])) continue;
            // z = V[:, 0:i]ᵀ·vᵢ (vᵢ is zero above row i).
            Array.Clear(z);
            for (int r = i; r < mv; r++)
            {
                T vi = v[r * b + i];
                for (int p = 0; p < i; p++) z[p] += v[r * b + p] * vi;
            }
            // T[0:i, i] = −τᵢ·T[0:i, 0:i]·z.
            for (int p = 0; p < i; p++)
            {
                T s = T.Zero;
                for (int q = p; q < i; q++) s += t[p * b + q] * z[q];
                t[p * b + i] = -tau[i] * s;
            }
        }
        return t;
    }

    /// <summary>
    /// C ← (I − V·T·Vᵀ)·C, or with <paramref name="transpose"/> C ← (I − V·Tᵀ·Vᵀ)·C = Hᵀ·C; C is (mv × nc) at
    /// <paramref name="c"/> with leading dimension ldc, V is (mv × b) and T (b × b), both row-major.
    /// </summary>
    public static void ApplyBlock<T>(T[] v, T[] t, int b, Span<T> c, int ldc, int mv, int nc, bool transpose) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (nc == 0 || mv == 0) return;
        var w = new T[b * nc];
        Gemm.Multiply<T>(b, nc, mv, T.One, v, 1, b, c, ldc, 1, T.Zero, w, nc, 1);
        if (transpose)
        {
            for (int i = b - 1; i >= 0; i--)
            {
                var wi = w.AsSpan(i * nc, nc);
                TensorPrimitives.Multiply(wi, t[i * b + i], wi);
                for (int p = 0; p < i; p++)
                    if (!T.IsZero(t[p * b + i])) VectorKernels.Axpy(t[p * b + i], w.AsSpan(p * nc, nc), wi);
            }
        }
        else
        {
            for (int i = 0; i < b; i++)
            {
                var wi = w.AsSpan(i * nc, nc);
                TensorPrimitives.Multiply(wi, t[i * b + i], wi);
                for (int p = i + 1; p < b; p++)
                    if (!T.IsZero(t[i * b + p])) VectorKernels.Axpy(t[i * b + p], w.AsSpan(p * nc, nc), wi);
            }
        }
        Gemm.Multiply<T>(mv, nc, b, -T.One, v, b, 1, w, nc, 1, T.One, c, ldc, 1);
    }
}
