using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Compose;

/// <summary>
/// A fitted <see cref="Pipeline"/>: the fitted steps in order. The concrete type says what the last step is
/// (<see cref="PipelineRegressionModel{T}"/>, <see cref="PipelineClassificationModel{T}"/>,
/// <see cref="PipelineProbabilisticModel{T}"/>, <see cref="PipelineTransformModel{T}"/>,
/// <see cref="PipelineInvertibleTransformModel{T}"/>, <see cref="PipelineOutlierModel{T}"/>).
/// </summary>
/// <remarks>
/// Saved as one composite safetensors file (see docs/composition.md): each step's own file under the prefix
/// <c>"{i}/"</c>, plus <c>compose.{i}.name</c>, <c>pipeline.kind</c> (the last step's kind) and
/// <c>pipeline.invertible</c>. <see cref="Load"/> returns the right concrete type.
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public abstract class PipelineModel<T> : IFittedModel where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string Kind = "Pipeline";

    private protected PipelineModel(IReadOnlyList<(string Name, IFittedModel Model)> steps)
    {
        Steps = steps;
        Prefix = steps.Take(steps.Count - 1).Select(s => (ITransformModel<T>)s.Model).ToArray();
    }

    /// <summary>The fitted steps: (name, model), in order; every model but the last is an <see cref="ITransformModel{T}"/>.</summary>
    public IReadOnlyList<(string Name, IFittedModel Model)> Steps { get; }

    /// <summary>The fitted last step.</summary>
    public IFittedModel FinalModel => Steps[^1].Model;

    /// <summary>The fitted step called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No step has that name.</exception>
    public IFittedModel this[string name] => Steps.FirstOrDefault(s => s.Name == name).Model
        ?? throw new KeyNotFoundException($"Pipeline: no step named \"{name}\" (steps: {string.Join(", ", Steps.Select(s => s.Name))}).");

    /// <summary>The number of features the first step was fitted with.</summary>
    public int FeatureCount => Steps[0].Model.FeatureCount;

    private protected ITransformModel<T>[] Prefix { get; }

    /// <summary>The kind of the last step.</summary>
    public abstract EstimatorKind FinalKind { get; }

    /// <summary>x: (n, d) passed through every step but the last: (n, d′), the input the last step sees.</summary>
    /// <exception cref="ArgumentException">A step rejects its input (wrong feature count, non-finite values…).</exception>
    public Tensor<T> TransformPrefix(Tensor<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        foreach (var step in Prefix) x = step.Transform(x);
        return x;
    }

    /// <inheritdoc />
    public void Save(Stream stream) => CompositeFile.Write<T>(stream, Kind, Steps, new Dictionary<string, string>
    {
        ["pipeline.kind"] = FinalKind.ToString(),
        ["pipeline.invertible"] = (this is PipelineInvertibleTransformModel<T>).ToString(CultureInfo.InvariantCulture),
    });

    /// <summary>Reads any saved pipeline; the result's concrete type follows the recorded kind of the last step.</summary>
    /// <exception cref="InvalidDataException">Not a pipeline file, a step of an unregistered kind, or steps of the wrong kinds.</exception>
    public static PipelineModel<T> Load(Stream stream)
    {
        var (options, children) = CompositeFile.Read<T>(stream, Kind);
        if (children.Count == 0) throw new InvalidDataException($"{Kind}: the file has no steps.");
        if (!options.TryGetValue("pipeline.kind", out var k) || !Enum.TryParse<EstimatorKind>(k, ignoreCase: false, out var kind) || !Enum.IsDefined(kind))
            throw new InvalidDataException($"{Kind}: the file records no valid final-step kind (\"{k}\").");
        bool invertible = options.TryGetValue("pipeline.invertible", out var inv) && inv == bool.TrueString;
        return Create(children, kind, invertible, (message) => new InvalidDataException(message));
    }

    internal static PipelineModel<T> Create(IReadOnlyList<(string Name, IFittedModel Model)> steps, EstimatorKind kind, bool invertible, Func<string, Exception>? error = null)
    {
        error ??= message => new InvalidOperationException(message);
        var copy = steps.ToArray();
        for (int i = 0; i < copy.Length - 1; i++)
            if (copy[i].Model is not ITransformModel<T> || (invertible && copy[i].Model is not IInvertibleTransformModel<T>))
                throw error($"{Kind}: step \"{copy[i].Name}\" is a {copy[i].Model.GetType().Name}, not a{(invertible ? "n invertible" : "")} transform model of {typeof(T).Name}.");
        var steps2 = Array.AsReadOnly(copy);
        var last = copy[^1].Model;
        return (kind, last) switch
        {
            (EstimatorKind.Regressor, IRegressionModel<T>) => new PipelineRegressionModel<T>(steps2),
            (EstimatorKind.Classifier, IProbabilisticModel<T>) => new PipelineProbabilisticModel<T>(steps2),
            (EstimatorKind.Classifier, IClassificationModel<T>) => new PipelineClassificationModel<T>(steps2),
            (EstimatorKind.OutlierDetector, IOutlierModel<T>) => new PipelineOutlierModel<T>(steps2),
            (EstimatorKind.Transformer, IInvertibleTransformModel<T>) when invertible => new PipelineInvertibleTransformModel<T>(steps2),
            (EstimatorKind.Transformer, ITransformModel<T>) when !invertible => new PipelineTransformModel<T>(steps2),
            _ => throw error($"{Kind}: the last step \"{copy[^1].Name}\" is a {last.GetType().Name}, not a{(invertible ? "n invertible" : "")} {kind} model of {typeof(T).Name}."),
        };
    }

    private protected static TModel LoadAs<TModel>(Stream stream) where TModel : PipelineModel<T>
    {
        var model = Load(stream);
        return model as TModel ?? throw new InvalidDataException(
            $"{Kind}: the file holds a pipeline ending in a {model.FinalKind} ({model.GetType().Name}), not a {typeof(TModel).Name}.");
    }
}

