using System.Text.Json;
using Scratch.ML.Learn.Metrics;
using Xunit;
using static Scratch.ML.Tests.Learn.Metrics.MetricFixtures;

namespace Scratch.ML.Tests.Learn.Metrics;

/// <summary>Label metrics vs. scikit-learn 1.2 on binary, multiclass, never-predicted, predicted-only and single-true-class cases, with and without weights.</summary>
public class LabelMetricTests
{
    public static TheoryData<string> Cases()
    {
        var d = new TheoryData<string>();
        foreach (var e in Load("labels")) d.Add(e.GetProperty("name").GetString()!);
        return d;
    }

    private static (JsonElement E, int[] T, int[] P, double[]? W) Case(string name)
    {
        var e = Load("labels").Single(x => x.GetProperty("name").GetString() == name);
        return (e, e.Ints("y_true"), e.Ints("y_pred"), e.Weights());
    }

    [Theory, MemberData(nameof(Cases))]
    public void AccuracyAndBalancedAccuracy(string name)
    {
        var (e, t, p, w) = Case(name);
        Close(e.Double("accuracy"), ClassificationMetrics.Accuracy<int>(t, p, w), "accuracy");
        Close(e.Double("balanced_accuracy"), ClassificationMetrics.BalancedAccuracy<int>(t, p, w), "balanced");
        Close(e.Double("balanced_accuracy_adjusted"), ClassificationMetrics.BalancedAccuracy<int>(t, p, w, adjusted: true), "adjusted");
    }

    [Theory, MemberData(nameof(Cases))]
    public void ConfusionMatrixAllNormalisations(string name)
    {
        var (e, t, p, w) = Case(name);
        Assert.Equal(e.Ints("labels"), ClassificationMetrics.UniqueLabels<int>(t, p));
        Close(e.Matrix("confusion"), ClassificationMetrics.ConfusionMatrix<int>(t, p, null, w), "cm");
        Close(e.Matrix("confusion_true"), ClassificationMetrics.ConfusionMatrix<int>(t, p, null, w, ConfusionNormalize.True), "cm/true");
        Close(e.Matrix("confusion_pred"), ClassificationMetrics.ConfusionMatrix<int>(t, p, null, w, ConfusionNormalize.Pred), "cm/pred");
        Close(e.Matrix("confusion_all"), ClassificationMetrics.ConfusionMatrix<int>(t, p, null, w, ConfusionNormalize.All), "cm/all");
        Close(e.Matrix("confusion_explicit"), ClassificationMetrics.ConfusionMatrix<int>(t, p, e.Ints("confusion_labels"), w), "cm/labels");
    }

    [Theory, MemberData(nameof(Cases))]
    public void PrecisionRecallFBetaAllAverages(string name)
    {
        var (e, t, p, w) = Case(name);
        var labels = e.Ints("labels");
        foreach (var zd in new[] { 0, 1 })
            foreach (var beta in new[] { 1.0, 0.5, 2.0 })
            {
                string key = $"prf_b{beta:0.0}_z{zd}";
                var none = e.GetProperty(key + "_none").EnumerateArray().Select(Doubles).ToArray();
                var r = ClassificationMetrics.PrecisionRecallFScoreSupport<int>(t, p, beta, null, w, zd);
                Assert.Equal(labels, r.Labels);
                Close(none[0], r.Precision, key + " P"); Close(none[1], r.Recall, key + " R");
                Close(none[2], r.FScore, key + " F"); Close(none[3], r.Support, key + " S");
                foreach (var (avg, mode) in new[] { ("micro", Average.Micro), ("macro", Average.Macro), ("weighted", Average.Weighted) })
                {
                    var x = e.Doubles($"{key}_{avg}");
                    Close(x[0], ClassificationMetrics.Precision<int>(t, p, mode, null, w, zd), $"{key} {avg} P");
                    Close(x[1], ClassificationMetrics.Recall<int>(t, p, mode, null, w, zd), $"{key} {avg} R");
                    Close(x[2], ClassificationMetrics.FBeta<int>(t, p, beta, mode, null, w, zd), $"{key} {avg} F");
                    if (beta == 1.0) Close(x[2], ClassificationMetrics.F1<int>(t, p, mode, null, w, zd), $"{key} {avg} F1");
                }
                if (labels.Length == 2)
                {
                    var x = e.Doubles($"{key}_binary");
                    Close(x[0], ClassificationMetrics.Precision<int>(t, p, labels[1], w, zd), key + " binary P");
                    Close(x[1], ClassificationMetrics.Recall<int>(t, p, labels[1], w, zd), key + " binary R");
                    Close(x[2], ClassificationMetrics.FBeta<int>(t, p, beta, labels[1], w, zd), key + " binary F");
                }
                if (beta == 1.0)
                {
                    Close(none[0], ClassificationMetrics.PrecisionPerClass<int>(t, p, null, w, zd), "P per class");
                    Close(none[1], ClassificationMetrics.RecallPerClass<int>(t, p, null, w, zd), "R per class");
                    Close(none[2], ClassificationMetrics.F1PerClass<int>(t, p, null, w, zd), "F1 per class");
                }
            }
    }

