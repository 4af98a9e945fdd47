using System.Numerics;

namespace Scratch.ML.LinearAlgebra;

/// <summary>The sign and natural log of |det A|, as <c>numpy.linalg.slogdet</c>: det A = Sign·exp(LogAbsDet).</summary>
/// <param name="Sign">+1, −1, or 0 for a singular matrix.</param>
/// <param name="LogAbsDet">log|det A|; −∞ for a singular matrix.</param>
public readonly record struct SlogdetResult<T>(T Sign, T LogAbsDet) where T : IFloatingPointIeee754<T>;

public static partial class Linalg
{
    /// <summary>
    /// Solves <c>A·X = B</c> by LU with partial pivoting, for one matrix or a batch. A: (…, n, n). B: (…, n) — one
    /// right-hand side per matrix, returning (…, n) — when B has one axis fewer than A and its shape is A's without
    /// the last axis; otherwise (…, n, k) with the same batch axes as A, returning (…, n, k). For a 2-d A: B (n) or (n, k).
    /// </summary>
    /// <remarks>
    /// Differentiable (VJP, PyTorch's <c>linalg_solve</c> backward): with G = ∂L/∂X, <c>∂L/∂B = A⁻ᵀ·G</c> (one more
    /// solve, with Aᵀ) and <c>∂L/∂A = −∂L/∂B·Xᵀ</c> (an outer product for vector B). Both are written with Solve and
    /// MatMul, so they differentiate again. See docs/autograd-linalg.md.
    /// </remarks>
    /// <exception cref="ArgumentException">A is not a (batch of) square matrices, B's shape does not match (both shapes are named), or an input is not finite.</exception>
    /// <exception cref="SingularMatrixException">A is singular; the exception names the zero pivot.</exception>
    public static Tensor<T> Solve<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Batched.RequireMatrices(a, "Solve", nameof(a));
        ArgumentNullException.ThrowIfNull(b);
        int n = a.Size(-1);
        if (a.Size(-2) != n)
            throw new ArgumentException($"Solve: a must be square, got shape {Shapes.Format(a.Shape)}.", nameof(a));
        bool vector = b.Rank == a.Rank - 1 && Shapes.Equal(b.Shape, a.Shape[..^1]);
        bool matrix = b.Rank == a.Rank && b.Size(-2) == n && Shapes.Equal(b.Shape[..^2], a.Shape[..^2]);
        if (!vector && !matrix)
        {
            string batch = a.Rank == 2 ? "" : $"{Shapes.Format(a.Shape[..^2])[1..^1]}, ";
            throw new ArgumentException($"Solve: b must have shape ({batch}{n}) or ({batch}{n}, k) to match a of shape {Shapes.Format(a.Shape)}, got {Shapes.Format(b.Shape)}.", nameof(b));
        }
        int[] item = vector ? [n] : [n, b.Size(-1)];
        var x = Batched.Map2(a, 2, b, vector ? 1 : 2, item, Solve2d);
        return Autograd.Record(x, "linalg_solve", a, b, static (g, node) =>
        {
            var xo = node.Output;
            var gb = Solve(node.Input(0).MT, g);
            if (!node.NeedsGrad(0)) return (null, gb);
            bool vector = node.State<bool>();
            var ga = vector ? -gb.Unsqueeze(-1).MatMul(xo.Unsqueeze(-2)) : -gb.MatMul(xo.MT);
            return (ga, node.NeedsGrad(1) ? gb : null);
        }, vector);
    }

    private static Tensor<T> Solve2d<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lu = MatrixInput.Square(a, "Solve", nameof(a), out int n);
        int nrhs = b.Rank == 1 ? 1 : b.Size(1);
        var x = b.ToArray();
        MatrixInput.RequireFinite<T>(x, "Solve", nameof(b), b.Rank == 1 ? 0 : nrhs);
        var piv = new int[n];
        int zero = LuKernel.Factor(lu, n, piv, LuKernel.ChooseBlock(n));
        if (zero >= 0) throw new SingularMatrixException("Solve", zero);
        LuKernel.Solve(lu, n, piv, x, nrhs);
        return b.Rank == 1 ? Tensor.Wrap(x, n) : MatrixInput.Matrix(x, n, nrhs);
    }

    /// <summary>The inverse A⁻¹ of a nonsingular square matrix (n × n) or of each matrix of a batch (…, n, n), by LU and n triangular solves.</summary>
    /// <remarks>Differentiable: with Y = A⁻¹ and G = ∂L/∂Y, <c>∂L/∂A = −Yᵀ·G·Yᵀ</c> (from dY = −Y·dA·Y), written with MatMul on the saved Y.</remarks>
    /// <exception cref="ArgumentException">A is not a finite (batch of) square matrices.</exception>
    /// <exception cref="SingularMatrixException">A is singular; the exception names the zero pivot.</exception>
    public static Tensor<T> Inverse<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquareBatch(a, "Inverse");
        int n = a.Size(-1);
        var y = Batched.Map(a, [n, n], Inverse2d);
        return Autograd.Record(y, "linalg_inv", a, static (g, node) =>
        {
            var yt = node.Output.MT;
            return -yt.MatMul(g).MatMul(yt);
        });
    }

    private static Tensor<T> Inverse2d<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
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
    /// with a zero pivot; may overflow to ±∞ for large n — use <see cref="Slogdet{T}"/> then. Returns a plain value
    /// (no gradient); <see cref="Determinant{T}"/> is the differentiable, batched tensor version.
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
    /// Returns plain values (no gradient); <see cref="LogAbsDet{T}"/> is the differentiable, batched tensor version.
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
