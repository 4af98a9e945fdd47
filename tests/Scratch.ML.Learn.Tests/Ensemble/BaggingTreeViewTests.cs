using Scratch.ML.Learn;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Learn.Trees;
using Xunit;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>
/// The <see cref="TreeEnsemble"/> view of bagging with tree members (<see cref="BaggingRegressorTreeModel{T}"/>,
/// <see cref="BaggingClassifierTreeModel{T}"/>): TreeSHAP's local accuracy against the model's own predictions, partial
/// dependence by recursion against brute force, feature and class remapping, the file form, and non-tree bases.
/// </summary>
public class BaggingTreeViewTests
{
    // Σφ + E[f] = raw(x) holds algebraically; the two sides sum the same leaf values in different orders (TreeSHAP per
    // path, prediction per member), so only float64 rounding of O(1) values separates them.
    private const double Additivity = 1e-10;

    private static readonly (Tensor<double> X, Tensor<double> Y) RegTrain = ForestsData.Regression(160, 6, seed: 31);
    private static readonly Tensor<double> RegTest = ForestsData.Regression(25, 6, seed: 32).X;
    private static readonly (Tensor<double> X, int[] Y) ClsTrain = ForestsData.Blobs(150, 5, seed: 33);
    private static readonly Tensor<double> ClsTest = ForestsData.Blobs(25, 5, seed: 34).X;

    public static TheoryData<double, bool> Subsets() => new() { { 1.0, false }, { 0.5, false }, { 0.7, true } };

    [Theory]
    [MemberData(nameof(Subsets))]
    public void RegressorShapValuesAddUpToPredict(double maxFeatures, bool bootstrapFeatures)
    {
        var model = new BaggingRegressor(NEstimators: 7, MaxFeatures: maxFeatures, BootstrapFeatures: bootstrapFeatures, Seed: 3).Fit(RegTrain.X, RegTrain.Y);
        var trees = Assert.IsType<BaggingRegressorTreeModel<double>>(model);
        Assert.True(model.TryGetTreeEnsemble(out var view));
        Assert.Same(trees.Ensemble, view);
        Assert.Equal(6, view.FeatureCount);
        var shap = TreeShap.Explain(trees, RegTest, cancellationToken: TestContext.Current.CancellationToken);
        var p = model.Predict(RegTest).ToArray();
        for (int i = 0; i < p.Length; i++) Assert.True(Math.Abs(shap.Reconstruct(i) - p[i]) <= Additivity, $"row {i}: {shap.Reconstruct(i):R} vs {p[i]:R}");
        if (maxFeatures < 1)
        {
            // A feature no member saw gets φ = 0 exactly; subsampling left some member without some feature.
            var seen = model.EstimatorFeatures.SelectMany(f => f).ToHashSet();
            for (int f = 0; f < 6; f++)
                if (!seen.Contains(f)) Assert.All(Enumerable.Range(0, p.Length), i => Assert.Equal(0.0, shap[i, f]));
            Assert.Contains(model.EstimatorFeatures, f => f.Distinct().Count() < 6);
        }
    }

