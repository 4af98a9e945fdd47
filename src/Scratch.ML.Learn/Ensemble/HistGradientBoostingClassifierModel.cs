using System.Numerics;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Serialization;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// A fitted <see cref="HistGradientBoostingClassifier"/>: raw = baseline + Σ trees, one output for two classes
/// (P(class 1) = σ(raw)) or one per class (P = softmax(raw)).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class HistGradientBoostingClassifierModel<T> : IProbabilisticModel<T>, ITreeEnsembleModel, ILoadableModel<HistGradientBoostingClassifierModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "HistGradientBoostingClassifier";
    private readonly HistBoostedTrees state;

    internal HistGradientBoostingClassifierModel(HistGradientBoostingClassifier options, ClassLabels classes, HistBoostedTrees state)
    {
        Options = options;
        Classes = classes;
        this.state = state;
    }

    /// <summary>The options it was fitted with.</summary>
    public HistGradientBoostingClassifier Options { get; }

    /// <inheritdoc />
    public ClassLabels Classes { get; }

    /// <inheritdoc />
    public int FeatureCount => state.FeatureCount;

    /// <summary>Boosting iterations done (scikit-learn's <c>n_iter_</c>); each holds <see cref="TreesPerIteration"/> trees.</summary>
    public int NIter => state.Iterations;

    /// <summary>1 for two classes, else the class count (scikit-learn's <c>n_trees_per_iteration_</c>).</summary>
    public int TreesPerIteration => state.Outputs;

    /// <summary>The raw prediction before any tree: (TreesPerIteration).</summary>
    public IReadOnlyList<double> Baseline => state.Baseline;

    /// <summary>
    /// The early-stopping score on the training rows before the first and after every iteration (empty without early
    /// stopping): −log-loss, or the <see cref="HistGradientBoostingClassifier.Scoring"/> metric on at most 10 000 of them.
    /// </summary>
    public IReadOnlyList<double> TrainScore => state.TrainScore;

    /// <summary>The early-stopping score on the validation rows, like <see cref="TrainScore"/> (empty without early stopping or without a validation split).</summary>
    public IReadOnlyList<double> ValidationScore => state.ValidationScore;

    /// <summary>The trees, iteration-major (tree t adds to raw output t mod TreesPerIteration), raw thresholds, learning rate included.</summary>
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
    /// <exception cref="ArgumentException">x has another feature count, y other classes, x bins differently from the first fit, or the checks of <see cref="HistGradientBoostingClassifier.Fit{T}"/>.</exception>
    /// <exception cref="InvalidOperationException">The model was loaded from a file without bin thresholds.</exception>
    public HistGradientBoostingClassifierModel<T> AddIterations(Tensor<T> x, Labels y, int count, Tensor<T>? sampleWeight = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, int.MaxValue - NIter);
        var options = Options with { MaxIter = NIter + count };
        var (classes, next) = options.FitState(x, y, sampleWeight, state, Classes);
        return new HistGradientBoostingClassifierModel<T>(options, classes, next);
    }

    /// <summary>The raw scores: (n) for two classes (the logit of class 1), else (n, C).</summary>
    public Tensor<T> DecisionFunction(Tensor<T> x)
    {
        var data = state.Rows(Kind, x, out int n);
        var raw = state.Raw(data, n, state.Iterations);
        return state.Outputs == 1 ? Cast(raw, n) : Cast(raw, n, state.Outputs);
    }

    /// <inheritdoc />
    public Tensor<T> PredictProba(Tensor<T> x)
    {
        var data = state.Rows(Kind, x, out int n);
        return Cast(Proba(state.Raw(data, n, state.Iterations), n, log: false), n, Classes.Count);
    }

    /// <inheritdoc />
    public Tensor<T> PredictLogProba(Tensor<T> x)
    {
        var data = state.Rows(Kind, x, out int n);
        return Cast(Proba(state.Raw(data, n, state.Iterations), n, log: true), n, Classes.Count);
    }

    /// <inheritdoc />
    public Labels Predict(Tensor<T> x)
    {
        var data = state.Rows(Kind, x, out int n);
        return Classes.Decode(ArgMax(Proba(state.Raw(data, n, state.Iterations), n, log: false), n));
    }

    /// <summary>Class probabilities after each iteration 1 … <see cref="NIter"/>: (n, C) each.</summary>
    public IEnumerable<Tensor<T>> StagedPredictProba(Tensor<T> x)
    {
        var data = state.Rows(Kind, x, out int n);
        foreach (var raw in state.StagedRaw(data, n)) yield return Cast(Proba(raw, n, log: false), n, Classes.Count);
    }

    /// <summary>Predicted labels after each iteration 1 … <see cref="NIter"/>.</summary>
    public IEnumerable<Labels> StagedPredict(Tensor<T> x)
    {
        var data = state.Rows(Kind, x, out int n);
        foreach (var raw in state.StagedRaw(data, n)) yield return Classes.Decode(ArgMax(Proba(raw, n, log: false), n));
    }

    /// <summary>Probabilities (or their logs) from raw (n × Outputs): σ for one output, softmax otherwise.</summary>
    private double[] Proba(double[] raw, int n, bool log) => HistProbabilities.Compute(raw, n, state.Outputs, log);

    private int[] ArgMax(double[] p, int n) => HistProbabilities.ArgMax(p, n, Classes.Count);

    private static Tensor<T> Cast(double[] v, params int[] shape)
    {
        var a = new T[v.Length];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateTruncating(v[i]);
        return Tensor.FromArray(a, shape);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var tensors = new Dictionary<string, SafeTensorValue>();
        var meta = Options.ToMetadata();
        meta["classes"] = Classes.ToMetadata();
        state.AddTo(tensors, meta);
        ModelFile.Write<T>(stream, Kind, tensors, meta);
    }

    /// <inheritdoc />
    public static HistGradientBoostingClassifierModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        HistGradientBoostingClassifier options;
        ClassLabels classes;
        try
        {
            options = HistGradientBoostingClassifier.FromMetadata(HistOptionChecks.WithScoringDefault(f.File.Metadata, f.Option));
            classes = ClassLabels.FromMetadata(f.Option("classes"));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or System.Text.Json.JsonException)
        {
            throw new InvalidDataException($"{Kind}: the stored options are invalid: {e.Message}", e);
        }
        var state = HistBoostedTrees.Read(f.File, Kind);
        int expected = classes.Count <= 2 ? 1 : classes.Count;
        if (classes.Count < 2 || state.Outputs != expected)
            throw new InvalidDataException($"{Kind}: {classes.Count} classes need {expected} outputs, the file has {state.Outputs}.");
        return new HistGradientBoostingClassifierModel<T>(options, classes, state);
    }
}
