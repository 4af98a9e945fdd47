using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Compose;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// A fitted <see cref="StackingClassifier"/>: the base models fitted on all rows, the stack method of each, and the
/// final model. A <see cref="StackingProbabilisticModel{T}"/> when the final model has probabilities.
/// </summary>
/// <remarks>Saved as one composite file: the bases under <c>"0/"</c> … and the final model last, with options
/// <c>stack.methods</c>, <c>stack.widths</c>, <c>stack.passthrough</c>, <c>classes</c>, <c>features</c>.</remarks>
/// <typeparam name="T">float or double.</typeparam>
public class StackingClassifierModel<T> : IClassificationModel<T>, ILoadableModel<StackingClassifierModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string Kind = "StackingClassifier";
    private const string FinalName = "final_estimator";
    private readonly int[] widths;

    private protected StackingClassifierModel(ClassLabels classes, int features, IReadOnlyList<(string Name, IFittedModel Model)> bases,
        IReadOnlyList<StackMethod> methods, int[] widths, IClassificationModel<T> final, bool passthrough)
    {
        Classes = classes;
        FeatureCount = features;
        Estimators = bases.Select(b => (b.Name, (IClassificationModel<T>)b.Model)).ToArray();
        StackMethods = methods.ToArray();
        this.widths = widths;
        FinalEstimator = final;
        Passthrough = passthrough;
    }

    internal static StackingClassifierModel<T> Create(ClassLabels classes, int features, IReadOnlyList<(string Name, IFittedModel Model)> bases,
        IReadOnlyList<StackMethod> methods, int[] widths, IClassificationModel<T> final, bool passthrough)
        => final is IProbabilisticModel<T>
            ? new StackingProbabilisticModel<T>(classes, features, bases, methods, widths, final, passthrough)
            : new StackingClassifierModel<T>(classes, features, bases, methods, widths, final, passthrough);

    /// <inheritdoc />
    public ClassLabels Classes { get; }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>The base models fitted on all training rows (dropped entries left out), in order.</summary>
    public IReadOnlyList<(string Name, IClassificationModel<T> Model)> Estimators { get; }

    /// <summary>The resolved stack method of each base (never Auto).</summary>
    public IReadOnlyList<StackMethod> StackMethods { get; }

    /// <summary>The final model, fitted on the cross-fitted meta-features.</summary>
    public IClassificationModel<T> FinalEstimator { get; }

    /// <summary>Whether x is appended to the meta-features.</summary>
    public bool Passthrough { get; }

    /// <summary>
    /// The meta-features of x: (n, d) the final model sees: each base's columns in order (see <see cref="StackMethod"/>),
    /// then x itself with <see cref="Passthrough"/>: (n, Σ widths [+ d]) (scikit-learn's <c>transform</c>).
    /// </summary>
    /// <exception cref="ArgumentException">x has the wrong feature count or values a base rejects.</exception>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var xs = InputChecks.Features(Kind, x, FeatureCount, allowNaN: true);
        var blocks = new double[Estimators.Count][];
        for (int j = 0; j < blocks.Length; j++)
        {
            blocks[j] = StackingCore.Features(Kind, Estimators[j].Model, StackMethods[j], xs, Classes, out int w);
            if (w != widths[j]) throw new InvalidOperationException($"{Kind}: base \"{Estimators[j].Name}\" gave {w} meta-features, {widths[j]} at fit time.");
        }
        return StackingCore.Concat(blocks, widths, xs.Shape[0], Passthrough ? xs : null);
    }

    /// <summary>The final model's labels for the meta-features of x.</summary>
    public Labels Predict(Tensor<T> x) => FinalEstimator.Predict(Transform(x));

    /// <summary>The final model's decision function on the meta-features, when it has one: (n) or (n, C).</summary>
    /// <exception cref="InvalidOperationException">The final model has no decision function.</exception>
    public Tensor<T> DecisionFunction(Tensor<T> x) => EnsembleSupport.DecisionFunction<T>(FinalEstimator, Transform(x))
        ?? throw new InvalidOperationException($"{Kind}: the final model ({FinalEstimator.GetType().Name}) has no decision function.");

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var children = Estimators.Select(e => (e.Name, (IFittedModel)e.Model)).Append((FinalName, FinalEstimator)).ToArray();
        CompositeFile.Write<T>(stream, Kind, children, new Dictionary<string, string>
        {
            ["stack.methods"] = string.Join(",", StackMethods),
            ["stack.widths"] = CompositeFile.Format(widths),
            ["stack.passthrough"] = Passthrough.ToString(CultureInfo.InvariantCulture),
            ["classes"] = Classes.ToMetadata(),
            ["features"] = FeatureCount.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Reads a saved stacking classifier (a <see cref="StackingProbabilisticModel{T}"/> when the final model is probabilistic).</summary>
    /// <exception cref="InvalidDataException">Not a stacking-classifier file, or parts that do not fit together.</exception>
    public static StackingClassifierModel<T> Load(Stream stream)
    {
        var (options, children) = CompositeFile.Read<T>(stream, Kind);
        if (children.Count < 2 || children[^1].Name != FinalName) throw new InvalidDataException($"{Kind}: the file needs base models and a final model named \"{FinalName}\" last.");
        int features = CompositeFile.Int(Kind, options, "features", 1, int.MaxValue);
        var classes = ClassLabels.FromMetadata(EnsembleSupport.Option(Kind, options, "classes"));
        var bases = children.Take(children.Count - 1).ToArray();
        var models = EnsembleSupport.Children<IClassificationModel<T>>(Kind, bases, features);
        var methodText = EnsembleSupport.Option(Kind, options, "stack.methods").Split(',');
        if (methodText.Length != bases.Length) throw new InvalidDataException($"{Kind}: {methodText.Length} stack methods for {bases.Length} bases.");
        var methods = new StackMethod[bases.Length];
        for (int j = 0; j < methods.Length; j++)
        {
            if (!Enum.TryParse(methodText[j], false, out methods[j]) || !Enum.IsDefined(methods[j]) || methods[j] == StackMethod.Auto)
                throw new InvalidDataException($"{Kind}: invalid stack method \"{methodText[j]}\".");
            try { StackingCore.Resolve(Kind, bases[j].Name, models[j], methods[j]); EnsembleSupport.ClassMap(models[j].Classes, classes); }
            catch (ArgumentException e) { throw new InvalidDataException($"{Kind}: base \"{bases[j].Name}\" does not fit the file: {e.Message}"); }
        }
        var widths = CompositeFile.Indices(Kind, options, "stack.widths", int.MaxValue);
        bool passthrough = bool.TryParse(EnsembleSupport.Option(Kind, options, "stack.passthrough"), out var p) ? p : throw new InvalidDataException($"{Kind}: invalid stack.passthrough.");
        if (widths.Length != bases.Length || widths.Any(w => w < 1)) throw new InvalidDataException($"{Kind}: invalid meta-feature widths.");
        var final = children[^1].Model as IClassificationModel<T> ?? throw new InvalidDataException($"{Kind}: the final model is a {children[^1].Model.GetType().Name}, not a classifier.");
        if (final.FeatureCount != widths.Sum() + (passthrough ? features : 0)) throw new InvalidDataException($"{Kind}: the final model takes {final.FeatureCount} features, the meta-features have {widths.Sum() + (passthrough ? features : 0)}.");
        return Create(classes, features, bases, methods, widths, final, passthrough);
    }
}

/// <summary>A fitted <see cref="StackingClassifier"/> whose final model estimates probabilities.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class StackingProbabilisticModel<T> : StackingClassifierModel<T>, IProbabilisticModel<T>, ILoadableModel<StackingProbabilisticModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal StackingProbabilisticModel(ClassLabels classes, int features, IReadOnlyList<(string Name, IFittedModel Model)> bases,
        IReadOnlyList<StackMethod> methods, int[] widths, IClassificationModel<T> final, bool passthrough)
        : base(classes, features, bases, methods, widths, final, passthrough) { }

    /// <summary>The final model's probabilities for the meta-features of x: (n, C).</summary>
    public Tensor<T> PredictProba(Tensor<T> x) => ((IProbabilisticModel<T>)FinalEstimator).PredictProba(Transform(x));

    /// <summary>The final model's log-probabilities: (n, C).</summary>
    public Tensor<T> PredictLogProba(Tensor<T> x) => ((IProbabilisticModel<T>)FinalEstimator).PredictLogProba(Transform(x));

    /// <summary>Reads a saved stacking classifier with a probabilistic final model.</summary>
    /// <exception cref="InvalidDataException">Not such a file.</exception>
    public static new StackingProbabilisticModel<T> Load(Stream stream) => StackingClassifierModel<T>.Load(stream) as StackingProbabilisticModel<T>
        ?? throw new InvalidDataException($"{Kind}: the final model has no probabilities.");
}
