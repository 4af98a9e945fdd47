using Scratch.ML.Learn;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Rng;
using Scratch.ML.Testing.Conformance;
using Xunit;

namespace Scratch.ML.Tests.Learn.Trees;

/// <summary>Conformance, bad input, missing values, and the fast grower against its slow reference twin.</summary>
public class DecisionTreeTests
{
    [Fact]
    public void ClassifierPassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckClassifier(new DecisionTreeClassifier(), DecisionTreeClassifierModel<double>.Load, DecisionTreeClassifierModel<float>.Load);
        Assert.Contains("integer weights equal repeated rows", checks);
        // Sample-count limits (MinSamplesLeaf/MinSamplesSplit) count rows, so "integer weights = repeated rows" holds only
        // with their defaults (as in scikit-learn); the suites use weight-based limits instead.
        EstimatorConformance.CheckClassifier(new DecisionTreeClassifier(SplitCriterion.Entropy, MaxDepth: 3, MinWeightFractionLeaf: 0.05, ClassWeight: ClassWeights.Balanced),
            DecisionTreeClassifierModel<double>.Load, DecisionTreeClassifierModel<float>.Load);
        EstimatorConformance.CheckClassifier(new DecisionTreeClassifier(Splitter: SplitStrategy.Random, MaxFeatures: FeatureSubset.Sqrt, MaxLeafNodes: 6, Seed: 3),
            DecisionTreeClassifierModel<double>.Load, DecisionTreeClassifierModel<float>.Load);
        EstimatorConformance.CheckClassifier(new DecisionTreeClassifier(CcpAlpha: 0.02, MinImpurityDecrease: 0.01),
            DecisionTreeClassifierModel<double>.Load, DecisionTreeClassifierModel<float>.Load);
    }

    [Fact]
    public void RegressorPassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckRegressor(new DecisionTreeRegressor(), DecisionTreeRegressorModel<double>.Load, DecisionTreeRegressorModel<float>.Load);
        Assert.Contains("multi-output shape", checks);
        EstimatorConformance.CheckRegressor(new DecisionTreeRegressor(SplitCriterion.FriedmanMse, MaxDepth: 4, MaxLeafNodes: 8),
            DecisionTreeRegressorModel<double>.Load, DecisionTreeRegressorModel<float>.Load);
        EstimatorConformance.CheckRegressor(new DecisionTreeRegressor(SplitCriterion.AbsoluteError, MaxDepth: 5, CcpAlpha: 0.01),
            DecisionTreeRegressorModel<double>.Load, DecisionTreeRegressorModel<float>.Load);
        EstimatorConformance.CheckRegressor(new DecisionTreeRegressor(Splitter: SplitStrategy.Random, MaxFeatures: 0.5, Seed: 5),
            DecisionTreeRegressorModel<double>.Load, DecisionTreeRegressorModel<float>.Load);
    }

    [Fact]
    public void BadOptionsAreRejectedByName()
    {
        Assert.Contains("MaxDepth", Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionTreeClassifier(MaxDepth: 0)).Message);
        Assert.Contains("MaxDepth", Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionTreeRegressor(MaxDepth: -3)).Message);
        Assert.Contains("Criterion", Assert.Throws<ArgumentException>(() => new DecisionTreeClassifier(SplitCriterion.SquaredError)).Message);
        Assert.Contains("Criterion", Assert.Throws<ArgumentException>(() => new DecisionTreeRegressor(SplitCriterion.Gini)).Message);
        Assert.Contains("MinSamplesSplit", Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionTreeClassifier(MinSamplesSplit: 1)).Message);
        Assert.Contains("MinSamplesLeaf", Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionTreeClassifier(MinSamplesLeaf: 1.0)).Message);
        Assert.Contains("MaxLeafNodes", Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionTreeRegressor(MaxLeafNodes: 1)).Message);
        Assert.Contains("CcpAlpha", Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionTreeRegressor(CcpAlpha: -1)).Message);
        Assert.Contains("MinWeightFractionLeaf", Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionTreeRegressor(MinWeightFractionLeaf: 0.6)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureSubset.Fraction(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleLimit.Count(0));
    }

    [Fact]
    public void BadDataIsRejectedClearly()
    {
        var x = Tensor.FromArray(new double[] { 0, 1, 2, 3, 4, 5, 6, 7 }, 4, 2);
        var clf = new DecisionTreeClassifier();
        Assert.Contains("at least 2 classes", Assert.Throws<ArgumentException>(() => clf.Fit(x, new[] { 1, 1, 1, 1 })).Message);
        Assert.Contains("at least one sample", Assert.Throws<ArgumentException>(() => clf.Fit(Tensor.Zeros<double>(0, 2), Array.Empty<int>())).Message);
        Assert.Contains("sampleWeight[1]", Assert.Throws<ArgumentException>(() => clf.Fit(x, new[] { 0, 1, 0, 1 }, Tensor.FromArray(new double[] { 1, -1, 1, 1 }, 4))).Message);
        Assert.Contains("sum to zero", Assert.Throws<ArgumentException>(() => clf.Fit(x, new[] { 0, 1, 0, 1 }, Tensor.Zeros<double>(4))).Message);
        var xinf = Tensor.FromArray(new double[] { 0, 1, double.PositiveInfinity, 3, 4, 5, 6, 7 }, 4, 2);
        Assert.Contains("infinite", Assert.Throws<ArgumentException>(() => clf.Fit(xinf, new[] { 0, 1, 0, 1 })).Message);
        var xnan = Tensor.FromArray(new double[] { 0, 1, double.NaN, 3, 4, 5, 6, 7 }, 4, 2);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => new DecisionTreeClassifier(Splitter: SplitStrategy.Random).Fit(xnan, new[] { 0, 1, 0, 1 })).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => new DecisionTreeRegressor(SplitCriterion.AbsoluteError).Fit(xnan, Tensor.Zeros<double>(4))).Message);
        Assert.Contains("Poisson", Assert.Throws<ArgumentException>(() => new DecisionTreeRegressor(SplitCriterion.Poisson).Fit(x, Tensor.FromArray(new double[] { 1, -2, 3, 4 }, 4))).Message);
        Assert.Contains("positive sum", Assert.Throws<ArgumentException>(() => new DecisionTreeRegressor(SplitCriterion.Poisson).Fit(x, Tensor.Zeros<double>(4))).Message);
        var model = clf.Fit(x, new[] { 0, 1, 0, 1 });
        Assert.Contains("features", Assert.Throws<ArgumentException>(() => model.Predict(Tensor.Zeros<double>(2, 3))).Message);
        Assert.Contains("class 7", Assert.Throws<ArgumentException>(() => new DecisionTreeClassifier(ClassWeight: ClassWeights.Of(new Dictionary<int, double> { [7] = 2.0 })).Fit(x, new[] { 0, 1, 0, 1 })).Message);
    }

    [Fact]
    public void MissingValuesGoToTheBetterSideAndToTheMajorityWhenUnseen()
    {
        // Feature 0 separates the classes; rows with NaN in feature 0 are all class 1, so NaN must be routed with class 1.
        int n = 40;
        var x = new double[n * 2];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i < 20 ? 0 : 1;
            x[2 * i] = i < 20 ? i : 100 + i;
            x[2 * i + 1] = i % 7;
            if (i >= 34) x[2 * i] = double.NaN;
        }
        var model = new DecisionTreeClassifier(MaxDepth: 1).Fit(Tensor.FromArray(x, n, 2), y);
        Assert.Equal(0, model.Tree.Feature[0]);
        Assert.Equal(1, model.Predict(Tensor.FromArray(new[] { double.NaN, 3.0 }, 1, 2)).Ints![0]);
        // Trained without NaN: an unseen NaN goes to the child with more training samples (30 of 40 are class 1 here).
        var x2 = Enumerable.Range(0, n).SelectMany(i => new double[] { i, 0 }).ToArray();
        var y2 = Enumerable.Range(0, n).Select(i => i < 10 ? 0 : 1).ToArray();
        var m2 = new DecisionTreeClassifier(MaxDepth: 1).Fit(Tensor.FromArray(x2, n, 2), y2);
        Assert.False(m2.Tree.MissingGoesLeft[0]);
        Assert.Equal(1, m2.Predict(Tensor.FromArray(new[] { double.NaN, 0.0 }, 1, 2)).Ints![0]);
    }

    [Theory]
    [InlineData(1, 2, false)]
    [InlineData(2, 0, false)]
    [InlineData(3, 2, true)]
    [InlineData(4, 0, true)]
    [InlineData(5, 3, true)]
    public void FastGrowerMatchesTheReferenceTwin(int seed, int classes, bool missing)
    {
        var r = new Random(seed);
        int n = 60, d = 4;
        var cols = new double[n * d];
        for (int j = 0; j < cols.Length; j++) cols[j] = Math.Round(r.NextDouble() * 8, 1);
        if (missing) for (int k = 0; k < 25; k++) cols[r.Next(n * d)] = double.NaN;
        var y = new double[n];
        for (int i = 0; i < n; i++)
            y[i] = classes > 0 ? r.Next(classes) : cols[i] * (double.IsNaN(cols[i]) ? 0 : 1) + r.NextDouble();
        for (int i = 0; i < n; i++) if (double.IsNaN(y[i])) y[i] = r.NextDouble();
        var w = new double[n];
        for (int i = 0; i < n; i++) w[i] = i % 9 == 0 ? 0 : 0.5 + r.NextDouble(); // real weights make exact ties improbable
        var options = new TreeGrowthOptions(classes > 0 ? SplitCriterion.Gini : SplitCriterion.SquaredError, MaxDepth: 6, MinSamplesLeaf: 2);
        var tree = CartGrower.Grow(new TreeFeatures(cols, n, d), new TreeTargets(y, 1, classes > 0 ? [classes] : null), w, options,
            new Generator((ulong)seed), CancellationToken.None);
        var reference = ReferenceCart.Grow(cols, n, d, y, classes, w, 6, 2);
        var rows = new double[n * d];
        for (int i = 0; i < n; i++) for (int f = 0; f < d; f++) rows[i * d + f] = cols[f * n + i];
        int compared = ReferenceCart.AssertSame(reference, tree, rows, n, d, w);
        Assert.True(compared >= 7, $"only {compared} nodes compared");
    }

    [Fact]
    public void PredictionDoesNotDependOnTheThreadCount()
    {
        var r = new Random(9);
        int n = 3000, d = 12;
        var x = new double[n * d];
        for (int j = 0; j < x.Length; j++) x[j] = r.NextDouble();
        var y = Enumerable.Range(0, n).Select(i => x[i * d] + x[i * d + 1] > 1 ^ r.NextDouble() < 0.1 ? 1 : 0).ToArray();
        var xt = Tensor.FromArray(x, n, d);
        var est = new DecisionTreeClassifier(MaxFeatures: 5, Seed: 4);
        var a = est.Fit(xt, y).Tree;
        TreeStructure b = null!;
        var thread = new Thread(() => b = est.Fit(xt, y).Tree);
        // A second fit, also through the parallel node scoring; both must be identical node for node.
        thread.Start();
        thread.Join();
        Assert.Equal(a.Feature.ToArray(), b.Feature.ToArray());
        Assert.Equal(a.Threshold.ToArray(), b.Threshold.ToArray());
        Assert.Equal(a.Values.ToArray(), b.Values.ToArray());
    }

    [Fact]
    public void ModelsExposeOneTreeEnsembleAndRoundTripTheirOptions()
    {
        var data = Scratch.ML.Learn.Datasets.SmallDatasets.LoadIris();
        var est = new DecisionTreeClassifier(SplitCriterion.Entropy, MaxDepth: 3, MinSamplesLeaf: 0.02, MaxFeatures: 3,
            ClassWeight: ClassWeights.Of(new Dictionary<int, double> { [0] = 2.0 }), CcpAlpha: 0.001, Seed: 7);
        var model = est.Fit(data.Data, data.Labels!);
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = DecisionTreeClassifierModel<double>.Load(stream);
        Assert.Equal(est.ToString(), loaded.Options.ToString()); // ClassWeights compares its map by reference
        var ens = model.Ensemble;
        var raw = new double[3];
        var row = data.Data.ToArray().AsSpan(0, 4);
        ens.Raw(row, raw);
        Assert.Equal(model.PredictProba(data.Data.Narrow(0, 0, 1)).ToArray(), raw);
        Assert.Equal(1.0, model.FeatureImportances.Sum(), 12);
    }
}
