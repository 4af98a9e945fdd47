using System.Text.Json;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.Learn.Inspection.TreeShapTestTrees;

namespace Scratch.ML.Tests.Learn.Trees;

/// <summary>The model overloads of TreeExport and TreeSHAP on trees fitted by our own CART.</summary>
public class TreeExportModelTests
{
    private static readonly JsonElement Cases = Fixture("export.json").GetProperty("cases");

    [Fact]
    public void AFittedRegressorExportsAsSklearnsDoes()
    {
        // The diabetes tree (max depth 3) has no tied splits, so our CART grows sklearn's tree and prints its text.
        var data = SmallDatasets.LoadDiabetes();
        var model = new DecisionTreeRegressor(MaxDepth: 3).Fit(data.Data, data.Target);
        var c = Cases.GetProperty("diabetes");
        Assert.Equal(c.GetProperty("text")[0].GetProperty("expected").GetString(), TreeExport.ToText(model));
        Assert.Equal(c.GetProperty("dot")[0].GetProperty("expected").GetString(), TreeExport.ToDot(model));
        Assert.Equal(TreeExport.ToDot(model.Tree, TreeExportKind.Regressor, new DotExportOptions(Criterion: "squared_error")), TreeExport.ToDot(model));
    }

    [Fact]
    public void ClassifierOverloadsUseTheLabelsAndTheCriterion()
    {
        var data = SmallDatasets.LoadIris();
        var labels = data.Labels!.Select(k => data.TargetNames[k]).ToArray();
        var model = new DecisionTreeClassifier(Criterion: SplitCriterion.Entropy, MaxDepth: 2).Fit(data.Data, labels);
        string text = TreeExport.ToText(model);
        Assert.Contains("class: setosa", text);
        Assert.Equal(TreeExport.ToText(model.Tree, TreeExportKind.Classifier, new TextExportOptions(ClassNames: ["setosa", "versicolor", "virginica"])), text);
        string dot = TreeExport.ToDot(model, new DotExportOptions(ClassNames: ["a", "b", "c"]));
        Assert.Contains("entropy = 1.585", dot);
        Assert.Contains("value = [50, 50, 50]", dot);
        Assert.Contains("gini = ", TreeExport.ToDot(model, new DotExportOptions(Criterion: "gini")));
        Assert.Equal("friedman_mse", TreeExport.CriterionName(SplitCriterion.FriedmanMse));
    }

    [Fact]
    public void TreeShapExplainsFittedModelsExactly()
    {
        var data = SmallDatasets.LoadIris();
        var model = new DecisionTreeClassifier(MaxDepth: 4).Fit(data.Data, data.Labels!);
        var shap = TreeShap.Explain(model, data.Data, data.FeatureNames, TestContext.Current.CancellationToken);
        var proba = model.PredictProba(data.Data).ToArray();
        for (int i = 0; i < 150; i += 7)
            for (int k = 0; k < 3; k++) Assert.True(Shapley.IsClose(shap.Reconstruct(i, k), proba[i * 3 + k]), $"row {i} class {k}");
        var (phi, _) = Oracle(model.Ensemble, data.Data.ToArray()[..4]);
        TensorAssert.Close<double>(phi, shap.Values.AsSpan(0, 12), Shapley);
    }
}
