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
/// ScoreSamples + <see cref="KernelExpansionModel{T}.Intercept"/> (= − ρ; scikit-learn's offset_ is ρ), inlier when ≥ 0;
/// DualCoef holds the αᵢ.
/// </summary>
/// <typeparam name="T">float or double (kernels and sums in float64).</typeparam>
public sealed class OneClassSVMModel<T> : KernelExpansionModel<T>, IOutlierModel<T>, ILoadableModel<OneClassSVMModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "OneClassSVM";

    internal OneClassSVMModel(OneClassSVM options, int[] support, Tensor<T>? supportVectors, Tensor<T> dualCoef, Tensor<T> intercept, double gamma, int featureCount, int iterations)
        : this(options, new KernelExpansion<T>(options.Kernel, options.Degree, options.Coef0, support, supportVectors, dualCoef, intercept, gamma, featureCount, iterations))
    {
    }

    private OneClassSVMModel(OneClassSVM options, KernelExpansion<T> expansion)
        : base(expansion)
    {
        Options = options;
    }

    /// <summary>The options it was fitted with.</summary>
    public OneClassSVM Options { get; }

    /// <inheritdoc />
    public Tensor<T> ScoreSamples(Tensor<T> x) => SvmCommon.Cast<T>(Expansion.Scores(nameof(OneClassSVMModel<T>), x, 0, out int n), n);

    /// <inheritdoc />
    public Tensor<T> DecisionFunction(Tensor<T> x) => SvmCommon.Cast<T>(Expansion.Scores(nameof(OneClassSVMModel<T>), x, Expansion.InterceptValue, out int n), n);

    /// <inheritdoc />
    public int[] Predict(Tensor<T> x) => Array.ConvertAll(Expansion.Scores(nameof(OneClassSVMModel<T>), x, Expansion.InterceptValue, out _), v => v >= 0 ? 1 : -1);

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var o = Options;
        var meta = SvmCommon.KernelMetadata(o.Kernel, o.Degree, o.Gamma, o.Coef0, Gamma, o.Tol, o.Shrinking, o.CacheSizeMb, o.MaxIter);
        meta["nu"] = SvmCommon.Num(o.Nu);
        Expansion.Write(stream, Kind, meta);
    }

    /// <inheritdoc />
    public static OneClassSVMModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var o = new OneClassSVM(f.Number("nu"), Enum.Parse<SvmKernel>(f.Option("kernel")), int.Parse(f.Option("degree"), CultureInfo.InvariantCulture),
            SvmGamma.Parse(f.Option("gamma")), f.Number("coef0"), f.Flag("shrinking"), f.Number("tol"), f.Number("cache_size_mb"),
            long.Parse(f.Option("max_iter"), CultureInfo.InvariantCulture));
        return new OneClassSVMModel<T>(o, KernelExpansion<T>.Read(f, Kind, o.Kernel, o.Degree, o.Coef0));
    }
}
