using System.Numerics;

namespace Scratch.ML.Learn.NaiveBayes;

/// <summary>
/// Multinomial naive Bayes (scikit-learn's <c>MultinomialNB</c>) for counts or frequencies (word counts, tf-idf):
/// <c>log P(c | x) ∝ log πc + Σⱼ xj log θcj</c> with the smoothed per-class feature distribution
/// <c>θcj = (Ncj + α) / (Nc + α d)</c>, where Ncj is the weighted sum of feature j over class c and Nc = Σⱼ Ncj.
/// </summary>
/// <remarks>
/// α = 1 is Laplace smoothing, α &lt; 1 Lidstone smoothing. As in scikit-learn 1.2 (force_alpha=False), an α below
/// 1e-10 is raised to 1e-10 unless <paramref name="ForceAlpha"/>; with α = 0 forced, an unseen feature gives
/// log θ = −∞. Priors: <paramref name="ClassPrior"/> if given (used as is, not normalised), else the class weight
/// fractions if <paramref name="FitPrior"/>, else uniform. Negative features are rejected. Counts are in float64.
/// </remarks>
/// <param name="Alpha">Additive smoothing α (≥ 0).</param>
/// <param name="ForceAlpha">Keep α even below 1e-10 (scikit-learn 1.2's <c>force_alpha</c>, default false there).</param>
/// <param name="FitPrior">Learn class priors from the class weights (otherwise uniform).</param>
/// <param name="ClassPrior">Class priors in sorted-class order (non-negative), or null.</param>
public sealed record MultinomialNB(double Alpha = 1.0, bool ForceAlpha = false, bool FitPrior = true, double[]? ClassPrior = null) : IClassifier
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Alpha, ClassPrior);

    private static EstimatorCapabilities ValidateAndDescribe(double alpha, double[]? classPrior)
    {
        DiscreteNB.CheckOptions(nameof(MultinomialNB), alpha, classPrior);
        return new(EstimatorKind.Classifier, Supervised: true, SupportsSampleWeight: true, RequiresNonNegativeInput: true);
    }

    /// <summary>Fits non-negative x: (n, d) to labels y (n) with optional weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values (including negative features), fewer than two classes, a class of zero weight, or priors of the wrong length.</exception>
    public MultinomialNBModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(MultinomialNB);
        var data = DiscreteNB.Prepare(name, x, y, sampleWeight);
        DiscreteNB.CheckNonNegative(name, data.X, data.D);
        var (classCount, featureCount) = DiscreteNB.Count(name, data, data.X);
        double alpha = DiscreteNB.EffectiveAlpha(Alpha, ForceAlpha);
        var logPrior = DiscreteNB.ClassLogPrior(name, classCount, FitPrior, ClassPrior);
        var flp = DiscreteNB.LogNormaliseRows(Array.ConvertAll(featureCount, v => v + alpha), data.C, data.D);
        return new MultinomialNBModel<T>(this, data.Classes, GaussianNB.Cast<T>(featureCount, data.C, data.D), GaussianNB.Cast<T>(classCount, data.C),
            GaussianNB.Cast<T>(flp, data.C, data.D), GaussianNB.Cast<T>(logPrior, data.C));
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="MultinomialNB"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class MultinomialNBModel<T> : CountTableModel<T>, ILoadableModel<MultinomialNBModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "MultinomialNB";

    internal MultinomialNBModel(MultinomialNB options, ClassLabels classes, Tensor<T> featureCount, Tensor<T> classCount, Tensor<T> featureLogProb, Tensor<T> classLogPrior)
        : base(classes, featureCount, classCount, featureLogProb, classLogPrior) => Options = options;

    /// <summary>The options it was fitted with.</summary>
    public MultinomialNB Options { get; }

    /// <summary>The joint log-likelihood <c>log πc + Σⱼ xj log θcj</c>: (n, C) for non-negative x: (n, d).</summary>
    /// <exception cref="ArgumentException">Wrong feature count, non-finite or negative values.</exception>
    public override Tensor<T> JointLogLikelihood(Tensor<T> x)
    {
        var xs = DiscreteNB.ToDouble(InputChecks.Features(nameof(MultinomialNBModel<T>), x, FeatureCount));
        DiscreteNB.CheckNonNegative(nameof(MultinomialNBModel<T>), xs, FeatureCount);
        return DiscreteNB.Linear(xs, x.Shape[0], FeatureCount, FeatureLogProb, DiscreteNB.Doubles(ClassLogPrior));
    }

    /// <inheritdoc />
    public override void Save(Stream stream) => WriteTables(stream, Kind,
        new Dictionary<string, string>
        {
            ["alpha"] = DiscreteNB.Format(Options.Alpha),
            ["force_alpha"] = DiscreteNB.Format(Options.ForceAlpha),
            ["fit_prior"] = DiscreteNB.Format(Options.FitPrior),
            ["class_prior"] = DiscreteNB.FormatPrior(Options.ClassPrior),
        });

    /// <inheritdoc />
    public static MultinomialNBModel<T> Load(Stream stream)
    {
        var (f, classes, fc, cc, flp, lp) = ReadTables(stream, Kind);
        var options = new MultinomialNB(f.Number("alpha"), f.Flag("force_alpha"), f.Flag("fit_prior"), DiscreteNB.ParsePrior(f.Option("class_prior")));
        return new MultinomialNBModel<T>(options, classes, fc, cc, flp, lp);
    }
}