    [Theory, MemberData(nameof(Cases))]
    public void ExplicitLabelsIncludingAnAbsentOne(string name)
    {
        var (e, t, p, w) = Case(name);
        var sub = e.Ints("prf_labels");
        foreach (var zd in new[] { 0, 1 })
        {
            var none = e.GetProperty($"prf_labels_z{zd}_none").EnumerateArray().Select(Doubles).ToArray();
            var r = ClassificationMetrics.PrecisionRecallFScoreSupport<int>(t, p, 1.0, sub, w, zd);
            Close(none[0], r.Precision, "P"); Close(none[1], r.Recall, "R"); Close(none[2], r.FScore, "F"); Close(none[3], r.Support, "S");
            foreach (var (avg, mode) in new[] { ("micro", Average.Micro), ("macro", Average.Macro), ("weighted", Average.Weighted) })
            {
                var x = e.Doubles($"prf_labels_z{zd}_{avg}");
                Close(x[0], ClassificationMetrics.Precision<int>(t, p, mode, sub, w, zd), $"{avg} P z{zd}");
                Close(x[1], ClassificationMetrics.Recall<int>(t, p, mode, sub, w, zd), $"{avg} R z{zd}");
                Close(x[2], ClassificationMetrics.F1<int>(t, p, mode, sub, w, zd), $"{avg} F z{zd}");
            }
        }
        if (w is null) Assert.Equal(e.GetProperty("report_labels").GetString(), ClassificationMetrics.ClassificationReport<int>(t, p, sub).ToText());
    }

    [Theory, MemberData(nameof(Cases))]
    public void MatthewsAndKappa(string name)
    {
        var (e, t, p, w) = Case(name);
        Close(e.Double("mcc"), ClassificationMetrics.MatthewsCorrcoef<int>(t, p, w), "mcc");
        Close(e.Double("kappa_None"), ClassificationMetrics.CohenKappa<int>(t, p, KappaWeights.None, null, w), "kappa");
        Close(e.Double("kappa_linear"), ClassificationMetrics.CohenKappa<int>(t, p, KappaWeights.Linear, null, w), "kappa linear");
        Close(e.Double("kappa_quadratic"), ClassificationMetrics.CohenKappa<int>(t, p, KappaWeights.Quadratic, null, w), "kappa quadratic");
    }

    [Theory, MemberData(nameof(Cases))]
    public void ReportMatchesSklearnText(string name)
    {
        var (e, t, p, w) = Case(name);
        if (w is not null)
        {
            // Weighted supports are printed as Python's repr of a float64 (shortest round-trip digits), as .NET's "R".
            Assert.Equal(e.GetProperty("report_weighted").GetString(), ClassificationMetrics.ClassificationReport<int>(t, p, null, w).ToText());
            return;
        }
        var report = ClassificationMetrics.ClassificationReport<int>(t, p);
        Assert.Equal(e.GetProperty("report").GetString(), report.ToText());
        Assert.Equal(e.GetProperty("report_digits4").GetString(), report.ToText(4));
        Close(e.Double("accuracy"), report.Accuracy!.Value, "report accuracy");
        Assert.Null(report.Micro);
    }
}
