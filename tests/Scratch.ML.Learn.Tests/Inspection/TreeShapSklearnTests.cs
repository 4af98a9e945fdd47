using System.Text.Json;
using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.Learn.Inspection.TreeShapTestTrees;

namespace Scratch.ML.Tests.Learn.Inspection;

/// <summary>
/// TreeSHAP on trees fitted by scikit-learn 1.2 (tests/reference/sklearn_treeshap.py): a tree, a weighted classifier
/// tree, forests and gradient boosting. `shap` is not installed, so the external checks are (1) efficiency against
/// scikit-learn's own predict / predict_proba / decision_function and (2) the brute-force Shapley oracle.
/// </summary>
public class TreeShapSklearnTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly JsonElement Cases = Fixture("treeshap.json").GetProperty("cases");

    private static TreeEnsemble Ensemble(JsonElement c) => new(
        c.GetProperty("trees").EnumerateArray().Select(TreeFrom).ToList(),
        c.GetProperty("weights").EnumerateArray().Select(v => v.GetDouble()).ToList(),
        c.GetProperty("offsets").EnumerateArray().Select(v => v.GetInt32()).ToList(),
        c.GetProperty("base").EnumerateArray().Select(v => v.GetDouble()).ToList());

    [Theory]
    [InlineData("tree_regressor")]
    [InlineData("tree_classifier_weighted")]
    [InlineData("forest_regressor")]
    [InlineData("forest_classifier")]
    [InlineData("boosting_regressor")]
    [InlineData("boosting_classifier")]
    public void ValuesAddUpToSklearnsPredictionAndMatchTheOracle(string name)
    {
        var c = Cases.GetProperty(name);
        var e = Ensemble(c);
        var (x, d) = Matrix(c.GetProperty("x"));
        var (prediction, outputs) = Matrix(c.GetProperty("prediction"));
        Assert.Equal(e.OutputCount, outputs);
        int n = x.Length / d;
        var shap = TreeShap.Explain(e, Tensor.FromArray(x, n, d), cancellationToken: Ct);
        for (int i = 0; i < n; i++)
        {
            for (int o = 0; o < outputs; o++)
            {
                double expected = prediction[i * outputs + o];
                Assert.True(Shapley.IsClose(shap.Reconstruct(i, o), expected), $"{name} row {i} output {o}: E + Σφ = {shap.Reconstruct(i, o):R}, sklearn {expected:R}");
            }
            if (i % 3 != 0) continue;   // the 2^10-coalition oracle on every third row keeps the test fast
            var (phi, _) = Oracle(e, x[(i * d)..((i + 1) * d)]);
            TensorAssert.Close<double>(phi, shap.Values.AsSpan(i * d * outputs, d * outputs), Shapley);
        }
    }
}
