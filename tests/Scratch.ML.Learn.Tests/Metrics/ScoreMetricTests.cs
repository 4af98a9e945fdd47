using System.Text.Json;
using Scratch.ML.Learn.Metrics;
using Xunit;
using static Scratch.ML.Tests.Learn.Metrics.MetricFixtures;

namespace Scratch.ML.Tests.Learn.Metrics;

/// <summary>Probability/score metrics vs. scikit-learn 1.2: binary scores with ties and weights, labels 3/7, multiclass probabilities with ties and clipping.</summary>
public class ScoreMetricTests
{
    public static TheoryData<string> BinaryCases() => Names("binary_scores");

    public static TheoryData<string> MulticlassCases() => Names("multiclass_scores");

    private static TheoryData<string> Names(string file)
    {
        var d = new TheoryData<string>();
        foreach (var e in Load(file)) d.Add(e.GetProperty("name").GetString()!);
        return d;
    }

    private static JsonElement Case(string file, string name) => Load(file).Single(x => x.GetProperty("name").GetString() == name);

    private static (JsonElement E, int[] T, double[] S, double[]? W, int Pos) Binary(string name)
    {
        var e = Case("binary_scores", name);
        var t = e.Ints("y_true");
        return (e, t, e.Doubles("score"), e.Weights(), t.Max() == 7 ? 7 : 1);
    }

    [Theory, MemberData(nameof(BinaryCases))]
    public void RocCurveWithAndWithoutDropping(string name)
    {
        var (e, t, s, w, pos) = Binary(name);
        foreach (var drop in new[] { true, false })
        {
            var x = e.GetProperty($"roc_{(drop ? "True" : "False")}").EnumerateArray().Select(Doubles).ToArray();
            var roc = ClassificationMetrics.RocCurve<int>(t, s, pos, w, drop);
            Close(x[0], roc.Fpr, $"fpr drop={drop}"); Close(x[1], roc.Tpr, $"tpr drop={drop}"); Close(x[2], roc.Thresholds, $"thr drop={drop}");
        }
        Close(e.Double("roc_auc"), ClassificationMetrics.RocAuc<int>(t, s, w), "roc auc");
    }

    [Theory, MemberData(nameof(BinaryCases))]
    public void PrecisionRecallCurveAndAveragePrecision(string name)
    {
        var (e, t, s, w, pos) = Binary(name);
        var x = e.GetProperty("pr_curve").EnumerateArray().Select(Doubles).ToArray();
        var pr = ClassificationMetrics.PrecisionRecallCurve<int>(t, s, pos, w);
        Close(x[0], pr.Precision, "precision"); Close(x[1], pr.Recall, "recall"); Close(x[2], pr.Thresholds, "thresholds");
        Close(e.Double("average_precision"), ClassificationMetrics.AveragePrecision<int>(t, s, pos, w), "AP");
    }

    [Theory, MemberData(nameof(BinaryCases))]
    public void BrierLogLossCalibration(string name)
    {
        var (e, t, s, w, pos) = Binary(name);
        Close(e.Double("brier"), ClassificationMetrics.BrierScore<int>(t, s, pos, w), "brier");
        Close(e.Double("log_loss_1d"), ClassificationMetrics.LogLoss<int>(t, s, null, w), "log loss 1-d");
        foreach (var nb in new[] { 3, 5 })
            foreach (var (key, strat) in new[] { ("uniform", CalibrationStrategy.Uniform), ("quantile", CalibrationStrategy.Quantile) })
            {
                var x = e.GetProperty($"calibration_{key}_{nb}").EnumerateArray().Select(Doubles).ToArray();
                var c = ClassificationMetrics.CalibrationCurve<int>(t, s, pos, nb, strat);
                Close(x[0], c.ProbTrue, $"{key} {nb} true"); Close(x[1], c.ProbPred, $"{key} {nb} pred");
            }
    }

    [Theory, MemberData(nameof(MulticlassCases))]
    public void LogLossTopKRocAucOvr(string name)
    {
        var e = Case("multiclass_scores", name);
        var t = e.Ints("y_true");
        var p = e.Matrix("proba");
        var w = e.Weights();
        if (name == "absent_class")
        {
            Close(e.Double("log_loss"), ClassificationMetrics.LogLoss<int>(t, p, e.Ints("labels")), "log loss with labels");
            Assert.Throws<ArgumentException>(() => ClassificationMetrics.LogLoss<int>(t, p)); // 3 labels in yTrue, 4 columns
            return;
        }
        Close(e.Double("log_loss"), ClassificationMetrics.LogLoss<int>(t, p), "log loss");
        Close(e.Double("log_loss_weighted"), ClassificationMetrics.LogLoss<int>(t, p, null, w), "log loss weighted");
        Close(e.Double("log_loss_sum"), ClassificationMetrics.LogLoss<int>(t, p, normalize: false), "log loss sum");
        Close(e.Double("log_loss_eps"), ClassificationMetrics.LogLoss<int>(t, p, eps: 1e-3), "log loss eps");
        foreach (var k in new[] { 1, 2, 3 })
        {
            Close(e.Double($"top_{k}"), ClassificationMetrics.TopKAccuracy<int>(t, p, k), $"top {k}");
            Close(e.Double($"top_{k}_weighted"), ClassificationMetrics.TopKAccuracy<int>(t, p, k, null, w), $"top {k} weighted");
        }
        if (e.TryGetProperty("roc_auc_ovr_macro", out _))
            foreach (var (key, avg) in new[] { ("macro", Average.Macro), ("weighted", Average.Weighted) })
            {
                Close(e.Double($"roc_auc_ovr_{key}"), ClassificationMetrics.RocAucOvr<int>(t, p, avg), $"ovr {key}");
                Close(e.Double($"roc_auc_ovr_{key}_weighted"), ClassificationMetrics.RocAucOvr<int>(t, p, avg, null, w), $"ovr {key} weighted");
            }
    }
}
