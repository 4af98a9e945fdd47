using System.Numerics;
using Scratch.ML.Cpu;

namespace Scratch.ML.LinearAlgebra;

/// <summary>The result of <see cref="Linalg.Lstsq{T}"/>, as <c>numpy.linalg.lstsq</c>.</summary>
/// <param name="Solution">The minimum-norm least-squares solution x (n) or X (n × k).</param>
/// <param name="Residuals">Squared 2-norms of the residual columns ‖b − A·x‖² (k values; one for a 1-d b) when A has full column rank and m &gt; n; otherwise empty (as NumPy).</param>
/// <param name="Rank">The effective rank: the number of singular values above rcond·σ_max.</param>
/// <param name="SingularValues">The singular values of A, descending (min(m, n)).</param>
public sealed record LstsqResult<T>(Tensor<T> Solution, Tensor<T> Residuals, int Rank, Tensor<T> SingularValues) where T : unmanaged, IFloatingPointIeee754<T>;

public static partial class Linalg
{
    /// <summary>
    /// Minimum-norm least squares <c>min ‖A·x − b‖₂</c> through the SVD: <c>x = V·Σ⁺·Uᵀ·b</c> where singular values
    /// at or below <c>rcond·σ_max</c> count as zero. A: (m × n), any shape and rank; b: (m) or (m × k).
    /// <paramref name="rcond"/> defaults to ε·max(m, n), NumPy's <c>rcond=None</c>.
    /// </summary>
    /// <exception cref="ArgumentException">b's leading dimension is not m (both shapes are named), or an input is not finite or rcond is negative.</exception>
    /// <exception cref="NotSupportedException">An input requires a gradient (Lstsq is not differentiable; see <see cref="LeastSquares{T}"/>).</exception>
    public static LstsqResult<T> Lstsq<T>(Tensor<T> a, Tensor<T> b, double? rcond = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Autograd.NotDifferentiable("Linalg.Lstsq (use Linalg.LeastSquares, or Linalg.Pinv(a).MatMul(b), to differentiate)", a);
        Autograd.NotDifferentiable("Linalg.Lstsq (use Linalg.LeastSquares, or Linalg.Pinv(a).MatMul(b), to differentiate)", b);
        var ad = MatrixInput.General(a, "Lstsq", nameof(a), out int m, out int n);
        var bd = RightHandSide(a, b, m, "Lstsq", out int k);
        if (rcond is < 0) throw new ArgumentOutOfRangeException(nameof(rcond), rcond, "Lstsq: rcond must be non-negative.");
        int r = Math.Min(m, n);
        var (s, u, vh) = SvdKernel.Decompose((T[])ad.Clone(), m, n, vectors: true, full: false);
        T cutoff = T.CreateTruncating(rcond ?? double.CreateTruncating(MatrixInput.Epsilon<T>()) * Math.Max(m, n)) * (r > 0 ? s[0] : T.Zero);
        int rank = 0;
        while (rank < r && s[rank] > cutoff) rank++;
        // c = Σ⁺·Uᵀ·b (rank × k), then x = Vh[:rank]ᵀ·c.
        var c = new T[rank * k];
        if (rank > 0)
        {
            Gemm.Multiply<T>(rank, k, m, T.One, u!, 1, r, bd, k, 1, T.Zero, c, k, 1);
            for (int i = 0; i < rank; i++)
            {
                T inv = T.One / s[i];
                for (int j = 0; j < k; j++) c[i * k + j] *= inv;
            }
        }
        var x = new T[n * k];
        if (rank > 0) Gemm.Multiply<T>(n, k, rank, T.One, vh!, 1, n, c, k, 1, T.Zero, x, k, 1);
        T[] residuals = [];
        if (rank == n && m > n)
        {
            var res = (T[])bd.Clone();
            Gemm.Multiply<T>(m, k, n, -T.One, ad, n, 1, x, k, 1, T.One, res, k, 1);
            residuals = new T[k];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < k; j++) residuals[j] += res[i * k + j] * res[i * k + j];
        }
        var solution = b.Rank == 1 ? Tensor.Wrap(x, n) : MatrixInput.Matrix(x, n, k);
        return new LstsqResult<T>(solution, Tensor.Wrap(residuals, residuals.Length), rank, Tensor.Wrap(s, r));
    }

    /// <summary>
    /// Least squares for a tall matrix of full column rank (m ≥ n) through Householder QR: <c>R·x = Qᵀ·b</c>. Faster
    /// than <see cref="Lstsq{T}"/>; use that one for rank-deficient or wide problems.
    /// </summary>
    /// <remarks>
    /// Differentiable: x = (AᵀA)⁻¹Aᵀb, so with z = (AᵀA)⁻¹·g and the residual r = b − A·x the VJP is
    /// <c>∂L/∂b = A·z</c>, <c>∂L/∂A = r·zᵀ − (A·z)·xᵀ</c>, written with Solve and MatMul (differentiable again).
    /// </remarks>
    /// <exception cref="ArgumentException">A is wide (m &lt; n), b's leading dimension is not m, or an input is not finite.</exception>
    /// <exception cref="SingularMatrixException">A is rank deficient: |R[i, i]| ≤ ε·max(m, n)·max|R[j, j]| at the named index.</exception>
    public static Tensor<T> LeastSquares<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var f = MatrixInput.General(a, "LeastSquares", nameof(a), out int m, out int n);
        if (m < n)
            throw new ArgumentException($"LeastSquares: a must have at least as many rows as columns (full column rank), got shape {Shapes.Format(a.Shape)}; use Lstsq for underdetermined systems.", nameof(a));
        var bd = RightHandSide(a, b, m, "LeastSquares", out int k);
        var tau = new T[n];
        QrKernel.Factor(f, m, n, tau, QrKernel.ChooseBlock(m, n));
        T rmax = T.Zero;
        for (int i = 0; i < n; i++) rmax = T.Max(rmax, T.Abs(f[i * n + i]));
        T tol = MatrixInput.Epsilon<T>() * T.CreateTruncating(Math.Max(m, n)) * rmax;
        for (int i = 0; i < n; i++)
            if (!(T.Abs(f[i * n + i]) > tol)) throw new SingularMatrixException("LeastSquares", i);
        QrKernel.ApplyQTranspose(f, m, n, tau, bd, k);
        var x = bd.AsSpan(0, n * k).ToArray();
        TriangularSolve.Upper(f, n, x, k);
        var solution = b.Rank == 1 ? Tensor.Wrap(x, n) : MatrixInput.Matrix(x, n, k);
        return Autograd.Record(solution, "least_squares", a, b, static (g, node) =>
        {
            // x = (AᵀA)⁻¹Aᵀb; with z = (AᵀA)⁻¹g and r = b − A·x: ∂L/∂b = A·z, ∂L/∂A = r·zᵀ − (A·z)·xᵀ.
            var (a, b, xo) = (node.Input(0), node.Input(1), node.Output);
            var z = Solve(a.MT.MatMul(a), g);
            var az = a.MatMul(z);
            if (!node.NeedsGrad(0)) return (null, az);
            var r = b - a.MatMul(xo);
            var ga = xo.Rank == 1
                ? r.Unsqueeze(-1).MatMul(z.Unsqueeze(0)) - az.Unsqueeze(-1).MatMul(xo.Unsqueeze(0))
                : r.MatMul(z.MT) - az.MatMul(xo.MT);
            return (ga, node.NeedsGrad(1) ? az : null);
        });
    }

    private static T[] RightHandSide<T>(Tensor<T> a, Tensor<T> b, int m, string op, out int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rank is not (1 or 2) || b.Size(0) != m)
            throw new ArgumentException($"{op}: b must have shape ({m}) or ({m}, k) to match a of shape {Shapes.Format(a.Shape)}, got {Shapes.Format(b.Shape)}.", nameof(b));
        k = b.Rank == 1 ? 1 : b.Size(1);
        var bd = b.ToArray();
        MatrixInput.RequireFinite<T>(bd, op, nameof(b), b.Rank == 1 ? 0 : k);
        return bd;
    }

    /// <summary>
    /// Moore–Penrose pseudo-inverse A⁺ (n × m) = V·Σ⁺·Uᵀ, treating singular values ≤ rcond·σ_max as zero
    /// (NumPy's <c>pinv</c>, default rcond 1e-15).
    /// </summary>
    /// <remarks>
    /// Differentiable where the rank is locally constant (no singular value crosses the cutoff), by Golub and
    /// Pereyra's formula for X = A⁺: <c>∂L/∂A = −Xᵀ·G·Xᵀ + (I − A·X)·Gᵀ·X·Xᵀ + Xᵀ·X·Gᵀ·(I − X·A)</c>, written with MatMul
    /// on the saved X so it differentiates again. For a square nonsingular A it reduces to the inverse's VJP.
    /// </remarks>
    /// <exception cref="ArgumentException">A is not a finite 2-d matrix, or rcond is negative.</exception>
    public static Tensor<T> Pinv<T>(Tensor<T> a, double rcond = 1e-15) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ad = MatrixInput.General(a, "Pinv", nameof(a), out int m, out int n);
        ArgumentOutOfRangeException.ThrowIfNegative(rcond);
        int r = Math.Min(m, n);
        var (s, u, vh) = SvdKernel.Decompose(ad, m, n, vectors: true, full: false);
        T cutoff = T.CreateTruncating(rcond) * (r > 0 ? s[0] : T.Zero);
        // W = Σ⁺·Vh (r × n), then A⁺ = Wᵀ·Uᵀ = (U·W)ᵀ, formed directly as Wᵀ·Uᵀ by strides.
        var w = (T[])vh!.Clone();
        for (int i = 0; i < r; i++)
        {
            T inv = s[i] > cutoff ? T.One / s[i] : T.Zero;
            for (int j = 0; j < n; j++) w[i * n + j] *= inv;
        }
        var p = new T[n * m];
        Gemm.Multiply<T>(n, m, r, T.One, w, 1, n, u!, 1, r, T.Zero, p, m, 1);
        return Autograd.Record(MatrixInput.Matrix(p, n, m), "linalg_pinv", a, static (g, node) =>
        {
            // Golub–Pereyra: dX = −X·dA·X + X·Xᵀ·dAᵀ·(I − A·X) + (I − X·A)·dAᵀ·Xᵀ·X for X = A⁺ of constant rank.
            var (a, x) = (node.Input(0), node.Output);
            var xt = x.MT;
            var ax = a.MatMul(x);
            var xa = x.MatMul(a);
            var gt = g.MT;
            var ga = -xt.MatMul(g).MatMul(xt);
            ga = ga + (gt - ax.MatMul(gt)).MatMul(x).MatMul(xt);
            ga = ga + xt.MatMul(x).MatMul(gt - gt.MatMul(xa));
            return ga;
        });
    }

    /// <summary>
    /// The numerical rank: the number of singular values above <paramref name="tolerance"/>, by default
    /// σ_max·max(m, n)·ε (NumPy's <c>matrix_rank</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A is not a finite 2-d matrix.</exception>
    public static int MatrixRank<T>(Tensor<T> a, double? tolerance = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ad = MatrixInput.General(a, "MatrixRank", nameof(a), out int m, out int n);
        var s = SvdKernel.Decompose(ad, m, n, vectors: false, full: false).S;
        if (s.Length == 0) return 0;
        T tol = tolerance is { } t ? T.CreateTruncating(t) : s[0] * T.CreateTruncating(Math.Max(m, n)) * MatrixInput.Epsilon<T>();
        int rank = 0;
        foreach (var x in s) if (x > tol) rank++;
        return rank;
    }
}