/// <summary>A fitted pipeline whose last step is a regressor.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class PipelineRegressionModel<T> : PipelineModel<T>, IRegressionModel<T>, ILoadableModel<PipelineRegressionModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal PipelineRegressionModel(IReadOnlyList<(string Name, IFittedModel Model)> steps) : base(steps) => Final = (IRegressionModel<T>)steps[^1].Model;

    private IRegressionModel<T> Final { get; }

    /// <inheritdoc />
    public override EstimatorKind FinalKind => EstimatorKind.Regressor;

    /// <summary>The last step's prediction for x (n, d) transformed by the other steps: (n) or (n, k).</summary>
    public Tensor<T> Predict(Tensor<T> x) => Final.Predict(TransformPrefix(x));

    /// <summary>Reads a pipeline ending in a regressor.</summary>
    /// <exception cref="InvalidDataException">Not such a pipeline (see <see cref="PipelineModel{T}.Load"/>).</exception>
    public static new PipelineRegressionModel<T> Load(Stream stream) => LoadAs<PipelineRegressionModel<T>>(stream);
}

/// <summary>A fitted pipeline whose last step is a classifier (a <see cref="PipelineProbabilisticModel{T}"/> when it estimates probabilities).</summary>
/// <typeparam name="T">float or double.</typeparam>
public class PipelineClassificationModel<T> : PipelineModel<T>, IClassificationModel<T>, ILoadableModel<PipelineClassificationModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal PipelineClassificationModel(IReadOnlyList<(string Name, IFittedModel Model)> steps) : base(steps) => Final = (IClassificationModel<T>)steps[^1].Model;

    private IClassificationModel<T> Final { get; }

    /// <inheritdoc />
    public override EstimatorKind FinalKind => EstimatorKind.Classifier;

    /// <inheritdoc />
    public ClassLabels Classes => Final.Classes;

    /// <summary>The last step's labels for x (n, d) transformed by the other steps.</summary>
    public Labels Predict(Tensor<T> x) => Final.Predict(TransformPrefix(x));

    /// <summary>Reads a pipeline ending in a classifier (the result is a <see cref="PipelineProbabilisticModel{T}"/> when the classifier is probabilistic).</summary>
    /// <exception cref="InvalidDataException">Not such a pipeline.</exception>
    public static new PipelineClassificationModel<T> Load(Stream stream) => LoadAs<PipelineClassificationModel<T>>(stream);
}

