using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.LinearModels;

namespace Scratch.ML.Learn.Svm;

/// <summary>
/// A fitted <see cref="NuSVC"/>. The learned state has <see cref="SVCModel{T}"/>'s (scikit-learn's) layout — support
/// vectors ordered by class, <see cref="DualCoef"/> (C − 1, nSV) already divided by r, <see cref="Intercept"/> per
/// pair — and prediction is the same one-vs-one vote.
/// </summary>
/// <typeparam name="T">float or double (the kernel and the decision values are computed in float64).</typeparam>
public class NuSVCModel<T> : IClassificationModel<T>, ILoadableModel<NuSVCModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string Kind = "NuSVC";
    private protected readonly SVCModel<T> inner;

    internal NuSVCModel(NuSVC options, SvcState<T> state, Tensor<T>? probA = null, Tensor<T>? probB = null)
    {
        Options = options;
        var svc = new SVC(1.0, options.Kernel, options.Degree, options.Gamma, options.Coef0, options.Shrinking, probA is not null, options.Tol,
            options.CacheSizeMb, null, options.MaxIter, options.Shape, options.Seed);
        inner = probA is null ? new SVCModel<T>(svc, state) : new SVCProbabilityModel<T>(svc, state, probA, probB!);
    }

    /// <summary>The options it was fitted with.</summary>
    public NuSVC Options { get; }

    /// <inheritdoc />
    public ClassLabels Classes => inner.Classes;

    /// <summary>The training-row index of each support vector (nSV), grouped by class, ascending within a class.</summary>
    public IReadOnlyList<int> SupportIndices => inner.SupportIndices;

    /// <summary>The number of support vectors of each class (C).</summary>
    public IReadOnlyList<int> NSupport => inner.NSupport;

    /// <summary>The support vectors (nSV, d); null for a precomputed kernel.</summary>
    public Tensor<T>? SupportVectors => inner.SupportVectors;

    /// <summary>(C − 1, nSV): y_i α_i / r per pair in libsvm's layout (scikit-learn's <c>dual_coef_</c>; for two classes
    /// the signs are flipped so that positive means class 1).</summary>
    public Tensor<T> DualCoef => inner.DualCoef;

    /// <summary>(C(C−1)/2): −ρ/r of each pair (0,1), (0,2), …, (1,2), … (for two classes +ρ/r).</summary>
    public Tensor<T> Intercept => inner.Intercept;

    /// <summary>The γ actually used (0 for linear and precomputed kernels).</summary>
    public double Gamma => inner.Gamma;

    /// <summary>The SMO steps taken per pair.</summary>
    public IReadOnlyList<int> Iterations => inner.Iterations;

    /// <inheritdoc />
    public int FeatureCount => inner.FeatureCount;

    /// <summary>
    /// The decision function, as <see cref="SVCModel{T}.DecisionFunction"/>: (n) for two classes (positive → class 1);
    /// for more, (n, C) under <see cref="DecisionFunctionShape.Ovr"/> or (n, C(C−1)/2) under <see cref="DecisionFunctionShape.Ovo"/>.
    /// </summary>
    /// <exception cref="ArgumentException">x has the wrong number of features (or kernel columns) or invalid values.</exception>
    public Tensor<T> DecisionFunction(Tensor<T> x) => inner.DecisionFunction(Checked(x));

    /// <inheritdoc />
    /// <remarks>One-vs-one voting; ties go to the lower class.</remarks>
    public Labels Predict(Tensor<T> x) => inner.Predict(Checked(x));

    /// <summary>Validates x under this model's name (the shared SVC code would otherwise name itself in the message).</summary>
    private Tensor<T> Checked(Tensor<T> x) => InputChecks.Features("NuSVCModel", x, FeatureCount);

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var o = Options;
        var meta = SvmCommon.KernelMetadata(o.Kernel, o.Degree, o.Gamma, o.Coef0, Gamma, o.Tol, o.Shrinking, o.CacheSizeMb, o.MaxIter);
        meta["classes"] = Classes.ToMetadata();
        meta["nu"] = SvmCommon.Num(o.Nu);
        meta["shape"] = o.Shape.ToString();
        meta["probability"] = o.Probability.ToString(CultureInfo.InvariantCulture);
        meta["seed"] = o.Seed.ToString(CultureInfo.InvariantCulture);
        meta["feature_count"] = FeatureCount.ToString(CultureInfo.InvariantCulture);
        if (o.ClassWeight is not null) meta["class_weight"] = o.ClassWeight.ToMetadata();
        var t = new Dictionary<string, Tensor<T>>
        {
            ["dual_coef"] = DualCoef,
            ["intercept"] = Intercept,
            ["support"] = SvmCommon.Cast<T>([.. SupportIndices]),
            ["n_support"] = SvmCommon.Cast<T>([.. NSupport]),
            ["n_iter"] = SvmCommon.Cast<T>([.. Iterations]),
        };
        if (SupportVectors is not null) t["support_vectors"] = SupportVectors;
        if (inner is SVCProbabilityModel<T> p)
        {
            t["prob_a"] = p.ProbA;
            t["prob_b"] = p.ProbB;
        }
        ModelFile.Write(stream, Kind, t, meta);
    }

    /// <summary>Reads a NuSVC model (a <see cref="NuSVCProbabilityModel{T}"/> when it was fitted with probabilities).</summary>
    /// <exception cref="InvalidDataException">The file is not a NuSVC model of T, or its shapes are inconsistent.</exception>
    public static NuSVCModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        string? cw = null;
        try { cw = f.Option("class_weight"); }
        catch (InvalidDataException) { }
        var options = new NuSVC(f.Number("nu"), Enum.Parse<SvmKernel>(f.Option("kernel")), int.Parse(f.Option("degree"), CultureInfo.InvariantCulture),
            SvmGamma.Parse(f.Option("gamma")), f.Number("coef0"), f.Flag("shrinking"), f.Number("tol"), f.Number("cache_size_mb"),
            cw is null ? null : ClassWeights.FromMetadata(cw), long.Parse(f.Option("max_iter"), CultureInfo.InvariantCulture),
            Enum.Parse<DecisionFunctionShape>(f.Option("shape")), f.Flag("probability"), ulong.Parse(f.Option("seed"), CultureInfo.InvariantCulture));
        var classes = ClassLabels.FromMetadata(f.Option("classes"));
        int k = classes.Count, pairs = k * (k - 1) / 2, d = int.Parse(f.Option("feature_count"), CultureInfo.InvariantCulture);
        var support = SvmCommon.Ints(f.Tensor("support", 1));
        var nSupport = SvmCommon.Ints(f.Tensor("n_support", 1));
        var dual = f.Tensor("dual_coef", 2);
        var intercept = f.Tensor("intercept", 1);
        var sv = options.Kernel == SvmKernel.Precomputed ? null : f.Tensor("support_vectors", 2);
        if (nSupport.Length != k || nSupport.Sum() != support.Length || dual.Shape[0] != k - 1 || dual.Shape[1] != support.Length
            || intercept.Shape[0] != pairs || (sv is not null && (sv.Shape[0] != support.Length || sv.Shape[1] != d)))
            throw new InvalidDataException($"{Kind}: tensor shapes do not match {k} classes and {support.Length} support vectors.");
        var state = new SvcState<T>(classes, support, nSupport, sv, dual, intercept, f.Number("gamma_value"), d, SvmCommon.Ints(f.Tensor("n_iter", 1)));
        return options.Probability
            ? new NuSVCProbabilityModel<T>(options, state, f.Tensor("prob_a", 1), f.Tensor("prob_b", 1))
            : new NuSVCModel<T>(options, state);
    }
}

