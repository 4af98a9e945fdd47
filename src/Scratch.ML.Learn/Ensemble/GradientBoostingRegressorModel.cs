using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Serialization;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>A fitted <see cref="GradientBoostingRegressor"/>: prediction = F₀ + ν Σ_m tree_m(x).</summary>
/// <typeparam name="T">float or double (trees route and sum in float64).</typeparam>
public sealed class GradientBoostingRegressorModel<T> : IRegressionModel<T>, ILoadableModel<GradientBoostingRegressorModel<T>>, ITreeEnsembleModel
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "GradientBoostingRegressor";
    private readonly GradientBoostingCore core;

    internal GradientBoostingRegressorModel(GradientBoostingRegressor options, GradientBoostingCore core)
    {
        Options = options;
        this.core = core;
    }

    /// <summary>The options it was fitted with.</summary>
    public GradientBoostingRegressor Options { get; }

    /// <inheritdoc />
    public int FeatureCount => core.FeatureCount;

    /// <summary>Stages fitted (NEstimators, or fewer after early stopping): scikit-learn's <c>n_estimators_</c>.</summary>
    public int NEstimatorsFitted => core.Stages;

    /// <summary>The trees, one per stage, holding the unshrunk leaf updates (the prediction adds ν × value).</summary>
    public IReadOnlyList<TreeStructure> Trees => core.Trees;

    /// <summary>The initial prediction F₀ (mean, median or Alpha-quantile of y, weighted when weights were given; 0 for <see cref="GradientBoostingInit.Zero"/>).</summary>
    /// <exception cref="InvalidOperationException">The model starts from an init estimator (F₀ differs per row; see <see cref="InitModel"/>).</exception>
    public double InitialPrediction => core.InitialRaw[0];

    /// <summary>The fitted init estimator's model (scikit-learn's <c>init_</c>), or null when the start is a constant.</summary>
    public IRegressionModel<T>? InitModel => core.Init.Model as IRegressionModel<T>;

    /// <summary>
    /// Warm start (scikit-learn's <c>warm_start=True</c> with a larger <c>n_estimators</c>): a NEW model whose stages
    /// are this model's <see cref="NEstimatorsFitted"/> stages plus up to <paramref name="count"/> more, boosted from
    /// this model's raw predictions on x, y (and weights), which must be the data it was fitted on; this model is
    /// unchanged and the start (prior, zero or init estimator) is not refitted. Without early stopping the result
    /// equals fitting with NEstimators = <see cref="NEstimatorsFitted"/> + count at once (stage m draws from
    /// generator stream m + 1 of the seed, also with Subsample &lt; 1), and its Options say so. With
    /// <c>NIterNoChange</c> the early-stopping split is the original one (stream 0 of the seed on the same rows), the
    /// validation history starts afresh, and the new stages may stop early.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 0.</exception>
    /// <exception cref="ArgumentException">x does not have <see cref="FeatureCount"/> columns, or invalid y or weights.</exception>
    public GradientBoostingRegressorModel<T> AddStages(Tensor<T> x, Tensor<T> y, int count, Tensor<T>? sampleWeight = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var options = Options with { NEstimators = NEstimatorsFitted + count };
        return options.Fit($"{Kind}Model.{nameof(AddStages)}", x, y, sampleWeight, core.Fit, FeatureCount);
    }

    /// <summary>The training loss after each stage (on the in-bag rows when subsampling): (stages).</summary>
    public IReadOnlyList<double> TrainScore => Array.AsReadOnly(core.TrainScore);

    /// <summary>With Subsample &lt; 1: the decrease of the out-of-bag loss brought by each stage; otherwise null.</summary>
    public IReadOnlyList<double>? OobImprovement => core.OobImprovement is { } o ? Array.AsReadOnly(o) : null;

    /// <summary>Normalised impurity-based importances (d), scikit-learn's <c>feature_importances_</c>.</summary>
    public double[] FeatureImportances => core.FeatureImportances();

    /// <inheritdoc />
    public TreeEnsemble Ensemble => core.Ensemble(RawOutputLink.Identity, 1.0);

    /// <inheritdoc />
    public Tensor<T> Predict(Tensor<T> x)
    {
        var rows = core.Rows(nameof(GradientBoostingRegressorModel<T>), x, out int n);
        return GradientBoostingCore.Cast<T>(core.Raw(rows, n, core.Stages), n);
    }

    /// <summary>The predictions after each stage 1 … <see cref="NEstimatorsFitted"/>: each (n).</summary>
    public IEnumerable<Tensor<T>> StagedPredict(Tensor<T> x)
    {
        var rows = core.Rows(nameof(GradientBoostingRegressorModel<T>), x, out int n);
        return core.StagedRaw(rows, n).Select(r => GradientBoostingCore.Cast<T>(r, n));
    }

    /// <summary>
    /// The leaf (node index within its tree, the numbering of <see cref="TreeStructure"/> and scikit-learn's
    /// <c>apply</c>) that each row of x (n, d) reaches in every stage's tree: (n, <see cref="NEstimatorsFitted"/>).
    /// </summary>
    /// <exception cref="ArgumentException">x is not (n, <see cref="FeatureCount"/>) or holds NaN/∞.</exception>
    public Tensor<int> Apply(Tensor<T> x)
    {
        var rows = core.Rows(nameof(GradientBoostingRegressorModel<T>), x, out int n);
        return Tensor.FromArray(core.Apply(rows, n), n, core.Stages);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var tensors = new Dictionary<string, SafeTensorValue>();
        var meta = Options.Settings.ToMetadata();
        meta["loss"] = Options.Loss.ToString();
        meta["alpha"] = GradientBoostingSettings.Num(Options.Alpha);
        meta["init"] = GradientBoostingInit.ToMetadata(Options.Init);
        core.Write(tensors, meta);
        ModelFile.Write<T>(stream, Kind, tensors, meta);
    }

    /// <inheritdoc />
    public static GradientBoostingRegressorModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var s = GradientBoostingSettings.FromMetadata(f.Option);
        GradientBoostingRegressor options;
        try
        {
            options = new GradientBoostingRegressor(Enum.Parse<GradientBoostingRegressionLoss>(f.Option("loss")), s.LearningRate, s.NEstimators, s.Subsample,
                s.Criterion, s.MinSamplesSplit, s.MinSamplesLeaf, s.MinWeightFractionLeaf, s.MaxDepth, s.MinImpurityDecrease, s.MaxFeatures,
                double.Parse(f.Option("alpha"), NumberStyles.Float, CultureInfo.InvariantCulture), s.MaxLeafNodes, s.ValidationFraction, s.NIterNoChange, s.Tol, s.Seed,
                GradientBoostingInit.FromMetadata(f.File.Metadata, Kind));
        }
        catch (ArgumentException e) { throw new InvalidDataException($"{Kind}: invalid options in the file ({e.Message}).", e); }
        var core = GradientBoostingCore.Read(f, Kind, options.LearningRate);
        if (core.TreesPerStage != 1) throw new InvalidDataException($"{Kind}: expected one tree per stage, the file has {core.TreesPerStage}.");
        return new GradientBoostingRegressorModel<T>(options, core);
    }
}
