using System.Text.Json;
using Scratch.ML.Learn;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Trees;
using Xunit;

namespace Scratch.ML.Tests.Learn.Trees;

/// <summary>
/// DecisionTreeClassifier/Regressor against scikit-learn 1.2 through the public estimator API: options, class and
/// sample weights, pruning, predictions, probabilities, leaves, decision paths, importances and pruning paths.
/// The estimators use scikit-learn's splitter generator (a test hook) so that every tree is scikit-learn's own.
/// </summary>
public class DecisionTreeSklearnTests
{
    public static IEnumerable<object[]> Classifiers() => TreeFixtures.CaseNames("classifier");
    public static IEnumerable<object[]> Regressors() => TreeFixtures.CaseNames("regressor");

    private static uint Seed => CartGrowerSklearnTests.SklearnSeed;

    internal static DecisionTreeClassifier Classifier(JsonElement c)
    {
        var p = c.GetProperty("params");
        ClassWeights? cw = null;
        var cwe = c.GetProperty("class_weight");
        if (cwe.ValueKind == JsonValueKind.String) cw = ClassWeights.Balanced;
        else if (cwe.ValueKind == JsonValueKind.Object)
            cw = ClassWeights.Of(cwe.EnumerateObject().ToDictionary(e => int.Parse(e.Name), e => e.Value.GetDouble()));
        return new DecisionTreeClassifier(
            TreeFixtures.Criterion(c) == "gini" ? SplitCriterion.Gini : SplitCriterion.Entropy, Splitter(p), MaxDepth(p),
            MinSamplesSplit(p), MinSamplesLeaf(p), TreeFixtures.Param(c, "min_weight_fraction_leaf", 0), MaxFeatures(p),
            MaxLeafNodes(p), TreeFixtures.Param(c, "min_impurity_decrease", 0), cw, TreeFixtures.Param(c, "ccp_alpha", 0))
        { SklearnSeed = Seed };
    }

    internal static DecisionTreeRegressor Regressor(JsonElement c)
    {
        var p = c.GetProperty("params");
        var criterion = TreeFixtures.Criterion(c) switch
        {
            "squared_error" => SplitCriterion.SquaredError,
            "friedman_mse" => SplitCriterion.FriedmanMse,
            "absolute_error" => SplitCriterion.AbsoluteError,
            _ => SplitCriterion.Poisson,
        };
        return new DecisionTreeRegressor(criterion, Splitter(p), MaxDepth(p), MinSamplesSplit(p), MinSamplesLeaf(p),
            TreeFixtures.Param(c, "min_weight_fraction_leaf", 0), MaxFeatures(p), MaxLeafNodes(p),
            TreeFixtures.Param(c, "min_impurity_decrease", 0), TreeFixtures.Param(c, "ccp_alpha", 0))
        { SklearnSeed = Seed };
    }

    private static SplitStrategy Splitter(JsonElement p) =>
        p.TryGetProperty("splitter", out var e) && e.GetString() == "random" ? SplitStrategy.Random : SplitStrategy.Best;
    private static int? MaxDepth(JsonElement p) => p.TryGetProperty("max_depth", out var e) ? e.GetInt32() : null;
    private static int? MaxLeafNodes(JsonElement p) => p.TryGetProperty("max_leaf_nodes", out var e) ? e.GetInt32() : null;
    private static SampleLimit? MinSamplesSplit(JsonElement p) => p.TryGetProperty("min_samples_split", out var e) ? e.GetInt32() : null;
    private static SampleLimit? MinSamplesLeaf(JsonElement p) => p.TryGetProperty("min_samples_leaf", out var e) ? e.GetInt32() : null;
    private static FeatureSubset MaxFeatures(JsonElement p) =>
        !p.TryGetProperty("max_features", out var e) ? FeatureSubset.All
        : e.ValueKind == JsonValueKind.String ? FeatureSubset.Parse(e.GetString()!) : e.GetInt32();

