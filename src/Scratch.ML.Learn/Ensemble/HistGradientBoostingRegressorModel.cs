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

    /// <summary>−loss on the training rows before the first and after every iteration (empty without early stopping).</summary>
    public IReadOnlyList<double> TrainScore => state.TrainScore;

    /// <summary>−loss on the validation rows, like <see cref="TrainScore"/> (empty without early stopping or without a validation split).</summary>
    public IReadOnlyList<double> ValidationScore => state.ValidationScore;

    /// <summary>The trees, one per iteration, with raw thresholds; leaf values include the learning rate.</summary>
    public IReadOnlyList<TreeStructure> Trees => state.Trees;

    /// <inheritdoc />
    public TreeEnsemble Ensemble => state.Ensemble;

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
        try { options = HistGradientBoostingRegressor.FromMetadata(f.Option); }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"{Kind}: the stored options are invalid: {e.Message}", e);
        }
        var state = HistBoostedTrees.Read(f.File, Kind);
        if (state.Outputs != 1) throw new InvalidDataException($"{Kind}: a regressor has one output, the file has {state.Outputs}.");
        return new HistGradientBoostingRegressorModel<T>(options, state);
    }
}