/// <summary>A fitted pipeline whose last step is a probabilistic classifier.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class PipelineProbabilisticModel<T> : PipelineClassificationModel<T>, IProbabilisticModel<T>, ILoadableModel<PipelineProbabilisticModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal PipelineProbabilisticModel(IReadOnlyList<(string Name, IFittedModel Model)> steps) : base(steps) => Proba = (IProbabilisticModel<T>)steps[^1].Model;

    private IProbabilisticModel<T> Proba { get; }

    /// <summary>The last step's class probabilities: (n, C).</summary>
    public Tensor<T> PredictProba(Tensor<T> x) => Proba.PredictProba(TransformPrefix(x));

    /// <summary>The last step's log-probabilities: (n, C).</summary>
    public Tensor<T> PredictLogProba(Tensor<T> x) => Proba.PredictLogProba(TransformPrefix(x));

    /// <summary>Reads a pipeline ending in a probabilistic classifier.</summary>
    /// <exception cref="InvalidDataException">Not such a pipeline.</exception>
    public static new PipelineProbabilisticModel<T> Load(Stream stream) => LoadAs<PipelineProbabilisticModel<T>>(stream);
}

/// <summary>A fitted pipeline whose last step is a transformer: <c>Transform</c> applies every step.</summary>
/// <typeparam name="T">float or double.</typeparam>
public class PipelineTransformModel<T> : PipelineModel<T>, ITransformModel<T>, ILoadableModel<PipelineTransformModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal PipelineTransformModel(IReadOnlyList<(string Name, IFittedModel Model)> steps) : base(steps) => Final = (ITransformModel<T>)steps[^1].Model;

    private ITransformModel<T> Final { get; }

    /// <inheritdoc />
    public override EstimatorKind FinalKind => EstimatorKind.Transformer;

    /// <summary>x: (n, d) through every step: (n, d′).</summary>
    public Tensor<T> Transform(Tensor<T> x) => Final.Transform(TransformPrefix(x));

    /// <summary>Reads a pipeline ending in a transformer.</summary>
    /// <exception cref="InvalidDataException">Not such a pipeline.</exception>
    public static new PipelineTransformModel<T> Load(Stream stream) => LoadAs<PipelineTransformModel<T>>(stream);
}

/// <summary>A fitted pipeline of invertible transformers: <c>InverseTransform</c> undoes the steps in reverse order.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class PipelineInvertibleTransformModel<T> : PipelineTransformModel<T>, IInvertibleTransformModel<T>, ILoadableModel<PipelineInvertibleTransformModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal PipelineInvertibleTransformModel(IReadOnlyList<(string Name, IFittedModel Model)> steps) : base(steps) { }

    /// <summary>(n, d′) back through every step's inverse, last to first: (n, d).</summary>
    public Tensor<T> InverseTransform(Tensor<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        for (int i = Steps.Count - 1; i >= 0; i--) x = ((IInvertibleTransformModel<T>)Steps[i].Model).InverseTransform(x);
        return x;
    }

    /// <summary>Reads a pipeline of invertible transformers.</summary>
    /// <exception cref="InvalidDataException">Not such a pipeline.</exception>
    public static new PipelineInvertibleTransformModel<T> Load(Stream stream) => LoadAs<PipelineInvertibleTransformModel<T>>(stream);
}

/// <summary>A fitted pipeline whose last step is an outlier detector.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class PipelineOutlierModel<T> : PipelineModel<T>, IOutlierModel<T>, ILoadableModel<PipelineOutlierModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal PipelineOutlierModel(IReadOnlyList<(string Name, IFittedModel Model)> steps) : base(steps) => Final = (IOutlierModel<T>)steps[^1].Model;

    private IOutlierModel<T> Final { get; }

    /// <inheritdoc />
    public override EstimatorKind FinalKind => EstimatorKind.OutlierDetector;

    /// <summary>The last step's signed inlier score of each transformed row: (n).</summary>
    public Tensor<T> DecisionFunction(Tensor<T> x) => Final.DecisionFunction(TransformPrefix(x));

    /// <summary>The last step's raw normality score of each transformed row: (n).</summary>
    public Tensor<T> ScoreSamples(Tensor<T> x) => Final.ScoreSamples(TransformPrefix(x));

    /// <summary>+1 (inlier) or −1 (outlier) per row.</summary>
    public int[] Predict(Tensor<T> x) => Final.Predict(TransformPrefix(x));

    /// <summary>Reads a pipeline ending in an outlier detector.</summary>
    /// <exception cref="InvalidDataException">Not such a pipeline.</exception>
    public static new PipelineOutlierModel<T> Load(Stream stream) => LoadAs<PipelineOutlierModel<T>>(stream);
}
