using Scratch.ML.Learn.Metrics;
using Xunit;

namespace Scratch.ML.Tests.Learn.Metrics;

/// <summary>Bad inputs raise ArgumentException naming the argument; hand-checked edge cases; tensor overloads forward.</summary>
public class MetricArgumentTests
{
    private static string? Param(Action a) => Assert.ThrowsAny<ArgumentException>(a).ParamName;

    [Fact]
    public void LabelMetricsRejectBadInputs()
    {
        int[] t = [0, 1, 2], p = [0, 2, 1];
        Assert.Equal("yPred", Param(() => ClassificationMetrics.ConfusionMatrix<int>(t, [0, 1])));
        Assert.Equal("yTrue", Param(() => ClassificationMetrics.ConfusionMatrix<int>([], [])));
        Assert.Equal("sampleWeight", Param(() => ClassificationMetrics.ConfusionMatrix<int>(t, p, null, [1.0, double.NaN, 1])));
        Assert.Equal("sampleWeight", Param(() => ClassificationMetrics.ConfusionMatrix<int>(t, p, null, [1.0, 1])));
        Assert.Equal("labels", Param(() => ClassificationMetrics.ConfusionMatrix<int>(t, p, [7, 8])));
        Assert.Equal("labels", Param(() => ClassificationMetrics.ConfusionMatrix<int>(t, p, [0, 0])));
        Assert.Equal("labels", Param(() => ClassificationMetrics.ConfusionMatrix<int>(t, p, [])));
        Assert.Equal("beta", Param(() => ClassificationMetrics.FBeta<int>(t, p, -1.0, Average.Macro)));
        Assert.Equal("zeroDivision", Param(() => ClassificationMetrics.Precision<int>(t, p, Average.Macro, zeroDivision: 0.5)));
        Assert.Equal("yTrue", Param(() => ClassificationMetrics.Precision<int>(t, p, posLabel: 1)));         // 3 labels: not binary
        Assert.Equal("posLabel", Param(() => ClassificationMetrics.Recall<int>([0, 1], [1, 0], posLabel: 5)));
        Assert.Equal("yPred", Param(() => ClassificationMetrics.MatthewsCorrcoef<int>(t, [0])));
        Assert.Equal("weights", Param(() => ClassificationMetrics.CohenKappa<int>(t, p, (KappaWeights)9)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.ConfusionMatrix<int>(t, p, normalize: (ConfusionNormalize)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.ClassificationReport<int>(t, p).ToText(-1));
        Assert.Equal("yTrue", Param(() => ClassificationMetrics.UniqueLabels<string>(["a", null!], ["a", "b"])));
    }

    [Fact]
    public void ScoreMetricsRejectBadInputs()
    {
        int[] t = [0, 1, 2, 1];
        var proba = new double[4, 3];
        for (int i = 0; i < 4; i++) { proba[i, 0] = 0.2; proba[i, 1] = 0.3; proba[i, 2] = 0.5; }
        Assert.Equal("proba", Param(() => ClassificationMetrics.LogLoss<int>(t, new double[3, 3])));
        Assert.Equal("proba", Param(() => ClassificationMetrics.LogLoss<int>(t, new double[4, 2])));
        Assert.Equal("yTrue", Param(() => ClassificationMetrics.LogLoss<int>([1, 1], new double[2, 2])));   // one label, none given
        Assert.Equal("labels", Param(() => ClassificationMetrics.LogLoss<int>([1, 1], new double[2, 1], [1])));
        Assert.Equal("yTrue", Param(() => ClassificationMetrics.LogLoss<int>(t, proba, [0, 1, 5])));        // 2 is not a label
        Assert.Equal("labels", Param(() => ClassificationMetrics.LogLoss<int>(t, proba, [2, 1, 0])));        // columns follow sorted labels
        Assert.Equal("eps", Param(() => ClassificationMetrics.LogLoss<int>(t, proba, eps: 0)));
        proba[1, 1] = double.NaN;
        Assert.Equal("proba", Param(() => ClassificationMetrics.LogLoss<int>(t, proba)));
        Assert.Equal("scores", Param(() => ClassificationMetrics.TopKAccuracy<int>(t, proba)));
        proba[1, 1] = 0.3;
        Assert.Equal("k", Param(() => ClassificationMetrics.TopKAccuracy<int>(t, proba, 0)));
        Assert.Equal("labels", Param(() => ClassificationMetrics.TopKAccuracy<int>(t, proba, 1, [2, 1, 0])));
        Assert.Equal("scores", Param(() => ClassificationMetrics.TopKAccuracy<int>(t, new double[4, 4])));
        Assert.Equal("probPositive", Param(() => ClassificationMetrics.BrierScore<int>([0, 1], [0.5, 1.5], 1)));
        Assert.Equal("yTrue", Param(() => ClassificationMetrics.BrierScore<int>([0, 1, 2], [0.5, 0.5, 0.5], 1)));
        Assert.Equal("yTrue", Param(() => ClassificationMetrics.RocAuc<int>([1, 1, 1], [0.1, 0.2, 0.3])));
        Assert.Equal("score", Param(() => ClassificationMetrics.RocCurve<int>([0, 1], [0.1, double.PositiveInfinity], 1)));
        Assert.Equal("proba", Param(() => ClassificationMetrics.RocAucOvr<int>(t, new double[4, 3])));  // rows sum to 0
        Assert.Equal("average", Param(() => ClassificationMetrics.RocAucOvr<int>(t, proba, Average.Micro)));
        Assert.Equal("yTrue", Param(() => ClassificationMetrics.RocAucOvr<int>([0, 0, 1, 1], proba, labels: [0, 1, 2]))); // class 2 absent
        Assert.Equal("posLabel", Param(() => ClassificationMetrics.AveragePrecision<int>([0, 1], [0.2, 0.8], 3)));
        Assert.Equal("nBins", Param(() => ClassificationMetrics.CalibrationCurve<int>([0, 1], [0.2, 0.8], 1, 0)));
        Assert.Equal("probPositive", Param(() => ClassificationMetrics.CalibrationCurve<int>([0, 1], [-0.2, 0.8], 1)));
        Assert.Equal("x", Param(() => ClassificationMetrics.Auc([0, 1, 0.5], [0, 1, 1])));
    }

    [Fact]
    public void HandCheckedEdgeCases()
    {
        // Perfect separation: AUC 1, AP 1; reversed: AUC 0.
        Assert.Equal(1.0, ClassificationMetrics.RocAuc<int>([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]));
        Assert.Equal(0.0, ClassificationMetrics.RocAuc<int>([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1]));
        Assert.Equal(1.0, ClassificationMetrics.AveragePrecision<int>([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9], 1));
        // All scores tied: AUC 1/2.
        Assert.Equal(0.5, ClassificationMetrics.RocAuc<int>([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3]));
        // No negatives: FPR is NaN (scikit-learn warns and does the same).
        Assert.All(ClassificationMetrics.RocCurve<int>([1, 1], [0.2, 0.4], 1).Fpr, v => Assert.True(double.IsNaN(v)));
        // Nothing predicted positive: precision takes zeroDivision.
        Assert.Equal(0.0, ClassificationMetrics.Precision<int>([0, 1], [0, 0], 1));
        Assert.Equal(1.0, ClassificationMetrics.Precision<int>([0, 1], [0, 0], 1, zeroDivision: 1));
        // Constant prediction: MCC is 0 by convention; a single label: kappa is NaN.
        Assert.Equal(0.0, ClassificationMetrics.MatthewsCorrcoef<int>([0, 1, 1], [1, 1, 1]));
        Assert.True(double.IsNaN(ClassificationMetrics.CohenKappa<int>([1, 1], [1, 1])));
        // String labels sort ordinally; a report with explicit labels shows "micro avg" instead of accuracy.
        var r = ClassificationMetrics.ClassificationReport<string>(["b", "a", "c"], ["b", "a", "a"], ["a", "b"]);
        Assert.Null(r.Accuracy);
        Assert.NotNull(r.Micro);
        Assert.Contains("micro avg", r.ToText());
        Assert.Equal(["a", "b", "c"], ClassificationMetrics.UniqueLabels<string>(["c", "a"], ["b"]));
        // Strings sort by code point like numpy ("B" < "a" < "b"), not by culture.
        Assert.Equal(["B", "a", "b"], ClassificationMetrics.UniqueLabels<string>(["b", "a"], ["B"]));
    }

    [Fact]
    public void TensorOverloadsForwardToSpanVersions()
    {
        int[] t = [0, 1, 2, 2, 1, 0], p = [0, 2, 2, 2, 1, 1];
        double[] w = [1, 2, 0.5, 1, 3, 1];
        var tt = Tensor.FromArray(t, 6); var tp = Tensor.FromArray(p, 6); var tw = Tensor.FromArray(w, 6);
        Assert.Equal(ClassificationMetrics.Accuracy<int>(t, p, w), ClassificationMetrics.Accuracy(tt, tp, tw));
        Assert.Equal(ClassificationMetrics.BalancedAccuracy<int>(t, p, w), ClassificationMetrics.BalancedAccuracy(tt, tp, tw));
        Assert.Equal(ClassificationMetrics.MatthewsCorrcoef<int>(t, p, w), ClassificationMetrics.MatthewsCorrcoef(tt, tp, tw));
        var cm = ClassificationMetrics.ConfusionMatrix<int>(t, p, null, w);
        var tcm = ClassificationMetrics.ConfusionMatrix(tt, tp, null, tw);
        Assert.Equal([3, 3], tcm.Shape.ToArray());
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) Assert.Equal(cm[i, j], tcm[i, j]);
        var proba = new double[6, 3];
        for (int i = 0; i < 6; i++) { proba[i, 0] = 0.5 - 0.05 * i; proba[i, 1] = 0.3; proba[i, 2] = 0.2 + 0.05 * i; }
        var tproba = Tensor.FromArray(proba);
        Assert.Equal(ClassificationMetrics.LogLoss<int>(t, proba), ClassificationMetrics.LogLoss(tt, tproba));
        Assert.Equal(ClassificationMetrics.TopKAccuracy<int>(t, proba, 1), ClassificationMetrics.TopKAccuracy(tt, tproba, 1));
        Assert.Equal(ClassificationMetrics.RocAucOvr<int>(t, proba), ClassificationMetrics.RocAucOvr(tt, tproba));
        Assert.Equal(ClassificationMetrics.F1<int>(t, p, Average.Weighted, null, w), ClassificationMetrics.F1(tt, tp, Average.Weighted, null, tw));
        Assert.Equal(ClassificationMetrics.Precision<int>(t, p, Average.Macro), ClassificationMetrics.Precision(tt, tp, Average.Macro));
        Assert.Equal(ClassificationMetrics.Recall<int>(t, p, Average.Micro), ClassificationMetrics.Recall(tt, tp, Average.Micro));
        Assert.Equal(ClassificationMetrics.CohenKappa<int>(t, p, KappaWeights.Quadratic), ClassificationMetrics.CohenKappa(tt, tp, KappaWeights.Quadratic));
        int[] b = [0, 1, 1, 0, 1, 0];
        double[] s = [0.2, 0.7, 0.4, 0.4, 0.9, 0.1];
        var tb = Tensor.FromArray(b, 6); var ts = Tensor.FromArray(s, 6);
        Assert.Equal(ClassificationMetrics.RocCurve<int>(b, s, 1, w).Tpr, ClassificationMetrics.RocCurve(tb, ts, 1, tw).Tpr);
        Assert.Equal(ClassificationMetrics.PrecisionRecallCurve<int>(b, s, 1).Precision, ClassificationMetrics.PrecisionRecallCurve(tb, ts, 1).Precision);
        Assert.Equal(ClassificationMetrics.AveragePrecision<int>(b, s, 1, w), ClassificationMetrics.AveragePrecision(tb, ts, 1, tw));
        Assert.Equal(ClassificationMetrics.BrierScore<int>(b, s, 1), ClassificationMetrics.BrierScore(tb, ts, 1));
        Assert.Equal(ClassificationMetrics.RocAuc<int>(b, s), ClassificationMetrics.RocAuc(tb, ts));
        Assert.Equal("yTrue", Param(() => ClassificationMetrics.Accuracy(Tensor.FromArray(t, 2, 3), tp)));
        Assert.Equal("proba", Param(() => ClassificationMetrics.LogLoss(tt, tw)));
        double[] y = [1, 2, 3, 4], yh = [1.5, 2, 2.5, 4.5];
        var ty = Tensor.FromArray(y, 4); var tyh = Tensor.FromArray(yh, 4);
        Assert.Equal(RegressionMetrics.MeanAbsoluteError(y, yh), RegressionMetrics.MeanAbsoluteError(ty, tyh));
        Assert.Equal(RegressionMetrics.MeanSquaredError(y, yh), RegressionMetrics.MeanSquaredError(ty, tyh));
        Assert.Equal(RegressionMetrics.RootMeanSquaredError(y, yh), RegressionMetrics.RootMeanSquaredError(ty, tyh));
        Assert.Equal(RegressionMetrics.R2(y, yh), RegressionMetrics.R2(ty, tyh));
        Assert.Equal(RegressionMetrics.MeanAbsolutePercentageError(y, yh), RegressionMetrics.MeanAbsolutePercentageError(ty, tyh));
        Assert.Equal(RegressionMetrics.MedianAbsoluteError(y, yh), RegressionMetrics.MedianAbsoluteError(ty, tyh));
        Assert.Equal(RegressionMetrics.ExplainedVariance(y, yh), RegressionMetrics.ExplainedVariance(ty, tyh));
        Assert.Equal(RegressionMetrics.MaxError(y, yh), RegressionMetrics.MaxError(ty, tyh));
        Assert.Equal(RegressionMetrics.R2(Tensor.FromArray(y, 2, 2), Tensor.FromArray(yh, 2, 2)),
            RegressionMetrics.R2(new double[,] { { 1, 2 }, { 3, 4 } }, new double[,] { { 1.5, 2 }, { 2.5, 4.5 } }, MultiOutput.UniformAverage));
    }
}
