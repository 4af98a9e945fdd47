using Scratch.ML.Learn.Metrics;
using Xunit;
using static Scratch.ML.Tests.Learn.Metrics.MetricFixtures;

namespace Scratch.ML.Tests.Learn.Metrics;

/// <summary>Regression metrics vs. scikit-learn 1.2 (a zero target for MAPE, zero weights, even n, constant targets, multioutput R²).</summary>
public class RegressionMetricTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("weighted")]
    public void AllMetricsMatchSklearn(string name)
    {
        var e = Load("regression").Single(x => x.GetProperty("name").GetString() == name);
        double[] t = e.Doubles("y_true"), p = e.Doubles("y_pred");
        var w = e.Weights();
        Close(e.Double("mae"), RegressionMetrics.MeanAbsoluteError(t, p, w), "mae");
        Close(e.Double("mse"), RegressionMetrics.MeanSquaredError(t, p, w), "mse");
        Close(e.Double("rmse"), RegressionMetrics.RootMeanSquaredError(t, p, w), "rmse");
        Close(e.Double("mape"), RegressionMetrics.MeanAbsolutePercentageError(t, p, w), "mape");
        Close(e.Double("medae"), RegressionMetrics.MedianAbsoluteError(t, p, w), "medae");
        Close(e.Double("r2"), RegressionMetrics.R2(t, p, w), "r2");
        Close(e.Double("evs"), RegressionMetrics.ExplainedVariance(t, p, w), "evs");
        Close(e.Double("max_error"), RegressionMetrics.MaxError(t, p), "max error");
    }

    [Fact]
    public void EvenMedianConstantTargetsAndMultiOutput()
    {
        var all = Load("regression");
        var even = all.Single(x => x.GetProperty("name").GetString() == "even");
        Close(even.Double("medae"), RegressionMetrics.MedianAbsoluteError(even.Doubles("y_true"), even.Doubles("y_pred")), "even medae");
        Close(even.Double("r2"), RegressionMetrics.R2(even.Doubles("y_true"), even.Doubles("y_pred")), "even r2");

        var c = all.Single(x => x.GetProperty("name").GetString() == "constant_true");
        double[] ct = c.Doubles("y_true"), cp = c.Doubles("y_pred");
        Close(c.Double("r2"), RegressionMetrics.R2(ct, cp), "constant r2");
        Close(c.Double("evs"), RegressionMetrics.ExplainedVariance(ct, cp), "constant evs");
        Close(c.Double("r2_perfect"), RegressionMetrics.R2(ct, ct), "perfect r2");
        Close(c.Double("evs_perfect"), RegressionMetrics.ExplainedVariance(ct, ct), "perfect evs");

        var m = all.Single(x => x.GetProperty("name").GetString() == "multioutput");
        double[,] mt = m.Matrix("y_true"), mp = m.Matrix("y_pred");
        Close(m.Doubles("r2_raw"), RegressionMetrics.R2PerOutput(mt, mp), "r2 raw");
        Close(m.Double("r2_uniform"), RegressionMetrics.R2(mt, mp, MultiOutput.UniformAverage), "r2 uniform");
        Close(m.Double("r2_variance"), RegressionMetrics.R2(mt, mp, MultiOutput.VarianceWeighted), "r2 variance weighted");
    }

    [Fact]
    public void BadInputsNameTheArgument()
    {
        double[] a = [1, 2, 3], b = [1, 2];
        Assert.Equal("yPred", Assert.Throws<ArgumentException>(() => RegressionMetrics.MeanSquaredError(a, b)).ParamName);
        Assert.Equal("sampleWeight", Assert.Throws<ArgumentException>(() => RegressionMetrics.MeanAbsoluteError(a, a, [1.0, -1, 1])).ParamName);
        Assert.Equal("sampleWeight", Assert.Throws<ArgumentException>(() => RegressionMetrics.MeanAbsoluteError(a, a, [0.0, 0, 0])).ParamName);
        Assert.Equal("yTrue", Assert.Throws<ArgumentException>(() => RegressionMetrics.R2([1.0], [1.0])).ParamName);
        Assert.Equal("yPred", Assert.Throws<ArgumentException>(() => RegressionMetrics.MaxError(a, [1, double.NaN, 3])).ParamName);
        Assert.Equal("yTrue", Assert.Throws<ArgumentException>(() => RegressionMetrics.MeanAbsoluteError([], [])).ParamName);
        Assert.Throws<ArgumentException>(() => RegressionMetrics.R2(new double[3, 2], new double[3, 1], MultiOutput.UniformAverage));
    }
}
