using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// The elastic net, scikit-learn's <c>ElasticNet</c>:
/// <c>min_w (1/(2n)) Σᵢ sᵢ (yᵢ − xᵢ·w − b)² + α·ρ‖w‖₁ + ½α(1 − ρ)‖w‖²</c> (ρ = l1Ratio), each target separately.
/// </summary>
/// <remarks>
/// Solved by cyclic coordinate descent (a port of scikit-learn 1.2's <c>enet_coordinate_descent</c>) on the centred
/// data, with the duality-gap stopping rule: stop when the gap is below <c>Tol·‖ỹ‖²</c> (checked whenever a sweep
/// changed no coefficient by more than Tol relative to the largest one). Sample weights are rescaled to sum to n, as
/// in scikit-learn 1.2, so integer weights equal repeated rows. Not converging within MaxIter is not an error: the
/// model reports <see cref="ElasticNetModel{T}.Converged"/>, the iterations and the gap. Computation is in float64.
/// With ρ = 0 (no L1 term) the gap degenerates to the primal objective and is never below the tolerance, so the fit
/// always runs MaxIter sweeps and reports Converged = false, exactly as scikit-learn 1.2 does; use <see cref="Ridge"/>.
/// </remarks>
/// <param name="Alpha">The overall penalty α ≥ 0 (α = 0 is least squares by coordinate descent: slow; prefer LinearRegression).</param>
/// <param name="L1Ratio">ρ ∈ [0, 1]: 1 is the lasso, 0 a ridge penalty.</param>
/// <param name="FitIntercept">Whether to learn b (unpenalised; otherwise b = 0 and the data are not centred).</param>
/// <param name="MaxIter">The maximum number of coordinate sweeps (≥ 1).</param>
/// <param name="Tol">The tolerance (&gt; 0) of the duality-gap test, relative to ‖ỹ‖².</param>
/// <param name="Positive">Constrain every coefficient to be ≥ 0.</param>
public sealed record ElasticNet(double Alpha = 1.0, double L1Ratio = 0.5, bool FitIntercept = true, int MaxIter = 1000, double Tol = 1e-4, bool Positive = false) : IRegressor
{
    private const string Name = nameof(ElasticNet);

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Name, Alpha, L1Ratio, MaxIter, Tol);

    internal static EstimatorCapabilities ValidateAndDescribe(string name, double alpha, double l1Ratio, int maxIter, double tol)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(Alpha), alpha, $"{name}: alpha must be finite and ≥ 0.");
        if (!(l1Ratio >= 0 && l1Ratio <= 1))
            throw new ArgumentOutOfRangeException(nameof(L1Ratio), l1Ratio, $"{name}: l1Ratio must be in [0, 1].");
        if (maxIter < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxIter), maxIter, $"{name}: maxIter must be ≥ 1.");
        if (!(tol > 0) || double.IsInfinity(tol))
            throw new ArgumentOutOfRangeException(nameof(Tol), tol, $"{name}: tol must be finite and > 0.");
        return new(EstimatorKind.Regressor, Supervised: true, SupportsSampleWeight: true, MultiOutput: true);
    }

    /// <summary>Fits x: (n, d) to y: (n) or (n, k), with optional weights s: (n), starting from w = 0.</summary>
    /// <exception cref="ArgumentException">Shapes disagree, or x/y/weights hold invalid values.</exception>
    public ElasticNetModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
        => FitFrom(x, y, sampleWeight, null);

    /// <summary>Warm start: fits like <see cref="Fit{T}(Tensor{T}, Tensor{T}, Tensor{T}?)"/> but starts coordinate
    /// descent from <paramref name="initialCoef"/> (scikit-learn's <c>coef_init</c> / <c>warm_start</c>).</summary>
    /// <param name="x">(n, d) features.</param>
    /// <param name="y">(n) or (n, k) targets.</param>
    /// <param name="sampleWeight">(n) weights or null.</param>
    /// <param name="initialCoef">The starting w, shaped like the fitted <c>Coef</c>: (d) for a 1-d y, (k, d) otherwise; finite.</param>
    /// <exception cref="ArgumentException">As for Fit, or initialCoef has the wrong shape or non-finite values.</exception>
    public ElasticNetModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight, Tensor<T> initialCoef) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(initialCoef);
        return FitFrom(x, y, sampleWeight, initialCoef);
    }

    private ElasticNetModel<T> FitFrom<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight, Tensor<T>? initialCoef) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = LinearData.Prepare(Name, x, y, sampleWeight, FitIntercept, normalizeWeights: true);
        int n = data.N, d = data.D, k = data.K;
        var coef = new double[k * d];
        if (initialCoef is not null)
        {
            int[] expected = data.Vector ? [d] : [k, d];
            if (!Shapes.Equal(initialCoef.Shape, expected))
                throw new ArgumentException($"{Name}: initialCoef must have shape {Shapes.Format(expected)}, got {Shapes.Format(initialCoef.Shape)}.", nameof(initialCoef));
            coef = LinearData.ToDouble(initialCoef.Contiguous().AsSpan());
            if (coef.Any(v => !double.IsFinite(v)))
                throw new ArgumentException($"{Name}: initialCoef holds non-finite values.", nameof(initialCoef));
        }
        var xc = CoordinateDescent.ColumnMajor(data.X, n, d);
        var iterations = new int[k];
        var gaps = new double[k];
        var converged = new bool[k];
        var wk = new double[d];
        for (int t = 0; t < k; t++)
        {
            Array.Copy(coef, t * d, wk, 0, d);
            var r = CoordinateDescent.Solve(xc, n, d, data.Y, t * n, wk, Alpha * L1Ratio * n, Alpha * (1 - L1Ratio) * n, MaxIter, Tol, Positive);
            Array.Copy(wk, 0, coef, t * d, d);
            iterations[t] = r.Iterations;
            gaps[t] = r.Gap / n;
            converged[t] = r.Converged;
        }
        var (c, b) = data.Shape<T>(coef, data.Intercepts(coef));
        return new ElasticNetModel<T>(this, c, b, iterations, gaps, converged.All(v => v));
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="ElasticNet"/> (or <see cref="Lasso"/>, which is an ElasticNet with ρ = 1).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ElasticNetModel<T> : IRegressionModel<T>, ILoadableModel<ElasticNetModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "ElasticNet";
    private readonly int[] iterations;
    private readonly double[] gaps;

    internal ElasticNetModel(ElasticNet options, Tensor<T> coef, Tensor<T> intercept, int[] iterations, double[] gaps, bool converged)
    {
        Options = options;
        Coef = coef;
        Intercept = intercept;
        this.iterations = iterations;
        this.gaps = gaps;
        Converged = converged;
    }

    /// <summary>The options it was fitted with (a <see cref="Lasso"/> fit records ElasticNet with L1Ratio = 1).</summary>
    public ElasticNet Options { get; }

    /// <summary>w: (d) for a 1-d target, (k, d) for k targets (scikit-learn's <c>coef_</c> layout).</summary>
    public Tensor<T> Coef { get; }

    /// <summary>b: a 0-d tensor for a 1-d target, (k) for k targets.</summary>
    public Tensor<T> Intercept { get; }

    /// <summary>Coordinate sweeps run for each target (scikit-learn's <c>n_iter_</c>; k = 1 for a 1-d target).</summary>
    public IReadOnlyList<int> Iterations => iterations;

    /// <summary>The final duality gap of each target in the objective's own scale (divided by n; scikit-learn's
    /// <c>dual_gap_</c>). It bounds how far the objective is above its minimum.</summary>
    public IReadOnlyList<double> DualGaps => gaps;

    /// <summary>Whether every target met the gap test within MaxIter sweeps.</summary>
    public bool Converged { get; }

    /// <inheritdoc />
    public int FeatureCount => Coef.Shape[^1];

    /// <summary>ŷ = x·wᵀ + b: (n) or (n, k).</summary>
    /// <exception cref="ArgumentException">x is not (m, d) with d = <see cref="FeatureCount"/>, or holds NaN/∞.</exception>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(ElasticNetModel<T>), x, FeatureCount);
        using var _ = Autograd.NoGrad();
        return xs.MatMul(Coef.MT) + Intercept;
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["coef"] = Coef, ["intercept"] = Intercept },
        new Dictionary<string, string>
        {
            ["alpha"] = LinearData.Format([Options.Alpha]),
            ["l1_ratio"] = LinearData.Format([Options.L1Ratio]),
            ["tol"] = LinearData.Format([Options.Tol]),
            ["max_iter"] = Options.MaxIter.ToString(CultureInfo.InvariantCulture),
            ["fit_intercept"] = Options.FitIntercept.ToString(CultureInfo.InvariantCulture),
            ["positive"] = Options.Positive.ToString(CultureInfo.InvariantCulture),
            ["n_iter"] = string.Join(",", iterations.Select(i => i.ToString(CultureInfo.InvariantCulture))),
            ["dual_gap"] = LinearData.Format(gaps),
            ["converged"] = Converged.ToString(CultureInfo.InvariantCulture),
            ["coef_rank"] = Coef.Rank.ToString(CultureInfo.InvariantCulture),
        });

    /// <inheritdoc />
    public static ElasticNetModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var (coef, intercept) = LinearData.ReadCoef(f, Kind);
        var options = new ElasticNet(LinearData.Parse(f.Option("alpha"))[0], LinearData.Parse(f.Option("l1_ratio"))[0], f.Flag("fit_intercept"),
            (int)f.Number("max_iter"), LinearData.Parse(f.Option("tol"))[0], f.Flag("positive"));
        var iterations = Array.ConvertAll(f.Option("n_iter").Split(','), s => int.Parse(s, CultureInfo.InvariantCulture));
        var gaps = LinearData.Parse(f.Option("dual_gap"));
        int k = coef.Rank == 1 ? 1 : coef.Shape[0];
        if (iterations.Length != k || gaps.Length != k)
            throw new InvalidDataException($"{Kind}: {iterations.Length} iteration counts and {gaps.Length} gaps for {k} targets.");
        return new ElasticNetModel<T>(options, coef, intercept, iterations, gaps, f.Flag("converged"));
    }
}