    private static Tensor<float> Float32(Tensor<double> x) =>
        Tensor.FromArray(x.ToArray().Select(v => (float)v).ToArray(), x.Shape[0], x.Shape[1]);

    private static Tensor<T>? Weights<T>(JsonElement c) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        TreeFixtures.OptionalDoubles(c, "sample_weight") is { } w ? Tensor.FromArray(w.Select(T.CreateTruncating).ToArray(), w.Length) : null;

    [Theory]
    [MemberData(nameof(Classifiers))]
    public void ClassifierReproducesScikitLearn(string name)
    {
        var c = TreeFixtures.Case(name);
        var data = TreeFixtures.Data(name);
        var x = Float32(data.Data);
        var model = Classifier(c).Fit(x, data.Labels!, Weights<float>(c));
        TreeFixtures.AssertIdenticalTree(c, model.Tree);
        Assert.Equal(TreeFixtures.Ints(c.GetProperty("predict")), model.Predict(x).Ints!.ToArray());
        Assert.Equal(TreeFixtures.Ints(c.GetProperty("apply")), model.Apply(x));
        var proba = model.PredictProba(x).ToArray();
        var leaves = model.Apply(x);
        for (int i = 0; i < leaves.Length; i++)
            for (int k = 0; k < model.Classes.Count; k++) Assert.Equal((float)model.Tree.Value(leaves[i])[k], proba[i * model.Classes.Count + k]);
        AssertCommon(c, model.FeatureImportances, model.DecisionPath(x.Narrow(0, 0, 5)), model.Depth, model.LeafCount);
        if (c.GetProperty("ccp_path").ValueKind == JsonValueKind.Object)
            AssertPath(c, Classifier(c).CostComplexityPruningPath(x, data.Labels!, Weights<float>(c)));
    }

