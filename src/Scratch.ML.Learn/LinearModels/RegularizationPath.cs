using System.Numerics;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>The solutions of a lasso / elastic-net regularisation path (scikit-learn's <c>lasso_path</c> / <c>enet_path</c> output).</summary>
/// <param name="Alphas">The m penalties, descending: (m).</param>
/// <param name="Coefs">The coefficients for each α: (d, m), scikit-learn's layout (column i belongs to Alphas[i]).</param>
/// <param name="DualGaps">The final duality gap at each α (objective scale, divided by n): (m).</param>
/// <param name="Iterations">Coordinate sweeps run at each α.</param>
public sealed record PathResult<T>(Tensor<T> Alphas, Tensor<T> Coefs, Tensor<T> DualGaps, IReadOnlyList<int> Iterations)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// Regularisation paths: the elastic-net solutions for a descending geometric grid of α, each solve warm-started from
/// the previous solution (scikit-learn's <c>enet_path</c>/<c>lasso_path</c> with <c>precompute=False</c>).
/// </summary>
/// <remarks>
/// Like scikit-learn's path functions, the data are used as given: no intercept and no centring (centre x and y first
/// if you want one). The grid runs from <c>α_max = max_j |x_jᵀy| / (n·ρ)</c> — the smallest α with w = 0 — down to
/// <c>eps·α_max</c> in <c>nAlphas</c> log-spaced steps.
/// </remarks>
public static class RegularizationPath
{
    /// <summary>The lasso path (ρ = 1); see <see cref="ElasticNetPath{T}"/>.</summary>
    /// <exception cref="ArgumentException">Invalid x, y or options.</exception>
    public static PathResult<T> LassoPath<T>(Tensor<T> x, Tensor<T> y, double eps = 1e-3, int nAlphas = 100, double[]? alphas = null,
        int maxIter = 1000, double tol = 1e-4, bool positive = false) where T : unmanaged, IFloatingPointIeee754<T>
        => ElasticNetPath(x, y, 1.0, eps, nAlphas, alphas, maxIter, tol, positive);

    /// <summary>
    /// The elastic-net path for x: (n, d) and a 1-d y: (n).
    /// </summary>
    /// <param name="x">(n, d) features, used as given.</param>
    /// <param name="y">(n) target, used as given.</param>
    /// <param name="l1Ratio">ρ ∈ (0, 1] (ρ = 0 has no finite α_max; pass <paramref name="alphas"/> then).</param>
    /// <param name="eps">α_min / α_max ∈ (0, 1).</param>
    /// <param name="nAlphas">The grid size m ≥ 1.</param>
    /// <param name="alphas">An explicit grid (finite, ≥ 0; solved in the order given) instead of the geometric one.</param>
    /// <param name="maxIter">Sweeps per α (≥ 1).</param>
    /// <param name="tol">The gap tolerance relative to ‖y‖² (&gt; 0).</param>
    /// <param name="positive">Constrain coefficients to be ≥ 0.</param>
    /// <exception cref="ArgumentException">Invalid x or y, or an option out of range.</exception>
    public static PathResult<T> ElasticNetPath<T>(Tensor<T> x, Tensor<T> y, double l1Ratio = 0.5, double eps = 1e-3, int nAlphas = 100,
        double[]? alphas = null, int maxIter = 1000, double tol = 1e-4, bool positive = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(ElasticNetPath);
        ElasticNet.ValidateAndDescribe(name, 0, l1Ratio, maxIter, tol);
        if (alphas is null)
        {
            if (!(l1Ratio > 0)) throw new ArgumentOutOfRangeException(nameof(l1Ratio), l1Ratio, $"{name}: l1Ratio must be > 0 for an automatic grid; pass alphas.");
            if (!(eps > 0 && eps < 1)) throw new ArgumentOutOfRangeException(nameof(eps), eps, $"{name}: eps must be in (0, 1).");
            if (nAlphas < 1) throw new ArgumentOutOfRangeException(nameof(nAlphas), nAlphas, $"{name}: nAlphas must be ≥ 1.");
        }
        else if (alphas.Length == 0 || alphas.Any(a => !(a >= 0) || double.IsInfinity(a)))
            throw new ArgumentException($"{name}: alphas must be a non-empty array of finite values ≥ 0.", nameof(alphas));
        if (y is null || y.Rank != 1) throw new ArgumentException($"{name}: y must be 1-d, got {(y is null ? "null" : Shapes.Format(y.Shape))}.", nameof(y));
        var data = LinearData.Prepare(name, x, y, null, fitIntercept: false, normalizeWeights: false);
        int n = data.N, d = data.D;
        var xc = CoordinateDescent.ColumnMajor(data.X, n, d);
        var grid = alphas is not null ? (double[])alphas.Clone() : Grid(xc, data.Y, n, d, l1Ratio, eps, nAlphas);
        int m = grid.Length;
        var coefs = new double[d * m];
        var gaps = new double[m];
        var iterations = new int[m];
        var w = new double[d];
        for (int a = 0; a < m; a++)
        {
            var r = CoordinateDescent.Solve(xc, n, d, data.Y, 0, w, grid[a] * l1Ratio * n, grid[a] * (1 - l1Ratio) * n, maxIter, tol, positive);
            for (int j = 0; j < d; j++) coefs[j * m + a] = w[j];
            gaps[a] = r.Gap / n;
            iterations[a] = r.Iterations;
        }
        return new PathResult<T>(LinearData.ToTensor<T>(grid, m), LinearData.ToTensor<T>(coefs, d, m), LinearData.ToTensor<T>(gaps, m), iterations);
    }

    /// <summary>scikit-learn's <c>_alpha_grid</c>: logspace(log10(eps·α_max), log10(α_max), m) reversed.</summary>
    private static double[] Grid(double[] xc, double[] y, int n, int d, double l1Ratio, double eps, int m)
    {
        double max = 0;
        for (int j = 0; j < d; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += xc[j * n + i] * y[i];
            max = Math.Max(max, Math.Abs(s));
        }
        double alphaMax = max / (n * l1Ratio);
        if (alphaMax <= 1e-15)
            return Enumerable.Repeat(1e-15, m).ToArray();   // scikit-learn's guard (finfo.resolution): y ⟂ every column
        double hi = Math.Log10(alphaMax), lo = Math.Log10(alphaMax * eps);
        var g = new double[m];
        for (int i = 0; i < m; i++) g[i] = Math.Pow(10, m == 1 ? lo : lo + (hi - lo) * i / (m - 1));
        Array.Reverse(g);
        return g;
    }
}
