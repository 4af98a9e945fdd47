using System.Text.Json;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>
/// Raw predictions of both estimators against scikit-learn 1.2 on the training rows, early stopping off
/// (fixtures from tests/reference/sklearn_histgb.py).
/// </summary>
public class HistGradientBoostingReferenceTests
{
    // Same bins (bit-equal thresholds), the same float32 gradients (computed in float64, rounded like G_H_DTYPE),
    // histograms summed in float64 in the same row order (scikit-learn run single-threaded), the same split rules and
    // the same heap order make every tree identical to scikit-learn's (leaf counts are checked exactly). What remains
    // is float64 rounding: numpy's pairwise sums in baselines and medians vs our sums. Observed differences are
    // below 1e-11; 1e-9 leaves room for one-ulp differences of exp/log between libm builds. A different split would
    // show up as errors of order 1e-1.
    private static readonly Tolerance VsSklearn = new("HistGbVsSklearn", 1e-9, 1e-9);

    public static TheoryData<string> RegressionCases() => Names("regression");

    public static TheoryData<string> ClassificationCases() => Names("classification");

    private static TheoryData<string> Names(string group)
    {
        var data = new TheoryData<string>();
        foreach (var c in HistGbData.Root.GetProperty(group).EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    private static JsonElement Case(string group, string name) =>
        HistGbData.Root.GetProperty(group).EnumerateArray().First(c => c.GetProperty("name").GetString() == name);

    [Theory]
    [MemberData(nameof(RegressionCases))]
    public void RegressorMatchesScikitLearn(string name)
    {
        var c = Case("regression", name);
        var (x, y, _) = HistGbData.Load(c.GetProperty("data").GetString()!);
        var p = c.GetProperty("params");
        var est = new HistGradientBoostingRegressor(EarlyStopping: HistEarlyStopping.Off, MaxIter: p.GetProperty("max_iter").GetInt32());
        if (p.TryGetProperty("loss", out var loss))
            est = est with
            {
                Loss = loss.GetString() switch
                {
                    "absolute_error" => HistRegressionLoss.AbsoluteError, "poisson" => HistRegressionLoss.Poisson,
                    "gamma" => HistRegressionLoss.Gamma, "quantile" => HistRegressionLoss.Quantile, _ => HistRegressionLoss.SquaredError,
                },
                Quantile = p.TryGetProperty("quantile", out var q) ? q.GetDouble() : null,
            };
        est = Common(est, p);
        var model = est.Fit(x, y!, c.GetProperty("weighted").GetBoolean() ? HistGbData.Weights(x.Shape[0]) : null);
        Assert.Equal(c.GetProperty("n_iter").GetInt32(), model.NIter);
        Assert.Equal(HistGbData.Ints(c.GetProperty("leaves")), model.Trees.Select(t => t.LeafCount).ToArray());
        var rows = HistGbData.Ints(c.GetProperty("rows"));
        var raw = model.RawPredict(x).ToArray();
        var expected = HistGbData.Doubles(c.GetProperty("raw"));
        TensorAssert.Close(Tensor.FromArray(expected, expected.Length), Tensor.FromArray(rows.Select(i => raw[i]).ToArray(), rows.Length), VsSklearn);
    }

    [Theory]
    [MemberData(nameof(ClassificationCases))]
    public void ClassifierMatchesScikitLearn(string name)
    {
        var c = Case("classification", name);
        var (x, _, labels) = HistGbData.Load(c.GetProperty("data").GetString()!);
        var p = c.GetProperty("params");
        var est = new HistGradientBoostingClassifier(EarlyStopping: HistEarlyStopping.Off, MaxIter: p.GetProperty("max_iter").GetInt32());
        est = Common(est, p);
        if (p.TryGetProperty("class_weight", out var cw) && cw.GetString() == "balanced") est = est with { ClassWeight = Scratch.ML.Learn.LinearModels.ClassWeights.Balanced };
        var model = est.Fit(x, labels!, c.GetProperty("weighted").GetBoolean() ? HistGbData.Weights(x.Shape[0]) : null);
        Assert.Equal(c.GetProperty("n_iter").GetInt32(), model.NIter);
        var leaves = c.GetProperty("leaves").EnumerateArray().SelectMany(HistGbData.Ints).ToArray();
        Assert.Equal(leaves, model.Trees.Select(t => t.LeafCount).ToArray());
        var rows = HistGbData.Ints(c.GetProperty("rows"));
        int k = model.TreesPerIteration;
        var raw = model.DecisionFunction(x).ToArray();
        var expected = c.GetProperty("raw").EnumerateArray().SelectMany(HistGbData.Doubles).ToArray();
        var actual = rows.SelectMany(i => Enumerable.Range(0, k).Select(j => raw[i * k + j])).ToArray();
        TensorAssert.Close(Tensor.FromArray(expected, expected.Length), Tensor.FromArray(actual, actual.Length), VsSklearn);
        var proba = c.GetProperty("proba").EnumerateArray().SelectMany(HistGbData.Doubles).ToArray();
        var sub = x.IndexSelect(0, Tensor.FromArray(rows.Select(i => (long)i).ToArray(), rows.Length));
        var ours = model.PredictProba(sub).ToArray();
        TensorAssert.Close(Tensor.FromArray(proba, proba.Length), Tensor.FromArray(ours, ours.Length), VsSklearn);
    }

    private static HistGradientBoostingRegressor Common(HistGradientBoostingRegressor e, JsonElement p)
    {
        var o = Options(p);
        return e with
        {
            LearningRate = o.Lr, L2Regularization = o.L2, MaxDepth = o.Depth, MaxLeafNodes = o.Leaves, MinSamplesLeaf = o.MinLeaf, MaxBins = o.Bins,
            MonotonicCst = o.Mono, InteractionCst = o.Inter, CategoricalFeatures = o.Cat, CategoricalMask = o.Mask,
        };
    }

    private static HistGradientBoostingClassifier Common(HistGradientBoostingClassifier e, JsonElement p)
    {
        var o = Options(p);
        return e with
        {
            LearningRate = o.Lr, L2Regularization = o.L2, MaxDepth = o.Depth, MaxLeafNodes = o.Leaves, MinSamplesLeaf = o.MinLeaf, MaxBins = o.Bins,
            MonotonicCst = o.Mono, InteractionCst = o.Inter, CategoricalFeatures = o.Cat, CategoricalMask = o.Mask,
        };
    }

    private static (double Lr, double L2, int? Depth, int? Leaves, int MinLeaf, int Bins, int[]? Mono, int[][]? Inter, int[]? Cat, bool[]? Mask) Options(JsonElement p)
    {
        double Num(string k, double dflt) => p.TryGetProperty(k, out var v) ? v.GetDouble() : dflt;
        int[]? cat = null;
        bool[]? mask = null;
        if (p.TryGetProperty("categorical_features", out var cf))
        {
            if (cf[0].ValueKind is JsonValueKind.True or JsonValueKind.False) mask = cf.EnumerateArray().Select(v => v.GetBoolean()).ToArray();
            else cat = HistGbData.Ints(cf);
        }
        return (Num("learning_rate", 0.1), Num("l2_regularization", 0), p.TryGetProperty("max_depth", out var md) ? md.GetInt32() : null,
            p.TryGetProperty("max_leaf_nodes", out var ml) ? ml.GetInt32() : 31, (int)Num("min_samples_leaf", 20), (int)Num("max_bins", 255),
            p.TryGetProperty("monotonic_cst", out var mc) ? HistGbData.Ints(mc) : null,
            p.TryGetProperty("interaction_cst", out var ic) ? ic.EnumerateArray().Select(HistGbData.Ints).ToArray() : null, cat, mask);
    }
}
