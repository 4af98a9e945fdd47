using Scratch.ML;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.ModelSelection;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.ModelSelection;

/// <summary>GridSearch and RandomizedSearch against scikit-learn's GridSearchCV, determinism, cancellation and progress.</summary>
public class GridSearchTests
{
    // Mean CV scores of exact solvers (Ridge: one Cholesky solve per fold) agree to rounding.
    private static readonly Tolerance Scores = new("SearchScores", 1e-10, 1e-10);

    // Log loss of L-BFGS fits: ours and scikit-learn's (SciPy) both stop on the relative decrease ftol 2.2e-9 before
    // gtol 1e-10 is reached, at different points. scikit-learn is only this precise against itself: its lbfgs and
    // newton-cg (tol 1e-12) mean fold log losses on this grid differ by up to 1.1e-4 relative (C = 1); ours vs its
    // lbfgs differ by 1.3e-4 there. Hence 5e-4 relative. Accuracies (and so the best candidate) are compared exactly.
    private static readonly Tolerance IterativeLogLoss = new("SearchLbfgsLogLoss", 1e-6, 5e-4);

    private static readonly Dictionary<string, RegressionScorer<double>> RidgeScorers = new()
    {
        ["r2"] = (m, x, y) => CrossValidation.R2(y, m.Predict(x)),
        ["neg_mse"] = (m, x, y) =>
        {
            var p = m.Predict(x).ToArray();
            var t = y.ToArray();
            return -t.Zip(p).Sum(a => (a.First - a.Second) * (a.First - a.Second)) / t.Length;
        },
    };

    [Fact]
    public void RidgeGridMatchesScikitLearn()
    {
        var f = SearchFixture.Root.GetProperty("ridge");
        var data = SmallDatasets.LoadDiabetes();
        var grid = ParameterGrid.Of(("Alpha", [0.001, 0.01, 0.1, 1.0, 10.0, 100.0]), ("FitIntercept", [true, false]));
        var search = new GridSearch(grid) { Cv = new KFold(5), Refit = "r2", ReturnTrainScore = true };
        var result = search.Fit(new Ridge(), data.Data, data.Target, RidgeScorers, TestContext.Current.CancellationToken);

        var expectedParams = f.GetProperty("params").EnumerateArray().ToArray();
        Assert.Equal(expectedParams.Length, result.Parameters.Count);
        for (int c = 0; c < expectedParams.Length; c++)
        {
            Assert.Equal(expectedParams[c].GetProperty("alpha").GetDouble(), (double)result.Parameters[c]["Alpha"]!);
            Assert.Equal(expectedParams[c].GetProperty("fit_intercept").GetBoolean(), (bool)result.Parameters[c]["FitIntercept"]!);
        }
        foreach (var s in new[] { "r2", "neg_mse" })
        {
            AssertClose(SearchFixture.Doubles(f.GetProperty("mean_test_" + s)), result.MeanTestScore[s], Scores);
            AssertClose(SearchFixture.Doubles(f.GetProperty("std_test_" + s)), result.StdTestScore[s], new Tolerance("SearchStd", 1e-9, 1e-9));
            AssertClose(SearchFixture.Doubles(f.GetProperty("mean_train_" + s)), result.MeanTrainScore![s], Scores);
            Assert.Equal(SearchFixture.Ints(f.GetProperty("rank_test_" + s)), result.RankTestScore[s]);
        }
        Assert.Equal(f.GetProperty("best_index").GetInt32(), result.BestIndex);
        Assert.True(Scores.IsClose(result.BestScore, f.GetProperty("best_score").GetDouble()));
        Assert.Equal(0.001, result.BestParameters["Alpha"]);
        Assert.Equal(new Ridge(0.001, true), result.BestEstimator);
        // The refitted model equals a direct fit with the best parameters.
        var direct = new Ridge(0.001).Fit(data.Data, data.Target).Predict(data.Data).ToArray();
        Assert.Equal(direct, result.BestModel!.Predict(data.Data).ToArray());
        Assert.Equal([new SearchIteration(12, 442)], result.Iterations);
        Assert.Equal(5, result.SplitCount);
        Assert.All(result.MeanFitTime, t => Assert.True(t >= 0));
        var table = result.ToTable(3).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, table.Length);
        Assert.StartsWith("   1  ", table[1]);
        Assert.Contains("Alpha=0.001, FitIntercept=True", table[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => result.ToTable(0));
    }

