using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Cpu;

namespace Scratch.ML.LinearAlgebra;

public static partial class Linalg
{
    /// <summary>
    /// Cholesky factorisation <c>A = L·Lᵀ</c> of a symmetric positive-definite matrix A (n × n), or of each matrix of
    /// a batch (…, n, n); returns the lower factor L (zeros above the diagonal) like <c>numpy.linalg.cholesky</c>.
    /// Only the lower triangle of A is read (the upper one is assumed to mirror it).
    /// </summary>
    /// <remarks>
    /// Differentiable (PyTorch's <c>cholesky_backward</c>, Murray 2016): with Ḡ = ∂L/∂L,
    /// <c>S = L⁻ᵀ·Φ(Lᵀ·Ḡ)·L⁻¹</c> where Φ keeps the lower triangle and halves the diagonal, and
    /// <c>∂L/∂A = (S + Sᵀ)/2</c> — the symmetric gradient, i.e. the derivative along symmetric perturbations of A.
    /// Written with MatMul and <see cref="Inverse{T}"/> of the saved L, so it differentiates again.
    /// </remarks>
    /// <exception cref="ArgumentException">A is not a finite (batch of) square matrices.</exception>
    /// <exception cref="NotPositiveDefiniteException">A pivot is not positive; the exception names its index.</exception>
    public static Tensor<T> Cholesky<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquareBatch(a, "Cholesky");
        int n = a.Size(-1);
        var l = Batched.Map(a, [n, n], Cholesky2d);
        return Autograd.Record(l, "linalg_cholesky", a, static (g, node) =>
        {
            var lo = node.Output;
            int n = lo.Size(-1);
            var phi = lo.MT.MatMul(g) * LowerHalfDiagonalMask<T>(n);
            var inv = Inverse(lo);
            var s = inv.MT.MatMul(phi).MatMul(inv);
            return (s + s.MT) * T.CreateChecked(0.5);
        });
    }

    /// <summary>Φ as a constant mask (n × n): 1 below the diagonal, ½ on it, 0 above.</summary>
    private static Tensor<T> LowerHalfDiagonalMask<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = new T[n * n];
        T half = T.CreateChecked(0.5);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++) m[i * n + j] = T.One;
            m[i * n + i] = half;
        }
        return Tensor.Wrap(m, n, n);
    }

    private static Tensor<T> Cholesky2d<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var l = MatrixInput.Square(a, "Cholesky", nameof(a), out int n);
        int failed = CholeskyKernel.Factor(l, n, CholeskyKernel.ChooseBlock(n));
        if (failed >= 0) throw new NotPositiveDefiniteException("Cholesky", failed);
        for (int i = 0; i < n; i++) l.AsSpan(i * n + i + 1, n - i - 1).Clear();
        return MatrixInput.Matrix(l, n, n);
    }
}

/// <summary>
/// Blocked lower Cholesky on a row-major array, in place (the strict upper triangle is left as scratch). For each
/// diagonal block of <c>nb</c> rows: subtract the already factored columns with GEMM (<c>A₁₁ −= L₁₀·L₁₀ᵀ</c>,
/// <c>A₂₁ −= L₂₀·L₁₀ᵀ</c>), factor A₁₁ with the row-oriented (Crout) algorithm whose inner loops are contiguous dot
/// products, and solve <c>L₂₁·L₁₁ᵀ = A₂₁</c> on a transposed copy of the panel (long axpys). With <c>nb = n</c> it is the unblocked twin.
/// </summary>
internal static class CholeskyKernel
{
    internal const int BlockThreshold = 256;
    internal const int PanelWidth = 64;

    internal static int ChooseBlock(int n) => n >= BlockThreshold ? PanelWidth : Math.Max(n, 1);

    /// <summary>Factors in place; returns the index of the first non-positive pivot, or −1 on success.</summary>
    public static int Factor<T>(T[] a, int n, int nb) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[]? buf = null;
        for (int j0 = 0; j0 < n; j0 += nb)
        {
            int jb = Math.Min(nb, n - j0), jEnd = j0 + jb;
            if (j0 > 0)
            {
                // A[j0.., j0..jEnd) −= L[j0.., 0..j0)·L[j0..jEnd, 0..j0)ᵀ — the diagonal block and the panel below it in one GEMM.
                Gemm.Multiply(n - j0, jb, j0, -T.One,
                    a.AsSpan(j0 * n), n, 1,
                    a.AsSpan(j0 * n), 1, n,
                    T.One, a.AsSpan(j0 * n + j0), n, 1);
            }
            // Unblocked Crout on the diagonal block, only columns j0.. of the block (earlier ones already subtracted).
            for (int j = j0; j < jEnd; j++)
            {
                var rowJ = a.AsSpan(j * n + j0, j - j0);
                T s = a[j * n + j] - VectorKernels.Dot<T>(rowJ, rowJ);
                if (!(s > T.Zero)) return j;
                T d = T.Sqrt(s);
                a[j * n + j] = d;
                for (int i = j + 1; i < jEnd; i++)
                    a[i * n + j] = (a[i * n + j] - VectorKernels.Dot<T>(a.AsSpan(i * n + j0, j - j0), rowJ)) / d;
            }
            // L₂₁ ← A₂₁·L₁₁⁻ᵀ, i.e. L₁₁·L₂₁ᵀ = A₂₁ᵀ: forward substitution on the transposed panel, whose rows are long.
            int rest = n - jEnd;
            if (rest == 0) continue;
            buf ??= new T[nb * n];
            for (int i = 0; i < rest; i++)
                for (int j = 0; j < jb; j++) buf[j * rest + i] = a[(jEnd + i) * n + j0 + j];
            for (int j = 0; j < jb; j++)
            {
                var xj = buf.AsSpan(j * rest, rest);
                for (int p = 0; p < j; p++) VectorKernels.Axpy(-a[(j0 + j) * n + j0 + p], buf.AsSpan(p * rest, rest), xj);
                TensorPrimitives.Multiply(xj, T.One / a[(j0 + j) * n + j0 + j], xj);
            }
            for (int i = 0; i < rest; i++)
                for (int j = 0; j < jb; j++) a[(jEnd + i) * n + j0 + j] = buf[j * rest + i];
        }
        return -1;
    }
}