    [Theory]
    [MemberData(nameof(Subsets))]
    public void ClassifierShapValuesAddUpToPredictProba(double maxFeatures, bool bootstrapFeatures)
    {
        var model = new BaggingClassifier(NEstimators: 7, MaxFeatures: maxFeatures, BootstrapFeatures: bootstrapFeatures, Seed: 4).Fit(ClsTrain.X, ClsTrain.Y);
        var trees = Assert.IsType<BaggingClassifierTreeModel<double>>(model);
        var shap = TreeShap.Explain(trees, ClsTest, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(3, shap.Outputs);
        var p = model.PredictProba(ClsTest).ToArray();
        for (int i = 0; i < ClsTest.Shape[0]; i++)
            for (int k = 0; k < 3; k++)
                Assert.True(Math.Abs(shap.Reconstruct(i, k) - p[i * 3 + k]) <= Additivity, $"row {i} class {k}: {shap.Reconstruct(i, k):R} vs {p[i * 3 + k]:R}");
    }

    /// <summary>
    /// Forest members fitted on drawn rows (a forest takes no declared sample weights) can miss a class: with class 1
    /// rare, members that saw only {0, 2} map their outputs to ensemble outputs 0 and 2, which the view widens.
    /// </summary>
    [Fact]
    public void ForestMembersMissingAClassAreWidened()
    {
        var y = ClsTrain.Y.Select((c, i) => c == 1 && i > 10 ? 2 : c).ToArray();
        var model = new BaggingClassifier(new RandomForestClassifier(4, Seed: 1), NEstimators: 6, MaxSamples: 30, MaxFeatures: 0.8, Seed: 5).Fit(ClsTrain.X, y);
        Assert.Contains(model.Estimators, m => m.Classes.Count == 2 && !m.Classes.Ints!.ToArray().Contains(1));
        var trees = Assert.IsType<BaggingClassifierTreeModel<double>>(model);
        Assert.Contains(trees.Ensemble.Trees, t => t.ValueWidth == 3 && t.FeatureCount == 5);
        var shap = TreeShap.Explain(trees, ClsTest, cancellationToken: TestContext.Current.CancellationToken);
        var p = model.PredictProba(ClsTest).ToArray();
        for (int i = 0; i < ClsTest.Shape[0]; i++)
            for (int k = 0; k < 3; k++) Assert.True(Math.Abs(shap.Reconstruct(i, k) - p[i * 3 + k]) <= Additivity);
    }

    [Fact]
    public void GradientBoostingMembersKeepTheirBaseValue()
    {
        var gb = new GradientBoostingRegressor(NEstimators: 15, MaxDepth: 2);
        var model = new BaggingRegressor(gb, NEstimators: 4, MaxFeatures: 0.5, Seed: 6).Fit(RegTrain.X, RegTrain.Y);
        var trees = Assert.IsType<BaggingRegressorTreeModel<double>>(model);
        Assert.NotEqual(0.0, trees.Ensemble.BaseValue[0]);
        var shap = TreeShap.Explain(trees, RegTest, cancellationToken: TestContext.Current.CancellationToken);
        var p = model.Predict(RegTest).ToArray();
        for (int i = 0; i < p.Length; i++) Assert.True(Math.Abs(shap.Reconstruct(i) - p[i]) <= Additivity);
    }

    /// <summary>A full factorial design: 3 levels of 4 features, every combination once (81 rows), so features are independent.</summary>
    private static Tensor<double> Factorial()
    {
        var x = new double[81 * 4];
        for (int i = 0; i < 81; i++)
            for (int f = 0, r = i; f < 4; f++, r /= 3) x[i * 4 + f] = r % 3 + 0.25 * f;
        return Tensor.FromArray(x, 81, 4);
    }

    /// <summary>
    /// Without row resampling every member's training rows are the factorial design restricted to its columns, in which
    /// features are independent; partial dependence by recursion (the trees' training covers) then equals brute force
    /// over those rows (up to float64 rounding), with feature subsampling remapped to the original columns.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public void PartialDependenceRecursionEqualsBruteForce(int feature)
    {
        var x = Factorial();
        var xs = x.ToArray();
        var yr = Tensor.FromArray(Enumerable.Range(0, 81).Select(i => xs[i * 4] * xs[i * 4 + 1] + Math.Sin(3 * xs[i * 4 + 2]) - xs[i * 4 + 3]).ToArray(), 81);
        var reg = new BaggingRegressor(new DecisionTreeRegressor(MaxDepth: 5), NEstimators: 5, MaxFeatures: 0.75, Bootstrap: false, Seed: 7).Fit(x, yr);
        Assert.IsType<BaggingRegressorTreeModel<double>>(reg);
        var rec = PartialDependence.Compute(reg, x, [feature], new PartialDependenceOptions { Method = PartialDependenceMethod.Recursion });
        var brute = PartialDependence.Compute(reg, x, [feature], new PartialDependenceOptions { Method = PartialDependenceMethod.Brute });
        AssertSame(brute.Average!, rec.Average!);

        var yc = Enumerable.Range(0, 81).Select(i => (xs[i * 4] + xs[i * 4 + 2] > 2.2 ? 1 : 0) + (xs[i * 4 + 3] > 1.5 ? 1 : 0)).ToArray();
        var cls = new BaggingClassifier(new DecisionTreeClassifier(MaxDepth: 4), NEstimators: 5, MaxFeatures: 0.75, Bootstrap: false, Seed: 8).Fit(x, yc);
        Assert.IsType<BaggingClassifierTreeModel<double>>(cls);
        var recC = PartialDependence.Compute(cls, x, [feature], new PartialDependenceOptions { Method = PartialDependenceMethod.Recursion });
        var bruteC = PartialDependence.Compute(cls, x, [feature], new PartialDependenceOptions { Method = PartialDependenceMethod.Brute, ResponseMethod = ResponseMethod.PredictProba });
        Assert.Equal(3, recC.Outputs);
        AssertSame(bruteC.Average!, recC.Average!);
    }

    private static void AssertSame(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= Additivity, $"grid {i}: {actual[i]:R} vs {expected[i]:R}");
    }

