using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Svm;

/// <summary>
/// The one-class SVM of Schölkopf et al. (2001) (scikit-learn's <c>OneClassSVM</c>, libsvm's one-class): solves
/// <code>min_α ½ αᵀKα  s.t.  Σα_i = ν Σw_i,  0 ≤ α_i ≤ w_i</code>
/// with <see cref="SmoSolver"/> (y ≡ +1, p = 0) from libsvm's feasible start (the first rows at their bound until the
/// sum is reached). The decision function Σ α_i k(x_i, x) − ρ is positive inside the learned region.
/// </summary>
/// <remarks>ν ∈ (0, 1] bounds the fraction of training outliers from above and of support vectors from below.
/// Samples with weight 0 are dropped, as libsvm does.</remarks>
/// <param name="Nu">ν ∈ (0, 1].</param>
/// <param name="Kernel">The kernel (default RBF).</param>
/// <param name="Degree">The polynomial degree (≥ 0).</param>
/// <param name="Gamma">γ (default <see cref="SvmGamma.Scale"/>).</param>
/// <param name="Coef0">The constant term of poly and sigmoid.</param>
/// <param name="Shrinking">Whether the solver shrinks.</param>
/// <param name="Tol">The stopping tolerance.</param>
/// <param name="CacheSizeMb">The kernel cache budget in MiB.</param>
/// <param name="MaxIter">The step limit, −1 for none.</param>
public sealed record OneClassSVM(
    double Nu = 0.5, SvmKernel Kernel = SvmKernel.Rbf, int Degree = 3, SvmGamma Gamma = default, double Coef0 = 0.0,
    bool Shrinking = true, double Tol = 1e-3, double CacheSizeMb = 200, long MaxIter = -1) : IOutlierDetector
{
    /// <summary>Test hook: round cached kernel values to float32 as libsvm does, to reproduce its digits.</summary>
    internal bool LibsvmSingleCache { get; init; }

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Nu, Kernel, Degree, Coef0, Tol, CacheSizeMb, MaxIter);

    private static EstimatorCapabilities ValidateAndDescribe(double nu, SvmKernel kernel, int degree, double coef0, double tol, double cache, long maxIter)
    {
        if (!(nu > 0 && nu <= 1)) throw new ArgumentOutOfRangeException(nameof(Nu), nu, "OneClassSVM: Nu must be in (0, 1].");
        SvmCommon.Validate(nameof(OneClassSVM), kernel, degree, coef0, tol, cache, maxIter);
        return new(EstimatorKind.OutlierDetector, Supervised: false, SupportsSampleWeight: true);
    }

    /// <summary>Learns the region of x: (n, d) — or the (n, n) Gram matrix — with optional weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values, or a non-square precomputed kernel.</exception>
    public OneClassSVMModel<T> Fit<T>(Tensor<T> x, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(OneClassSVM);
        var (data, n, d, kernel) = SvmCommon.PrepareFit(name, x, Kernel, Degree, Gamma, Coef0);
        var w = InputChecks.Weights(name, sampleWeight, n);
        var rows = new List<int>(n);
        var c = new List<double>(n);
        for (int i = 0; i < n; i++)
        {
            double wi = w is null ? 1 : double.CreateTruncating(w[i]);
            if (wi <= 0) continue;
            rows.Add(i);
            c.Add(wi);
        }
        int l = rows.Count;
        var alpha0 = new double[l];
        double nuL = 0;
        foreach (var ci in c) nuL += ci * Nu;
        for (int i = 0; i < l && nuL > 0; i++)
        {
            alpha0[i] = Math.Min(c[i], nuL);
            nuL -= alpha0[i];
        }
        var o = SolverOptions.From(Tol, Shrinking, CacheSizeMb, MaxIter, LibsvmSingleCache);
        var ones = new double[l];
        Array.Fill(ones, 1.0);
        var q = new ClassificationQ(new KernelRows(kernel, data, d, [.. rows], o.SingleCache), ones, o.CacheDoubles);
        var r = new SmoSolver().Solve(l, q, new double[l], ones, alpha0, [.. c], o.Tol, o.Shrinking, o.MaxIter);
        var support = new List<int>();
        var dual = new List<double>();
        for (int k = 0; k < l; k++)
            if (Math.Abs(r.Alpha[k]) > 0) { support.Add(rows[k]); dual.Add(r.Alpha[k]); }
        int nSv = support.Count;
        double[]? sv = null;
        if (Kernel != SvmKernel.Precomputed)
        {
            sv = new double[nSv * d];
            for (int s = 0; s < nSv; s++) Array.Copy(data, (long)support[s] * d, sv, (long)s * d, d);
        }
        return new OneClassSVMModel<T>(this, [.. support], sv is null ? null : SvmCommon.Cast<T>(sv, nSv, d), SvmCommon.Cast<T>([.. dual], 1, nSv),
            SvmCommon.Cast<T>([-r.Rho], 1), kernel.Gamma, d, r.Iterations);
    }

    IOutlierModel<T> IOutlierDetector.Fit<T>(Tensor<T> x, Tensor<T>? sampleWeight) => Fit(x, sampleWeight);
}

