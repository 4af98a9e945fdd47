using System.Numerics;
using System.Numerics.Tensors;

namespace Scratch.ML.LinearAlgebra;

/// <summary>Matrix norms, named after NumPy's <c>ord</c> argument of <c>numpy.linalg.norm</c>.</summary>
public enum MatrixNorm
{
    /// <summary>‖A‖_F = √(Σᵢⱼ aᵢⱼ²) (<c>'fro'</c>).</summary>
    Frobenius,
    /// <summary>Sum of singular values (<c>'nuc'</c>).</summary>
    Nuclear,
    /// <summary>Largest column sum of |aᵢⱼ| (<c>1</c>).</summary>
    One,
    /// <summary>Smallest column sum of |aᵢⱼ| (<c>-1</c>; not a norm).</summary>
    MinusOne,
    /// <summary>Largest row sum of |aᵢⱼ| (<c>inf</c>).</summary>
    Infinity,
    /// <summary>Smallest row sum of |aᵢⱼ| (<c>-inf</c>; not a norm).</summary>
    MinusInfinity,
    /// <summary>Largest singular value, the spectral norm (<c>2</c>).</summary>
    Two,
    /// <summary>Smallest singular value (<c>-2</c>; not a norm).</summary>
    MinusTwo,
}

public static partial class Linalg
{
    /// <summary>A matrix norm of a 2-d A (see <see cref="MatrixNorm"/>); the 2-norms and the nuclear norm use the singular values.</summary>
    /// <exception cref="ArgumentException">A is not a finite 2-d matrix, or ord is not a <see cref="MatrixNorm"/> value.</exception>
    public static T Norm<T>(Tensor<T> a, MatrixNorm ord = MatrixNorm.Frobenius) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = MatrixInput.General(a, "Norm", nameof(a), out int m, out int n);
        return MatrixNormOf(d, m, n, ord);
    }

    /// <summary>
    /// The vector p-norm of a 1-d x: (Σ|xᵢ|ᵖ)^(1/p); p = ∞ gives max|xᵢ|, p = −∞ min|xᵢ|, p = 0 the count of nonzeros
    /// (as NumPy). Default p = 2, the Euclidean norm.
    /// </summary>
    /// <exception cref="ArgumentException">x is not 1-d, or p is NaN.</exception>
    public static T VectorNorm<T>(Tensor<T> x, double p = 2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 1) throw new ArgumentException($"VectorNorm: x must be 1-d, got shape {Shapes.Format(x.Shape)}.", nameof(x));
        if (double.IsNaN(p)) throw new ArgumentException("VectorNorm: p must not be NaN.", nameof(p));
        var v = x.ToArray();
        if (v.Length == 0) return T.Zero;
        if (p == 2) return TensorPrimitives.Norm<T>(v);
        if (double.IsPositiveInfinity(p)) return T.Abs(TensorPrimitives.MaxMagnitude<T>(v));
        if (double.IsNegativeInfinity(p)) return T.Abs(TensorPrimitives.MinMagnitude<T>(v));
        if (p == 0)
        {
            int count = 0;
            foreach (var e in v) if (!T.IsZero(e)) count++;
            return T.CreateTruncating(count);
        }
        if (p == 1) return TensorPrimitives.SumOfMagnitudes<T>(v);
        T sum = T.Zero, tp = T.CreateTruncating(p);
        foreach (var e in v) sum += T.Pow(T.Abs(e), tp);
        return T.Pow(sum, T.One / tp);
    }

    /// <summary>
    /// The condition number κ(A) = ‖A‖·‖A⁻¹‖ in the given norm; for <see cref="MatrixNorm.Two"/> (default) it is
    /// σ_max/σ_min from the singular values and any shape is allowed. +∞ for a singular matrix.
    /// </summary>
    /// <exception cref="ArgumentException">A is not a finite 2-d matrix, or is not square for norms other than ±2.</exception>
    public static T Cond<T>(Tensor<T> a, MatrixNorm ord = MatrixNorm.Two) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = MatrixInput.General(a, "Cond", nameof(a), out int m, out int n);
        if (ord is MatrixNorm.Two or MatrixNorm.MinusTwo)
        {
            var s = SvdKernel.Decompose(d, m, n, vectors: false, full: false).S;
            if (s.Length == 0) return T.Zero;
            T big = s[0], small = s[^1];
            if (ord == MatrixNorm.MinusTwo) (big, small) = (small, big);
            return T.IsZero(small) ? T.PositiveInfinity : big / small;
        }
        if (m != n) throw new ArgumentException($"Cond: a must be square for norm {ord}, got shape {Shapes.Format(a.Shape)}.", nameof(a));
        T normA = MatrixNormOf(d, m, n, ord);
        var piv = new int[n];
        var lu = (T[])d.Clone();
        if (LuKernel.Factor(lu, n, piv, LuKernel.ChooseBlock(n)) >= 0) return T.PositiveInfinity;
        var inv = new T[n * n];
        for (int i = 0; i < n; i++) inv[i * n + i] = T.One;
        LuKernel.Solve(lu, n, piv, inv, n);
        return normA * MatrixNormOf(inv, n, n, ord);
    }

    private static T MatrixNormOf<T>(T[] d, int m, int n, MatrixNorm ord) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (ord)
        {
            case MatrixNorm.Frobenius:
                return TensorPrimitives.Norm<T>(d);
            case MatrixNorm.One or MatrixNorm.MinusOne:
            {
                var colSums = new T[n];
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++) colSums[j] += T.Abs(d[i * n + j]);
                return n == 0 ? T.Zero : ord == MatrixNorm.One ? TensorPrimitives.Max<T>(colSums) : TensorPrimitives.Min<T>(colSums);
            }
            case MatrixNorm.Infinity or MatrixNorm.MinusInfinity:
            {
                var rowSums = new T[m];
                for (int i = 0; i < m; i++) rowSums[i] = TensorPrimitives.SumOfMagnitudes<T>(d.AsSpan(i * n, n));
                return m == 0 ? T.Zero : ord == MatrixNorm.Infinity ? TensorPrimitives.Max<T>(rowSums) : TensorPrimitives.Min<T>(rowSums);
            }
            case MatrixNorm.Two or MatrixNorm.MinusTwo or MatrixNorm.Nuclear:
            {
                var s = SvdKernel.Decompose((T[])d.Clone(), m, n, vectors: false, full: false).S;
                if (s.Length == 0) return T.Zero;
                return ord == MatrixNorm.Two ? s[0] : ord == MatrixNorm.MinusTwo ? s[^1] : TensorPrimitives.Sum<T>(s);
            }
            default:
                throw new ArgumentException($"Norm: unknown matrix norm {(int)ord}.", nameof(ord));
        }
    }
}
