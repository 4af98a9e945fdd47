using System.Text.Json;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Trees;
using Xunit;

namespace Scratch.ML.Tests.Learn.Trees;

/// <summary>
/// One classification tree fitted to two label columns, against scikit-learn 1.2's DecisionTreeClassifier with a 2-d y
/// (tests/reference/sklearn_trees_multioutput.py), node for node, with scikit-learn's feature-order generator.
/// </summary>
public class MultiOutputTreeClassifierTests
{
    private static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "trees", "trees_multioutput.json"))).RootElement;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Root.GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    private static JsonElement Case(string name) => Root.GetProperty("cases").EnumerateArray().First(c => c.GetProperty("name").GetString() == name);

    /// <summary>The case's float32 x and its two label columns, built as the script builds them.</summary>
    private static (Tensor<float> X, Labels[] Y) Data(string name)
    {
        bool iris = name.StartsWith("iris", StringComparison.Ordinal);
        var d = iris ? SmallDatasets.LoadIris() : SmallDatasets.LoadBreastCancer();
        int n = d.Data.Shape[0], f = d.Data.Shape[1];
        var x = d.Data.ToArray().Select(v => (float)v).ToArray();
        var second = new int[n];
        for (int i = 0; i < n; i++)
            second[i] = iris ? (x[i * f] > 5.8 ? 1 : 0) : (x[i * f] > 14 ? 1 : 0) + (x[i * f + 1] > 20 ? 1 : 0);
        return (Tensor.FromArray(x, n, f), [d.Labels!, Labels.From(second)]);
    }

    private static DecisionTreeClassifier Options(JsonElement c)
    {
        var p = c.GetProperty("params");
        return new DecisionTreeClassifier(
            Criterion: p.TryGetProperty("criterion", out var cr) && cr.GetString() == "entropy" ? SplitCriterion.Entropy : SplitCriterion.Gini,
            MaxDepth: p.TryGetProperty("max_depth", out var md) ? md.GetInt32() : null,
            MinSamplesLeaf: p.TryGetProperty("min_samples_leaf", out var ml) ? ml.GetInt32() : null,
            MaxLeafNodes: p.TryGetProperty("max_leaf_nodes", out var mx) ? mx.GetInt32() : null,
            ClassWeight: p.TryGetProperty("class_weight", out _) ? ClassWeights.Balanced : null)
        { SklearnSeed = CartGrowerSklearnTests.SklearnSeed };
    }

    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReproducesScikitLearn(string name)
    {
        var c = Case(name);
        var (x, y) = Data(name);
        var model = Options(c).FitMultiOutput(x, y);
        var tree = model.Tree;
        Assert.Equal(Ints(c.GetProperty("children_left")), tree.LeftChild.ToArray());
        Assert.Equal(Ints(c.GetProperty("children_right")), tree.RightChild.ToArray());
        Assert.Equal(Ints(c.GetProperty("feature")), tree.Feature.ToArray());
        Assert.Equal(c.GetProperty("threshold").EnumerateArray().Select(v => v.GetDouble()).ToArray(), tree.Threshold.ToArray());
        var values = c.GetProperty("values").EnumerateArray().Select(o => o.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray()).ToArray();
        for (int node = 0; node < tree.NodeCount; node++)
            for (int o = 0; o < 2; o++)
                for (int k = 0; k < model.Classes[o].Count; k++)
                    Assert.Equal(values[o][node][k], tree.Value(node)[model.OutputOffset(o) + k], 1e-12);
        Assert.Equal(Ints(c.GetProperty("apply")), model.Apply(x));
        var predicted = model.Predict(x);
        var expected = c.GetProperty("predict").EnumerateArray().Select(Ints).ToArray();
        for (int o = 0; o < 2; o++) Assert.Equal(expected[o], predicted[o].Ints!.ToArray());
        var proba = model.PredictProba(x);
        var expectedProba = c.GetProperty("proba").EnumerateArray().ToArray();
        for (int o = 0; o < 2; o++)
        {
            var rows = expectedProba[o].EnumerateArray().Select(r => r.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray();
            Assert.Equal(rows.SelectMany(r => r).ToArray(), proba[o].ToArray());
        }
        var importances = c.GetProperty("feature_importances").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (int j = 0; j < importances.Length; j++) Assert.Equal(importances[j], model.FeatureImportances[j], 1e-12);
    }

    [Fact]
    public void OneOutputGivesTheSingleOutputTree()
    {
        var (x, y) = Data("iris_multi");
        var est = new DecisionTreeClassifier(MaxDepth: 4, Seed: 3);
        var single = est.Fit(x, y[0]);
        var multi = est.FitMultiOutput(x, [y[0]]);
        Assert.Equal(single.Tree.Feature.ToArray(), multi.Tree.Feature.ToArray());
        Assert.Equal(single.Tree.Threshold.ToArray(), multi.Tree.Threshold.ToArray());
        Assert.Equal(single.PredictProba(x).ToArray(), multi.PredictProba(x)[0].ToArray());
    }

    [Fact]
    public void StringLabelsScoreSaveLoadAndTreeShap()
    {
        var (x, y) = Data("bc_multi_leaves12");
        var names = Labels.From(y[1].Ints!.ToArray().Select(v => v switch { 0 => "small", 1 => "medium", _ => "large" }).ToArray());
        var model = new DecisionTreeClassifier(MaxDepth: 6).FitMultiOutput(x, [y[0], names]);
        Assert.Equal(["large", "medium", "small"], model.Classes[1].Decode([0, 1, 2]).Strings!.ToArray());
        var predicted = model.Predict(x);
        double subset = Enumerable.Range(0, x.Shape[0]).Count(i => predicted[0].Ints![i] == y[0].Ints![i] && predicted[1].Strings![i] == names.Strings![i]) / (double)x.Shape[0];
        Assert.Equal(subset, model.Score(x, [y[0], names]));
        Assert.True(subset > 0.85);

        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = MultiOutputTreeClassifierModel<float>.Load(stream);
        Assert.Equal(model.PredictProba(x)[1].ToArray(), loaded.PredictProba(x)[1].ToArray());
        stream.Position = 0;
        Assert.IsType<MultiOutputTreeClassifierModel<float>>(ModelLoaders.Load<float>(stream));

        // TreeSHAP explains all 2 + 3 class probabilities at once; each output's block sums to its probabilities.
        var rows = x.Narrow(0, 0, 10).Contiguous();
        var shap = TreeShap.Explain(model, rows, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(5, shap.Outputs);
        var p1 = model.PredictProba(rows)[1].ToArray();
        for (int i = 0; i < 10; i++)
            for (int k = 0; k < 3; k++)
            {
                double sum = shap.ExpectedValue[2 + k];
                for (int j = 0; j < x.Shape[1]; j++) sum += shap[i, j, 2 + k];
                Assert.Equal(p1[i * 3 + k], sum, 1e-6);
            }
    }

    [Fact]
    public void BadInputIsRejected()
    {
        var (x, y) = Data("iris_multi");
        var est = new DecisionTreeClassifier();
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => est.FitMultiOutput(x, [])).Message, StringComparison.Ordinal);
        Assert.Contains("y[1] has 3 labels", Assert.Throws<ArgumentException>(() => est.FitMultiOutput(x, [y[0], Labels.From([0, 1, 0])])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => est.FitMultiOutput(x, [y[0], Labels.From(new int[150])]));
        var explicitWeights = est with { ClassWeight = ClassWeights.Of(new Dictionary<int, double> { [0] = 2.0, [1] = 1.0, [2] = 1.0 }) };
        Assert.Equal("ClassWeight", Assert.Throws<ArgumentException>(() => explicitWeights.FitMultiOutput(x, y)).ParamName);
        var model = est.FitMultiOutput(x, y);
        Assert.Throws<ArgumentException>(() => model.Predict(x.Narrow(1, 0, 3).Contiguous()));
        Assert.Throws<ArgumentException>(() => model.Score(x, [y[0]]));
    }
}
