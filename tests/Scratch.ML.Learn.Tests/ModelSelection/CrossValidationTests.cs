using Scratch.ML;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.ModelSelection;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.ModelSelection;

/// <summary>CrossValidate equals a manual fold loop; built-in scorers, progress and cancellation.</summary>
public class CrossValidationTests
{
    [Fact]
    public void RegressorScoresEqualAManualLoop()
    {
        var (x, y, _) = Generators.MakeRegression(new Generator(4), nSamples: 40, nFeatures: 3, nInformative: 3, noise: 5.0);
        var splitter = new KFold(5, Shuffle: true, Seed: 3);
        int reports = 0;
        var result = CrossValidation.CrossValidate(new LinearRegression(), x, y, splitter,
            cancellationToken: TestContext.Current.CancellationToken, progress: new SyncProgress(() => Interlocked.Increment(ref reports)));
        var scores = result.TestScores[CrossValidation.R2Name];
        Assert.Equal(5, scores.Length);
        var splits = splitter.Split(40);
        for (int f = 0; f < 5; f++)
        {
            var model = new LinearRegression().Fit(CrossValidation.Rows(x, splits[f].Train), CrossValidation.Rows(y, splits[f].Train));
            var xt = CrossValidation.Rows(x, splits[f].Test);
            var yt = CrossValidation.Rows(y, splits[f].Test).ToArray();
            var pt = model.Predict(xt).ToArray();
            double mean = yt.Average();
            double r2 = 1 - yt.Zip(pt).Sum(p => (p.First - p.Second) * (p.First - p.Second)) / yt.Sum(v => (v - mean) * (v - mean));
            Assert.True(Tolerance.Float64Reduction.IsClose(scores[f], r2), $"fold {f}: {scores[f]} vs manual {r2}");
            Assert.Equal(splits[f].Test, result.Splits[f].Test);
        }
        Assert.InRange(result.Mean(CrossValidation.R2Name), 0.9, 1.0);
        Assert.Equal(5, reports);
    }

    [Fact]
    public void ClassifierScoresEqualAManualLoopWithStratification()
    {
        var (x, y, _) = Generators.MakeBlobs(new Generator(6), nSamples: 45, nFeatures: 2, nCenters: 3, clusterStd: 2.5);
        var splitter = new StratifiedKFold(3);
        var custom = new Dictionary<string, ClassificationScorer<double>>
        {
            [CrossValidation.AccuracyName] = (m, xt, yt) => CrossValidation.Accuracy(yt, m.Predict(xt)),
            ["errors"] = (m, xt, yt) => -(1 - CrossValidation.Accuracy(yt, m.Predict(xt))) * yt.Length,
        };
        var result = CrossValidation.CrossValidate(new GaussianNB(), x, y, splitter, custom, cancellationToken: TestContext.Current.CancellationToken);
        var splits = splitter.Split(45, y);
        for (int f = 0; f < 3; f++)
        {
            var model = new GaussianNB().Fit(CrossValidation.Rows(x, splits[f].Train), splits[f].Train.Select(i => y[i]).ToArray());
            var predicted = model.Predict(CrossValidation.Rows(x, splits[f].Test)).Ints!;
            int hits = splits[f].Test.Where((i, j) => predicted[j] == y[i]).Count();
            Assert.Equal((double)hits / splits[f].Test.Length, result.TestScores[CrossValidation.AccuracyName][f]);
            Assert.True(Tolerance.Float64Kernel.IsClose(result.TestScores["errors"][f], -(splits[f].Test.Length - hits)));
        }
        // Parallel folds are deterministic: a second run is identical.
        var again = CrossValidation.CrossValidate(new GaussianNB(), x, y, splitter, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(result.TestScores[CrossValidation.AccuracyName], again.TestScores[CrossValidation.AccuracyName]);
    }

    [Fact]
    public void StringLabelsGiveTheSameScoresAsIntLabels()
    {
        var (x, y, _) = Generators.MakeBlobs(new Generator(8), nSamples: 30, nFeatures: 2, nCenters: 2, clusterStd: 3.0);
        var names = y.Select(v => v == 0 ? "a" : "b").ToArray();
        var ints = CrossValidation.CrossValidate(new GaussianNB(), x, y, new StratifiedKFold(3), cancellationToken: TestContext.Current.CancellationToken);
        var strings = CrossValidation.CrossValidate(new GaussianNB(), x, names, new StratifiedKFold(3), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(ints.TestScores[CrossValidation.AccuracyName], strings.TestScores[CrossValidation.AccuracyName]);
    }

    [Fact]
    public void R2HandlesConstantTargetsAndMultiOutput()
    {
        Assert.Equal(1.0, CrossValidation.R2(Tensor.FromArray([2.0, 2.0], 2), Tensor.FromArray([2.0, 2.0], 2)));
        Assert.Equal(0.0, CrossValidation.R2(Tensor.FromArray([2.0, 2.0], 2), Tensor.FromArray([2.0, 3.0], 2)));
        // Outputs: column 0 perfect (1), column 1 predicts its mean (0) → 0.5.
        var t = Tensor.FromArray([1.0, 4.0, 2.0, 6.0, 3.0, 8.0], 3, 2);
        var p = Tensor.FromArray([1.0, 6.0, 2.0, 6.0, 3.0, 6.0], 3, 2);
        Assert.True(Tolerance.Float64Reduction.IsClose(CrossValidation.R2(t, p), 0.5));
        Assert.Throws<ArgumentException>(() => CrossValidation.R2(t, Tensor.FromArray([1.0, 2.0, 3.0], 3)));
    }

    [Fact]
    public void CancellationAndShapeErrors()
    {
        var (x, y, _) = Generators.MakeRegression(new Generator(1), nSamples: 20, nFeatures: 2, nInformative: 2);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => CrossValidation.CrossValidate(new LinearRegression(), x, y, new KFold(4), cancellationToken: cts.Token));
        Assert.Equal("y", Assert.Throws<ArgumentException>(() =>
            CrossValidation.CrossValidate(new LinearRegression(), x, CrossValidation.Rows(y, [0, 1, 2]), new KFold(2), cancellationToken: TestContext.Current.CancellationToken)).ParamName);
    }

    [Fact]
    public void AFoldsEstimatorErrorSurfacesUnwrapped()
    {
        // KFold(2) without shuffle trains fold 0 on rows 2, 3 only: a single class, which GaussianNB rejects.
        var x = Tensor.FromArray([0.0, 1.0, 2.0, 3.0], 4, 1);
        var e = Assert.ThrowsAny<ArgumentException>(() =>
            CrossValidation.CrossValidate(new GaussianNB(), x, new[] { 0, 0, 1, 1 }, new KFold(2), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("GaussianNB", e.Message);
    }

    private sealed class SyncProgress(Action onReport) : IProgress<int>
    {
        public void Report(int value) => onReport();
    }
}
