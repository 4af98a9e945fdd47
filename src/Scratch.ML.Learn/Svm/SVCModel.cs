using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.LinearModels;

namespace Scratch.ML.Learn.Svm;

/// <summary>
/// A fitted <see cref="SVC"/> without probabilities (see <see cref="SVCProbabilityModel{T}"/> for those). The layout of
/// the learned state is scikit-learn's: support vectors ordered by class, <see cref="DualCoef"/> (C − 1, nSV),
/// <see cref="Intercept"/> per pair, and for two classes a decision function that is positive for class 1.
/// </summary>
/// <typeparam name="T">float or double (the kernel and the decision values are computed in float64).</typeparam>
public class SVCModel<T> : IClassificationModel<T>, ILoadableModel<SVCModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string Kind = "SVC";
    private readonly KernelFunction kernel;
    private readonly double[] svData;
    private readonly double[] coef;   // (C − 1, nSV), libsvm signs
    private readonly double[] rho;    // per pair, libsvm signs
    private readonly int[] svStart;

    internal SVCModel(SVC options, SvcState<T> state)
    {
        Options = options;
        Classes = state.Classes;
        SupportIndices = state.Support;
        NSupport = state.NSupport;
        SupportVectors = state.SupportVectors;
        DualCoef = state.DualCoef;
        Intercept = state.Intercept;
        Gamma = state.Gamma;
        FeatureCount = state.FeatureCount;
        Iterations = state.Iterations;
        kernel = new KernelFunction(options.Kernel, options.Degree, state.Gamma, options.Coef0);
        svData = SupportVectors is null ? [] : KernelFunction.ToDouble(SupportVectors);
        bool binary = Classes.Count == 2;
        coef = Array.ConvertAll(DualCoef.ToArray(), v => binary ? -double.CreateTruncating(v) : double.CreateTruncating(v));
        rho = Array.ConvertAll(Intercept.ToArray(), v => binary ? double.CreateTruncating(v) : -double.CreateTruncating(v));
        svStart = new int[Classes.Count];
        for (int m = 1; m < svStart.Length; m++) svStart[m] = svStart[m - 1] + NSupport[m - 1];
    }

    /// <summary>The options it was fitted with.</summary>
    public SVC Options { get; }

    /// <inheritdoc />
    public ClassLabels Classes { get; }

    /// <summary>The training-row index of each support vector (nSV), grouped by class, ascending within a class.</summary>
    public IReadOnlyList<int> SupportIndices { get; }

    /// <summary>The number of support vectors of each class (C).</summary>
    public IReadOnlyList<int> NSupport { get; }

    /// <summary>The support vectors (nSV, d); null for a precomputed kernel (prediction then takes the kernel columns).</summary>
    public Tensor<T>? SupportVectors { get; }

    /// <summary>
    /// (C − 1, nSV): y_i α_i per pair in libsvm's layout (scikit-learn's <c>dual_coef_</c>; for two classes the signs are
    /// flipped so that positive means class 1).
    /// </summary>
    public Tensor<T> DualCoef { get; }

    /// <summary>(C(C−1)/2): the intercept of each pair (0,1), (0,2), …, (1,2), … (−ρ; for two classes +ρ).</summary>
    public Tensor<T> Intercept { get; }

    /// <summary>The γ actually used (0 for linear and precomputed kernels).</summary>
    public double Gamma { get; }

    /// <summary>The SMO steps taken per pair.</summary>
    public IReadOnlyList<int> Iterations { get; }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>libsvm's pairwise decision values (n, P): pair (i, j) positive for class i.</summary>
    private protected double[] PairDecisions(Tensor<T> x, out int n)
    {
        var k = SvmCommon.KernelToSupport(GetType().Name, x, FeatureCount, kernel, svData, [.. SupportIndices], out n);
        int c = Classes.Count, pairs = c * (c - 1) / 2, nSv = SupportIndices.Count;
        var dec = new double[n * pairs];
        for (int r = 0; r < n; r++)
        {
            var kr = k.AsSpan(r * nSv, nSv);
            int p = 0;
            for (int i = 0; i < c; i++)
                for (int j = i + 1; j < c; j++, p++)
                {
                    double s = 0;
                    var ci = coef.AsSpan((j - 1) * nSv + svStart[i], NSupport[i]);
                    var cj = coef.AsSpan(i * nSv + svStart[j], NSupport[j]);
                    s += KernelFunction.Dot(ci, kr.Slice(svStart[i], NSupport[i]));
                    s += KernelFunction.Dot(cj, kr.Slice(svStart[j], NSupport[j]));
                    dec[r * pairs + p] = s - rho[p];
                }
        }
        return dec;
    }

    /// <summary>
    /// The decision function: (n) for two classes (positive → class 1); for more, (n, C) under
    /// <see cref="DecisionFunctionShape.Ovr"/> (votes + Σconfidence / (3(|Σconfidence| + 1))) or (n, C(C−1)/2) under
    /// <see cref="DecisionFunctionShape.Ovo"/>.
    /// </summary>
    /// <exception cref="ArgumentException">x has the wrong number of features (or kernel columns) or invalid values.</exception>
    public Tensor<T> DecisionFunction(Tensor<T> x)
    {
        var dec = PairDecisions(x, out int n);
        int c = Classes.Count, pairs = c * (c - 1) / 2;
        if (c == 2) return SvmCommon.Cast<T>(Array.ConvertAll(dec, v => -v), n);
        if (Options.Shape == DecisionFunctionShape.Ovo) return SvmCommon.Cast<T>(dec, n, pairs);
        var result = new double[n * c];
        var conf = new double[c];
        for (int r = 0; r < n; r++)
        {
            Array.Clear(conf);
            var row = result.AsSpan(r * c, c);
            int p = 0;
            for (int i = 0; i < c; i++)
                for (int j = i + 1; j < c; j++, p++)
                {
                    double v = dec[r * pairs + p];
                    conf[i] += v;
                    conf[j] -= v;
                    if (v < 0) row[j] += 1; else row[i] += 1;
                }
            for (int m = 0; m < c; m++) row[m] += conf[m] / (3 * (Math.Abs(conf[m]) + 1));
        }
        return SvmCommon.Cast<T>(result, n, c);
    }

    /// <inheritdoc />
    /// <remarks>One-vs-one voting: pair (i, j) votes i when its decision value is &gt; 0, else j; ties go to the lower class.</remarks>
    public Labels Predict(Tensor<T> x)
    {
        var dec = PairDecisions(x, out int n);
        int c = Classes.Count, pairs = c * (c - 1) / 2;
        var pred = new int[n];
        var votes = new int[c];
        for (int r = 0; r < n; r++)
        {
            Array.Clear(votes);
            int p = 0;
            for (int i = 0; i < c; i++)
                for (int j = i + 1; j < c; j++, p++)
                    votes[dec[r * pairs + p] > 0 ? i : j]++;
            int best = 0;
            for (int m = 1; m < c; m++) if (votes[m] > votes[best]) best = m;
            pred[r] = best;
        }
        return Classes.Decode(pred);
    }

    private protected virtual Dictionary<string, Tensor<T>> Tensors()
    {
        var t = new Dictionary<string, Tensor<T>>
        {
            ["dual_coef"] = DualCoef,
            ["intercept"] = Intercept,
            ["support"] = SvmCommon.Cast<T>([.. SupportIndices]),
            ["n_support"] = SvmCommon.Cast<T>([.. NSupport]),
            ["n_iter"] = SvmCommon.Cast<T>([.. Iterations]),
        };
        if (SupportVectors is not null) t["support_vectors"] = SupportVectors;
        return t;
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var o = Options;
        var meta = SvmCommon.KernelMetadata(o.Kernel, o.Degree, o.Gamma, o.Coef0, Gamma, o.Tol, o.Shrinking, o.CacheSizeMb, o.MaxIter);
        meta["classes"] = Classes.ToMetadata();
        meta["c"] = SvmCommon.Num(o.C);
        meta["probability"] = o.Probability.ToString(CultureInfo.InvariantCulture);
        meta["shape"] = o.Shape.ToString();
        meta["seed"] = o.Seed.ToString(CultureInfo.InvariantCulture);
        meta["feature_count"] = FeatureCount.ToString(CultureInfo.InvariantCulture);
        if (o.ClassWeight is not null) meta["class_weight"] = o.ClassWeight.ToMetadata();
        ModelFile.Write(stream, Kind, Tensors(), meta);
    }

    /// <summary>Reads an SVC model (an <see cref="SVCProbabilityModel{T}"/> when it was fitted with probabilities).</summary>
    /// <exception cref="InvalidDataException">The file is not an SVC model of T, or its shapes are inconsistent.</exception>
    public static SVCModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var options = new SVC(f.Number("c"), Enum.Parse<SvmKernel>(f.Option("kernel")), int.Parse(f.Option("degree"), CultureInfo.InvariantCulture),
            SvmGamma.Parse(f.Option("gamma")), f.Number("coef0"), f.Flag("shrinking"), f.Flag("probability"), f.Number("tol"), f.Number("cache_size_mb"),
            TryOption(f, "class_weight") is { } cw ? ClassWeights.FromMetadata(cw) : null, long.Parse(f.Option("max_iter"), CultureInfo.InvariantCulture),
            Enum.Parse<DecisionFunctionShape>(f.Option("shape")), ulong.Parse(f.Option("seed"), CultureInfo.InvariantCulture));
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
            ? new SVCProbabilityModel<T>(options, state, f.Tensor("prob_a", 1), f.Tensor("prob_b", 1))
            : new SVCModel<T>(options, state);
    }

    private static string? TryOption(ModelFileContents<T> f, string name)
    {
        try { return f.Option(name); }
        catch (InvalidDataException) { return null; }
    }
}

