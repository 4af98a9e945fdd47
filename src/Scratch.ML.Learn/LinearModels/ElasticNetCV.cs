using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.ModelSelection;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// The elastic net with α (and ρ) chosen by k-fold cross-validation over warm-started regularisation paths
/// (scikit-learn 1.2's <c>ElasticNetCV</c>; <see cref="LassoCV"/> is the ρ = 1 case).
/// </summary>
/// <remarks>
/// <para>For each ρ the α grid comes from the whole data as scikit-learn's <c>_alpha_grid</c>: α_max =
/// max_j |x̃_jᵀỹ| / (n·ρ) on the centred data, then <see cref="NAlphas"/> log-spaced values down to
/// <see cref="Eps"/>·α_max (an explicit <see cref="Alphas"/> grid is sorted descending). The folds are
/// <c>KFold(NFolds)</c> without shuffling — scikit-learn's <c>cv=k</c> for a regressor. On each training fold the data
/// are centred on that fold's means, the path is solved by <see cref="RegularizationPath.ElasticNetPath{T}"/>
/// (coordinate descent, each α warm-started from the previous one), and the mean squared error of
/// <c>x·w + b</c> on the test fold is recorded. The (ρ, α) with the smallest mean over folds wins (the first on ties:
/// ρ in the order given, α descending), and <see cref="ElasticNet"/> is refitted on all the data at that pair.</para>
/// <para>scikit-learn solves the fold paths with a precomputed Gram matrix when n &gt; d (a different order of the
/// same coordinate updates): the fold solutions agree with ours to the solver tolerance, not bit for bit. The refit is
/// the same non-Gram solver as ours. 1-d targets only; no sample weights (as scikit-learn 1.2).</para>
/// </remarks>
/// <param name="L1Ratios">The candidate ρ, each in (0, 1] (null: scikit-learn's 0.5).</param>
/// <param name="Eps">α_min / α_max ∈ (0, 1) of the automatic grid.</param>
/// <param name="NAlphas">The automatic grid size (≥ 1).</param>
/// <param name="Alphas">An explicit α grid (finite, ≥ 0) used for every ρ, or null.</param>
/// <param name="NFolds">The number of folds k ≥ 2.</param>
/// <param name="FitIntercept">Whether to fit the unpenalised intercept.</param>
/// <param name="MaxIter">Coordinate sweeps per solve (≥ 1).</param>
/// <param name="Tol">The duality-gap tolerance relative to ‖ỹ‖² (&gt; 0).</param>
public sealed record ElasticNetCV(double[]? L1Ratios = null, double Eps = 1e-3, int NAlphas = 100, double[]? Alphas = null, int NFolds = 5,
    bool FitIntercept = true, int MaxIter = 1000, double Tol = 1e-4) : IRegressor
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = Validate(nameof(ElasticNetCV), L1Ratios, Eps, NAlphas, Alphas, NFolds, MaxIter, Tol);

    internal static EstimatorCapabilities Validate(string name, double[]? ratios, double eps, int nAlphas, double[]? alphas, int folds, int maxIter, double tol)
    {
        if (ratios is not null && (ratios.Length == 0 || ratios.Any(r => !(r > 0 && r <= 1))))
            throw new ArgumentException($"{name}: l1Ratios must be a non-empty array of values in (0, 1], got [{string.Join(", ", ratios)}].", "L1Ratios");
        if (!(eps > 0 && eps < 1)) throw new ArgumentOutOfRangeException("Eps", eps, $"{name}: eps must be in (0, 1).");
        if (nAlphas < 1) throw new ArgumentOutOfRangeException("NAlphas", nAlphas, $"{name}: nAlphas must be ≥ 1.");
        if (alphas is not null && (alphas.Length == 0 || alphas.Any(a => !(a >= 0) || double.IsInfinity(a))))
            throw new ArgumentException($"{name}: alphas must be a non-empty array of finite values ≥ 0.", "Alphas");
        if (folds < 2) throw new ArgumentOutOfRangeException("NFolds", folds, $"{name}: nFolds must be ≥ 2.");
        ElasticNet.ValidateAndDescribe(name, 1.0, 1.0, maxIter, tol);
        return new(EstimatorKind.Regressor, Supervised: true, RowOrderInvariant: false, MinimumSamples: folds);   // the folds follow the row order
    }

    /// <summary>Fits x: (n, d) to y: (n).</summary>
    /// <exception cref="ArgumentException">Invalid x or y, y not 1-d, fewer rows than folds, or sample weights given.</exception>
    public ElasticNetCVModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(ElasticNetCV);
        if (sampleWeight is not null) throw new ArgumentException($"{name}: sample weights are not supported.", nameof(sampleWeight));
        if (y is null || y.Rank != 1) throw new ArgumentException($"{name}: y must be 1-d (n), got {(y is null ? "null" : Shapes.Format(y.Shape))}.", nameof(y));
        var all = LinearData.Prepare(name, x, y, null, FitIntercept, normalizeWeights: false);
        int n = all.N, d = all.D;
        var ratios = L1Ratios is null ? [0.5] : (double[])L1Ratios.Clone();
        var folds = new KFold(NFolds).Split(n);
        var raw = LinearData.ToDouble(x.Contiguous().AsSpan());
        var yRaw = LinearData.ToDouble(y.Contiguous().AsSpan());
        int m = Alphas?.Length ?? NAlphas;
        var grids = new double[ratios.Length * m];
        var mse = new double[ratios.Length * m * NFolds];
        (int R, int A, double Mse) best = (0, 0, double.PositiveInfinity);
        for (int r = 0; r < ratios.Length; r++)
        {
            var grid = Alphas is not null ? Alphas.OrderDescending().ToArray() : AlphaGrid(all, ratios[r], Eps, NAlphas);
            Array.Copy(grid, 0, grids, r * m, m);
            for (int f = 0; f < folds.Count; f++)
            {
                var (train, test) = folds[f];
                var fold = LinearData.Prepare(name, Rows(raw, d, train), Tensor.FromArray(train.Select(i => yRaw[i]).ToArray(), train.Length), null, FitIntercept, normalizeWeights: false);
                var path = RegularizationPath.ElasticNetPath(Tensor.FromArray(fold.X, fold.N, d), Tensor.FromArray(fold.Y, fold.N), ratios[r],
                    alphas: grid, maxIter: MaxIter, tol: Tol);
                var coefs = path.Coefs.ToArray();                                  // (d, m)
                for (int a = 0; a < m; a++)
                {
                    double b = fold.YMean[0], sum = 0;
                    for (int j = 0; j < d; j++) b -= fold.XMean[j] * coefs[j * m + a];
                    foreach (int i in test)
                    {
                        double p = b;
                        for (int j = 0; j < d; j++) p += raw[i * d + j] * coefs[j * m + a];
                        sum += (yRaw[i] - p) * (yRaw[i] - p);
                    }
                    mse[(r * m + a) * NFolds + f] = sum / test.Length;
                }
            }
            for (int a = 0; a < m; a++)
            {
                double mean = 0;
                for (int f = 0; f < NFolds; f++) mean += mse[(r * m + a) * NFolds + f];
                mean /= NFolds;
                if (mean < best.Mse) best = (r, a, mean);
            }
        }
        var refit = new ElasticNet(grids[best.R * m + best.A], ratios[best.R], FitIntercept, MaxIter, Tol).Fit(x, y);
        return new ElasticNetCVModel<T>(this, ratios, grids, mse, NFolds, refit);
    }

    private static Tensor<double> Rows(double[] raw, int d, int[] rows)
    {
        var data = new double[rows.Length * d];
        for (int i = 0; i < rows.Length; i++) Array.Copy(raw, rows[i] * d, data, i * d, d);
        return Tensor.FromArray(data, rows.Length, d);
    }

    /// <summary>scikit-learn's <c>_alpha_grid</c> on the prepared (centred) data.</summary>
    private static double[] AlphaGrid(LinearData data, double ratio, double eps, int m)
    {
        int n = data.N, d = data.D;
        double max = 0;
        for (int j = 0; j < d; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += data.X[i * d + j] * data.Y[i];
            max = Math.Max(max, Math.Abs(s));
        }
        double alphaMax = max / (n * ratio);
        if (alphaMax <= 1e-15) return Enumerable.Repeat(1e-15, m).ToArray();
        double hi = Math.Log10(alphaMax), lo = Math.Log10(alphaMax * eps);
        var g = new double[m];
        for (int i = 0; i < m; i++) g[i] = Math.Pow(10, m == 1 ? lo : lo + (hi - lo) * i / (m - 1));
        Array.Reverse(g);
        return g;
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>The lasso with α chosen by k-fold cross-validation (scikit-learn's <c>LassoCV</c>): exactly
/// <see cref="ElasticNetCV"/> with the single ratio ρ = 1.</summary>
/// <param name="Eps">α_min / α_max ∈ (0, 1) of the automatic grid.</param>
/// <param name="NAlphas">The automatic grid size (≥ 1).</param>
/// <param name="Alphas">An explicit α grid (finite, ≥ 0), or null.</param>
/// <param name="NFolds">The number of folds k ≥ 2 (KFold without shuffling).</param>
/// <param name="FitIntercept">Whether to fit the unpenalised intercept.</param>
/// <param name="MaxIter">Coordinate sweeps per solve (≥ 1).</param>
/// <param name="Tol">The duality-gap tolerance relative to ‖ỹ‖² (&gt; 0).</param>
public sealed record LassoCV(double Eps = 1e-3, int NAlphas = 100, double[]? Alphas = null, int NFolds = 5, bool FitIntercept = true,
    int MaxIter = 1000, double Tol = 1e-4) : IRegressor
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ElasticNetCV.Validate(nameof(LassoCV), null, Eps, NAlphas, Alphas, NFolds, MaxIter, Tol);

    /// <summary>The equivalent <see cref="ElasticNetCV"/> (L1Ratios = [1]).</summary>
    public ElasticNetCV AsElasticNetCV() => new([1.0], Eps, NAlphas, Alphas, NFolds, FitIntercept, MaxIter, Tol);

    /// <summary>Fits x: (n, d) to y: (n); see <see cref="ElasticNetCV.Fit{T}"/>.</summary>
    /// <exception cref="ArgumentException">As for <see cref="ElasticNetCV"/>.</exception>
    public ElasticNetCVModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
        => AsElasticNetCV().Fit(x, y, sampleWeight);

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}
