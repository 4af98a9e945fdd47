using Scratch.ML.Learn;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.Metrics;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>
/// Early stopping with a scorer (Scoring): the recorded scores and the stopping iteration against an oracle replayed
/// from staged predictions on the same split, the training subsample beyond 10 000 rows, and scikit-learn's margins.
/// </summary>
public class HistGradientBoostingScoringTests
{
    // The oracle sums the same trees in the same order (staged raw predictions) and uses the same metric code, so
    // only the last bits of exp/log in probabilities may differ.
    private static readonly Tolerance SameSums = new("HistGbScorerReplay", 1e-12, 1e-12);

    public static TheoryData<ClassificationScoring, int, double> ClassifierCases() => new()
    {
        { ClassificationScoring.Accuracy, 5, 0 },
        { ClassificationScoring.BalancedAccuracy, 5, 0 },
        { ClassificationScoring.RocAuc, 5, 1e-4 },
        { ClassificationScoring.NegLogLoss, 4, 1e-3 },
        { ClassificationScoring.RocAucOvr, 5, 1e-4 },
    };

    [Theory]
    [MemberData(nameof(ClassifierCases))]
    public void ClassifierStopsWhereTheReplayedScoresSay(ClassificationScoring scoring, int patience, double tol)
    {
        var bc = SmallDatasets.LoadBreastCancer();
        var est = new HistGradientBoostingClassifier(EarlyStopping: HistEarlyStopping.On, MaxIter: 60, Seed: 7, Scoring: scoring,
            NIterNoChange: patience, Tol: tol, MaxLeafNodes: 8);
        var labels = bc.Labels!;
        var full = (est with { NIterNoChange = 1000 }).Fit(bc.Data, labels);
        Assert.Equal(60, full.NIter);
        var (train, val) = HistBoosting.Split(labels.Length, 0.1, labels, new Generator(7).WithStream(1));
        double Metric(int[] rows, double[] proba)
        {
            var y = rows.Select(i => labels[i]).ToArray();
            int m = rows.Length;
            var matrix = new double[m, 2];
            for (int i = 0; i < m; i++) { matrix[i, 0] = proba[2 * i]; matrix[i, 1] = proba[2 * i + 1]; }
            var predicted = Enumerable.Range(0, m).Select(i => proba[2 * i + 1] > proba[2 * i] ? 1 : 0).ToArray();
            return scoring switch
            {
                ClassificationScoring.Accuracy => ClassificationMetrics.Accuracy<int>(y, predicted),
                ClassificationScoring.BalancedAccuracy => ClassificationMetrics.BalancedAccuracy<int>(y, predicted),
                ClassificationScoring.RocAuc => ClassificationMetrics.RocAuc<int>(y, Enumerable.Range(0, m).Select(i => proba[2 * i + 1]).ToArray()),
                ClassificationScoring.RocAucOvr => ClassificationMetrics.RocAucOvr<int>(y, matrix, Average.Macro, [0, 1]),
                _ => -ClassificationMetrics.LogLoss<int>(y, matrix, [0, 1]),
            };
        }
        double p1 = 1 / (1 + Math.Exp(-full.Baseline[0]));
        double[] Scores(int[] rows) =>
        [
            Metric(rows, rows.SelectMany(_ => new[] { 1 - p1, p1 }).ToArray()),
            .. full.StagedPredictProba(Rows(bc.Data, rows)).Select(p => Metric(rows, p.ToArray())),
        ];
        var expectedVal = Scores(val);
        TensorAssert.Close(expectedVal, [.. full.ValidationScore], SameSums);
        TensorAssert.Close(Scores(train), [.. full.TrainScore], SameSums);

        int stop = ReplayStop(expectedVal, patience, tol, 60);
        Assert.InRange(stop, 2, 59);
        var model = est.Fit(bc.Data, labels);
        Assert.Equal(stop, model.NIter);
        TensorAssert.Close(expectedVal[..(stop + 1)], [.. model.ValidationScore], SameSums);
    }

