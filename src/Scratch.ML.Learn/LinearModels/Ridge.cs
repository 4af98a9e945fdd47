using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// Ridge regression, scikit-learn's <c>Ridge</c>: <c>min_w Σᵢ sᵢ (yᵢ − xᵢ·w − b)² + α‖w‖²</c>, solved separately
/// for each target.
/// </summary>
/// <remarks>
/// With an intercept, x and y are centred on their (weighted) means and <c>b = ȳ − x̄·w</c> (the intercept is not
/// penalised). Weights scale rows by √sᵢ and are not normalised (as in scikit-learn's Ridge, α is relative to Σ sᵢ rᵢ²).
/// The solve is closed form in float64: the Cholesky factorisation of <c>x̃ᵀx̃ + αI</c> (d × d) when d ≤ n, otherwise
/// the dual (kernel) form <c>w = x̃ᵀ(x̃x̃ᵀ + αI)⁻¹ỹ</c> (n × n) — scikit-learn's <c>cholesky</c> solver, which its
/// <c>auto</c> picks for dense input. α = 0 is allowed but needs a full-rank system (use <see cref="LinearRegression"/>
/// for the minimum-norm solution of a rank-deficient one). <see cref="RidgeSolver.ConjugateGradient"/> solves the same system
/// iteratively from products with x̃ only (scikit-learn's <c>sparse_cg</c>), for large d.
/// </remarks>
/// <param name="Alpha">The penalty α ≥ 0 used for every target.</param>
/// <param name="FitIntercept">Whether to learn b (otherwise b = 0 and the data are not centred).</param>
/// <param name="PerTargetAlpha">If not null, one α ≥ 0 per target (scikit-learn's array <c>alpha</c>); overrides
/// <paramref name="Alpha"/> and must have k entries at fit time.</param>
/// <param name="Solver">Closed-form Cholesky (default) or iterative conjugate gradients.</param>
/// <param name="Tol">Conjugate gradients only: stop when ‖residual‖ ≤ Tol·‖x̃ᵀỹ‖ (&gt; 0; scikit-learn's default 1e-4).</param>
/// <param name="MaxIter">Conjugate gradients only: the most steps (≥ 1), or null for 10·d (SciPy's default).</param>
public sealed record Ridge(double Alpha = 1.0, bool FitIntercept = true, double[]? PerTargetAlpha = null,
    RidgeSolver Solver = RidgeSolver.Cholesky, double Tol = 1e-4, int? MaxIter = null) : IRegressor
{
    private const string Name = nameof(Ridge);

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Alpha, PerTargetAlpha, Solver, Tol, MaxIter);

    private static EstimatorCapabilities ValidateAndDescribe(double alpha, double[]? perTarget, RidgeSolver solver, double tol, int? maxIter)
    {
        if (!Enum.IsDefined(solver))
            throw new ArgumentOutOfRangeException(nameof(Solver), solver, $"{Name}: unknown solver.");
        if (!(tol > 0) || double.IsInfinity(tol))
            throw new ArgumentOutOfRangeException(nameof(Tol), tol, $"{Name}: Tol must be finite and > 0.");
        if (maxIter is < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxIter), maxIter, $"{Name}: MaxIter must be ≥ 1 or null.");
        if (!(alpha >= 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(Alpha), alpha, $"{Name}: alpha must be finite and ≥ 0.");
        if (perTarget is not null && (perTarget.Length == 0 || perTarget.Any(a => !(a >= 0) || double.IsInfinity(a))))
            throw new ArgumentException($"{Name}: PerTargetAlpha must be a non-empty array of finite values ≥ 0, got [{string.Join(", ", perTarget)}].", nameof(PerTargetAlpha));
        return new(EstimatorKind.Regressor, Supervised: true, SupportsSampleWeight: true, MultiOutput: true);
    }

    /// <summary>Fits x: (n, d) to y: (n) or (n, k), with optional weights s: (n).</summary>
    /// <exception cref="ArgumentException">Shapes disagree, invalid values, a PerTargetAlpha of the wrong length, or
    /// (α = 0 only) a singular system.</exception>
    public RidgeModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = LinearData.Prepare(Name, x, y, sampleWeight, FitIntercept, normalizeWeights: false);
        int n = data.N, d = data.D, k = data.K;
        if (PerTargetAlpha is not null && PerTargetAlpha.Length != k)
            throw new ArgumentException($"{Name}: PerTargetAlpha has {PerTargetAlpha.Length} entries for {k} targets.", nameof(PerTargetAlpha));
        var alphas = PerTargetAlpha is null ? Enumerable.Repeat(Alpha, k).ToArray() : (double[])PerTargetAlpha.Clone();
        var xs = data.X;
        if (Solver == RidgeSolver.ConjugateGradient)
        {
            var w = new double[k * d];
            for (int t = 0; t < k; t++)
                RidgeConjugateGradient.Solve(xs, n, d, data.Y.AsSpan(t * n, n), alphas[t], Tol, MaxIter ?? 10 * Math.Max(d, 1), w.AsSpan(t * d, d));
            var (cg, bg) = data.Shape<T>(w, data.Intercepts(w));
            return new RidgeModel<T>(this, cg, bg, alphas);
        }
        bool primal = d <= n;
        int m = primal ? d : n;
        // Gram matrix of the smaller side: x̃ᵀx̃ (d, d) or x̃x̃ᵀ (n, n).
        var gram = new double[m * m];
        if (primal)
        {
            for (int i = 0; i < n; i++)
                for (int a = 0; a < d; a++)
                {
                    double v = xs[i * d + a];
                    for (int b = 0; b <= a; b++) gram[a * d + b] += v * xs[i * d + b];
                }
        }
        else
        {
            for (int a = 0; a < n; a++)
                for (int b = 0; b <= a; b++)
                {
                    double s = 0;
                    for (int j = 0; j < d; j++) s += xs[a * d + j] * xs[b * d + j];
                    gram[a * n + b] = s;
                }
        }
        for (int a = 0; a < m; a++)
            for (int b = 0; b < a; b++) gram[b * m + a] = gram[a * m + b];

        var coef = new double[k * d];
        for (int t = 0; t < k; t++)
        {
            var a = (double[])gram.Clone();
            for (int i = 0; i < m; i++) a[i * m + i] += alphas[t];
            var rhs = new double[m];
            if (primal)
                for (int i = 0; i < n; i++)
                {
                    double yi = data.Y[t * n + i];
                    for (int j = 0; j < d; j++) rhs[j] += xs[i * d + j] * yi;
                }
            else Array.Copy(data.Y, t * n, rhs, 0, n);
            if (!LinearData.CholeskySolve(a, m, rhs))
                throw new ArgumentException($"{Name}: x̃ᵀx̃ + αI is not positive definite for target {t} (alpha = {alphas[t]}); use alpha > 0 or LinearRegression.", nameof(x));
            if (primal) Array.Copy(rhs, 0, coef, t * d, d);
            else
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < d; j++) coef[t * d + j] += xs[i * d + j] * rhs[i];
        }
        var (c, b0) = data.Shape<T>(coef, data.Intercepts(coef));
        return new RidgeModel<T>(this, c, b0, alphas);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="Ridge"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class RidgeModel<T> : IRegressionModel<T>, ILoadableModel<RidgeModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "Ridge";
    private readonly double[] alphas;

    internal RidgeModel(Ridge options, Tensor<T> coef, Tensor<T> intercept, double[] alphas)
    {
        Options = options;
        Coef = coef;
        Intercept = intercept;
        this.alphas = alphas;
    }

    /// <summary>The options it was fitted with.</summary>
    public Ridge Options { get; }

    /// <summary>w: (d) for a 1-d target, (k, d) for k targets (scikit-learn's <c>coef_</c> layout).</summary>
    public Tensor<T> Coef { get; }

    /// <summary>b: a 0-d tensor for a 1-d target, (k) for k targets.</summary>
    public Tensor<T> Intercept { get; }

    /// <summary>The α used for each of the k targets (k = 1 for a 1-d target).</summary>
    public IReadOnlyList<double> Alphas => alphas;

    /// <inheritdoc />
    public int FeatureCount => Coef.Shape[^1];

    /// <summary>ŷ = x·wᵀ + b: (n) or (n, k).</summary>
    /// <exception cref="ArgumentException">x is not (m, d) with d = <see cref="FeatureCount"/>, or holds NaN/∞.</exception>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(RidgeModel<T>), x, FeatureCount);
        using var _ = Autograd.NoGrad();
        return xs.MatMul(Coef.MT) + Intercept;
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["coef"] = Coef, ["intercept"] = Intercept },
        new Dictionary<string, string>
        {
            ["alpha"] = LinearData.Format([Options.Alpha]),
            ["per_target_alpha"] = Options.PerTargetAlpha is null ? "" : LinearData.Format(Options.PerTargetAlpha),
            ["alphas"] = LinearData.Format(alphas),
            ["fit_intercept"] = Options.FitIntercept.ToString(CultureInfo.InvariantCulture),
            ["coef_rank"] = Coef.Rank.ToString(CultureInfo.InvariantCulture),
            ["solver"] = Options.Solver.ToString(),
            ["tol"] = LinearData.Format([Options.Tol]),
            ["max_iter"] = Options.MaxIter?.ToString(CultureInfo.InvariantCulture) ?? "",
        });

    /// <inheritdoc />
    public static RidgeModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var (coef, intercept) = LinearData.ReadCoef(f, Kind);
        var perTarget = f.Option("per_target_alpha");
        var maxIter = f.Option("max_iter");
        var options = new Ridge(LinearData.Parse(f.Option("alpha"))[0], f.Flag("fit_intercept"), perTarget.Length == 0 ? null : LinearData.Parse(perTarget),
            Enum.Parse<RidgeSolver>(f.Option("solver")), LinearData.Parse(f.Option("tol"))[0],
            maxIter.Length == 0 ? null : int.Parse(maxIter, CultureInfo.InvariantCulture));
        var alphas = LinearData.Parse(f.Option("alphas"));
        if (alphas.Length != (coef.Rank == 1 ? 1 : coef.Shape[0]))
            throw new InvalidDataException($"{Kind}: {alphas.Length} alphas for a coef of shape {Shapes.Format(coef.Shape)}.");
        return new RidgeModel<T>(options, coef, intercept, alphas);
    }
}
