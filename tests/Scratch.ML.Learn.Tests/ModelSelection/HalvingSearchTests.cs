using Scratch.ML;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.ModelSelection;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.Learn.ModelSelection;

/// <summary>Successive halving: the schedule equals scikit-learn 1.2's; the search follows it and keeps the best.</summary>
public class HalvingSearchTests
{
    public static TheoryData<int> ScheduleCases => new(Enumerable.Range(0, SearchFixture.Root.GetProperty("halving").GetArrayLength()));

    [Theory]
    [MemberData(nameof(ScheduleCases))]
    public void PlanMatchesScikitLearn(int index)
    {
        var c = SearchFixture.Root.GetProperty("halving")[index];
        var min = c.GetProperty("min_resources");
        bool isCount = min.ValueKind == System.Text.Json.JsonValueKind.Number;
        var plan = HalvingSchedule.Plan(c.GetProperty("candidates").GetInt32(), c.GetProperty("n").GetInt32(), c.GetProperty("folds").GetInt32(),
            c.GetProperty("classes").GetInt32(), c.GetProperty("factor").GetInt32(),
            !isCount && min.GetString() == "smallest" ? HalvingMinResources.Smallest : HalvingMinResources.Exhaust,
            isCount ? min.GetInt32() : null);
        Assert.Equal(c.GetProperty("min_resources_").GetInt32(), plan.MinResources);
        Assert.Equal(c.GetProperty("max_resources_").GetInt32(), plan.MaxResources);
        Assert.Equal(c.GetProperty("n_required_iterations_").GetInt32(), plan.RequiredIterations);
        Assert.Equal(c.GetProperty("n_possible_iterations_").GetInt32(), plan.PossibleIterations);
        Assert.Equal(SearchFixture.Ints(c.GetProperty("n_candidates_")), plan.Iterations.Select(i => i.Candidates));
        Assert.Equal(SearchFixture.Ints(c.GetProperty("n_resources_")), plan.Iterations.Select(i => i.Resources));
    }

    [Fact]
    public void GridSearchRunsTheScheduleAndPicksTheBestOfTheLastRound()
    {
        var (x, y, _) = Generators.MakeRegression(new Generator(5), nSamples: 1000, nFeatures: 3, nInformative: 3, noise: 20.0);
        var alphas = Enumerable.Range(0, 10).Select(i => (object?)Math.Pow(10, -3 + 6.0 * i / 9)).ToArray();
        var reports = 0;
        var result = new HalvingGridSearch(ParameterGrid.Of(("Alpha", alphas))) { Seed = 3 }
            .Fit(new Ridge(), x, y, cancellationToken: TestContext.Current.CancellationToken, progress: new GridSearchTests.SyncProgress(_ => Interlocked.Increment(ref reports)));
        // scikit-learn: 10 candidates, n = 1000, factor 3, exhaust → [10, 4, 2] candidates on [111, 333, 999] samples.
        Assert.Equal([new SearchIteration(10, 111), new SearchIteration(4, 333), new SearchIteration(2, 999)], result.Iterations);
        Assert.Equal(16, result.Parameters.Count);
        Assert.Equal((10 + 4 + 2) * 5, reports);
        Assert.Equal(Enumerable.Repeat(0, 10).Concat(Enumerable.Repeat(1, 4)).Concat(Enumerable.Repeat(2, 2)), result.Iteration);
        Assert.Equal(Enumerable.Repeat(111, 10).Concat(Enumerable.Repeat(333, 4)).Concat(Enumerable.Repeat(999, 2)), result.Resources);
        Assert.InRange(result.BestIndex, 14, 15);
        double bestLast = Math.Max(result.MeanTestScore["r2"][14], result.MeanTestScore["r2"][15]);
        Assert.Equal(bestLast, result.BestScore);
        // Survivors of each round are that round's top scorers.
        var first = Enumerable.Range(0, 10).OrderByDescending(i => result.MeanTestScore["r2"][i]).Take(4).Select(i => result.Parameters[i]["Alpha"]).ToHashSet();
        Assert.True(first.SetEquals(Enumerable.Range(10, 4).Select(i => result.Parameters[i]["Alpha"])));
        // Small alphas win on this well-conditioned problem; the refitted model is a Ridge model.
        Assert.True((double)result.BestParameters["Alpha"]! < 1.0);
        Assert.NotNull(result.BestModel);
        // Deterministic for the seed.
        var again = new HalvingGridSearch(ParameterGrid.Of(("Alpha", alphas))) { Seed = 3, MaxDegreeOfParallelism = 1 }.Fit(new Ridge(), x, y, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(result.SplitTestScores["r2"], again.SplitTestScores["r2"]);
    }

    [Fact]
    public void RandomSearchExhaustDrawsMaxOverSmallestCandidates()
    {
        var f = SearchFixture.Root.GetProperty("halving_random");
        var (x, y, _) = Generators.MakeRegression(new Generator(1), nSamples: 1000, nFeatures: 3, nInformative: 3, noise: 5.0);
        var space = new Dictionary<string, ParameterDistribution> { ["Alpha"] = new LogUniform(1e-3, 1e3) };
        var result = new HalvingRandomSearch(space) { Seed = 4 }.Fit(new Ridge(), x, y, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(SearchFixture.Ints(f.GetProperty("n_candidates_")), result.Iterations.Select(i => i.Candidates));
        Assert.Equal(SearchFixture.Ints(f.GetProperty("n_resources_")), result.Iterations.Select(i => i.Resources));
    }

    [Fact]
    public void ClassifierSmallestUsesClassesAndStratifiedFolds()
    {
        var iris = SmallDatasets.LoadIris();
        var grid = ParameterGrid.Of(("VarSmoothing", [1e-9, 1e-6, 1e-3, 1e-1, 1.0, 3.0, 10.0, 30.0, 100.0]));
        var result = new HalvingGridSearch(grid) { MinResources = HalvingMinResources.Smallest, Seed = 2 }
            .Fit(new GaussianNB(), iris.Data, iris.Labels!, cancellationToken: TestContext.Current.CancellationToken);
        // 2 · 5 folds · 3 classes = 30 samples first; 150 // 30 = 5 allows two rounds: [9, 3] candidates on [30, 90] samples.
        var plan = HalvingSchedule.Plan(9, 150, 5, 3, minResources: HalvingMinResources.Smallest);
        Assert.Equal(plan.Iterations, result.Iterations);
        Assert.Equal([new SearchIteration(9, 30), new SearchIteration(3, 90)], result.Iterations);
    }

    [Fact]
    public void BadOptionsFailLoudly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HalvingGridSearch(ParameterGrid.Of(("Alpha", [1.0]))) { Factor = 1 });
        Assert.Throws<ArgumentException>(() => HalvingSchedule.Plan(5, 20, 5, 3, minResources: HalvingMinResources.Smallest));
        Assert.Throws<ArgumentOutOfRangeException>(() => HalvingSchedule.Plan(0, 100, 5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HalvingRandomSearch(new Dictionary<string, ParameterDistribution> { ["Alpha"] = new Uniform(0, 1) }, 0));
        var (x, y, _) = Generators.MakeRegression(new Generator(1), nSamples: 50, nFeatures: 2, nInformative: 2);
        Assert.Throws<ArgumentException>(() => new HalvingGridSearch(ParameterGrid.Of(("Alpha", [1.0, 2.0]))) { MaxResources = 60 }
            .Fit(new Ridge(), x, y, cancellationToken: TestContext.Current.CancellationToken));
    }
}
