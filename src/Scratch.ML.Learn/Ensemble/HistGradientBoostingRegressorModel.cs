using System.Numerics;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Serialization;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>A fitted <see cref="HistGradientBoostingRegressor"/>: baseline + one tree per iteration, through the loss's link.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class HistGradientBoostingRegressorModel<T> : IRegressionModel<T>, ITreeEnsembleModel, ILoadableModel<HistGradientBoostingRegressorModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "HistGradientBoostingRegressor";
    private readonly HistBoostedTrees state;

    internal HistGradientBoostingRegressorModel(HistGradientBoostingRegressor options, HistBoostedTrees state)
    {
        Options = options;
        this.state = state;
    }

    /// <summary>The options it was fitted with.</summary>
    public HistGradientBoostingRegressor Options { get; }

    /// <inheritdoc />
    public int FeatureCount => state.FeatureCount;

    /// <summary>Boosting iterations done (MaxIter, or fewer when early stopping fired): scikit-learn's <c>n_iter_</c>.</summary>
    public int NIter => state.Iterations;

    /// <summary>The raw prediction before any tree (scikit-learn's <c>_baseline_prediction</c>).</summary>
    public double Baseline => state.Baseline[0];

    /// <summary>
    /// The early-stopping score on the training rows before the first and after every iteration (empty without early
    /// stopping): −loss, or the <see cref="HistGradientBoostingRegressor.Scoring"/> metric on at most 10 000 of them.
    /// </summary>
    public IReadOnlyList<double> TrainScore => state.TrainScore;

    /// <summary>The early-stopping score on the validation rows, like <see cref="TrainScore"/> (empty without early stopping or without a validation split).</summary>
    public IReadOnlyList<double> ValidationScore => state.ValidationScore;

    /// <summary>The trees, one per iteration, with raw thresholds; leaf values include the learning rate.</summary>
    public IReadOnlyList<TreeStructure> Trees => state.Trees;

    /// <inheritdoc />
    public TreeEnsemble Ensemble => state.Ensemble;

    /// <summary>
    /// Warm start (scikit-learn's <c>warm_start=True</c> with <c>max_iter = NIter + count</c>): a new model that keeps
    /// these trees and boosts up to <paramref name="count"/> more iterations on x, y (and weights), which must be the
    /// data this model was fitted on; this model is unchanged. The bins are refitted and must equal the stored ones.
    /// Without early stopping the result equals fitting with MaxIter = NIter + count at once (<see cref="Options"/>
    /// gets that MaxIter). With early stopping the seed gives the same validation split and scorer subsample, the
    /// score history goes on, and the stopping rule sees the whole history (it may stop after one more iteration).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 0, or NIter + count overflows.</exception>
    /// <exception cref="ArgumentException">x has another feature count, x bins differently from the first fit, or the checks of <see cref="HistGradientBoostingRegressor.Fit{T}"/>.</exception>
    /// <exception cref="InvalidOperationException">The model was loaded from a file without bin thresholds.</exception>
    public HistGradientBoostingRegressorModel<T> AddIterations(Tensor<T> x, Tensor<T> y, int count, Tensor<T>? sampleWeight = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, int.MaxValue - NIter);
        var options = Options with { MaxIter = NIter + count };
        return new HistGradientBoostingRegressorModel<T>(options, options.FitState(x, y, sampleWeight, state));
    }

    /// <summary>The raw (link-space) prediction baseline + Σ trees for x: (n, d) → (n).</summary>
    public Tensor<T> RawPredict(Tensor<T> x)
    {
        var data = state.Rows(Kind, x, out int n);
        return Cast(state.Raw(data, n, state.Iterations), false);
    }

    /// <summary>Predictions for x: (n, d) → (n); e^raw for the Poisson and gamma losses, raw otherwise. NaN features are allowed.</summary>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var data = state.Rows(Kind, x, out int n);
        return Cast(state.Raw(data, n, state.Iterations), state.Link == RawOutputLink.Exp);
    }

    /// <summary>Predictions after each iteration 1 … <see cref="NIter"/>: (n) each.</summary>
    public IEnumerable<Tensor<T>> StagedPredict(Tensor<T> x)
    {
        var data = state.Rows(Kind, x, out int n);
        bool exp = state.Link == RawOutputLink.Exp;
        foreach (var raw in state.StagedRaw(data, n)) yield return Cast(raw, exp);
    }

    private static Tensor<T> Cast(double[] raw, bool exp)
    {
        var a = new T[raw.Length];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateTruncating(exp ? Math.Exp(raw[i]) : raw[i]);
        return Tensor.FromArray(a, a.Length);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var tensors = new Dictionary<string, SafeTensorValue>();
        var meta = Options.ToMetadata();
        state.AddTo(tensors, meta);
        ModelFile.Write<T>(stream, Kind, tensors, meta);
    }

    /// <inheritdoc />
    public static HistGradientBoostingRegressorModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        HistGradientBoostingRegressor options;
        try { options = HistGradientBoostingRegressor.FromMetadata(HistOptionChecks.WithScoringDefault(f.File.Metadata, f.Option)); }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"{Kind}: the stored options are invalid: {e.Message}", e);
        }
        var state = HistBoostedTrees.Read(f.File, Kind);
        if (state.Outputs != 1) throw new InvalidDataException($"{Kind}: a regressor has one output, the file has {state.Outputs}.");
        return new HistGradientBoostingRegressorModel<T>(options, state);
    }
}
