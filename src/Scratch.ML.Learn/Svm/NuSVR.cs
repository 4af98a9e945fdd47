using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Svm;

/// <summary>
/// ν-support vector regression with a kernel (scikit-learn's <c>NuSVR</c>, libsvm's ν-SVR): solves
/// <code>min ½(α⁺−α⁻)ᵀK(α⁺−α⁻) − Σ y_i(α⁺_i−α⁻_i)  s.t. Σ(α⁺_i−α⁻_i) = 0, Σ(α⁺_i+α⁻_i) = ν ΣC_i, 0 ≤ α±_i ≤ C·w_i</code>
/// with the ν variant of <see cref="SmoSolver"/>: instead of fixing the tube width ε it is learned (ε = −r), and ν ∈ (0, 1]
/// bounds the fraction of errors from above and of support vectors from below. Prediction = Σ (α⁺_i − α⁻_i) k(x_i, x) + b.
/// </summary>
/// <remarks>Samples with weight 0 are dropped (as libsvm does).</remarks>
/// <param name="Nu">ν ∈ (0, 1].</param>
/// <param name="C">The penalty C &gt; 0.</param>
/// <param name="Kernel">The kernel (default RBF).</param>
/// <param name="Degree">The polynomial degree (≥ 0).</param>
/// <param name="Gamma">γ (default <see cref="SvmGamma.Scale"/>).</param>
/// <param name="Coef0">The constant term of poly and sigmoid.</param>
/// <param name="Shrinking">Whether the solver shrinks.</param>
/// <param name="Tol">The stopping tolerance.</param>
/// <param name="CacheSizeMb">The kernel cache budget in MiB.</param>
/// <param name="MaxIter">The step limit, −1 for none.</param>
public sealed record NuSVR(
    double Nu = 0.5, double C = 1.0, SvmKernel Kernel = SvmKernel.Rbf, int Degree = 3, SvmGamma Gamma = default, double Coef0 = 0.0,
    bool Shrinking = true, double Tol = 1e-3, double CacheSizeMb = 200, long MaxIter = -1) : IRegressor
{
    /// <summary>Test hook: round cached kernel values to float32 as libsvm does, to reproduce its digits.</summary>
    internal bool LibsvmSingleCache { get; init; }

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Nu, C, Kernel, Degree, Coef0, Tol, CacheSizeMb, MaxIter);

    private static EstimatorCapabilities ValidateAndDescribe(double nu, double c, SvmKernel kernel, int degree, double coef0, double tol, double cache, long maxIter)
    {
        if (!(nu > 0 && nu <= 1)) throw new ArgumentOutOfRangeException(nameof(Nu), nu, "NuSVR: Nu must be in (0, 1].");
        SvmCommon.Positive(nameof(NuSVR), nameof(C), c);
        SvmCommon.Validate(nameof(NuSVR), kernel, degree, coef0, tol, cache, maxIter);
        return new(EstimatorKind.Regressor, Supervised: true, SupportsSampleWeight: true);
    }

    /// <summary>Fits x: (n, d) — or the (n, n) Gram matrix — to targets y (n) with optional weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values, or a non-square precomputed kernel.</exception>
    public NuSVRModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(NuSVR);
        var (data, n, d, kernel) = SvmCommon.PrepareFit(name, x, Kernel, Degree, Gamma, Coef0);
        var (ys, _) = InputChecks.Targets(name, y, n, multiOutput: false);
        var w = InputChecks.Weights(name, sampleWeight, n);
        var target = KernelFunction.ToDouble(ys);
        var rows = new List<int>(n);
        var c = new List<double>(n);
        var t = new List<double>(n);
        for (int i = 0; i < n; i++)
        {
            double wi = w is null ? 1 : double.CreateTruncating(w[i]);
            if (wi <= 0) continue;
            rows.Add(i);
            c.Add(C * wi);
            t.Add(target[i]);
        }
        var (coef, rho, epsilon, iter, _) = NuSvmTraining.NuSvr(kernel, data, d, [.. rows], [.. t], [.. c], Nu,
            SolverOptions.From(Tol, Shrinking, CacheSizeMb, MaxIter, LibsvmSingleCache));
        var support = new List<int>();
        var dual = new List<double>();
        for (int k = 0; k < coef.Length; k++)
            if (Math.Abs(coef[k]) > 0) { support.Add(rows[k]); dual.Add(coef[k]); }
        int nSv = support.Count;
        double[]? sv = null;
        if (Kernel != SvmKernel.Precomputed)
        {
            sv = new double[nSv * d];
            for (int s = 0; s < nSv; s++) Array.Copy(data, (long)support[s] * d, sv, (long)s * d, d);
        }
        return new NuSVRModel<T>(this, [.. support], sv is null ? null : SvmCommon.Cast<T>(sv, nSv, d), SvmCommon.Cast<T>([.. dual], 1, nSv),
            SvmCommon.Cast<T>([-rho], 1), kernel.Gamma, d, iter, epsilon);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="NuSVR"/>: prediction = <see cref="KernelExpansionModel{T}.DualCoef"/> · k(<see cref="KernelExpansionModel{T}.SupportVectors"/>, x) + <see cref="KernelExpansionModel{T}.Intercept"/>, with