    [Fact]
    public void LogisticGridMatchesScikitLearnIncludingTies()
    {
        var f = SearchFixture.Root.GetProperty("logistic");
        var iris = SmallDatasets.LoadIris();
        var scorers = new Dictionary<string, ClassificationScorer<double>>
        {
            ["accuracy"] = (m, x, y) => CrossValidation.Accuracy(y, m.Predict(x)),
            ["neg_log_loss"] = (m, x, y) =>
            {
                var p = ((IProbabilisticModel<double>)m).PredictProba(x);
                var codes = m.Classes.Encode(y);
                double sum = 0;
                for (int i = 0; i < codes.Length; i++) sum += Math.Log(Math.Clamp(p[i, codes[i]], 1e-15, 1 - 1e-15));
                return sum / codes.Length;
            },
        };
        var search = new GridSearch(ParameterGrid.Of(("C", [0.01, 0.1, 1.0, 10.0, 100.0]))) { Cv = new StratifiedKFold(5), Refit = "accuracy" };
        var result = search.Fit(new LogisticRegression(Tol: 1e-10, MaxIter: 10000), iris.Data, iris.Labels!, scorers, TestContext.Current.CancellationToken);
        AssertClose(SearchFixture.Doubles(f.GetProperty("mean_test_accuracy")), result.MeanTestScore["accuracy"], Scores);
        AssertClose(SearchFixture.Doubles(f.GetProperty("mean_test_neg_log_loss")), result.MeanTestScore["neg_log_loss"], IterativeLogLoss);
        // Ranks include a tie (C = 1 and C = 10 share rank 2), "min" method.
        Assert.Equal(SearchFixture.Ints(f.GetProperty("rank_test_accuracy")), result.RankTestScore["accuracy"]);
        Assert.Equal(SearchFixture.Ints(f.GetProperty("rank_test_neg_log_loss")), result.RankTestScore["neg_log_loss"]);
        Assert.Equal(f.GetProperty("best_index").GetInt32(), result.BestIndex);
        Assert.Equal(f.GetProperty("best_params").GetProperty("C").GetDouble(), result.BestParameters["C"]);
        Assert.IsAssignableFrom<LogisticRegressionModel<double>>(result.BestModel);
    }

    [Fact]
    public void TiesGoToTheFirstCandidate()
    {
        var data = SmallDatasets.LoadDiabetes();
        // A constant scorer ties every candidate: rank 1 for all, best = row 0 (scikit-learn's argmin of the ranks).
        var constant = new Dictionary<string, RegressionScorer<double>> { ["one"] = (_, _, _) => 1.0 };
        var result = new GridSearch(ParameterGrid.Of(("Alpha", [3.0, 1.0, 2.0]))).Fit(new Ridge(), data.Data, data.Target, constant, TestContext.Current.CancellationToken);
        Assert.Equal([1, 1, 1], result.RankTestScore["one"]);
        Assert.Equal(0, result.BestIndex);
        Assert.Equal(3.0, result.BestParameters["Alpha"]);
    }

