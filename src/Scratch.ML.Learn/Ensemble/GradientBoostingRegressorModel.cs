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

    /// <summary>The initial prediction F₀ (mean, median or Alpha-quantile of y, weighted when weights were given).</summary>
    public double InitialPrediction => core.InitialRaw[0];

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

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var tensors = new Dictionary<string, SafeTensorValue>();
        var meta = Options.Settings.ToMetadata();
        meta["loss"] = Options.Loss.ToString();
        meta["alpha"] = GradientBoostingSettings.Num(Options.Alpha);
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
                double.Parse(f.Option("alpha"), NumberStyles.Float, CultureInfo.InvariantCulture), s.MaxLeafNodes, s.ValidationFraction, s.NIterNoChange, s.Tol, s.Seed);
        }
        catch (ArgumentException e) { throw new InvalidDataException($"{Kind}: invalid options in the file ({e.Message}).", e); }
        var core = GradientBoostingCore.Read(f, Kind, options.LearningRate);
        if (core.TreesPerStage != 1) throw new InvalidDataException($"{Kind}: expected one tree per stage, the file has {core.TreesPerStage}.");
        return new GradientBoostingRegressorModel<T>(options, core);
    }
}
