using System.Numerics;

namespace Scratch.ML.Learn.NaiveBayes;

/// <summary>
/// Complement naive Bayes (scikit-learn's <c>ComplementNB</c>, Rennie et al. 2003) for counts or frequencies, suited
/// to imbalanced classes: each class is scored against the statistics of all <em>other</em> classes,
/// <c>score(c | x) = Σⱼ xj wcj</c> with <c>wcj = −log θ̃cj</c>, where
/// <c>θ̃cj = (Σ_{c'≠c} Nc'j + α) / Σⱼ (Σ_{c'≠c} Nc'j + α)</c> is the smoothed complement distribution.
/// </summary>
/// <remarks>
/// With <paramref name="Norm"/> the weights become <c>wcj = log θ̃cj / Σⱼ log θ̃cj</c> (the second normalisation of
/// the paper). As in scikit-learn, the class prior is only added to the score when there is a single class, which
/// fitting rejects, so it never affects predictions; <see cref="CountTableModel{T}.ClassLogPrior"/> is still
/// computed (<paramref name="ClassPrior"/>, else class fractions if <paramref name="FitPrior"/>, else uniform).
/// α below 1e-10 is raised to 1e-10 unless <paramref name="ForceAlpha"/> (scikit-learn 1.2). Negative features are rejected.
/// </remarks>
/// <param name="Alpha">Additive smoothing α (≥ 0).</param>
/// <param name="ForceAlpha">Keep α even below 1e-10 (scikit-learn 1.2's <c>force_alpha</c>, default false there).</param>
/// <param name="FitPrior">Learn class priors from the class weights (otherwise uniform).</param>
/// <param name="ClassPrior">Class priors in sorted-class order (non-negative), or null.</param>
/// <param name="Norm">Normalise each class's weight vector (the paper's second normalisation; scikit-learn's <c>norm</c>).</param>
public sealed record ComplementNB(double Alpha = 1.0, bool ForceAlpha = false, bool FitPrior = true, double[]? ClassPrior = null, bool Norm = false) : IClassifier
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Alpha, ClassPrior);

    private static EstimatorCapabilities ValidateAndDescribe(double alpha, double[]? classPrior)
    {
        DiscreteNB.CheckOptions(nameof(ComplementNB), alpha, classPrior);
        return new(EstimatorKind.Classifier, Supervised: true, SupportsSampleWeight: true, RequiresNonNegativeInput: true);
    }

    /// <summary>Fits non-negative x: (n, d) to labels y (n) with optional weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values (including negative features), fewer than two classes, a class of zero weight, or priors of the wrong length.</exception>
    public ComplementNBModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(ComplementNB);
        var data = DiscreteNB.Prepare(name, x, y, sampleWeight);
        DiscreteNB.CheckNonNegative(name, data.X, data.D);
        var (classCount, featureCount) = DiscreteNB.Count(name, data, data.X);
        double alpha = DiscreteNB.EffectiveAlpha(Alpha, ForceAlpha);
        var logPrior = DiscreteNB.ClassLogPrior(name, classCount, FitPrior, ClassPrior);
        int nc = data.C, d = data.D;
        var comp = new double[nc * d];
        for (int j = 0; j < d; j++)
        {
            double all = 0;
            for (int k = 0; k < nc; k++) all += featureCount[k * d + j];
            for (int k = 0; k < nc; k++) comp[k * d + j] = all + alpha - featureCount[k * d + j];
        }
        var flp = DiscreteNB.LogNormaliseRows(comp, nc, d);
        for (int k = 0; k < nc; k++)
        {
            double sum = 0;
            for (int j = 0; j < d; j++) sum += flp[k * d + j];
            for (int j = 0; j < d; j++) flp[k * d + j] = Norm ? flp[k * d + j] / sum : -flp[k * d + j];
        }
        return new ComplementNBModel<T>(this, data.Classes, GaussianNB.Cast<T>(featureCount, data.C, data.D), GaussianNB.Cast<T>(classCount, data.C),
            GaussianNB.Cast<T>(flp, data.C, data.D), GaussianNB.Cast<T>(logPrior, data.C));
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="ComplementNB"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ComplementNBModel<T> : CountTableModel<T>, ILoadableModel<ComplementNBModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "ComplementNB";

    internal ComplementNBModel(ComplementNB options, ClassLabels classes, Tensor<T> featureCount, Tensor<T> classCount, Tensor<T> featureLogProb, Tensor<T> classLogPrior)
        : base(classes, featureCount, classCount, featureLogProb, classLogPrior) => Options = options;

    /// <summary>The options it was fitted with.</summary>
    public ComplementNB Options { get; }

    /// <summary>The class scores <c>Σⱼ xj wcj</c> (scikit-learn's joint log-likelihood): (n, C) for non-negative x: (n, d).</summary>
    /// <exception cref="ArgumentException">Wrong feature count, non-finite or negative values.</exception>
    public override Tensor<T> JointLogLikelihood(Tensor<T> x)
    {
        var xs = DiscreteNB.ToDouble(InputChecks.Features(nameof(ComplementNBModel<T>), x, FeatureCount));
        DiscreteNB.CheckNonNegative(nameof(ComplementNBModel<T>), xs, FeatureCount);
        return DiscreteNB.Linear(xs, x.Shape[0], FeatureCount, FeatureLogProb, bias: null);
    }

    /// <inheritdoc />
    public override void Save(Stream stream) => WriteTables(stream, Kind,
        new Dictionary<string, string>
        {
            ["alpha"] = DiscreteNB.Format(Options.Alpha),
            ["force_alpha"] = DiscreteNB.Format(Options.ForceAlpha),
            ["fit_prior"] = DiscreteNB.Format(Options.FitPrior),
            ["class_prior"] = DiscreteNB.FormatPrior(Options.ClassPrior),
            ["norm"] = DiscreteNB.Format(Options.Norm),
        });

    /// <inheritdoc />
    public static ComplementNBModel<T> Load(Stream stream)
    {
        var (f, classes, fc, cc, flp, lp) = ReadTables(stream, Kind);
        var options = new ComplementNB(f.Number("alpha"), f.Flag("force_alpha"), f.Flag("fit_prior"), DiscreteNB.ParsePrior(f.Option("class_prior")), f.Flag("norm"));
        return new ComplementNBModel<T>(options, classes, fc, cc, flp, lp);
    }
}