/// DualCoef = α⁺ᵢ − α⁻ᵢ and Intercept = −ρ.</summary>
/// <typeparam name="T">float or double (kernels and sums in float64).</typeparam>
public sealed class NuSVRModel<T> : KernelExpansionModel<T>, IRegressionModel<T>, ILoadableModel<NuSVRModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "NuSVR";

    internal NuSVRModel(NuSVR options, int[] support, Tensor<T>? supportVectors, Tensor<T> dualCoef, Tensor<T> intercept, double gamma, int featureCount,
        int iterations, double epsilon)
        : this(options, new KernelExpansion<T>(options.Kernel, options.Degree, options.Coef0, support, supportVectors, dualCoef, intercept, gamma, featureCount, iterations), epsilon)
    {
    }

    private NuSVRModel(NuSVR options, KernelExpansion<T> expansion, double epsilon)
        : base(expansion)
    {
        Options = options;
        Epsilon = epsilon;
    }

    /// <summary>The options it was fitted with.</summary>
    public NuSVR Options { get; }

    /// <summary>The learned half-width ε of the insensitive tube (libsvm's −r; not exposed by scikit-learn).</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">x has the wrong number of features (or kernel columns) or invalid values.</exception>
    public Tensor<T> Predict(Tensor<T> x) => SvmCommon.Cast<T>(Expansion.Scores(nameof(NuSVRModel<T>), x, Expansion.InterceptValue, out int n), n);

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var o = Options;
        var meta = SvmCommon.KernelMetadata(o.Kernel, o.Degree, o.Gamma, o.Coef0, Gamma, o.Tol, o.Shrinking, o.CacheSizeMb, o.MaxIter);
        meta["nu"] = SvmCommon.Num(o.Nu);
        meta["c"] = SvmCommon.Num(o.C);
        meta["epsilon_learned"] = SvmCommon.Num(Epsilon);
        Expansion.Write(stream, Kind, meta);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The file is not a NuSVR model of T, or its shapes are inconsistent.</exception>
    public static NuSVRModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var o = new NuSVR(f.Number("nu"), f.Number("c"), Enum.Parse<SvmKernel>(f.Option("kernel")), int.Parse(f.Option("degree"), CultureInfo.InvariantCulture),
            SvmGamma.Parse(f.Option("gamma")), f.Number("coef0"), f.Flag("shrinking"), f.Number("tol"), f.Number("cache_size_mb"),
            long.Parse(f.Option("max_iter"), CultureInfo.InvariantCulture));
        return new NuSVRModel<T>(o, KernelExpansion<T>.Read(f, Kind, o.Kernel, o.Degree, o.Coef0), f.Number("epsilon_learned"));
    }
}
