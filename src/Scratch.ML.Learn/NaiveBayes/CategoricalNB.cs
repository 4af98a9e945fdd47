using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.NaiveBayes;

/// <summary>
/// Categorical naive Bayes (scikit-learn's <c>CategoricalNB</c>): each feature j is a category code
/// 0 … mj − 1 with its own per-class categorical distribution,
/// <c>log P(c | x) ∝ log πc + Σⱼ log θcj[xj]</c>, <c>θcj[t] = (Nctj + α) / (Nc + α mj)</c>,
/// where Nctj is the weighted count of class-c rows whose feature j equals t.
/// </summary>
/// <remarks>
/// Features are non-negative integer codes stored as floats; fractional, negative or too large (≥ 2²⁴, beyond exact
/// float) values are rejected, never truncated. The number of categories of feature j is
/// <c>mj = max(max xj + 1, MinCategories)</c>; a code ≥ mj at prediction is rejected. α below 1e-10 is raised to
/// 1e-10 unless <paramref name="ForceAlpha"/> (scikit-learn 1.2). Priors: <paramref name="ClassPrior"/> if given
/// (used as is), else the class weight fractions if <paramref name="FitPrior"/>, else uniform.
/// </remarks>
/// <param name="Alpha">Additive smoothing α (≥ 0).</param>
/// <param name="ForceAlpha">Keep α even below 1e-10 (scikit-learn 1.2's <c>force_alpha</c>, default false there).</param>
/// <param name="FitPrior">Learn class priors from the class weights (otherwise uniform).</param>
/// <param name="ClassPrior">Class priors in sorted-class order (non-negative), or null.</param>
/// <param name="MinCategories">The least number of categories per feature (≥ 1), or null for the observed maximum + 1.</param>
public sealed record CategoricalNB(double Alpha = 1.0, bool ForceAlpha = false, bool FitPrior = true, double[]? ClassPrior = null, int? MinCategories = null) : IClassifier
{
    /// <summary>Codes must be below 2²⁴ (exact in float32, and a bound on the table size).</summary>
    public const int MaxCategory = 1 << 24;

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Alpha, ClassPrior, MinCategories);

    private static EstimatorCapabilities ValidateAndDescribe(double alpha, double[]? classPrior, int? minCategories)
    {
        DiscreteNB.CheckOptions(nameof(CategoricalNB), alpha, classPrior);
        if (minCategories is { } m && (m < 1 || m > MaxCategory))
            throw new ArgumentOutOfRangeException(nameof(MinCategories), m, $"CategoricalNB: minCategories must be in [1, {MaxCategory}] or null.");
        return new(EstimatorKind.Classifier, Supervised: true, SupportsSampleWeight: true, RequiresIntegerCodes: true);
    }

    /// <summary>Fits category codes x: (n, d) to labels y (n) with optional weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid shapes, non-integer / negative / too large codes, fewer than two classes, a class of zero weight, or priors of the wrong length.</exception>
    public CategoricalNBModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(CategoricalNB);
        var data = DiscreteNB.Prepare(name, x, y, sampleWeight);
        int n = data.N, d = data.D, c = data.C;
        CheckCodes(name, data.X, d, null);
        var categories = new int[d];
        for (int j = 0; j < d; j++)
        {
            int max = 0;
            for (int i = 0; i < n; i++) max = Math.Max(max, (int)data.X[i * d + j]);
            categories[j] = Math.Max(max + 1, MinCategories ?? 1);
        }
        var classCount = new double[c];
        var counts = Array.ConvertAll(categories, m => new double[c * m]);
        for (int i = 0; i < n; i++)
        {
            int k = data.Codes[i];
            classCount[k] += data.Weights[i];
            for (int j = 0; j < d; j++) counts[j][k * categories[j] + (int)data.X[i * d + j]] += data.Weights[i];
        }
        DiscreteNB.CheckClassWeights(name, data, classCount);
        double alpha = DiscreteNB.EffectiveAlpha(Alpha, ForceAlpha);
        var flp = new Tensor<T>[d];
        var cc = new Tensor<T>[d];
        for (int j = 0; j < d; j++)
        {
            cc[j] = GaussianNB.Cast<T>(counts[j], c, categories[j]);
            flp[j] = GaussianNB.Cast<T>(DiscreteNB.LogNormaliseRows(Array.ConvertAll(counts[j], v => v + alpha), c, categories[j]), c, categories[j]);
        }
        var logPrior = DiscreteNB.ClassLogPrior(name, classCount, FitPrior, ClassPrior);
        return new CategoricalNBModel<T>(this, data.Classes, cc, GaussianNB.Cast<T>(classCount, c), flp, GaussianNB.Cast<T>(logPrior, c));
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary>Checks every value is an integer code in [0, 2²⁴), and below <paramref name="categories"/>[j] when given.</summary>
    internal static void CheckCodes(string name, double[] x, int d, int[]? categories)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            int j = i % d;
            if (v < 0 || v != Math.Floor(v) || v >= MaxCategory)
                throw new ArgumentException($"{name}: x[{i / d}, {j}] is {DiscreteNB.Format(v)}; features must be integer category codes in [0, {MaxCategory}).", "x");
            if (categories is not null && v >= categories[j])
                throw new ArgumentException($"{name}: x[{i / d}, {j}] is category {DiscreteNB.Format(v)}, but feature {j} has {categories[j]} categories (0 … {categories[j] - 1}) from fitting; raise MinCategories to allow more.", "x");
        }
    }
}

