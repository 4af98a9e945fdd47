using System.Numerics;

namespace Scratch.ML.LinearAlgebra;

/// <summary>The sign and natural log of |det A|, as <c>numpy.linalg.slogdet</c>: det A = Sign·exp(LogAbsDet).</summary>
/// <param name="Sign">+1, −1, or 0 for a singular matrix.</param>
/// <param name="LogAbsDet">log|det A|; −∞ for a singular matrix.</param>
public readonly record struct SlogdetResult<T>(T Sign, T LogAbsDet) where T : IFloatingPointIeee754<T>;

public static partial class Linalg
{
    /// <summary>
    /// Solves <c>A·X = B</c> by LU with partial pivoting. A: (n × n); B: (n) for one right-hand side, returning (n),
    /// or (n × k) for k right-hand sides, returning (n × k).
    /// </summary>
    /// <exception cref="ArgumentException">A is not square, B's leading dimension is not n (both shapes are named), or an input is not finite.</exception>
    /// <exception cref="SingularMatrixException">A is singular; the exception names the zero pivot.</exception>
    public static Tensor<T> Solve<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lu = MatrixInput.Square(a, "Solve", nameof(a), out int n);
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rank is not (1 or 2) || b.Size(0) != n)
            throw new ArgumentException($"Solve: b must have shape ({n}) or ({n}, k) to match a of shape {Shapes.Format(a.Shape)}, got {Shapes.Format(b.Shape)}.", nameof(b));
        int nrhs = b.Rank == 1 ? 1 : b.Size(1);
        var x = b.ToArray();
        MatrixInput.RequireFinite<T>(x, "Solve", nameof(b), b.Rank == 1 ? 0 : nrhs);
        var piv = new int[n];
        int zero = LuKernel.Factor(lu, n, piv, LuKernel.ChooseBlock(n));
        if (zero >= 0) throw new SingularMatrixException("Solve", zero);
        LuKernel.Solve(lu, n, piv, x, nrhs);
        return b.Rank == 1 ? Tensor.Wrap(x, n) : MatrixInput.Matrix(x, n, nrhs);
    }

    /// <summary>The inverse A⁻¹ (n × n) of a nonsingular square matrix, by LU and n triangular solves.</summary>
    /// <exception cref="ArgumentException">A is not a finite square matrix.</exception>
    /// <exception cref="SingularMatrixException">A is singular; the exception names the zero pivot.</exception>
    public static Tensor<T> Inverse<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lu = MatrixInput.Square(a, "Inverse", nameof(a), out int n);
        var piv = new int[n];
        int zero = LuKernel.Factor(lu, n, piv, LuKernel.ChooseBlock(n));
        if (zero >= 0) throw new SingularMatrixException("Inverse", zero);
        var x = new T[n * n];
        for (int i = 0; i < n; i++) x[i * n + i] = T.One;
        LuKernel.Solve(lu, n, piv, x, n);
        return MatrixInput.Matrix(x, n, n);
    }

    /// <summary>
    /// The determinant, the product of U's diagonal times det(P) from the LU factorisation. Exactly 0 for a matrix
    /// with a zero pivot; may overflow to ±∞ for large n — use <see cref="Slogdet{T}"/> then.
    /// </summary>
    /// <exception cref="ArgumentException">A is not a finite square matrix.</exception>
    public static T Det<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lu = MatrixInput.Square(a, "Det", nameof(a), out int n);
        var piv = new int[n];
        if (LuKernel.Factor(lu, n, piv, LuKernel.ChooseBlock(n)) >= 0) return T.Zero;
        T det = LuKernel.PermutationSign(piv) > 0 ? T.One : -T.One;
        for (int i = 0; i < n; i++) det *= lu[i * n + i];
        return det;
    }

    /// <summary>
    /// Sign and log|det A| without overflow: <c>log|det A| = Σ log|Uᵢᵢ|</c>; (0, −∞) for a singular matrix, as NumPy.
    /// </summary>
    /// <exception cref="ArgumentException">A is not a finite square matrix.</exception>
    public static SlogdetResult<T> Slogdet<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lu = MatrixInput.Square(a, "Slogdet", nameof(a), out int n);
        var piv = new int[n];
        if (LuKernel.Factor(lu, n, piv, LuKernel.ChooseBlock(n)) >= 0) return new(T.Zero, T.NegativeInfinity);
        T sign = LuKernel.PermutationSign(piv) > 0 ? T.One : -T.One;
        T log = T.Zero;
        for (int i = 0; i < n; i++)
        {
            T u = lu[i * n + i];
            if (T.IsNegative(u)) sign = -sign;
            log += T.Log(T.Abs(u));
        }
        return new(sign, log);
    }
}
