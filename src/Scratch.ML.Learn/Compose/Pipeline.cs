using System.Numerics;

namespace Scratch.ML.Learn.Compose;

/// <summary>
/// A chain of named steps (scikit-learn's <c>Pipeline</c>): every step but the last is an <see cref="ITransformer"/>;
/// the last may be a transformer, regressor, classifier or outlier detector. Fitting fits step 1 on x, transforms x
/// with it, fits step 2 on the result, and so on; the last step is fitted on the fully transformed x (with y and the
/// sample weights). Predicting transforms through steps 1 … k−1 and predicts with step k. Because every step is fitted
/// only on the data passed to <c>Fit</c>, cross-validating a pipeline re-fits the preprocessing on each training
/// fold, so nothing about the test fold leaks into the model.
/// </summary>
/// <remarks>
/// <para><b>One type, typed results.</b> <see cref="Pipeline"/> implements <see cref="ITransformer"/>,
/// <see cref="IRegressor"/>, <see cref="IClassifier"/> and <see cref="IOutlierDetector"/>, so one pipeline can be
/// passed to anything that takes the kind of its last step (cross-validation, searches). Each <c>Fit</c> overload
/// returns a concrete model type of that kind (<see cref="PipelineRegressionModel{T}"/>,
/// <see cref="PipelineClassificationModel{T}"/> — a <see cref="PipelineProbabilisticModel{T}"/> implementing
/// <see cref="IProbabilisticModel{T}"/> when the final model does —, <see cref="PipelineTransformModel{T}"/>, or
/// <see cref="PipelineOutlierModel{T}"/> through <see cref="FitOutlierDetector{T}"/>); calling the overload of another
/// kind throws <see cref="InvalidOperationException"/> naming the last step and its kind.</para>
/// <para><b>Capabilities</b> follow from the steps: Kind, Supervised and MultiOutput are the last step's;
/// HandlesMissingValues, RequiresNonNegativeInput and RequiresIntegerCodes are the first non-<see cref="Passthrough"/>
/// step's (the first step sees the raw input); Stochastic if any step is; RowOrderInvariant if every step is;
/// HasInverseTransform if every step (the last being a transformer) has an inverse; MinimumSamples is the largest.
/// SupportsSampleWeight is claimed only when every step before the last is a <see cref="Passthrough"/> and the last
/// supports weights: <c>Fit</c> hands the weights to the last step only (the <see cref="ITransformer"/> contract has no
/// weights), so with fitted preprocessing, integer weights are not equivalent to repeated rows (a scaler fitted on
/// repeated rows sees other means). <c>Fit</c> still accepts weights whenever the last step does.</para>
/// </remarks>
public sealed class Pipeline : ICompositeEstimator, ITransformer, IRegressor, IClassifier, IOutlierDetector, IEquatable<Pipeline>
{
    /// <summary>Builds a pipeline from named steps.</summary>
    /// <param name="Steps">(name, estimator) pairs, at least one; names unique, non-empty, without '.' or '/'.</param>
    /// <exception cref="ArgumentException">No steps, a bad or repeated name, a null estimator, a step before the last that is not an <see cref="ITransformer"/>, or a last step of no supported kind.</exception>
    public Pipeline(params IReadOnlyList<(string Name, IEstimator Estimator)> Steps)
    {
        ArgumentNullException.ThrowIfNull(Steps);
        var steps = Steps.ToArray();
        if (steps.Length == 0) throw new ArgumentException("Pipeline: needs at least one step.", nameof(Steps));
        CompositeRules.CheckNames(nameof(Pipeline), steps.Select(s => s.Name), nameof(Steps));
        for (int i = 0; i < steps.Length; i++)
        {
            var (name, estimator) = steps[i];
            if (estimator is null) throw new ArgumentException($"Pipeline: step \"{name}\" is null.", nameof(Steps));
            if (i < steps.Length - 1 && estimator is not ITransformer)
                throw new ArgumentException($"Pipeline: step \"{name}\" ({estimator.GetType().Name}, a {estimator.Capabilities.Kind}) is not the last step, so it must be a transformer.", nameof(Steps));
        }
        var last = steps[^1].Estimator;
        if (last is not (ITransformer or IRegressor or IClassifier or IOutlierDetector))
            throw new ArgumentException($"Pipeline: the last step \"{steps[^1].Name}\" ({last.GetType().Name}) is not a transformer, regressor, classifier or outlier detector.", nameof(Steps));
        this.Steps = Array.AsReadOnly(steps);
        Capabilities = Describe(steps);
    }