    [Theory]
    [MemberData(nameof(Regressors))]
    public void RegressorReproducesScikitLearn(string name)
    {
        var c = TreeFixtures.Case(name);
        var x = Float32(TreeFixtures.Data(name).Data);
        var (yv, k) = TreeFixtures.RegressionTargets(name);
        var y = k == 1 ? Tensor.FromArray(yv.Select(v => (float)v).ToArray(), yv.Length) : Tensor.FromArray(yv.Select(v => (float)v).ToArray(), yv.Length / k, k);
        var model = Regressor(c).Fit(x, y, Weights<float>(c));
        // Targets and weights are given in float32 here, so sums of non-integer values carry float32 rounding (2⁻²⁴
        // relative per value, amplified ×~10 by the cancellation in Σwy²/W − ȳ²): 1e-6 relative. The partitions,
        // features, thresholds and counts are still compared exactly.
        var tol = new Scratch.ML.Testing.Tolerance("Float32Targets", 1e-6, 1e-6);
        TreeFixtures.AssertIdenticalTree(c, model.Tree, tol);
        Assert.Equal(TreeFixtures.Ints(c.GetProperty("apply")), model.Apply(x));
        var expected = TreeFixtures.Flat(c.GetProperty("predict"));
        var predicted = model.Predict(x).ToArray();
        Assert.Equal(expected.Length, predicted.Length);
        // The targets were given as float32 here, so leaf means are of float32-rounded targets: relative 1e-6.
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(predicted[i] - expected[i]) <= 1e-6 * Math.Abs(expected[i]) + 1e-6, $"{name}: prediction {i}: {predicted[i]} vs {expected[i]}");
        AssertCommon(c, model.FeatureImportances, model.DecisionPath(x.Narrow(0, 0, 5)), model.Depth, model.LeafCount, tol);
        if (c.GetProperty("ccp_path").ValueKind == JsonValueKind.Object)
            AssertPath(c, Regressor(c).CostComplexityPruningPath(x, y, Weights<float>(c)), tol);
    }

    /// <summary>Float64 input: thresholds are midpoints of the float64 values, scikit-learn's of float32-rounded values.</summary>
    [Theory]
    [InlineData("iris_gini_leaf5")]
    [InlineData("bc_leaves10")]
    [InlineData("dia_mse_leaf20")]
    public void Float64InputMatchesUpToFloat32Thresholds(string name)
    {
        var c = TreeFixtures.Case(name);
        var data = TreeFixtures.Data(name);
        TreeStructure tree = c.GetProperty("kind").GetString() == "classifier"
            ? Classifier(c).Fit(data.Data, data.Labels!, Weights<double>(c)).Tree
            : Regressor(c).Fit(data.Data, data.Target, Weights<double>(c)).Tree;
        var expected = TreeFixtures.Doubles(c.GetProperty("threshold"));
        Assert.Equal(TreeFixtures.Ints(c.GetProperty("feature")), tree.Feature.ToArray());
        Assert.Equal(TreeFixtures.Ints(c.GetProperty("n_node_samples")), tree.SampleCount.ToArray());
        // scikit-learn's threshold is (a₃₂ + b₃₂)/2 of the float32-rounded neighbours, ours (a + b)/2: each rounding moves a
        // value by at most 2⁻²⁴·|value| (half a float32 ulp), so |t64 − t32| ≤ 2⁻²⁴·max|x_f| over the feature's column.
        var xs = data.Data.ToArray();
        int d = data.Data.Shape[1];
        for (int n = 0; n < expected.Length; n++)
        {
            if (tree.IsLeaf(n)) continue;
            int f = tree.Feature[n];
            double scale = Enumerable.Range(0, data.Data.Shape[0]).Max(i => Math.Abs(xs[i * d + f]));
            Assert.True(Math.Abs(tree.Threshold[n] - expected[n]) <= Math.ScaleB(scale, -24),
                $"{name} node {n}: threshold {tree.Threshold[n]:R} vs sklearn {expected[n]:R}");
        }
    }

    private static void AssertCommon(JsonElement c, IReadOnlyList<double> importances, TreeDecisionPath path, int depth, int leaves,
        Scratch.ML.Testing.Tolerance? tolerance = null)
    {
        var tol = tolerance ?? TreeFixtures.Sums;
        var expected = TreeFixtures.Doubles(c.GetProperty("feature_importances"));
        for (int f = 0; f < expected.Length; f++)
            Assert.True(tol.IsClose(importances[f], expected[f]), $"importance {f}: {importances[f]:R} vs {expected[f]:R}");
        Assert.Equal(TreeFixtures.Ints(c.GetProperty("decision_path_indptr5")), path.RowStart.ToArray());
        Assert.Equal(TreeFixtures.Ints(c.GetProperty("decision_path_first5")), path.Nodes.ToArray());
        var left = TreeFixtures.Ints(c.GetProperty("children_left"));
        Assert.Equal(left.Count(l => l == -1), leaves);
        Assert.True(depth >= 1);
    }

    private static void AssertPath(JsonElement c, CostComplexityPath path, Scratch.ML.Testing.Tolerance? tolerance = null)
    {
        var tol = tolerance ?? TreeFixtures.Sums;
        var p = c.GetProperty("ccp_path");
        var alphas = TreeFixtures.Doubles(p.GetProperty("ccp_alphas"));
        var impurities = TreeFixtures.Doubles(p.GetProperty("impurities"));
        Assert.Equal(alphas.Length, path.CcpAlphas.Length);
        for (int i = 0; i < alphas.Length; i++)
        {
            // An effective alpha is a difference of sums of node terms N_t/N·impurity_t, each ≤ the root's R(root) (the last
            // impurity of the path), so its rounding is relative to R(root), not to the alpha itself.
            Assert.True(Math.Abs(path.CcpAlphas[i] - alphas[i]) <= tol.Absolute + tol.Relative * impurities[^1], $"alpha {i}: {path.CcpAlphas[i]:R} vs {alphas[i]:R}");
            Assert.True(tol.IsClose(path.Impurities[i], impurities[i]), $"impurity {i}: {path.Impurities[i]:R} vs {impurities[i]:R}");
        }
    }
}