    public static TheoryData<RegressionScoring, HistRegressionLoss, bool> RegressorCases() => new()
    {
        { RegressionScoring.R2, HistRegressionLoss.SquaredError, false },
        { RegressionScoring.NegMeanSquaredError, HistRegressionLoss.SquaredError, true },
        { RegressionScoring.NegMeanAbsoluteError, HistRegressionLoss.AbsoluteError, true },
        { RegressionScoring.NegRootMeanSquaredError, HistRegressionLoss.SquaredError, false },
        { RegressionScoring.R2, HistRegressionLoss.Poisson, false },
    };

    [Theory]
    [MemberData(nameof(RegressorCases))]
    public void RegressorStopsWhereTheReplayedScoresSay(RegressionScoring scoring, HistRegressionLoss loss, bool weighted)
    {
        var d = SmallDatasets.LoadDiabetes();
        int n = d.SampleCount;
        var w = weighted ? HistGbData.Weights(n) : null;
        var est = new HistGradientBoostingRegressor(Loss: loss, EarlyStopping: HistEarlyStopping.On, MaxIter: 80, Seed: 11, Scoring: scoring,
            NIterNoChange: 4, ValidationFraction: 0.2, MaxLeafNodes: 8, LearningRate: 0.2);
        var full = (est with { NIterNoChange = 1000 }).Fit(d.Data, d.Target!, w);
        var (train, val) = HistBoosting.Split(n, 0.2, null, new Generator(11).WithStream(1));
        var y = d.Target!.ToArray();
        var wa = w?.ToArray();
        double Metric(int[] rows, double[] pred)
        {
            var t = rows.Select(i => y[i]).ToArray();
            var ww = wa is null ? [] : rows.Select(i => wa[i]).ToArray();
            return scoring switch
            {
                RegressionScoring.R2 => RegressionMetrics.R2(t, pred, ww),
                RegressionScoring.NegMeanSquaredError => -RegressionMetrics.MeanSquaredError(t, pred, ww),
                RegressionScoring.NegRootMeanSquaredError => -RegressionMetrics.RootMeanSquaredError(t, pred, ww),
                _ => -RegressionMetrics.MeanAbsoluteError(t, pred, ww),
            };
        }
        double first = loss == HistRegressionLoss.Poisson ? Math.Exp(full.Baseline) : full.Baseline;
        double[] Scores(int[] rows) =>
            [Metric(rows, Enumerable.Repeat(first, rows.Length).ToArray()), .. full.StagedPredict(Rows(d.Data, rows)).Select(p => Metric(rows, p.ToArray()))];
        var expectedVal = Scores(val);
        TensorAssert.Close(expectedVal, [.. full.ValidationScore], SameSums);
        TensorAssert.Close(Scores(train), [.. full.TrainScore], SameSums);
        int stop = ReplayStop(expectedVal, 4, est.Tol, 80);
        Assert.InRange(stop, 2, 79);
        var model = est.Fit(d.Data, d.Target!, w);
        Assert.Equal(stop, model.NIter);
        TensorAssert.Close(expectedVal[..(stop + 1)], [.. model.ValidationScore], SameSums);
    }

    [Fact]
    public void WithoutValidationTheTrainScoreDecides()
    {
        var d = SmallDatasets.LoadDiabetes();
        var est = new HistGradientBoostingRegressor(EarlyStopping: HistEarlyStopping.On, ValidationFraction: null, Scoring: RegressionScoring.R2,
            MaxIter: 200, NIterNoChange: 3, Tol: 1e-3);
        var full = (est with { NIterNoChange = 1000 }).Fit(d.Data, d.Target!);
        var y = d.Target!.ToArray();
        double[] expected = [RegressionMetrics.R2(y, Enumerable.Repeat(full.Baseline, y.Length).ToArray()),
            .. full.StagedPredict(d.Data).Select(p => RegressionMetrics.R2(y, p.ToArray()))];
        TensorAssert.Close(expected, [.. full.TrainScore], SameSums);
        Assert.Empty(full.ValidationScore);
        int stop = ReplayStop(expected, 3, 1e-3, 200);
        Assert.InRange(stop, 2, 199);
        Assert.Equal(stop, est.Fit(d.Data, d.Target!).NIter);
    }

