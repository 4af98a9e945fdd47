using System.Numerics;

namespace Scratch.ML.Learn.NaiveBayes;

/// <summary>
/// What the multinomial, complement and Bernoulli models share: four learned tables, prediction from the joint
/// log-likelihood each model defines, and the model-file layout. Each subclass adds its options and its score.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public abstract class CountTableModel<T> : IProbabilisticModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Stores the tables (shapes checked by <see cref="ReadTables"/> when loading).</summary>
    private protected CountTableModel(ClassLabels classes, Tensor<T> featureCounts, Tensor<T> classCount, Tensor<T> featureLogProb, Tensor<T> classLogPrior)
    {
        Classes = classes;
        FeatureCounts = featureCounts;
        ClassCount = classCount;
        FeatureLogProb = featureLogProb;
        ClassLogPrior = classLogPrior;
    }

    /// <inheritdoc />
    public ClassLabels Classes { get; }

    /// <summary>(C, d) weighted feature sums per class (scikit-learn's <c>feature_count_</c>).</summary>
    public Tensor<T> FeatureCounts { get; }

    /// <summary>(C) total weight per class (<c>class_count_</c>).</summary>
    public Tensor<T> ClassCount { get; }

    /// <summary>(C, d) the per-class feature parameters in log space (<c>feature_log_prob_</c>; see each model).</summary>
    public Tensor<T> FeatureLogProb { get; }

    /// <summary>log πc: (C) (<c>class_log_prior_</c>; −∞ for a zero given prior).</summary>
    public Tensor<T> ClassLogPrior { get; }

    /// <inheritdoc />
    public int FeatureCount => FeatureLogProb.Shape[1];

    /// <summary>The per-class scores whose arg-max is the prediction: (n, C) for x: (n, d).</summary>
    public abstract Tensor<T> JointLogLikelihood(Tensor<T> x);

    /// <inheritdoc />
    public Labels Predict(Tensor<T> x) => Classes.Decode(ClassifierChecks.ArgMax(JointLogLikelihood(x)));

    /// <inheritdoc />
    public Tensor<T> PredictLogProba(Tensor<T> x) => DiscreteNB.LogProba(JointLogLikelihood(x));

    /// <inheritdoc />
    public Tensor<T> PredictProba(Tensor<T> x) => PredictLogProba(x).Exp();

    /// <inheritdoc />
    public abstract void Save(Stream stream);

    /// <summary>Writes the four tables, the classes and <paramref name="options"/> as a model of <paramref name="kind"/>.</summary>
    private protected void WriteTables(Stream stream, string kind, Dictionary<string, string> options)
    {
        options["classes"] = Classes.ToMetadata();
        ModelFile.Write(stream, kind,
            new Dictionary<string, Tensor<T>> { ["feature_count"] = FeatureCounts, ["class_count"] = ClassCount, ["feature_log_prob"] = FeatureLogProb, ["class_log_prior"] = ClassLogPrior },
            options);
    }

    /// <summary>Reads the four tables and the classes of a model of <paramref name="kind"/>, checking their shapes.</summary>
    /// <exception cref="InvalidDataException">Another kind or element type, or shapes that do not agree.</exception>
    private protected static (ModelFileContents<T> File, ClassLabels Classes, Tensor<T> FeatureCounts, Tensor<T> ClassCount, Tensor<T> FeatureLogProb, Tensor<T> ClassLogPrior)
        ReadTables(Stream stream, string kind)
    {
        var f = ModelFile.Read<T>(stream, kind);
        var classes = ClassLabels.FromMetadata(f.Option("classes"));
        var fc = f.Tensor("feature_count", 2);
        var flp = f.Tensor("feature_log_prob", 2);
        var cc = f.Tensor("class_count", 1);
        var lp = f.Tensor("class_log_prior", 1);
        if (fc.Shape[0] != classes.Count || !Shapes.Equal(fc.Shape, flp.Shape) || cc.Shape[0] != classes.Count || lp.Shape[0] != classes.Count)
            throw new InvalidDataException($"{kind}: tensor shapes do not match {classes.Count} classes.");
        return (f, classes, fc, cc, flp, lp);
    }
}
