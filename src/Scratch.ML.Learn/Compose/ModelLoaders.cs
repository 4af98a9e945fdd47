using System.Collections.Concurrent;
using System.Numerics;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Learn.Svm;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Serialization;

namespace Scratch.ML.Learn.Compose;

/// <summary>
/// The registry that turns a saved model's kind (the <c>scratch.ml.kind</c> metadata entry every <see cref="ModelFile"/>
/// writes) back into a loader, so that composite models (<see cref="Pipeline"/>, <see cref="ColumnTransformer"/>,
/// <see cref="FeatureUnion"/>) can load children of any registered kind. Registrations are explicit static lambdas
/// (<c>s =&gt; RidgeModel&lt;double&gt;.Load(s)</c>): nothing is looked up by reflection from a name read out of a file, so a
/// file can only ever instantiate one of the registered types, and the registry is trim- and AOT-safe.
/// </summary>
/// <remarks>
/// Every fitted model of Scratch.ML.Learn with a tensor interface is registered at start-up. A model type defined
/// elsewhere (your own, or a package added later) is made loadable inside composites with <see cref="Register"/>.
/// </remarks>
public static class ModelLoaders
{
    private static readonly ConcurrentDictionary<string, (Func<Stream, IFittedModel> Double, Func<Stream, IFittedModel> Float)> Loaders = new(Builtins(), StringComparer.Ordinal);

