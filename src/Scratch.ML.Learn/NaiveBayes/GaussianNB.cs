using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.NaiveBayes;

/// <summary>
/// Gaussian naive Bayes (scikit-learn's <c>GaussianNB</c>): features are independent normals within each class,
/// <c>log P(c | x) ∝ log πc − ½ Σⱼ [log(2π σ²cj) + (xj − μcj)² / σ²cj]</c>.
/// </summary>
/// <remarks>
/// μ and σ² are the (weighted) per-class mean and population variance; every variance gets
/// <c>ε = varSmoothing · maxⱼ Var(xj)</c> added so that a constant feature cannot divide by zero. Priors are the
/// class weight fractions unless given. Statistics are computed in float64.
/// </remarks>
/// <param name="Priors">Class priors in sorted-class order (must sum to 1), or null to estimate them.</param>
/// <param name="VarSmoothing">The fraction of the largest feature variance added to every variance (≥ 0).</param>
public sealed record GaussianNB(double[]? Priors = null, double VarSmoothing = 1e-9) : IClassifier
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Priors, VarSmoothing);

    private static EstimatorCapabilities ValidateAndDescribe(double[]? priors, double varSmoothing)
    {
        if (!(varSmoothing >= 0) || double.IsInfinity(varSmoothing))
            throw new ArgumentOutOfRangeException(nameof(VarSmoothing), varSmoothing, "GaussianNB: varSmoothing must be finite and ≥ 0.");
        if (priors is not null && (priors.Any(p => !(p >= 0)) || Math.Abs(priors.Sum() - 1) > 1e-9))
            throw new ArgumentException($"GaussianNB: priors must be non-negative and sum to 1, got [{string.Join(", ", priors)}].", nameof(Priors));
        return new(EstimatorKind.Classifier, Supervised: true, SupportsSampleWeight: true);
    }

    /// <summary>Fits x: (n, d) to labels y (n) with optional weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values, fewer than two classes, or priors of the wrong length.</exception>
    public GaussianNBModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(GaussianNB);
        var xs = InputChecks.Features(name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (classes, codes) = ClassifierChecks.Encode(name, y, n);
        var w = InputChecks.Weights(name, sampleWeight, n);
        int c = classes.Count;
        if (Priors is not null && Priors.Length != c)
            throw new ArgumentException($"{name}: {Priors.Length} priors given for {c} classes.", nameof(Priors));
        var data = xs.AsSpan();
        var weights = new double[n];
        for (int i = 0; i < n; i++) weights[i] = w is null ? 1.0 : double.CreateTruncating(w[i]);

        // Per-class weighted sums, then means and population variances (two passes for accuracy).
        var count = new double[c];
        var mean = new double[c * d];
        var variance = new double[c * d];
        for (int i = 0; i < n; i++)
        {
            double wi = weights[i];
            count[codes[i]] += wi;
            for (int j = 0; j < d; j++) mean[codes[i] * d + j] += wi * double.CreateTruncating(data[i * d + j]);
        }
        for (int k = 0; k < c; k++)
        {
            if (count[k] == 0) throw new ArgumentException($"{name}: class {classes.Decode([k]).Format(0)} has zero total weight.", nameof(sampleWeight));
            for (int j = 0; j < d; j++) mean[k * d + j] /= count[k];
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                double r = double.CreateTruncating(data[i * d + j]) - mean[codes[i] * d + j];
                variance[codes[i] * d + j] += weights[i] * r * r;
            }
        double epsilon = VarSmoothing * MaxFeatureVariance(data, n, d);
        for (int k = 0; k < c; k++)
            for (int j = 0; j < d; j++) variance[k * d + j] = variance[k * d + j] / count[k] + epsilon;
        double total = count.Sum();
        var prior = Priors is not null ? (double[])Priors.Clone() : Array.ConvertAll(count, v => v / total);
        return new GaussianNBModel<T>(this, classes, Cast<T>(mean, c, d), Cast<T>(variance, c, d), Cast<T>(prior, c), Cast<T>(count, c), epsilon);
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    private static double MaxFeatureVariance<T>(ReadOnlySpan<T> data, int n, int d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double max = 0;
        for (int j = 0; j < d; j++)
        {
            double m = 0, v = 0;
            for (int i = 0; i < n; i++) m += double.CreateTruncating(data[i * d + j]);
            m /= n;
            for (int i = 0; i < n; i++) { double r = double.CreateTruncating(data[i * d + j]) - m; v += r * r; }
            max = Math.Max(max, v / n);
        }
        return max;
    }

    internal static Tensor<T> Cast<T>(double[] v, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new T[v.Length];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateTruncating(v[i]);
        return Tensor.FromArray(a, shape);
    }
}