/// <summary>
/// A fitted <see cref="SVC"/> with Platt probabilities: per pair P(i | i or j) = 1 / (1 + exp(A f + B)) on the pairwise
/// decision value f, clipped to [10⁻⁷, 1 − 10⁻⁷] and coupled into class probabilities (two classes: used directly).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class SVCProbabilityModel<T> : SVCModel<T>, IProbabilisticModel<T>, ILoadableModel<SVCProbabilityModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double[] a, b;

    internal SVCProbabilityModel(SVC options, SvcState<T> state, Tensor<T> probA, Tensor<T> probB) : base(options, state)
    {
        int pairs = state.Classes.Count * (state.Classes.Count - 1) / 2;
        if (probA.Shape[0] != pairs || probB.Shape[0] != pairs)
            throw new InvalidDataException($"{Kind}: expected {pairs} Platt coefficients, got {probA.Shape[0]} and {probB.Shape[0]}.");
        ProbA = probA;
        ProbB = probB;
        a = Array.ConvertAll(probA.ToArray(), v => double.CreateTruncating(v));
        b = Array.ConvertAll(probB.ToArray(), v => double.CreateTruncating(v));
    }

    /// <summary>A per pair (libsvm's sign: the sigmoid is on the pair's decision value positive for the lower class).</summary>
    public Tensor<T> ProbA { get; }

    /// <summary>B per pair.</summary>
    public Tensor<T> ProbB { get; }

    private double[] Probabilities(Tensor<T> x, out int n)
    {
        var dec = PairDecisions(x, out n);
        int c = Classes.Count, pairs = c * (c - 1) / 2;
        var result = new double[n * c];
        var r = new double[c, c];
        const double minProb = 1e-7;
        for (int row = 0; row < n; row++)
        {
            int p = 0;
            for (int i = 0; i < c; i++)
                for (int j = i + 1; j < c; j++, p++)
                {
                    r[i, j] = Math.Min(Math.Max(PlattScaling.Predict(dec[row * pairs + p], a[p], b[p]), minProb), 1 - minProb);
                    r[j, i] = 1 - r[i, j];
                }
            var dest = result.AsSpan(row * c, c);
            if (c == 2) { dest[0] = r[0, 1]; dest[1] = r[1, 0]; }
            else PlattScaling.Couple(c, r, dest);
        }
        return result;
    }

    /// <inheritdoc />
    public Tensor<T> PredictProba(Tensor<T> x)
    {
        var p = Probabilities(x, out int n);
        return SvmCommon.Cast<T>(p, n, Classes.Count);
    }

    /// <inheritdoc />
    /// <remarks>The log of the float64 probabilities (they are clipped away from 0, so the log is finite).</remarks>
    public Tensor<T> PredictLogProba(Tensor<T> x)
    {
        var p = Probabilities(x, out int n);
        return SvmCommon.Cast<T>(Array.ConvertAll(p, Math.Log), n, Classes.Count);
    }

    private protected override Dictionary<string, Tensor<T>> Tensors()
    {
        var t = base.Tensors();
        t["prob_a"] = ProbA;
        t["prob_b"] = ProbB;
        return t;
    }

    /// <summary>Reads an SVC model fitted with probabilities.</summary>
    /// <exception cref="InvalidDataException">The file is not an SVC model of T with probabilities.</exception>
    public static new SVCProbabilityModel<T> Load(Stream stream) => SVCModel<T>.Load(stream) as SVCProbabilityModel<T>
        ?? throw new InvalidDataException($"{Kind}: the file holds an SVC fitted without probabilities; load it with SVCModel<T>.Load.");
}