    [Fact]
    public void RandomizedSearchIsDeterministicAndIndependentOfThreads()
    {
        var (x, y, _) = Generators.MakeRegression(new Generator(2), nSamples: 80, nFeatures: 5, nInformative: 3, noise: 10.0);
        var space = new Dictionary<string, ParameterDistribution> { ["Alpha"] = new LogUniform(1e-3, 1e3), ["FitIntercept"] = new Choice(true, false) };
        var one = new RandomizedSearch(space, NIter: 12, Seed: 7) { MaxDegreeOfParallelism = 1 }.Fit(new Ridge(), x, y, cancellationToken: TestContext.Current.CancellationToken);
        var two = new RandomizedSearch(space, NIter: 12, Seed: 7) { MaxDegreeOfParallelism = 2 }.Fit(new Ridge(), x, y, cancellationToken: TestContext.Current.CancellationToken);
        var all = new RandomizedSearch(space, NIter: 12, Seed: 7).Fit(new Ridge(), x, y, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(12, one.Parameters.Count);
        for (int c = 0; c < 12; c++)
        {
            Assert.Equal(one.Parameters[c]["Alpha"], two.Parameters[c]["Alpha"]);
            Assert.Equal(one.Parameters[c]["FitIntercept"], all.Parameters[c]["FitIntercept"]);
            Assert.InRange((double)one.Parameters[c]["Alpha"]!, 1e-3, 1e3);
        }
        Assert.Equal(one.SplitTestScores["r2"], two.SplitTestScores["r2"]);
        Assert.Equal(one.SplitTestScores["r2"], all.SplitTestScores["r2"]);
        Assert.Equal(one.BestIndex, two.BestIndex);
        var other = new RandomizedSearch(space, NIter: 12, Seed: 8).Fit(new Ridge(), x, y, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(one.Parameters[0]["Alpha"], other.Parameters[0]["Alpha"]);
    }

    [Fact]
    public void RandomizedSearchOverListsSamplesDistinctGridPoints()
    {
        var (x, y, _) = Generators.MakeRegression(new Generator(3), nSamples: 40, nFeatures: 3, nInformative: 3, noise: 1.0);
        var space = new Dictionary<string, ParameterDistribution> { ["Alpha"] = new Choice(0.1, 1.0, 10.0), ["FitIntercept"] = new Choice(true, false) };
        var result = new RandomizedSearch(space, NIter: 50, Seed: 1).Fit(new Ridge(), x, y, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(6, result.Parameters.Count); // capped at the grid size, as scikit-learn
        Assert.Equal(6, result.Parameters.Select(p => (p["Alpha"], p["FitIntercept"])).Distinct().Count());
    }

    [Fact]
    public void ProgressCountsEveryFit()
    {
        var data = SmallDatasets.LoadDiabetes();
        var reports = new List<SearchProgress>();
        var progress = new SyncProgress(p => { lock (reports) reports.Add(p); });
        new GridSearch(ParameterGrid.Of(("Alpha", [0.1, 1.0, 10.0]))) { Cv = new KFold(4) }
            .Fit(new Ridge(), data.Data, data.Target, cancellationToken: TestContext.Current.CancellationToken, progress: progress);
        Assert.Equal(12, reports.Count);
        Assert.All(reports, r => Assert.Equal(12, r.Total));
        Assert.Equal(Enumerable.Range(1, 12), reports.Select(r => r.Completed).Order());
    }

    [Fact]
    public void CancellationStopsTheSearch()
    {
        var data = SmallDatasets.LoadDiabetes();
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p => { if (p.Completed >= 2) cts.Cancel(); });
        var alphas = Enumerable.Range(0, 200).Select(i => (object?)(0.01 * (i + 1))).ToArray();
        var search = new GridSearch(ParameterGrid.Of(("Alpha", alphas))) { MaxDegreeOfParallelism = 1 };
        Assert.ThrowsAny<OperationCanceledException>(() => search.Fit(new Ridge(), data.Data, data.Target, cancellationToken: cts.Token, progress: progress));
        cts.Dispose();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new RandomizedSearch(new Dictionary<string, ParameterDistribution> { ["Alpha"] = new Uniform(0, 1) })
            .Fit(new Ridge(), data.Data, data.Target, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void BadInputFailsLoudly()
    {
        var data = SmallDatasets.LoadDiabetes();
        var ct = TestContext.Current.CancellationToken;
        // Unknown parameter name: fails before any fit, naming the valid ones.
        var e = Assert.Throws<ArgumentException>(() => new GridSearch(ParameterGrid.Of(("Alpah", [1.0]))).Fit(new Ridge(), data.Data, data.Target, cancellationToken: ct));
        Assert.Contains("Alpha", e.Message);
        // Invalid value: the estimator's constructor rejects it.
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridSearch(ParameterGrid.Of(("Alpha", [1.0, -1.0]))).Fit(new Ridge(), data.Data, data.Target, cancellationToken: ct));
        // Several scorers need Refit; Refit must be a scorer name.
        Assert.Throws<ArgumentException>(() => new GridSearch(ParameterGrid.Of(("Alpha", [1.0]))).Fit(new Ridge(), data.Data, data.Target, RidgeScorers, ct));
        Assert.Throws<ArgumentException>(() => new GridSearch(ParameterGrid.Of(("Alpha", [1.0]))) { Refit = "mse" }.Fit(new Ridge(), data.Data, data.Target, RidgeScorers, ct));
        Assert.Throws<ArgumentException>(() => new GridSearch(ParameterGrid.Of(("Alpha", [1.0]))).Fit(new Ridge(), data.Data, data.Target.Narrow(0, 0, 10), cancellationToken: ct));
        Assert.Throws<ArgumentException>(() => new GridSearch(ParameterGrid.Of(("Alpha", [1.0]))).Fit(new Ridge(), data.Data, data.Target, new Dictionary<string, RegressionScorer<double>>(), ct));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridSearch(ParameterGrid.Of(("Alpha", [1.0]))) { MaxDegreeOfParallelism = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomizedSearch(new Dictionary<string, ParameterDistribution> { ["Alpha"] = new Uniform(0, 1) }, NIter: 0));
        Assert.Throws<ArgumentNullException>(() => new GridSearch(null!));
        // A `with` copy is validated as the constructor is.
        var random = new RandomizedSearch(new Dictionary<string, ParameterDistribution> { ["Alpha"] = new Uniform(0, 1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => random with { NIter = 0 });
        Assert.Throws<ArgumentException>(() => random with { Space = new Dictionary<string, ParameterDistribution>() });
        Assert.Throws<ArgumentOutOfRangeException>(() => new BayesSearch(random.Space) with { NIter = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new HalvingRandomSearch(random.Space) with { NCandidates = 0 });
    }

    [Fact]
    public void RefitCanBeDisabled()
    {
        var data = SmallDatasets.LoadDiabetes();
        var result = new GridSearch(ParameterGrid.Of(("Alpha", [0.1, 1.0]))) { RefitBest = false }.Fit(new Ridge(), data.Data, data.Target, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Null(result.BestModel);
        Assert.Equal(0, result.RefitTime);
        Assert.Equal(new Ridge(result.BestParameters["Alpha"] is double a ? a : 0), result.BestEstimator);
    }

    [Fact]
    public void DottedNamesReachChildrenOfComposites()
    {
        var data = SmallDatasets.LoadDiabetes();
        var ct = TestContext.Current.CancellationToken;
        var flat = new GridSearch(ParameterGrid.Of(("Alpha", [0.01, 1.0, 10.0]))).Fit(new Ridge(), data.Data, data.Target, cancellationToken: ct);
        var nested = new GridSearch(ParameterGrid.Of(("inner.Alpha", [0.01, 1.0, 10.0]))).Fit(new Wrapper(new Ridge()), data.Data, data.Target, cancellationToken: ct);
        Assert.Equal(flat.MeanTestScore["r2"], nested.MeanTestScore["r2"]);
        Assert.Equal(new Wrapper(new Ridge(0.01)), nested.BestEstimator);
    }

    /// <summary>A one-child composite regressor (the real pipelines live in Compose).</summary>
    private sealed record Wrapper(IRegressor Inner) : IRegressor, ICompositeEstimator
    {
        public EstimatorCapabilities Capabilities => Inner.Capabilities;

        public IReadOnlyList<(string Name, IEstimator Estimator)> Children => [("inner", Inner)];

        public IEstimator WithChild(string name, IEstimator replacement) =>
            name == "inner" && replacement is IRegressor r ? new Wrapper(r) : throw new ArgumentException($"no child {name}", nameof(name));

        public IRegressionModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
            Inner.Fit(x, y, sampleWeight);
    }

    internal static void AssertClose(double[] expected, double[] actual, Tolerance tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(tolerance.IsClose(actual[i], expected[i]), $"[{i}]: {actual[i]} vs scikit-learn {expected[i]} ({tolerance.Name})");
    }

    internal sealed class SyncProgress(Action<SearchProgress> report) : IProgress<SearchProgress>
    {
        public void Report(SearchProgress value) => report(value);
    }
}