    /// <summary>The named steps, in order.</summary>
    public IReadOnlyList<(string Name, IEstimator Estimator)> Steps { get; }

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, IEstimator Estimator)> Children => Steps;

    /// <summary>The last step.</summary>
    public IEstimator FinalEstimator => Steps[^1].Estimator;

    /// <summary>The step called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No step has that name; the message lists the names.</exception>
    public IEstimator this[string name] => Steps.FirstOrDefault(s => s.Name == name).Estimator
        ?? throw new KeyNotFoundException($"Pipeline: no step named \"{name}\" (steps: {string.Join(", ", Steps.Select(s => s.Name))}).");

    /// <summary>
    /// scikit-learn's <c>make_pipeline</c>: steps named by their lower-cased type names (<c>"standardscaler"</c>,
    /// <c>"ridge"</c>); a name used k &gt; 1 times becomes <c>name-1</c> … <c>name-k</c>.
    /// </summary>
    public static Pipeline Make(params IEstimator[] estimators)
    {
        ArgumentNullException.ThrowIfNull(estimators);
        var names = CompositeRules.AutoNames(estimators);
        return new Pipeline(names.Select((n, i) => (n, estimators[i])).ToArray());
    }

    /// <summary>A copy with the step called <paramref name="name"/> replaced (the new pipeline is validated again).</summary>
    /// <exception cref="ArgumentException">No step has that name, or the replacement is not allowed at that position.</exception>
    public Pipeline WithStep(string name, IEstimator replacement)
    {
        if (!Steps.Any(s => s.Name == name))
            throw new ArgumentException($"Pipeline: no step named \"{name}\" (steps: {string.Join(", ", Steps.Select(s => s.Name))}).", nameof(name));
        return new Pipeline(Steps.Select(s => s.Name == name ? (name, replacement) : s).ToArray());
    }

    /// <inheritdoc />
    public IEstimator WithChild(string name, IEstimator replacement) => WithStep(name, replacement);

    /// <summary>Fits a pipeline whose last step is a transformer: x: (n, d).</summary>
    /// <exception cref="InvalidOperationException">The last step is not a transformer.</exception>
    /// <exception cref="ArgumentException">A step rejects its input.</exception>
    public PipelineTransformModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var last = Final<ITransformer>(EstimatorKind.Transformer);
        var (fitted, xt) = FitPrefix(x);
        fitted.Add((Steps[^1].Name, last.Fit(xt)));
        return (PipelineTransformModel<T>)PipelineModel<T>.Create(fitted, EstimatorKind.Transformer, Capabilities.HasInverseTransform);
    }

    /// <summary>Fits a pipeline whose last step is a regressor: x (n, d), y (n) or (n, k), optional weights (n) for the last step.</summary>
    /// <exception cref="InvalidOperationException">The last step is not a regressor.</exception>
    /// <exception cref="ArgumentException">A step rejects its input.</exception>
    public PipelineRegressionModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var last = Final<IRegressor>(EstimatorKind.Regressor);
        ArgumentNullException.ThrowIfNull(y);
        var (fitted, xt) = FitPrefix(x);
        fitted.Add((Steps[^1].Name, last.Fit(xt, y, sampleWeight)));
        return (PipelineRegressionModel<T>)PipelineModel<T>.Create(fitted, EstimatorKind.Regressor, false);
    }

    /// <summary>Fits a pipeline whose last step is a classifier: x (n, d), labels (n), optional weights (n) for the last step.</summary>
    /// <exception cref="InvalidOperationException">The last step is not a classifier.</exception>
    /// <exception cref="ArgumentException">A step rejects its input.</exception>
    public PipelineClassificationModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var last = Final<IClassifier>(EstimatorKind.Classifier);
        ArgumentNullException.ThrowIfNull(y);
        var (fitted, xt) = FitPrefix(x);
        fitted.Add((Steps[^1].Name, last.Fit(xt, y, sampleWeight)));
        return (PipelineClassificationModel<T>)PipelineModel<T>.Create(fitted, EstimatorKind.Classifier, false);
    }

    /// <summary>Fits a pipeline whose last step is an outlier detector: x (n, d), optional weights (n) for the last step.</summary>
    /// <exception cref="InvalidOperationException">The last step is not an outlier detector.</exception>
    /// <exception cref="ArgumentException">A step rejects its input.</exception>
    public PipelineOutlierModel<T> FitOutlierDetector<T>(Tensor<T> x, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var last = Final<IOutlierDetector>(EstimatorKind.OutlierDetector);
        var (fitted, xt) = FitPrefix(x);
        fitted.Add((Steps[^1].Name, last.Fit(xt, sampleWeight)));
        return (PipelineOutlierModel<T>)PipelineModel<T>.Create(fitted, EstimatorKind.OutlierDetector, false);
    }

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    IOutlierModel<T> IOutlierDetector.Fit<T>(Tensor<T> x, Tensor<T>? sampleWeight) => FitOutlierDetector(x, sampleWeight);

    /// <summary>Fits and applies every step but the last.</summary>
    private (List<(string Name, IFittedModel Model)> Fitted, Tensor<T> Xt) FitPrefix<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var fitted = new List<(string Name, IFittedModel Model)>(Steps.Count);
        var xt = x;
        for (int i = 0; i < Steps.Count - 1; i++)
        {
            var model = ((ITransformer)Steps[i].Estimator).Fit(xt);
            xt = model.Transform(xt);
            fitted.Add((Steps[i].Name, model));
        }
        return (fitted, xt);
    }

    private TStep Final<TStep>(EstimatorKind kind) where TStep : class, IEstimator
        => FinalEstimator as TStep ?? throw new InvalidOperationException(
            $"Pipeline: cannot fit as a {kind}: the last step \"{Steps[^1].Name}\" is a {FinalEstimator.GetType().Name} ({FinalEstimator.Capabilities.Kind}). Call the Fit overload of that kind.");

    private static EstimatorCapabilities Describe((string Name, IEstimator Estimator)[] steps)
    {
        var caps = steps.Select(s => s.Estimator.Capabilities).ToArray();
        var last = caps[^1];
        var first = steps.FirstOrDefault(s => s.Estimator is not Passthrough).Estimator?.Capabilities ?? caps[0];
        bool onlyPassthroughBefore = steps.Take(steps.Length - 1).All(s => s.Estimator is Passthrough);
        return new EstimatorCapabilities(last.Kind, last.Supervised,
            SupportsSampleWeight: last.SupportsSampleWeight && onlyPassthroughBefore,
            HandlesMissingValues: first.HandlesMissingValues,
            Stochastic: caps.Any(c => c.Stochastic),
            MultiOutput: last.MultiOutput,
            RowOrderInvariant: caps.All(c => c.RowOrderInvariant),
            HasInverseTransform: last.Kind == EstimatorKind.Transformer && caps.All(c => c.HasInverseTransform),
            RequiresNonNegativeInput: first.RequiresNonNegativeInput,
            RequiresIntegerCodes: first.RequiresIntegerCodes,
            MinimumSamples: caps.Max(c => c.MinimumSamples));
    }

    /// <summary><c>Pipeline(name: Estimator { … }, …)</c>.</summary>
    public override string ToString() => $"Pipeline({string.Join(", ", Steps.Select(s => $"{s.Name}: {s.Estimator}"))})";

    /// <summary>Equal when the step names and estimators are equal, in order.</summary>
    public bool Equals(Pipeline? other) => other is not null && CompositeRules.SameChildren(Steps, other.Steps);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Pipeline);

    /// <inheritdoc />
    public override int GetHashCode() => CompositeRules.Hash(Steps);
}
