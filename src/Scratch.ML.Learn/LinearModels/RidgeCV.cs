using System.Globalization;
using System.Numerics;
using Scratch.ML.LinearAlgebra;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// Ridge regression with α chosen by efficient leave-one-out cross-validation (scikit-learn 1.2's <c>RidgeCV</c> with
/// <c>cv=None</c>, i.e. <c>_RidgeGCV</c>, scoring by mean squared error).
/// </summary>
/// <remarks>
/// <para>One thin SVD of the centred design x̃ = U·diag(s)·Vᵀ serves every α. The hat matrix of ridge with an
/// unpenalised intercept is <c>H = 11ᵀ/n + U·diag(s²/(s² + α))·Uᵀ</c> (no 11ᵀ/n term without an intercept), and the
/// leave-one-out residual is exactly <c>eᵢ = (yᵢ − ŷᵢ) / (1 − Hᵢᵢ)</c> — the identity behind scikit-learn's
/// <c>c / diag(G⁻¹)</c>. The score of α is <c>mean(eᵢ²)</c>; the smallest wins (the first on ties, as scikit-learn),
/// and the coefficients at that α are <c>w = V·diag(s/(s² + α))·Uᵀỹ</c>, <c>b = ȳ − x̄·w</c>. Cost: one SVD,
/// O(n·r) per α (r = min(n, d)), so any n vs d shape works (scikit-learn's "svd" and "eigen" modes give the same
/// numbers). Computed in float64.</para>
/// <para>Only 1-d targets and no sample weights (both supported by scikit-learn; not here).</para>
/// </remarks>
/// <param name="Alphas">The candidate penalties (each finite and &gt; 0); null means scikit-learn's (0.1, 1, 10).</param>
/// <param name="FitIntercept">Whether to learn an unpenalised intercept (centring x and y).</param>
public sealed record RidgeCV(double[]? Alphas = null, bool FitIntercept = true) : IRegressor
{
    private const string Name = nameof(RidgeCV);

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = Validate(Alphas);

    private static EstimatorCapabilities Validate(double[]? alphas)
    {
        if (alphas is not null && (alphas.Length == 0 || alphas.Any(a => !(a > 0) || double.IsInfinity(a))))
            throw new ArgumentException($"{Name}: alphas must be a non-empty array of finite values > 0, got [{string.Join(", ", alphas)}].", nameof(Alphas));
        return new(EstimatorKind.Regressor, Supervised: true);
    }

    /// <summary>The grid actually used.</summary>
    public double[] Grid => Alphas is null ? [0.1, 1.0, 10.0] : (double[])Alphas.Clone();