    [Fact]
    public void TrainScoresUseTenThousandStratifiedTrainingRowsDrawnOnce()
    {
        const int n = 11_200;
        var x = new double[n * 2];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            x[2 * i] = HistGbData.U01(i, 0, 1) * 4 - 2;
            x[2 * i + 1] = HistGbData.U01(i, 1, 2);
            labels[i] = x[2 * i] + 0.8 * (HistGbData.U01(i, 2, 3) - 0.5) > 0.9 ? 1 : 0;
        }
        var xt = Tensor.FromArray(x, n, 2);
        var model = new HistGradientBoostingClassifier(MaxIter: 4, MaxLeafNodes: 4, Seed: 2, Scoring: ClassificationScoring.Accuracy).Fit(xt, labels);
        var (train, _) = HistBoosting.Split(n, 0.1, labels, new Generator(2).WithStream(1));
        var trainCodes = train.Select(i => labels[i]).ToArray();
        var small = HistScorer.SmallTrainRows(train.Length, trainCodes, new Generator(2).WithStream(3))!;
        Assert.Equal(10_000, small.Length);
        double share = trainCodes.Average(), smallShare = small.Average(i => (double)trainCodes[i]);
        Assert.InRange(smallShare * 10_000, share * 10_000 - 1, share * 10_000 + 1);
        var rows = small.Select(i => train[i]).ToArray();
        var y = rows.Select(i => labels[i]).ToArray();
        var staged = model.StagedPredict(Rows(xt, rows)).Select(p => ClassificationMetrics.Accuracy<int>(y, p.Ints!.ToArray())).ToArray();
        Assert.Equal(model.NIter + 1, model.TrainScore.Count);
        TensorAssert.Close(staged, model.TrainScore.Skip(1).ToArray(), SameSums);
    }

    [Fact]
    public void RejectsScorersThatDoNotFitAndRoundTripsTheOption()
    {
        var wine = SmallDatasets.LoadWine();
        var est = new HistGradientBoostingClassifier(EarlyStopping: HistEarlyStopping.On, Scoring: ClassificationScoring.RocAuc, MaxIter: 3);
        var e = Assert.Throws<ArgumentException>(() => est.Fit(wine.Data, wine.Labels!));
        Assert.Equal("Scoring", e.ParamName);
        Assert.Equal(3, (est with { EarlyStopping = HistEarlyStopping.Off }).Fit(wine.Data, wine.Labels!).NIter);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HistGradientBoostingRegressor(Scoring: (RegressionScoring)42));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HistGradientBoostingClassifier(Scoring: (ClassificationScoring)42));
        var model = (est with { Scoring = ClassificationScoring.NegLogLoss }).Fit(wine.Data, wine.Labels!);
        using var s = new MemoryStream();
        model.Save(s);
        s.Position = 0;
        var loaded = HistGradientBoostingClassifierModel<double>.Load(s);
        Assert.Equal(ClassificationScoring.NegLogLoss, loaded.Options.Scoring);
        Assert.Equal(model.ValidationScore, loaded.ValidationScore);
    }

    /// <summary>The rows of x.</summary>
    internal static Tensor<double> Rows(Tensor<double> x, int[] rows) => x.IndexSelect(0, Tensor.FromArray(rows.Select(i => (long)i).ToArray(), rows.Length));

    /// <summary>
    /// scikit-learn's stopping rule replayed on a full score history: the first iteration count i (scores 0 … i) at
    /// which none of the last <paramref name="patience"/> scores beats scores[i − patience] + tol; maxIter if none.
    /// </summary>
    internal static int ReplayStop(double[] scores, int patience, double tol, int maxIter)
    {
        for (int i = 1; i <= maxIter; i++)
        {
            if (i + 1 < patience + 1) continue;
            double reference = scores[i - patience] + tol;
            bool improved = false;
            for (int j = i - patience + 1; j <= i; j++) improved |= scores[j] > reference;
            if (!improved) return i;
        }
        return maxIter;
    }
}