/// <summary>
/// A fitted <see cref="OneClassSVM"/>: <c>ScoreSamples</c> = Σ α_i k(x_i, x), <c>DecisionFunction</c> =
/// ScoreSamples + <see cref="Intercept"/> (= − ρ), inlier when ≥ 0.
/// </summary>
/// <typeparam name="T">float or double (kernels and sums in float64).</typeparam>
public sealed class OneClassSVMModel<T> : IOutlierModel<T>, ILoadableModel<OneClassSVMModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "OneClassSVM";
    private readonly KernelFunction kernel;
    private readonly double[] svData, coef;
    private readonly double intercept;

    internal OneClassSVMModel(OneClassSVM options, int[] support, Tensor<T>? supportVectors, Tensor<T> dualCoef, Tensor<T> intercept, double gamma, int featureCount, int iterations)
    {
        Options = options;
        SupportIndices = support;
        SupportVectors = supportVectors;
        DualCoef = dualCoef;
        Intercept = intercept;
        Gamma = gamma;
        FeatureCount = featureCount;
        Iterations = iterations;
        kernel = new KernelFunction(options.Kernel, options.Degree, gamma, options.Coef0);
        svData = supportVectors is null ? [] : KernelFunction.ToDouble(supportVectors);
        coef = KernelFunction.ToDouble(dualCoef);
        this.intercept = double.CreateTruncating(intercept[0]);
    }

    /// <summary>The options it was fitted with.</summary>
    public OneClassSVM Options { get; }

    /// <summary>The training-row index of each support vector (nSV), ascending.</summary>
    public IReadOnlyList<int> SupportIndices { get; }

    /// <summary>(nSV, d); null for a precomputed kernel.</summary>
    public Tensor<T>? SupportVectors { get; }

    /// <summary>(1, nSV): α_i (scikit-learn's <c>dual_coef_</c>).</summary>
    public Tensor<T> DualCoef { get; }

    /// <summary>(1): −ρ (scikit-learn's <c>intercept_</c>; its <c>offset_</c> is ρ).</summary>
    public Tensor<T> Intercept { get; }

    /// <summary>The γ actually used (0 for linear and precomputed kernels).</summary>
    public double Gamma { get; }

    /// <summary>The SMO steps taken.</summary>
    public int Iterations { get; }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <inheritdoc />
    public Tensor<T> ScoreSamples(Tensor<T> x) => SvmCommon.Cast<T>(Scores(x, 0, out int n), n);

    /// <inheritdoc />
    public Tensor<T> DecisionFunction(Tensor<T> x) => SvmCommon.Cast<T>(Scores(x, intercept, out int n), n);

    /// <inheritdoc />
    public int[] Predict(Tensor<T> x) => Array.ConvertAll(Scores(x, intercept, out _), v => v >= 0 ? 1 : -1);

    private double[] Scores(Tensor<T> x, double shift, out int n)
    {
        var k = SvmCommon.KernelToSupport(nameof(OneClassSVMModel<T>), x, FeatureCount, kernel, svData, [.. SupportIndices], out n);
        int nSv = SupportIndices.Count;
        var s = new double[n];
        for (int r = 0; r < n; r++) s[r] = KernelFunction.Dot(coef, k.AsSpan(r * nSv, nSv)) + shift;
        return s;
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var o = Options;
        var meta = SvmCommon.KernelMetadata(o.Kernel, o.Degree, o.Gamma, o.Coef0, Gamma, o.Tol, o.Shrinking, o.CacheSizeMb, o.MaxIter);
        meta["nu"] = SvmCommon.Num(o.Nu);
        meta["feature_count"] = FeatureCount.ToString(CultureInfo.InvariantCulture);
        meta["n_iter"] = Iterations.ToString(CultureInfo.InvariantCulture);
        var t = new Dictionary<string, Tensor<T>> { ["dual_coef"] = DualCoef, ["intercept"] = Intercept, ["support"] = SvmCommon.Cast<T>([.. SupportIndices]) };
        if (SupportVectors is not null) t["support_vectors"] = SupportVectors;
        ModelFile.Write(stream, Kind, t, meta);
    }

    /// <inheritdoc />
    public static OneClassSVMModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var o = new OneClassSVM(f.Number("nu"), Enum.Parse<SvmKernel>(f.Option("kernel")), int.Parse(f.Option("degree"), CultureInfo.InvariantCulture),
            SvmGamma.Parse(f.Option("gamma")), f.Number("coef0"), f.Flag("shrinking"), f.Number("tol"), f.Number("cache_size_mb"),
            long.Parse(f.Option("max_iter"), CultureInfo.InvariantCulture));
        int d = int.Parse(f.Option("feature_count"), CultureInfo.InvariantCulture);
        var support = SvmCommon.Ints(f.Tensor("support", 1));
        var dual = f.Tensor("dual_coef", 2);
        var b = f.Tensor("intercept", 1);
        var sv = o.Kernel == SvmKernel.Precomputed ? null : f.Tensor("support_vectors", 2);
        if (dual.Shape[0] != 1 || dual.Shape[1] != support.Length || b.Shape[0] != 1 || (sv is not null && (sv.Shape[0] != support.Length || sv.Shape[1] != d)))
            throw new InvalidDataException($"{Kind}: tensor shapes do not match {support.Length} support vectors.");
        return new OneClassSVMModel<T>(o, support, sv, dual, b, f.Number("gamma_value"), d, int.Parse(f.Option("n_iter"), CultureInfo.InvariantCulture));
    }
}