    [Fact]
    public void LoadedModelsKeepTheView()
    {
        var reg = new BaggingRegressor(NEstimators: 3, MaxFeatures: 0.5, Seed: 9).Fit(RegTrain.X, RegTrain.Y);
        var cls = new BaggingClassifier(NEstimators: 3, MaxFeatures: 0.6, Seed: 9).Fit(ClsTrain.X, ClsTrain.Y);
        using var rs = new MemoryStream();
        using var cs = new MemoryStream();
        reg.Save(rs);
        cls.Save(cs);
        rs.Position = cs.Position = 0;
        var regBack = Assert.IsType<BaggingRegressorTreeModel<double>>(BaggingRegressorModel<double>.Load(rs));
        var clsBack = Assert.IsType<BaggingClassifierTreeModel<double>>(BaggingClassifierModel<double>.Load(cs));
        Assert.Equal(TreeShap.Explain((ITreeEnsembleModel)reg, RegTest, cancellationToken: TestContext.Current.CancellationToken).Values, TreeShap.Explain(regBack, RegTest, cancellationToken: TestContext.Current.CancellationToken).Values);
        Assert.Equal(TreeShap.Explain((ITreeEnsembleModel)cls, ClsTest, cancellationToken: TestContext.Current.CancellationToken).Values, TreeShap.Explain(clsBack, ClsTest, cancellationToken: TestContext.Current.CancellationToken).Values);
    }

    [Fact]
    public void NonTreeBasesHaveNoViewAndPartialDependenceStillWorks()
    {
        var reg = new BaggingRegressor(new Ridge(0.1), NEstimators: 3, Seed: 1).Fit(RegTrain.X, RegTrain.Y);
        Assert.IsNotAssignableFrom<ITreeEnsembleModel>(reg);
        Assert.False(reg.TryGetTreeEnsemble(out var none));
        Assert.Null(none);
        Assert.NotNull(PartialDependence.Compute(reg, RegTest, [0]).Average);
        Assert.Throws<ArgumentException>(() => PartialDependence.Compute(reg, RegTest, [0], new PartialDependenceOptions { Method = PartialDependenceMethod.Recursion }));

        var cls = new BaggingClassifier(new GaussianNB(), NEstimators: 3, Seed: 1).Fit(ClsTrain.X, ClsTrain.Y);
        Assert.IsNotAssignableFrom<ITreeEnsembleModel>(cls);
        Assert.False(cls.TryGetTreeEnsemble(out _));
        Assert.NotNull(PartialDependence.Compute(cls, ClsTest, [1]).Average);

        // Boosted classifiers average after their logistic link, which is not additive: no view.
        var gb = new BaggingClassifier(new GradientBoostingClassifier(NEstimators: 5), NEstimators: 2, Seed: 1).Fit(ClsTrain.X, ClsTrain.Y);
        Assert.False(gb.TryGetTreeEnsemble(out _));
    }
}
