using System.Reflection;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Learn.Svm;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Testing.Conformance;
using Xunit;

namespace Scratch.ML.Tests.Learn.Core;

/// <summary>
/// Every estimator in Scratch.ML.Learn goes through the public conformance suite, loading through
/// <see cref="ModelLoaders"/> (so every fitted model kind must also be registered for composites). The family tests run
/// the suite on more option sets; this list guarantees that nothing is left out: <see cref="EveryEstimatorTypeIsListed"/>
/// fails when a new estimator type is added to the library without a case here.
/// </summary>
public sealed class AllEstimatorsConformanceTests
{
    /// <summary>One default-ish instance per estimator type, with options that keep the suite's data in the domain.</summary>
    public static IEnumerable<IEstimator> Estimators() =>
    [
        // Linear models
        new LinearRegression(), new Ridge(), new Ridge(Solver: RidgeSolver.ConjugateGradient, Tol: 1e-14, MaxIter: 500), new Lasso(Alpha: 0.01), new ElasticNet(Alpha: 0.01),
        new RidgeCV(), new LassoCV(), new ElasticNetCV(), new LogisticRegressionCV(),
        new BayesianRidge(), new HuberRegressor(), new QuantileRegressor(Alpha: 0.01),
        new LogisticRegression(), new SGDRegressor(), new SGDClassifier(), new Perceptron(),
        // Support vector machines
        new SVC(), new SVR(C: 10, Gamma: 0.2, Tol: 1e-12), new OneClassSVM(Nu: 0.3, Gamma: 0.2, Tol: 1e-12),
        new NuSVC(Tol: 1e-12), new NuSVR(C: 10, Gamma: 0.2, Tol: 1e-12),
        new LinearSVC(Tol: 1e-10, MaxIter: 100_000), new LinearSVR(Tol: 1e-12, MaxIter: 100_000),
        // Naive Bayes
        new GaussianNB(), new MultinomialNB(), new ComplementNB(), new BernoulliNB(), new CategoricalNB(),
        // Neighbours
        new KNeighborsClassifier(), new KNeighborsRegressor(), new RadiusNeighborsClassifier(Radius: 3.0),
        new RadiusNeighborsRegressor(Radius: 100.0),
        // Preprocessing
        new StandardScaler(), new MinMaxScaler(), new MaxAbsScaler(), new RobustScaler(), new Normalizer(), new Binarizer(),
        new PolynomialFeatures(), new SimpleImputer(), new PowerTransformer(), new PowerTransformer(Method: PowerMethod.BoxCox), new KBinsDiscretizer(), new QuantileTransformer(NQuantiles: 20),
        new FunctionTransformer(), new KNNImputer(), new OneHotEncoder(HandleUnknown: UnknownCategoryHandling.Ignore), new OrdinalEncoder(), new TargetEncoder(),
        // Trees and tree ensembles
        new DecisionTreeClassifier(), new DecisionTreeRegressor(),
        new RandomForestClassifier(20), new RandomForestRegressor(20, MinSamplesLeaf: 5), new ExtraTreesClassifier(20), new ExtraTreesRegressor(20),
        new GradientBoostingClassifier(NEstimators: 20), new GradientBoostingRegressor(NEstimators: 30),
        new HistGradientBoostingClassifier(), new HistGradientBoostingRegressor(),
        new AdaBoostClassifier(NEstimators: 10), new AdaBoostRegressor(new Ridge(0.1), 6, Seed: 5),
        new BaggingClassifier(NEstimators: 5, MaxFeatures: 0.5), new BaggingRegressor(new Ridge(0.1), 5, MaxFeatures: 0.8, Seed: 4),
        new VotingClassifier([("gnb", new GaussianNB()), ("lr", new LogisticRegression())], VotingKind.Soft, [1, 2]),
        new VotingRegressor([("ridge", new Ridge(0.5)), ("lin", new LinearRegression())], [1, 3]),
        new StackingClassifier([("gnb", new GaussianNB()), ("knn", new KNeighborsClassifier(3))], new LogisticRegression(), NSplits: 3),
        new StackingRegressor([("ridge", new Ridge(0.5)), ("lin", new LinearRegression())], new LinearRegression(), Passthrough: true),
        // Composition
        new Pipeline(("scaler", new StandardScaler()), ("ridge", new Ridge())),
        new FeatureUnion(("standard", new StandardScaler()), ("minmax", new MinMaxScaler())),
        new ColumnTransformer([("scaled", new StandardScaler(), (ColumnSelector)new[] { 0 })], ColumnRemainder.Passthrough),
        new Passthrough(),
    ];

    /// <summary>Types that are estimators in the type system but have nothing to fit or check on their own.</summary>
    private static readonly Type[] NotCheckable =
    [
        typeof(Drop), // a ColumnTransformer placeholder: "drop these columns"; it has no Fit.
    ];

    public static TheoryData<string> Names() => new(Estimators().Select(Name));

    /// <summary>The type name, plus the options for a type listed more than once.</summary>
    private static string Name(IEstimator e) => Estimators().Count(o => o.GetType() == e.GetType()) > 1 ? e.ToString()! : e.GetType().Name;

    [Theory]
    [MemberData(nameof(Names))]
    public void PassesTheConformanceSuite(string name)
    {
        var estimator = Estimators().First(e => Name(e) == name);
        var checks = estimator.Capabilities.Kind switch
        {
            EstimatorKind.Regressor => EstimatorConformance.CheckRegressor((IRegressor)estimator,
                s => (IRegressionModel<double>)ModelLoaders.Load<double>(s), s => (IRegressionModel<float>)ModelLoaders.Load<float>(s)),
            EstimatorKind.Classifier => EstimatorConformance.CheckClassifier((IClassifier)estimator,
                s => (IClassificationModel<double>)ModelLoaders.Load<double>(s), s => (IClassificationModel<float>)ModelLoaders.Load<float>(s)),
            EstimatorKind.Transformer when estimator is ISupervisedTransformer supervised => EstimatorConformance.CheckSupervisedTransformer(supervised,
                s => (ITransformModel<double>)ModelLoaders.Load<double>(s), s => (ITransformModel<float>)ModelLoaders.Load<float>(s)),
            EstimatorKind.Transformer => EstimatorConformance.CheckTransformer((ITransformer)estimator,
                s => (ITransformModel<double>)ModelLoaders.Load<double>(s), s => (ITransformModel<float>)ModelLoaders.Load<float>(s)),
            EstimatorKind.OutlierDetector => EstimatorConformance.CheckOutlierDetector((IOutlierDetector)estimator,
                s => (IOutlierModel<double>)ModelLoaders.Load<double>(s), s => (IOutlierModel<float>)ModelLoaders.Load<float>(s)),
            var k => throw new InvalidOperationException($"unknown kind {k}"),
        };
        Assert.Contains("save and load round-trip exactly", checks);
    }

    [Fact]
    public void EveryEstimatorTypeIsListed()
    {
        var listed = Estimators().Select(e => e.GetType()).ToHashSet();
        var all = typeof(IEstimator).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && !t.IsInterface && typeof(IEstimator).IsAssignableFrom(t))
            .Except(NotCheckable);
        var missing = all.Where(t => !listed.Contains(t)).Select(t => t.FullName).Order().ToArray();
        Assert.True(missing.Length == 0, "estimators without a conformance case: " + string.Join(", ", missing));
    }
}