    /// <summary>Fits x: (n, d) to y: (n), choosing α from <see cref="Alphas"/> by leave-one-out error.</summary>
    /// <exception cref="ArgumentException">Invalid x or y, y not 1-d, or sample weights given.</exception>
    public RidgeCVModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (sampleWeight is not null) throw new ArgumentException($"{Name}: sample weights are not supported.", nameof(sampleWeight));
        if (y is null || y.Rank != 1) throw new ArgumentException($"{Name}: y must be 1-d (n), got {(y is null ? "null" : Shapes.Format(y.Shape))}.", nameof(y));
        var data = LinearData.Prepare(Name, x, y, null, FitIntercept, normalizeWeights: false);
        int n = data.N, d = data.D;
        var svd = Linalg.Svd(Tensor.FromArray(data.X, n, d), fullMatrices: false);
        var u = svd.U.Contiguous().ToArray();
        var sv = svd.S.ToArray();
        var vh = svd.Vh.Contiguous().ToArray();
        int r = sv.Length;
        var uty = new double[r];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < r; j++) uty[j] += u[i * r + j] * data.Y[i];
        var grid = Grid;
        var mse = new double[grid.Length];
        int best = 0;
        for (int a = 0; a < grid.Length; a++)
        {
            double alpha = grid[a], sum = 0;
            for (int i = 0; i < n; i++)
            {
                double h = FitIntercept ? 1.0 / n : 0, fit = 0;
                for (int j = 0; j < r; j++)
                {
                    double f = sv[j] * sv[j] / (sv[j] * sv[j] + alpha), uij = u[i * r + j];
                    h += uij * uij * f;
                    fit += uij * f * uty[j];
                }
                double e = (data.Y[i] - fit) / (1 - h);
                sum += e * e;
            }
            mse[a] = sum / n;
            if (mse[a] < mse[best]) best = a;
        }
        var coef = new double[d];
        for (int j = 0; j < r; j++)
        {
            double f = sv[j] / (sv[j] * sv[j] + grid[best]) * uty[j];
            for (int c = 0; c < d; c++) coef[c] += vh[j * d + c] * f;
        }
        var (cf, b) = data.Shape<T>(coef, data.Intercepts(coef));
        return new RidgeCVModel<T>(this, grid[best], grid, mse, cf, b);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="RidgeCV"/>: the chosen α, the leave-one-out table and the ridge model at that α.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class RidgeCVModel<T> : IRegressionModel<T>, ILoadableModel<RidgeCVModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "RidgeCV";
    private readonly double[] alphas, mse;

    internal RidgeCVModel(RidgeCV options, double alpha, double[] alphas, double[] mse, Tensor<T> coef, Tensor<T> intercept)
    {
        Options = options;
        Alpha = alpha;
        this.alphas = alphas;
        this.mse = mse;
        Model = new RidgeModel<T>(new Ridge(alpha, options.FitIntercept), coef, intercept, [alpha]);
    }

    /// <summary>The options it was fitted with.</summary>
    public RidgeCV Options { get; }

    /// <summary>The chosen α (scikit-learn's <c>alpha_</c>).</summary>
    public double Alpha { get; }

    /// <summary>The candidate α, in the order given.</summary>
    public IReadOnlyList<double> Alphas => alphas;

    /// <summary>The mean squared leave-one-out error of each candidate (scikit-learn's <c>cv_values_.mean(axis=0)</c>;
    /// <c>best_score_</c> is minus its minimum).</summary>
    public IReadOnlyList<double> MeanSquaredErrors => mse;

    /// <summary>The ridge model at <see cref="Alpha"/> fitted on all the data.</summary>
    public RidgeModel<T> Model { get; }

    /// <summary>w: (d).</summary>
    public Tensor<T> Coef => Model.Coef;

    /// <summary>b: 0-d.</summary>
    public Tensor<T> Intercept => Model.Intercept;

    /// <inheritdoc />
    public int FeatureCount => Model.FeatureCount;

    /// <summary>ŷ = x·w + b: (n).</summary>
    /// <exception cref="ArgumentException">x is invalid or has the wrong feature count.</exception>
    public Tensor<T> Predict(Tensor<T> x) => Model.Predict(x);

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["coef"] = Coef, ["intercept"] = Intercept },
        new Dictionary<string, string>
        {
            ["alphas_option"] = Options.Alphas is null ? "" : LinearData.Format(Options.Alphas),
            ["fit_intercept"] = Options.FitIntercept.ToString(CultureInfo.InvariantCulture),
            ["alpha"] = LinearData.Format([Alpha]),
            ["alphas"] = LinearData.Format(alphas),
            ["mse"] = LinearData.Format(mse),
            ["coef_rank"] = "1",
        });

    /// <inheritdoc />
    public static RidgeCVModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var (coef, intercept) = LinearData.ReadCoef(f, Kind);
        var grid = f.Option("alphas_option");
        var alphas = LinearData.Parse(f.Option("alphas"));
        var mse = LinearData.Parse(f.Option("mse"));
        if (alphas.Length != mse.Length || alphas.Length == 0)
            throw new InvalidDataException($"{Kind}: {alphas.Length} alphas and {mse.Length} errors.");
        return new RidgeCVModel<T>(new RidgeCV(grid.Length == 0 ? null : LinearData.Parse(grid), f.Flag("fit_intercept")),
            LinearData.Parse(f.Option("alpha"))[0], alphas, mse, coef, intercept);
    }
}