/// <summary>
/// A fitted <see cref="NuSVC"/> with Platt probabilities, computed exactly as <see cref="SVCProbabilityModel{T}"/>:
/// per pair 1 / (1 + exp(A f + B)) on the pairwise decision value, clipped to [10⁻⁷, 1 − 10⁻⁷] and coupled.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class NuSVCProbabilityModel<T> : NuSVCModel<T>, IProbabilisticModel<T>, ILoadableModel<NuSVCProbabilityModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal NuSVCProbabilityModel(NuSVC options, SvcState<T> state, Tensor<T> probA, Tensor<T> probB) : base(options, state, probA, probB) { }

    private SVCProbabilityModel<T> Platt => (SVCProbabilityModel<T>)inner;

    /// <summary>A per pair (libsvm's sign: the sigmoid is on the pair's decision value positive for the lower class).</summary>
    public Tensor<T> ProbA => Platt.ProbA;

    /// <summary>B per pair.</summary>
    public Tensor<T> ProbB => Platt.ProbB;

    /// <inheritdoc />
    public Tensor<T> PredictProba(Tensor<T> x) => Platt.PredictProba(InputChecks.Features("NuSVCModel", x, FeatureCount));

    /// <inheritdoc />
    public Tensor<T> PredictLogProba(Tensor<T> x) => Platt.PredictLogProba(InputChecks.Features("NuSVCModel", x, FeatureCount));

    /// <summary>Reads a NuSVC model fitted with probabilities.</summary>
    /// <exception cref="InvalidDataException">The file is not a NuSVC model of T with probabilities.</exception>
    public static new NuSVCProbabilityModel<T> Load(Stream stream) => NuSVCModel<T>.Load(stream) as NuSVCProbabilityModel<T>
        ?? throw new InvalidDataException($"{Kind}: the file holds a NuSVC fitted without probabilities; load it with NuSVCModel<T>.Load.");
}
