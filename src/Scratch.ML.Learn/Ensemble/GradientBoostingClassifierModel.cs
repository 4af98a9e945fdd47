using System.Numerics;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Serialization;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// A fitted <see cref="GradientBoostingClassifier"/>. Raw scores F(x) (<see cref="DecisionFunction"/>): one column
/// for two classes (the log-odds of class 1 for log-loss, half of it for the exponential loss), one per class for
/// the multinomial loss.
/// </summary>
/// <typeparam name="T">float or double (trees route and sum in float64).</typeparam>
public sealed class GradientBoostingClassifierModel<T> : IProbabilisticModel<T>, ILoadableModel<GradientBoostingClassifierModel<T>>, ITreeEnsembleModel
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "GradientBoostingClassifier";
    private readonly GradientBoostingCore core;

    internal GradientBoostingClassifierModel(GradientBoostingClassifier options, ClassLabels classes, GradientBoostingCore core)
    {
        Options = options;
        Classes = classes;
        this.core = core;
        int expected = classes.Count == 2 ? 1 : classes.Count;
        if (core.TreesPerStage != expected)
            throw new InvalidDataException($"{Kind}: {classes.Count} classes need {expected} tree(s) per stage, got {core.TreesPerStage}.");
        if (options.Loss == GradientBoostingClassificationLoss.Exponential && classes.Count != 2)
            throw new InvalidDataException($"{Kind}: the exponential loss needs 2 classes, got {classes.Count}.");
    }

    /// <summary>The options it was fitted with.</summary>
    public GradientBoostingClassifier Options { get; }

    /// <inheritdoc />
    public ClassLabels Classes { get; }

    /// <inheritdoc />
    public int FeatureCount => core.FeatureCount;

    /// <summary>Stages fitted (NEstimators, or fewer after early stopping): scikit-learn's <c>n_estimators_</c>.</summary>
    public int NEstimatorsFitted => core.Stages;

    /// <summary>The trees, stage-major: tree m·K + k adds to raw output k (K = 1 for two classes); values are unshrunk Newton steps.</summary>
    public IReadOnlyList<TreeStructure> Trees => core.Trees;

    /// <summary>The initial raw scores F₀ (K): log-odds (or half of them, exponential) or log-priors of the weighted class frequencies; zeros for <see cref="GradientBoostingInit.Zero"/>.</summary>
    /// <exception cref="InvalidOperationException">The model starts from an init estimator (F₀ differs per row; see <see cref="InitModel"/>).</exception>
    public IReadOnlyList<double> InitialRaw => Array.AsReadOnly(core.InitialRaw);

    /// <summary>The fitted init estimator's model (scikit-learn's <c>init_</c>), or null when the start is a constant.</summary>
    public IProbabilisticModel<T>? InitModel => core.Init.Model as IProbabilisticModel<T>;

    /// <summary>
    /// Warm start (scikit-learn's <c>warm_start=True</c> with a larger <c>n_estimators</c>): a NEW model whose stages
    /// are this model's <see cref="NEstimatorsFitted"/> stages plus up to <paramref name="count"/> more, boosted from
    /// this model's raw scores on x, y (and weights), which must be the data it was fitted on; this model is
    /// unchanged and the start (prior, zero or init estimator) is not refitted. Without early stopping the result
    /// equals fitting with NEstimators = <see cref="NEstimatorsFitted"/> + count at once (stage m draws from
    /// generator stream m + 1 of the seed, also with Subsample &lt; 1), and its Options say so. With
    /// <c>NIterNoChange</c> the early-stopping split is the original one (stream 0 of the seed on the same rows), the
    /// validation history starts afresh, and the new stages may stop early.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 0.</exception>
    /// <exception cref="ArgumentException">x does not have <see cref="FeatureCount"/> columns, y has other classes than <see cref="Classes"/>, or invalid weights.</exception>
    public GradientBoostingClassifierModel<T> AddStages(Tensor<T> x, Labels y, int count, Tensor<T>? sampleWeight = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var options = Options with { NEstimators = NEstimatorsFitted + count };
        return options.Fit($"{Kind}Model.{nameof(AddStages)}", x, y, sampleWeight, core.Fit, FeatureCount, Classes);
    }

    /// <summary>The training loss after each stage (in-bag rows when subsampling): (stages). Log-loss is reported as scikit-learn's deviance (twice the mean log-loss) for two classes.</summary>
    public IReadOnlyList<double> TrainScore => Array.AsReadOnly(core.TrainScore);

    /// <summary>With Subsample &lt; 1: the decrease of the out-of-bag loss brought by each stage; otherwise null.</summary>
    public IReadOnlyList<double>? OobImprovement => core.OobImprovement is { } o ? Array.AsReadOnly(o) : null;

    /// <summary>Normalised impurity-based importances (d), scikit-learn's <c>feature_importances_</c>.</summary>
    public double[] FeatureImportances => core.FeatureImportances();

    /// <summary>
    /// The trees as an additive sum in log-odds space: link Logistic (two classes) or Softmax; for the exponential
    /// loss base and weights are doubled, since P(y = 1) = σ(2F).
    /// </summary>
    public TreeEnsemble Ensemble => core.TreesPerStage > 1
        ? core.Ensemble(RawOutputLink.Softmax, 1.0)
        : core.Ensemble(RawOutputLink.Logistic, Options.Loss == GradientBoostingClassificationLoss.Exponential ? 2.0 : 1.0);

    /// <summary>The raw scores F(x): (n) for two classes, (n, C) otherwise.</summary>
    public Tensor<T> DecisionFunction(Tensor<T> x)
    {
        var rows = core.Rows(nameof(GradientBoostingClassifierModel<T>), x, out int n);
        return Shape(core.Raw(rows, n, core.Stages), n);
    }

    /// <summary>The raw scores after each stage 1 … <see cref="NEstimatorsFitted"/>, shaped as <see cref="DecisionFunction"/>.</summary>
    public IEnumerable<Tensor<T>> StagedDecisionFunction(Tensor<T> x)
    {
        var rows = core.Rows(nameof(GradientBoostingClassifierModel<T>), x, out int n);
        return core.StagedRaw(rows, n).Select(r => Shape(r, n));
    }

    /// <inheritdoc />
    public Labels Predict(Tensor<T> x)
    {
        var rows = core.Rows(nameof(GradientBoostingClassifierModel<T>), x, out int n);
        return Decide(core.Raw(rows, n, core.Stages), n);
    }

    /// <summary>The predicted labels after each stage 1 … <see cref="NEstimatorsFitted"/>.</summary>
    public IEnumerable<Labels> StagedPredict(Tensor<T> x)
    {
        var rows = core.Rows(nameof(GradientBoostingClassifierModel<T>), x, out int n);
        return core.StagedRaw(rows, n).Select(r => Decide(r, n));
    }

    /// <inheritdoc />
    public Tensor<T> PredictProba(Tensor<T> x)
    {
        var rows = core.Rows(nameof(GradientBoostingClassifierModel<T>), x, out int n);
        return GradientBoostingCore.Cast<T>(Proba(core.Raw(rows, n, core.Stages), n), n, Classes.Count);
    }

    /// <summary>The class probabilities after each stage: each (n, C).</summary>
    public IEnumerable<Tensor<T>> StagedPredictProba(Tensor<T> x)
    {
        var rows = core.Rows(nameof(GradientBoostingClassifierModel<T>), x, out int n);
        return core.StagedRaw(rows, n).Select(r => GradientBoostingCore.Cast<T>(Proba(r, n), n, Classes.Count));
    }

    /// <summary>log P(class | x): (n, C), from the raw scores (log σ(z) = −log(1 + e^−z), z − logsumexp(F)).</summary>
    public Tensor<T> PredictLogProba(Tensor<T> x)
    {
        var rows = core.Rows(nameof(GradientBoostingClassifierModel<T>), x, out int n);
        var raw = core.Raw(rows, n, core.Stages);
        int c = Classes.Count;
        var r = new double[n * c];
        for (int i = 0; i < n; i++)
        {
            if (core.TreesPerStage == 1)
            {
                double z = Options.Loss == GradientBoostingClassificationLoss.Exponential ? 2 * raw[i] : raw[i];
                r[i * 2] = -LogOnePlusExp(z);
                r[i * 2 + 1] = -LogOnePlusExp(-z);
            }
            else
            {
                var row = raw.AsSpan(i * c, c);
                double lse = MultinomialLoss.LogSumExp(row);
                for (int k = 0; k < c; k++) r[i * c + k] = row[k] - lse;
            }
        }
        return GradientBoostingCore.Cast<T>(r, n, c);
    }

    private static double LogOnePlusExp(double z) => z > 0 ? z + ClassificationBoostingLoss.LogOnePlus(Math.Exp(-z)) : ClassificationBoostingLoss.LogOnePlus(Math.Exp(z));

    private Tensor<T> Shape(double[] raw, int n) => core.TreesPerStage == 1 ? GradientBoostingCore.Cast<T>(raw, n) : GradientBoostingCore.Cast<T>(raw, n, core.TreesPerStage);

    /// <summary>scikit-learn's <c>_raw_prediction_to_proba</c>.</summary>
    private double[] Proba(double[] raw, int n)
    {
        int c = Classes.Count;
        var p = new double[n * c];
        for (int i = 0; i < n; i++)
        {
            if (core.TreesPerStage == 1)
            {
                double p1 = ClassificationBoostingLoss.Expit(Options.Loss == GradientBoostingClassificationLoss.Exponential ? 2.0 * raw[i] : raw[i]);
                p[i * 2 + 1] = p1;
                p[i * 2] = 1 - p1;
            }
            else
            {
                var row = raw.AsSpan(i * c, c);
                double lse = MultinomialLoss.LogSumExp(row);
                for (int k = 0; k < c; k++) p[i * c + k] = Math.Exp(row[k] - lse);
            }
        }
        return p;
    }

    /// <summary>scikit-learn's <c>_raw_prediction_to_decision</c>: arg-max probability (first on ties), or F ≥ 0 for the exponential loss.</summary>
    private Labels Decide(double[] raw, int n)
    {
        var idx = new int[n];
        if (Options.Loss == GradientBoostingClassificationLoss.Exponential)
            for (int i = 0; i < n; i++) idx[i] = raw[i] >= 0 ? 1 : 0;
        else
        {
            var p = Proba(raw, n);
            int c = Classes.Count;
            for (int i = 0; i < n; i++)
            {
                int best = 0;
                for (int k = 1; k < c; k++) if (p[i * c + k] > p[i * c + best]) best = k;
                idx[i] = best;
            }
        }
        return Classes.Decode(idx);
    }

    /// <summary>
    /// The leaf (node index within its tree, the numbering of <see cref="TreeStructure"/> and scikit-learn's
    /// <c>apply</c>) that each row of x (n, d) reaches in every tree: (n, <see cref="NEstimatorsFitted"/>, K), K = 1
    /// for two classes, the class count otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">x is not (n, <see cref="FeatureCount"/>) or holds NaN/∞.</exception>
    public Tensor<int> Apply(Tensor<T> x)
    {
        var rows = core.Rows(nameof(GradientBoostingClassifierModel<T>), x, out int n);
        return Tensor.FromArray(core.Apply(rows, n), n, core.Stages, core.TreesPerStage);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var tensors = new Dictionary<string, SafeTensorValue>();
        var meta = Options.Settings.ToMetadata();
        meta["loss"] = Options.Loss.ToString();
        meta["classes"] = Classes.ToMetadata();
        meta["init"] = GradientBoostingInit.ToMetadata(Options.Init);
        core.Write(tensors, meta);
        ModelFile.Write<T>(stream, Kind, tensors, meta);
    }

    /// <inheritdoc />
    public static GradientBoostingClassifierModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var s = GradientBoostingSettings.FromMetadata(f.Option);
        GradientBoostingClassifier options;
        try
        {
            options = new GradientBoostingClassifier(Enum.Parse<GradientBoostingClassificationLoss>(f.Option("loss")), s.LearningRate, s.NEstimators,
                s.Subsample, s.Criterion, s.MinSamplesSplit, s.MinSamplesLeaf, s.MinWeightFractionLeaf, s.MaxDepth, s.MinImpurityDecrease, s.MaxFeatures,
                s.MaxLeafNodes, s.ValidationFraction, s.NIterNoChange, s.Tol, s.Seed, GradientBoostingInit.FromMetadata(f.File.Metadata, Kind));
        }
        catch (ArgumentException e) { throw new InvalidDataException($"{Kind}: invalid options in the file ({e.Message}).", e); }
        var classes = ClassLabels.FromMetadata(f.Option("classes"));
        if (classes.Count < 2) throw new InvalidDataException($"{Kind}: the file lists {classes.Count} class(es).");
        return new GradientBoostingClassifierModel<T>(options, classes, GradientBoostingCore.Read(f, Kind, options.LearningRate));
    }
}