    /// <summary>Registers the loaders of a model kind, for float64 and float32 models.</summary>
    /// <param name="kind">The kind its <c>Save</c> writes (non-empty).</param>
    /// <param name="loadDouble">Reads a <c>double</c> model of that kind, e.g. <c>s =&gt; MyModel&lt;double&gt;.Load(s)</c>.</param>
    /// <param name="loadFloat">Reads a <c>float</c> model of that kind.</param>
    /// <exception cref="ArgumentException">The kind is empty or already registered (kinds are never silently replaced).</exception>
    public static void Register(string kind, Func<Stream, IFittedModel> loadDouble, Func<Stream, IFittedModel> loadFloat)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(loadDouble);
        ArgumentNullException.ThrowIfNull(loadFloat);
        if (!Loaders.TryAdd(kind, (loadDouble, loadFloat)))
            throw new ArgumentException($"ModelLoaders: a loader for kind '{kind}' is already registered.", nameof(kind));
    }

    /// <summary>Whether <paramref name="kind"/> has a registered loader.</summary>
    public static bool IsRegistered(string kind) => kind is not null && Loaders.ContainsKey(kind);

    /// <summary>The registered kinds, sorted (ordinal).</summary>
    public static IReadOnlyList<string> Kinds => Loaders.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Reads a model of the given kind and element type with its registered loader.</summary>
    /// <exception cref="InvalidDataException">No loader is registered for <paramref name="kind"/>, or the loader rejects the stream.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static IFittedModel Load<T>(string kind, Stream stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (kind is null || !Loaders.TryGetValue(kind, out var loaders))
            throw new InvalidDataException($"No loader is registered for model kind '{kind}' (register it with ModelLoaders.Register; known kinds: {string.Join(", ", Kinds)}).");
        if (typeof(T) == typeof(double)) return loaders.Double(stream);
        if (typeof(T) == typeof(float)) return loaders.Float(stream);
        throw new NotSupportedException($"ModelLoaders: models of {typeof(T).Name} values are not supported (float or double).");
    }

    /// <summary>Reads any registered model: the kind is taken from the file's metadata, then its loader runs.</summary>
    /// <exception cref="InvalidDataException">The stream is not a Scratch.ML model file, or its kind is not registered.</exception>
    public static IFittedModel Load<T>(Stream stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        var file = SafeTensors.Load(bytes);
        if (!file.Metadata.TryGetValue(CompositeFile.KindKey, out var kind))
            throw new InvalidDataException("The file holds no Scratch.ML model (no scratch.ml.kind metadata).");
        return Load<T>(kind, new MemoryStream(bytes, writable: false));
    }

    private static Dictionary<string, (Func<Stream, IFittedModel>, Func<Stream, IFittedModel>)> Builtins() => new(StringComparer.Ordinal)
    {
        // Composites and their helpers.
        ["Pipeline"] = (s => PipelineModel<double>.Load(s), s => PipelineModel<float>.Load(s)),
        ["ColumnTransformer"] = (s => ColumnTransformerModel<double>.Load(s), s => ColumnTransformerModel<float>.Load(s)),
        ["FeatureUnion"] = (s => FeatureUnionModel<double>.Load(s), s => FeatureUnionModel<float>.Load(s)),
        ["Passthrough"] = (s => PassthroughModel<double>.Load(s), s => PassthroughModel<float>.Load(s)),
        // Preprocessing.
        ["StandardScaler"] = (s => StandardScalerModel<double>.Load(s), s => StandardScalerModel<float>.Load(s)),
        ["MinMaxScaler"] = (s => MinMaxScalerModel<double>.Load(s), s => MinMaxScalerModel<float>.Load(s)),
        ["MaxAbsScaler"] = (s => MaxAbsScalerModel<double>.Load(s), s => MaxAbsScalerModel<float>.Load(s)),
        ["RobustScaler"] = (s => RobustScalerModel<double>.Load(s), s => RobustScalerModel<float>.Load(s)),
        ["QuantileTransformer"] = (s => QuantileTransformerModel<double>.Load(s), s => QuantileTransformerModel<float>.Load(s)),
        ["PowerTransformer"] = (s => PowerTransformerModel<double>.Load(s), s => PowerTransformerModel<float>.Load(s)),
        ["Binarizer"] = (s => BinarizerModel<double>.Load(s), s => BinarizerModel<float>.Load(s)),
        ["Normalizer"] = (s => NormalizerModel<double>.Load(s), s => NormalizerModel<float>.Load(s)),
        ["PolynomialFeatures"] = (s => PolynomialFeaturesModel<double>.Load(s), s => PolynomialFeaturesModel<float>.Load(s)),
        ["SimpleImputer"] = (s => SimpleImputerModel<double>.Load(s), s => SimpleImputerModel<float>.Load(s)),
        ["KBinsDiscretizer"] = (s => KBinsDiscretizerModel<double>.Load(s), s => KBinsDiscretizerModel<float>.Load(s)),
        ["FunctionTransformer"] = (s => FunctionTransformerModel<double>.Load(s), s => FunctionTransformerModel<float>.Load(s)),
        // Linear models.
        ["LinearRegression"] = (s => LinearRegressionModel<double>.Load(s), s => LinearRegressionModel<float>.Load(s)),
        ["Ridge"] = (s => RidgeModel<double>.Load(s), s => RidgeModel<float>.Load(s)),
        ["ElasticNet"] = (s => ElasticNetModel<double>.Load(s), s => ElasticNetModel<float>.Load(s)),
        ["SGDRegressor"] = (s => SGDRegressorModel<double>.Load(s), s => SGDRegressorModel<float>.Load(s)),
        ["LogisticRegression"] = (s => LogisticRegressionModel<double>.Load(s), s => LogisticRegressionModel<float>.Load(s)),
        ["SGDClassifier"] = (s => SGDClassifierModel<double>.Load(s), s => SGDClassifierModel<float>.Load(s)),
        // Naive Bayes.
        ["GaussianNB"] = (s => GaussianNBModel<double>.Load(s), s => GaussianNBModel<float>.Load(s)),
        ["BernoulliNB"] = (s => BernoulliNBModel<double>.Load(s), s => BernoulliNBModel<float>.Load(s)),
        ["CategoricalNB"] = (s => CategoricalNBModel<double>.Load(s), s => CategoricalNBModel<float>.Load(s)),
        ["ComplementNB"] = (s => ComplementNBModel<double>.Load(s), s => ComplementNBModel<float>.Load(s)),
        ["MultinomialNB"] = (s => MultinomialNBModel<double>.Load(s), s => MultinomialNBModel<float>.Load(s)),
        // Neighbours.
        ["KNeighborsRegressor"] = (s => KNeighborsRegressorModel<double>.Load(s), s => KNeighborsRegressorModel<float>.Load(s)),
        ["KNeighborsClassifier"] = (s => KNeighborsClassifierModel<double>.Load(s), s => KNeighborsClassifierModel<float>.Load(s)),
        ["SVC"] = (s => SVCModel<double>.Load(s), s => SVCModel<float>.Load(s)),
        ["SVR"] = (s => SVRModel<double>.Load(s), s => SVRModel<float>.Load(s)),
        ["OneClassSVM"] = (s => OneClassSVMModel<double>.Load(s), s => OneClassSVMModel<float>.Load(s)),
        ["NuSVC"] = (s => NuSVCModel<double>.Load(s), s => NuSVCModel<float>.Load(s)),
        ["NuSVR"] = (s => NuSVRModel<double>.Load(s), s => NuSVRModel<float>.Load(s)),
        ["RidgeCV"] = (s => RidgeCVModel<double>.Load(s), s => RidgeCVModel<float>.Load(s)),
        ["ElasticNetCV"] = (s => ElasticNetCVModel<double>.Load(s), s => ElasticNetCVModel<float>.Load(s)),
        ["LogisticRegressionCV"] = (s => LogisticRegressionCVModel<double>.Load(s), s => LogisticRegressionCVModel<float>.Load(s)),
        ["LinearSVC"] = (s => LinearSVCModel<double>.Load(s), s => LinearSVCModel<float>.Load(s)),
        ["LinearSVR"] = (s => LinearSVRModel<double>.Load(s), s => LinearSVRModel<float>.Load(s)),
        ["BayesianRidge"] = (s => BayesianRidgeModel<double>.Load(s), s => BayesianRidgeModel<float>.Load(s)),
        ["HuberRegressor"] = (s => HuberRegressorModel<double>.Load(s), s => HuberRegressorModel<float>.Load(s)),
        ["QuantileRegressor"] = (s => QuantileRegressorModel<double>.Load(s), s => QuantileRegressorModel<float>.Load(s)),
        ["KNNImputer"] = (s => KNNImputerModel<double>.Load(s), s => KNNImputerModel<float>.Load(s)),
        ["OneHotEncoder"] = (s => OneHotEncoderModel<double>.Load(s), s => OneHotEncoderModel<float>.Load(s)),
        ["OrdinalEncoder"] = (s => OrdinalEncoderModel<double>.Load(s), s => OrdinalEncoderModel<float>.Load(s)),
        ["TargetEncoder"] = (s => TargetEncoderModel<double>.Load(s), s => TargetEncoderModel<float>.Load(s)),
        ["RadiusNeighborsClassifier"] = (s => RadiusNeighborsClassifierModel<double>.Load(s), s => RadiusNeighborsClassifierModel<float>.Load(s)),
        ["RadiusNeighborsRegressor"] = (s => RadiusNeighborsRegressorModel<double>.Load(s), s => RadiusNeighborsRegressorModel<float>.Load(s)),
        ["NearestNeighbors"] = (s => NearestNeighborsModel<double>.Load(s), s => NearestNeighborsModel<float>.Load(s)),
        // Trees and tree ensembles.
        ["DecisionTreeClassifier"] = (s => DecisionTreeClassifierModel<double>.Load(s), s => DecisionTreeClassifierModel<float>.Load(s)),
        ["MultiOutputDecisionTreeClassifier"] = (s => MultiOutputTreeClassifierModel<double>.Load(s), s => MultiOutputTreeClassifierModel<float>.Load(s)),
        ["DecisionTreeRegressor"] = (s => DecisionTreeRegressorModel<double>.Load(s), s => DecisionTreeRegressorModel<float>.Load(s)),
        ["RandomForestClassifier"] = (s => RandomForestClassifierModel<double>.Load(s), s => RandomForestClassifierModel<float>.Load(s)),
        ["RandomForestRegressor"] = (s => RandomForestRegressorModel<double>.Load(s), s => RandomForestRegressorModel<float>.Load(s)),
        ["ExtraTreesClassifier"] = (s => ExtraTreesClassifierModel<double>.Load(s), s => ExtraTreesClassifierModel<float>.Load(s)),
        ["ExtraTreesRegressor"] = (s => ExtraTreesRegressorModel<double>.Load(s), s => ExtraTreesRegressorModel<float>.Load(s)),
        ["GradientBoostingClassifier"] = (s => GradientBoostingClassifierModel<double>.Load(s), s => GradientBoostingClassifierModel<float>.Load(s)),
        ["GradientBoostingRegressor"] = (s => GradientBoostingRegressorModel<double>.Load(s), s => GradientBoostingRegressorModel<float>.Load(s)),
        ["HistGradientBoostingClassifier"] = (s => HistGradientBoostingClassifierModel<double>.Load(s), s => HistGradientBoostingClassifierModel<float>.Load(s)),
        ["HistGradientBoostingRegressor"] = (s => HistGradientBoostingRegressorModel<double>.Load(s), s => HistGradientBoostingRegressorModel<float>.Load(s)),
        ["AdaBoostClassifier"] = (s => AdaBoostClassifierModel<double>.Load(s), s => AdaBoostClassifierModel<float>.Load(s)),
        ["AdaBoostRegressor"] = (s => AdaBoostRegressorModel<double>.Load(s), s => AdaBoostRegressorModel<float>.Load(s)),
        ["BaggingClassifier"] = (s => BaggingClassifierModel<double>.Load(s), s => BaggingClassifierModel<float>.Load(s)),
        ["BaggingRegressor"] = (s => BaggingRegressorModel<double>.Load(s), s => BaggingRegressorModel<float>.Load(s)),
        ["VotingClassifier"] = (s => VotingClassifierModel<double>.Load(s), s => VotingClassifierModel<float>.Load(s)),
        ["VotingRegressor"] = (s => VotingRegressorModel<double>.Load(s), s => VotingRegressorModel<float>.Load(s)),
        ["StackingClassifier"] = (s => StackingClassifierModel<double>.Load(s), s => StackingClassifierModel<float>.Load(s)),
        ["StackingRegressor"] = (s => StackingRegressorModel<double>.Load(s), s => StackingRegressorModel<float>.Load(s)),
    };
}
