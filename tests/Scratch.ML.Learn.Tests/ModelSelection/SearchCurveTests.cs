using Scratch.ML;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.ModelSelection;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.ModelSelection;

/// <summary>LearningCurve and ValidationCurve against scikit-learn's learning_curve and validation_curve.</summary>
public class SearchCurveTests
{
    // Ridge fits are one Cholesky solve per fold: R² agrees to rounding.
    private static readonly Tolerance Scores = new("CurveScores", 1e-10, 1e-10);

    [Theory]
    [InlineData("learning_curve")]
    [InlineData("learning_curve_counts")]
    public void LearningCurveMatchesScikitLearn(string name)
    {
        var f = SearchFixture.Root.GetProperty(name);
        var data = SmallDatasets.LoadDiabetes();
        var sizes = name == "learning_curve" ? null : TrainSizes.OfCounts(50, 100, 200, 100);
        var curve = LearningCurve.Compute(new Ridge(0.1), data.Data, data.Target, sizes, new KFold(5), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(SearchFixture.Ints(f.GetProperty("sizes")), curve.TrainSizes!);
        AssertMatrix(SearchFixture.Matrix(f.GetProperty("train")), curve.TrainScores);
        AssertMatrix(SearchFixture.Matrix(f.GetProperty("test")), curve.TestScores);
        Assert.Null(curve.ParameterValues);
    }

    [Fact]
    public void ValidationCurveMatchesScikitLearnForRidge()
    {
        var f = SearchFixture.Root.GetProperty("validation_ridge");
        var data = SmallDatasets.LoadDiabetes();
        var curve = ValidationCurve.Compute(new Ridge(), data.Data, data.Target, "Alpha", [0.01, 0.1, 1.0, 10.0], new KFold(5), cancellationToken: TestContext.Current.CancellationToken);
        AssertMatrix(SearchFixture.Matrix(f.GetProperty("train")), curve.TrainScores);
        AssertMatrix(SearchFixture.Matrix(f.GetProperty("test")), curve.TestScores);
        Assert.Equal(4, curve.MeanTestScores.Length);
        Assert.Equal(curve.TestScores[2].Average(), curve.MeanTestScores[2], 15);
    }

    [Fact]
    public void ValidationCurveMatchesScikitLearnForLogisticRegression()
    {
        var f = SearchFixture.Root.GetProperty("validation_logistic");
        var iris = SmallDatasets.LoadIris();
        var curve = ValidationCurve.Compute(new LogisticRegression(Tol: 1e-10, MaxIter: 10000), iris.Data, iris.Labels!, "C", [0.01, 1.0, 100.0],
            new StratifiedKFold(5), maxDegreeOfParallelism: 2, cancellationToken: TestContext.Current.CancellationToken);
        // Accuracies are counts / m: equal when the predictions are.
        AssertMatrix(SearchFixture.Matrix(f.GetProperty("train")), curve.TrainScores);
        AssertMatrix(SearchFixture.Matrix(f.GetProperty("test")), curve.TestScores);
    }

    [Fact]
    public void CurvesAreCancellableReportProgressAndRejectBadInput()
    {
        var data = SmallDatasets.LoadDiabetes();
        int reports = 0;
        LearningCurve.Compute(new Ridge(), data.Data, data.Target, TrainSizes.OfFractions(0.5, 1.0), new KFold(3),
            cancellationToken: TestContext.Current.CancellationToken, progress: new GridSearchTests.SyncProgress(p => { Interlocked.Increment(ref reports); Assert.Equal(6, p.Total); }));
        Assert.Equal(6, reports);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ValidationCurve.Compute(new Ridge(), data.Data, data.Target, "Alpha", [1.0, 2.0], cancellationToken: cts.Token));
        Assert.Throws<ArgumentException>(() => TrainSizes.OfFractions(0.0, 0.5));
        Assert.Throws<ArgumentException>(() => TrainSizes.OfFractions(1.5));
        Assert.Throws<ArgumentException>(() => TrainSizes.OfCounts(0));
        Assert.Throws<ArgumentException>(() => LearningCurve.Compute(new Ridge(), data.Data, data.Target, TrainSizes.OfCounts(400), new KFold(5), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => ValidationCurve.Compute(new Ridge(), data.Data, data.Target, "Alpha", [], cancellationToken: TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => ValidationCurve.Compute(new Ridge(), data.Data, data.Target, "Beta", [1.0], cancellationToken: TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>(() => ValidationCurve.Compute(new Ridge(), data.Data, data.Target, "Alpha", [1.0], maxDegreeOfParallelism: 0, cancellationToken: TestContext.Current.CancellationToken));
    }

    private static void AssertMatrix(double[][] expected, double[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) GridSearchTests.AssertClose(expected[i], actual[i], Scores);
    }
}
