using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Svm;

/// <summary>
/// The learned state shared by the single-output kernel models (SVR, NuSVR, OneClassSVM): f(x) = Σᵢ cᵢ k(svᵢ, x) + b
/// with support indices (nSV), support vectors (nSV, d; null for a precomputed kernel), coefficients (1, nSV) and
/// intercept (1) — plus their file form, so each model adds only its own options.
/// </summary>
internal sealed class KernelExpansion<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly KernelFunction kernel;
    private readonly double[] svData, coef;
    private readonly int[] support;

    public KernelExpansion(SvmKernel kind, int degree, double coef0, int[] support, Tensor<T>? supportVectors, Tensor<T> dualCoef,
        Tensor<T> intercept, double gamma, int featureCount, int iterations)
    {
        this.support = support;
        SupportVectors = supportVectors;
        DualCoef = dualCoef;
        Intercept = intercept;
        Gamma = gamma;
        FeatureCount = featureCount;
        Iterations = iterations;
        kernel = new KernelFunction(kind, degree, gamma, coef0);
        svData = supportVectors is null ? [] : KernelFunction.ToDouble(supportVectors);
        coef = KernelFunction.ToDouble(dualCoef);
        InterceptValue = double.CreateTruncating(intercept[0]);
    }

    public IReadOnlyList<int> SupportIndices => support;
    public Tensor<T>? SupportVectors { get; }
    public Tensor<T> DualCoef { get; }
    public Tensor<T> Intercept { get; }
    public double InterceptValue { get; }
    public double Gamma { get; }
    public int FeatureCount { get; }
    public int Iterations { get; }

    /// <summary>Σᵢ cᵢ k(svᵢ, x_r) + <paramref name="shift"/> for each row of x (checked against the feature count): (n).</summary>
    public double[] Scores(string model, Tensor<T> x, double shift, out int n)
    {
        var k = SvmCommon.KernelToSupport(model, x, FeatureCount, kernel, svData, support, out n);
        int nSv = support.Length;
        var s = new double[n];
        for (int r = 0; r < n; r++) s[r] = KernelFunction.Dot(coef, k.AsSpan(r * nSv, nSv)) + shift;
        return s;
    }

    /// <summary>Writes the expansion with the model's options metadata (<paramref name="meta"/> gains the shared entries).</summary>
    public void Write(Stream stream, string kind, Dictionary<string, string> meta)
    {
        meta["feature_count"] = FeatureCount.ToString(CultureInfo.InvariantCulture);
        meta["n_iter"] = Iterations.ToString(CultureInfo.InvariantCulture);
        var t = new Dictionary<string, Tensor<T>> { ["dual_coef"] = DualCoef, ["intercept"] = Intercept, ["support"] = SvmCommon.Cast<T>(support) };
        if (SupportVectors is not null) t["support_vectors"] = SupportVectors;
        ModelFile.Write(stream, kind, t, meta);
    }

    /// <summary>Reads the expansion written by <see cref="Write"/>, checking that the tensor shapes agree.</summary>
    /// <exception cref="InvalidDataException">Missing entries or inconsistent shapes.</exception>
    public static KernelExpansion<T> Read(ModelFileContents<T> f, string kind, SvmKernel kernel, int degree, double coef0)
    {
        int d = int.Parse(f.Option("feature_count"), CultureInfo.InvariantCulture);
        var support = SvmCommon.Ints(f.Tensor("support", 1));
        var dual = f.Tensor("dual_coef", 2);
        var b = f.Tensor("intercept", 1);
        var sv = kernel == SvmKernel.Precomputed ? null : f.Tensor("support_vectors", 2);
        if (dual.Shape[0] != 1 || dual.Shape[1] != support.Length || b.Shape[0] != 1 || (sv is not null && (sv.Shape[0] != support.Length || sv.Shape[1] != d)))
            throw new InvalidDataException($"{kind}: tensor shapes do not match {support.Length} support vectors.");
        return new KernelExpansion<T>(kernel, degree, coef0, support, sv, dual, b, f.Number("gamma_value"), d,
            int.Parse(f.Option("n_iter"), CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// The public face of a single-output kernel model (SVR, NuSVR, OneClassSVM): its support set and coefficients of
/// f(x) = Σᵢ cᵢ k(svᵢ, x) + b. Each model adds its options, its prediction methods and its file kind.
/// </summary>
/// <typeparam name="T">float or double (kernels and sums in float64).</typeparam>
public abstract class KernelExpansionModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private protected KernelExpansionModel(KernelExpansion<T> expansion) => Expansion = expansion;

    private protected KernelExpansion<T> Expansion { get; }

    /// <summary>The training-row index of each support vector (nSV), ascending.</summary>
    public IReadOnlyList<int> SupportIndices => Expansion.SupportIndices;

    /// <summary>(nSV, d); null for a precomputed kernel.</summary>
    public Tensor<T>? SupportVectors => Expansion.SupportVectors;

    /// <summary>(1, nSV): the coefficients cᵢ (scikit-learn's <c>dual_coef_</c>; see the model for their meaning).</summary>
    public Tensor<T> DualCoef => Expansion.DualCoef;

    /// <summary>(1): b = −ρ (scikit-learn's <c>intercept_</c>).</summary>
    public Tensor<T> Intercept => Expansion.Intercept;

    /// <summary>The γ actually used (0 for linear and precomputed kernels).</summary>
    public double Gamma => Expansion.Gamma;

    /// <summary>The SMO steps taken.</summary>
    public int Iterations => Expansion.Iterations;

    /// <summary>The number of features seen by <c>Fit</c>.</summary>
    public int FeatureCount => Expansion.FeatureCount;
}