/// <summary>A fitted <see cref="CategoricalNB"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class CategoricalNBModel<T> : IProbabilisticModel<T>, ILoadableModel<CategoricalNBModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "CategoricalNB";

    internal CategoricalNBModel(CategoricalNB options, ClassLabels classes, Tensor<T>[] categoryCount, Tensor<T> classCount, Tensor<T>[] featureLogProb, Tensor<T> classLogPrior)
    {
        Options = options;
        Classes = classes;
        CategoryCount = categoryCount;
        ClassCount = classCount;
        FeatureLogProb = featureLogProb;
        ClassLogPrior = classLogPrior;
        Categories = Array.ConvertAll(featureLogProb, t => t.Shape[1]);
    }

    /// <summary>The options it was fitted with.</summary>
    public CategoricalNB Options { get; }

    /// <inheritdoc />
    public ClassLabels Classes { get; }

    /// <summary>Per feature j, Nctj: (C, mj) weighted category counts per class (scikit-learn's <c>category_count_</c>).</summary>
    public IReadOnlyList<Tensor<T>> CategoryCount { get; }

    /// <summary>(C) total weight per class (<c>class_count_</c>).</summary>
    public Tensor<T> ClassCount { get; }

    /// <summary>Per feature j, log θcj: (C, mj), each row a log distribution over categories (<c>feature_log_prob_</c>).</summary>
    public IReadOnlyList<Tensor<T>> FeatureLogProb { get; }

    /// <summary>log πc: (C) (<c>class_log_prior_</c>).</summary>
    public Tensor<T> ClassLogPrior { get; }

    /// <summary>mj: the number of categories of each feature (<c>n_categories_</c>).</summary>
    public IReadOnlyList<int> Categories { get; }

    /// <inheritdoc />
    public int FeatureCount => FeatureLogProb.Count;

    /// <summary>The joint log-likelihood <c>log πc + Σⱼ log θcj[xj]</c>: (n, C) for category codes x: (n, d).</summary>
    /// <exception cref="ArgumentException">Wrong feature count, or a value that is not a code seen at fit time.</exception>
    public Tensor<T> JointLogLikelihood(Tensor<T> x)
    {
        const string name = nameof(CategoricalNBModel<T>);
        var xs = DiscreteNB.ToDouble(InputChecks.Features(name, x, FeatureCount));
        int n = x.Shape[0], d = FeatureCount, c = Classes.Count;
        CategoricalNB.CheckCodes(name, xs, d, [.. Categories]);
        var tables = FeatureLogProb.Select(DiscreteNB.Doubles).ToArray();
        var prior = DiscreteNB.Doubles(ClassLogPrior);
        var r = new double[n * c];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < c; k++)
            {
                double s = prior[k];
                for (int j = 0; j < d; j++) s += tables[j][k * Categories[j] + (int)xs[i * d + j]];
                r[i * c + k] = s;
            }
        return GaussianNB.Cast<T>(r, n, c);
    }

    /// <inheritdoc />
    public Labels Predict(Tensor<T> x) => Classes.Decode(ClassifierChecks.ArgMax(JointLogLikelihood(x)));

    /// <inheritdoc />
    public Tensor<T> PredictLogProba(Tensor<T> x) => DiscreteNB.LogProba(JointLogLikelihood(x));

    /// <inheritdoc />
    public Tensor<T> PredictProba(Tensor<T> x) => PredictLogProba(x).Exp();

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var tensors = new Dictionary<string, Tensor<T>> { ["class_count"] = ClassCount, ["class_log_prior"] = ClassLogPrior };
        for (int j = 0; j < FeatureCount; j++)
        {
            tensors[$"category_count.{j}"] = CategoryCount[j];
            tensors[$"feature_log_prob.{j}"] = FeatureLogProb[j];
        }
        ModelFile.Write(stream, Kind, tensors, new Dictionary<string, string>
        {
            ["classes"] = Classes.ToMetadata(),
            ["features"] = FeatureCount.ToString(CultureInfo.InvariantCulture),
            ["alpha"] = DiscreteNB.Format(Options.Alpha),
            ["force_alpha"] = DiscreteNB.Format(Options.ForceAlpha),
            ["fit_prior"] = DiscreteNB.Format(Options.FitPrior),
            ["class_prior"] = DiscreteNB.FormatPrior(Options.ClassPrior),
            ["min_categories"] = Options.MinCategories?.ToString(CultureInfo.InvariantCulture) ?? "",
        });
    }

    /// <inheritdoc />
    public static CategoricalNBModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var classes = ClassLabels.FromMetadata(f.Option("classes"));
        int d = int.Parse(f.Option("features"), CultureInfo.InvariantCulture);
        var cc = new Tensor<T>[d];
        var flp = new Tensor<T>[d];
        for (int j = 0; j < d; j++)
        {
            cc[j] = f.Tensor($"category_count.{j}", 2);
            flp[j] = f.Tensor($"feature_log_prob.{j}", 2);
            if (flp[j].Shape[0] != classes.Count || !Shapes.Equal(cc[j].Shape, flp[j].Shape))
                throw new InvalidDataException($"{Kind}: tensor shapes of feature {j} do not match {classes.Count} classes.");
        }
        var classCount = f.Tensor("class_count", 1);
        var lp = f.Tensor("class_log_prior", 1);
        if (d < 1 || classCount.Shape[0] != classes.Count || lp.Shape[0] != classes.Count)
            throw new InvalidDataException($"{Kind}: tensor shapes do not match {classes.Count} classes.");
        var mc = f.Option("min_categories");
        var options = new CategoricalNB(f.Number("alpha"), f.Flag("force_alpha"), f.Flag("fit_prior"), DiscreteNB.ParsePrior(f.Option("class_prior")),
            mc.Length == 0 ? null : int.Parse(mc, CultureInfo.InvariantCulture));
        return new CategoricalNBModel<T>(options, classes, cc, classCount, flp, lp);
    }
}
