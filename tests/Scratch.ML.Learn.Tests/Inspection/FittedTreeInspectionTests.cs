using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.Plots;
using Scratch.ML.Learn.Trees;
using Xunit;
using static Scratch.ML.Tests.Learn.Inspection.InspectionFixture;

namespace Scratch.ML.Tests.Learn.Inspection;

/// <summary>End to end on a fitted <see cref="DecisionTreeRegressor"/>: Auto picks recursion, which matches scikit-learn's.</summary>
public class FittedTreeInspectionTests
{
    [Theory]
    [InlineData("diabetes_tree_recursion")]
    [InlineData("diabetes_tree_recursion_pair")]
    public void DecisionTreeRegressorRecursionMatchesSklearn(string name)
    {
        // sklearn: DecisionTreeRegressor(max_depth=4, random_state=0) on all of diabetes. One deep node has tied
        // candidate splits that sklearn's random feature order decides, so the tree is grown with sklearn's own
        // splitter generator seeded as random_state=0 seeds it (the trees helper's test hook).
        var model = new DecisionTreeRegressor(MaxDepth: 4) { SklearnSeed = Scratch.ML.Tests.Learn.Trees.CartGrowerSklearnTests.SklearnSeed }
            .Fit(Diabetes.Data, Diabetes.Target);
        var c = Pdp(name);
        var sk = c.GetProperty("trees")[0];
        var tree = model.Ensemble.Trees[0];
        Assert.Equal(Ints(sk.GetProperty("feature")).Select(v => Math.Max(v, -2)), tree.Feature.ToArray().Select(v => Math.Max(v, -2)));
        var th = Doubles(sk.GetProperty("threshold"));
        for (int k = 0; k < th.Length; k++) if (!tree.IsLeaf(k)) Assert.True(Math.Abs(th[k] - tree.Threshold[k]) < 1e-7, $"node {k}: {th[k]} vs {tree.Threshold[k]}");
        var f = c.GetProperty("features")[0];
        int[] features = f.ValueKind == System.Text.Json.JsonValueKind.Array ? Ints(f) : [f.GetInt32()];
        var r = PartialDependence.Compute(model, Rows(Diabetes.Data, Range(60)), features,
            new PartialDependenceOptions { GridResolution = c.GetProperty("grid_resolution").GetInt32() });
        PartialDependenceTests.AssertMatches(c, r, name);
    }

    [Fact]
    public void ImportanceAndShapOfAFittedTree()
    {
        var model = new DecisionTreeRegressor(MaxDepth: 3).Fit(Diabetes.Data, Diabetes.Target);
        var x = Rows(Diabetes.Data, Range(442, 40));
        var imp = PermutationImportance.Compute(model, Diabetes.Data, Diabetes.Target, nRepeats: 2, seed: 0);
        for (int j = 0; j < 10; j++)
            if (!model.Ensemble.Trees[0].Feature.ToArray().Contains(j)) Assert.Equal(0.0, imp.ImportancesMean[j]); // unused features
        var shap = KernelShap.Explain(model, Rows(Diabetes.Data, Range(442, 30)), x, seed: 0, featureNames: Diabetes.FeatureNames);
        var pred = model.Predict(x).ToArray();
        for (int i = 0; i < x.Shape[0]; i++) Assert.Equal(pred[i], shap.Reconstruct(i), 1e-9);
        Assert.Contains("<svg", ShapSummaryPlot.Beeswarm(shap, x));
    }
}