/// <summary>A fitted <see cref="GaussianNB"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class GaussianNBModel<T> : IProbabilisticModel<T>, ILoadableModel<GaussianNBModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "GaussianNB";

    internal GaussianNBModel(GaussianNB options, ClassLabels classes, Tensor<T> theta, Tensor<T> variance, Tensor<T> prior, Tensor<T> classCount, double epsilon)
    {
        Options = options;
        Classes = classes;
        Theta = theta;
        Variance = variance;
        ClassPrior = prior;
        ClassCount = classCount;
        Epsilon = epsilon;
    }

    /// <summary>The options it was fitted with.</summary>
    public GaussianNB Options { get; }

    /// <inheritdoc />
    public ClassLabels Classes { get; }

    /// <summary>μ: (C, d) per-class feature means (scikit-learn's <c>theta_</c>).</summary>
    public Tensor<T> Theta { get; }

    /// <summary>σ²: (C, d) per-class feature variances including ε (scikit-learn's <c>var_</c>).</summary>
    public Tensor<T> Variance { get; }

    /// <summary>π: (C) class priors.</summary>
    public Tensor<T> ClassPrior { get; }

    /// <summary>(C) total weight per class.</summary>
    public Tensor<T> ClassCount { get; }

    /// <summary>ε added to every variance.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    public int FeatureCount => Theta.Shape[1];

    /// <summary>The joint log-likelihood log πc + log p(x | c): (n, C).</summary>
    public Tensor<T> JointLogLikelihood(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(GaussianNBModel<T>), x, FeatureCount);
        using var _ = Autograd.NoGrad();
        var diff = xs.Unsqueeze(1) - Theta;                                    // (n, C, d)
        var quad = (diff * diff / Variance).Sum(2);                            // (n, C)
        var logNorm = (Variance * T.CreateTruncating(2 * Math.PI)).Log().Sum(1); // (C)
        return ClassPrior.Log() - (logNorm + quad) * T.CreateTruncating(0.5);
    }

    /// <inheritdoc />
    public Labels Predict(Tensor<T> x) => Classes.Decode(ClassifierChecks.ArgMax(JointLogLikelihood(x)));

    /// <inheritdoc />
    public Tensor<T> PredictLogProba(Tensor<T> x)
    {
        var jll = JointLogLikelihood(x);
        using var _ = Autograd.NoGrad();
        return jll - jll.LogSumExp(1, keepDims: true);
    }

    /// <inheritdoc />
    public Tensor<T> PredictProba(Tensor<T> x) => PredictLogProba(x).Exp();

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["theta"] = Theta, ["var"] = Variance, ["class_prior"] = ClassPrior, ["class_count"] = ClassCount },
        new Dictionary<string, string>
        {
            ["classes"] = Classes.ToMetadata(),
            ["var_smoothing"] = Options.VarSmoothing.ToString("R", CultureInfo.InvariantCulture),
            ["epsilon"] = Epsilon.ToString("R", CultureInfo.InvariantCulture),
            ["priors_given"] = (Options.Priors is not null).ToString(CultureInfo.InvariantCulture),
        });

    /// <inheritdoc />
    public static GaussianNBModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var classes = ClassLabels.FromMetadata(f.Option("classes"));
        var theta = f.Tensor("theta", 2);
        var variance = f.Tensor("var", 2);
        var prior = f.Tensor("class_prior", 1);
        if (theta.Shape[0] != classes.Count || !Shapes.Equal(variance.Shape, theta.Shape) || prior.Shape[0] != classes.Count)
            throw new InvalidDataException($"{Kind}: tensor shapes do not match {classes.Count} classes.");
        var priors = f.Flag("priors_given") ? Array.ConvertAll(prior.ToArray(), v => double.CreateTruncating(v)) : null;
        return new GaussianNBModel<T>(new GaussianNB(priors, f.Number("var_smoothing")), classes, theta, variance, prior, f.Tensor("class_count", 1), f.Number("epsilon"));
    }
}
