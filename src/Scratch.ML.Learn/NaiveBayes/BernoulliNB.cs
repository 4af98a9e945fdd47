using System.Numerics;

namespace Scratch.ML.Learn.NaiveBayes;

/// <summary>
/// Bernoulli naive Bayes (scikit-learn's <c>BernoulliNB</c>) for binary features (word present / absent):
/// <c>log P(c | x) ∝ log πc + Σⱼ [xj log pcj + (1 − xj) log(1 − pcj)]</c> with the smoothed per-class probability
/// that feature j is on, <c>pcj = (Ncj + α) / (Nc + 2α)</c> (Ncj: weighted count of class-c rows with xj = 1,
/// Nc: class weight).
/// </summary>
/// <remarks>
/// Features are binarised first (<c>xj &gt; Binarize ? 1 : 0</c>) unless <paramref name="Binarize"/> is null, in
/// which case every value must already be 0 or 1 (anything else is rejected rather than silently used). Unlike the
/// multinomial model, absent features count as evidence. α below 1e-10 is raised to 1e-10 unless
/// <paramref name="ForceAlpha"/> (scikit-learn 1.2). Priors: <paramref name="ClassPrior"/> if given (used as is),
/// else the class weight fractions if <paramref name="FitPrior"/>, else uniform.
/// </remarks>
/// <param name="Alpha">Additive smoothing α (≥ 0).</param>
/// <param name="ForceAlpha">Keep α even below 1e-10 (scikit-learn 1.2's <c>force_alpha</c>, default false there).</param>
/// <param name="FitPrior">Learn class priors from the class weights (otherwise uniform).</param>
/// <param name="ClassPrior">Class priors in sorted-class order (non-negative), or null.</param>
/// <param name="Binarize">Threshold: values above it become 1, others 0 (finite); null when x is already 0/1.</param>
public sealed record BernoulliNB(double Alpha = 1.0, bool ForceAlpha = false, bool FitPrior = true, double[]? ClassPrior = null, double? Binarize = 0.0) : IClassifier
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Alpha, ClassPrior, Binarize);

    private static EstimatorCapabilities ValidateAndDescribe(double alpha, double[]? classPrior, double? binarize)
    {
        if (binarize is { } t && !double.IsFinite(t))
            throw new ArgumentOutOfRangeException(nameof(Binarize), t, "BernoulliNB: the binarize threshold must be finite (or null).");
        DiscreteNB.CheckOptions(nameof(BernoulliNB), alpha, classPrior);
        return new(EstimatorKind.Classifier, Supervised: true, SupportsSampleWeight: true);
    }

    /// <summary>Fits x: (n, d) (binarised, or 0/1) to labels y (n) with optional weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values (including non-binary x when Binarize is null), fewer than two classes, a class of zero weight, or priors of the wrong length.</exception>
    public BernoulliNBModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(BernoulliNB);
        var data = DiscreteNB.Prepare(name, x, y, sampleWeight);
        var xb = Binarized(name, data.X, data.D, Binarize);
        var (classCount, featureCount) = DiscreteNB.Count(name, data, xb);
        double alpha = DiscreteNB.EffectiveAlpha(Alpha, ForceAlpha);
        var logPrior = DiscreteNB.ClassLogPrior(name, classCount, FitPrior, ClassPrior);
        var flp = new double[featureCount.Length];
        for (int k = 0; k < data.C; k++)
            for (int j = 0; j < data.D; j++) flp[k * data.D + j] = Math.Log(featureCount[k * data.D + j] + alpha) - Math.Log(classCount[k] + 2 * alpha);
        return new BernoulliNBModel<T>(this, data.Classes, GaussianNB.Cast<T>(featureCount, data.C, data.D), GaussianNB.Cast<T>(classCount, data.C),
            GaussianNB.Cast<T>(flp, data.C, data.D), GaussianNB.Cast<T>(logPrior, data.C));
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary>x thresholded at <paramref name="threshold"/>, or x itself checked to be 0/1 when it is null.</summary>
    internal static double[] Binarized(string name, double[] x, int d, double? threshold)
    {
        if (threshold is { } t) return Array.ConvertAll(x, v => v > t ? 1.0 : 0.0);
        for (int i = 0; i < x.Length; i++)
            if (x[i] != 0 && x[i] != 1)
                throw new ArgumentException($"{name}: x[{i / d}, {i % d}] is {DiscreteNB.Format(x[i])}; with Binarize = null features must be 0 or 1.", "x");
        return x;
    }
}

/// <summary>A fitted <see cref="BernoulliNB"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class BernoulliNBModel<T> : CountTableModel<T>, ILoadableModel<BernoulliNBModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "BernoulliNB";

    internal BernoulliNBModel(BernoulliNB options, ClassLabels classes, Tensor<T> featureCount, Tensor<T> classCount, Tensor<T> featureLogProb, Tensor<T> classLogPrior)
        : base(classes, featureCount, classCount, featureLogProb, classLogPrior) => Options = options;

    /// <summary>The options it was fitted with.</summary>
    public BernoulliNB Options { get; }

    /// <summary>The joint log-likelihood <c>log πc + Σⱼ [bj log pcj + (1 − bj) log(1 − pcj)]</c> of the binarised rows b: (n, C).</summary>
    /// <exception cref="ArgumentException">Wrong feature count, non-finite values, or non-binary values when Binarize is null.</exception>
    public override Tensor<T> JointLogLikelihood(Tensor<T> x)
    {
        var xs = DiscreteNB.ToDouble(InputChecks.Features(nameof(BernoulliNBModel<T>), x, FeatureCount));
        var xb = BernoulliNB.Binarized(nameof(BernoulliNBModel<T>), xs, FeatureCount, Options.Binarize);
        var flp = DiscreteNB.Doubles(FeatureLogProb);
        var bias = DiscreteNB.Doubles(ClassLogPrior);
        var delta = new double[flp.Length];
        int d = FeatureCount;
        for (int i = 0; i < flp.Length; i++)
        {
            double neg = Math.Log(1 - Math.Exp(flp[i]));   // log(1 − p), as scikit-learn computes it
            delta[i] = flp[i] - neg;
            bias[i / d] += neg;
        }
        return DiscreteNB.Linear(xb, x.Shape[0], d, GaussianNB.Cast<T>(delta, bias.Length, d), bias);
    }

    /// <inheritdoc />
    public override void Save(Stream stream) => WriteTables(stream, Kind,
        new Dictionary<string, string>
        {
            ["alpha"] = DiscreteNB.Format(Options.Alpha),
            ["force_alpha"] = DiscreteNB.Format(Options.ForceAlpha),
            ["fit_prior"] = DiscreteNB.Format(Options.FitPrior),
            ["class_prior"] = DiscreteNB.FormatPrior(Options.ClassPrior),
            ["binarize"] = Options.Binarize is { } t ? DiscreteNB.Format(t) : "",
        });

    /// <inheritdoc />
    public static BernoulliNBModel<T> Load(Stream stream)
    {
        var (f, classes, fc, cc, flp, lp) = ReadTables(stream, Kind);
        var options = new BernoulliNB(f.Number("alpha"), f.Flag("force_alpha"), f.Flag("fit_prior"), DiscreteNB.ParsePrior(f.Option("class_prior")),
            f.Option("binarize") is { Length: > 0 } t ? double.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : null);
        return new BernoulliNBModel<T>(options, classes, fc, cc, flp, lp);
    }
}
