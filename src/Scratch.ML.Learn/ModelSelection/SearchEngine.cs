using System.Diagnostics;
using System.Numerics;

namespace Scratch.ML.Learn.ModelSelection;

/// <summary>The data, estimator kind and scorers of one search run, hiding the regression / classification difference.</summary>
internal abstract class SearchTask
{
    public abstract int N { get; }

    /// <summary>Number of distinct classes (0 for regression); halving's "smallest" resource multiplies by it.</summary>
    public abstract int ClassCount { get; }

    public abstract string[] ScorerNames { get; }

    public abstract ISplitter DefaultCv { get; }

    public abstract IReadOnlyList<(int[] Train, int[] Test)> Split(ISplitter cv);

    /// <summary>Fits a copy on the train rows and scores it on the test rows (and the train rows when asked).</summary>
    public abstract (double[] Test, double[]? Train, double FitSeconds, double ScoreSeconds) FitAndScore(IEstimator estimator, int[] train, int[] test, bool trainScores);

    public abstract IFittedModel FitAll(IEstimator estimator);

    /// <summary>Throws unless the estimator has the kind this task fits (a parameter change must not change it).</summary>
    public abstract void CheckKind(IEstimator estimator);
}

internal sealed class RegressionTask<T>(IRegressor estimator, Tensor<T> x, Tensor<T> y, IReadOnlyDictionary<string, RegressionScorer<T>> scorers) : SearchTask
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RegressionScorer<T>[] scorerList = scorers.Values.ToArray();

    public override int N => x.Shape[0];

    public override int ClassCount => 0;

    public override string[] ScorerNames { get; } = scorers.Keys.ToArray();

    public override ISplitter DefaultCv => new KFold(5);

    public override IReadOnlyList<(int[] Train, int[] Test)> Split(ISplitter cv) => cv.Split(N);

    public override void CheckKind(IEstimator e)
    {
        if (e is not IRegressor) throw new ArgumentException($"Search: setting parameters on {estimator.GetType().Name} produced a {e.GetType().Name}, which is not a regressor.", nameof(estimator));
    }

    public override (double[] Test, double[]? Train, double FitSeconds, double ScoreSeconds) FitAndScore(IEstimator e, int[] train, int[] test, bool trainScores)
    {
        var clock = Stopwatch.StartNew();
        var xTrain = CrossValidation.Rows(x, train);
        var yTrain = CrossValidation.Rows(y, train);
        var model = ((IRegressor)e).Fit(xTrain, yTrain);
        double fit = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var xTest = CrossValidation.Rows(x, test);
        var yTest = CrossValidation.Rows(y, test);
        var testScores = Array.ConvertAll(scorerList, s => s(model, xTest, yTest));
        var trainList = trainScores ? Array.ConvertAll(scorerList, s => s(model, xTrain, yTrain)) : null;
        return (testScores, trainList, fit, clock.Elapsed.TotalSeconds);
    }

    public override IFittedModel FitAll(IEstimator e) => ((IRegressor)e).Fit(x, y);
}

internal sealed class ClassificationTask<T>(IClassifier estimator, Tensor<T> x, Labels y, IReadOnlyDictionary<string, ClassificationScorer<T>> scorers) : SearchTask
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ClassificationScorer<T>[] scorerList = scorers.Values.ToArray();
    private readonly int[] codes = ClassLabels.Of(y).Encode(y);

    public override int N => x.Shape[0];

    public override int ClassCount => codes.Length == 0 ? 0 : codes.Max() + 1;

    public override string[] ScorerNames { get; } = scorers.Keys.ToArray();

    public override ISplitter DefaultCv => new StratifiedKFold(5);

    public override IReadOnlyList<(int[] Train, int[] Test)> Split(ISplitter cv) => cv.Split(N, codes);

    public override void CheckKind(IEstimator e)
    {
        if (e is not IClassifier) throw new ArgumentException($"Search: setting parameters on {estimator.GetType().Name} produced a {e.GetType().Name}, which is not a classifier.", nameof(estimator));
    }

    public override (double[] Test, double[]? Train, double FitSeconds, double ScoreSeconds) FitAndScore(IEstimator e, int[] train, int[] test, bool trainScores)
    {
        var clock = Stopwatch.StartNew();
        var xTrain = CrossValidation.Rows(x, train);
        var yTrain = CrossValidation.Subset(y, train);
        var model = ((IClassifier)e).Fit(xTrain, yTrain);
        double fit = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var xTest = CrossValidation.Rows(x, test);
        var yTest = CrossValidation.Subset(y, test);
        var testScores = Array.ConvertAll(scorerList, s => s(model, xTest, yTest));
        var trainList = trainScores ? Array.ConvertAll(scorerList, s => s(model, xTrain, yTrain)) : null;
        return (testScores, trainList, fit, clock.Elapsed.TotalSeconds);
    }

    public override IFittedModel FitAll(IEstimator e) => ((IClassifier)e).Fit(x, y);
}

/// <summary>Counts finished fits and reports them.</summary>
internal sealed class ProgressCounter(int total, IProgress<SearchProgress>? progress)
{
    private int completed;

    public int Total { get; set; } = total;

    public void Step() => progress?.Report(new SearchProgress(Interlocked.Increment(ref completed), Total));
}

/// <summary>Accumulates the result rows of a search (possibly over several rounds) and evaluates batches of candidates.</summary>
internal sealed class SearchEngine(SearchTask task, IEstimator estimator, HyperparameterSearch options, CancellationToken cancellationToken, ProgressCounter counter)
{
    private readonly List<IReadOnlyDictionary<string, object?>> parameters = [];
    private readonly List<double[][]> test = [];
    private readonly List<double[][]?> train = [];
    private readonly List<double[]> fitTimes = [];
    private readonly List<double[]> scoreTimes = [];
    private readonly List<int> iteration = [];
    private readonly List<int> resources = [];

    public SearchTask Task => task;

    public int Count => parameters.Count;

    /// <summary>The mean test score under the refit scorer of row <paramref name="row"/>.</summary>
    public double MeanScore(int row, string scorer) => SearchResult<IFittedModel>.Mean(test[row][Array.IndexOf(task.ScorerNames, scorer)]);

    /// <summary>Builds every candidate through the estimator's constructor (so a bad name or value fails before any fit).</summary>
    public IEstimator[] Build(IReadOnlyList<IReadOnlyDictionary<string, object?>> candidates)
    {
        var built = new IEstimator[candidates.Count];
        for (int c = 0; c < built.Length; c++)
        {
            built[c] = EstimatorParameters.With(estimator, candidates[c]);
            task.CheckKind(built[c]);
        }
        return built;
    }

    /// <summary>Evaluates the candidates on the splits, all candidate × fold fits in parallel, appending one row each.</summary>
    public void Evaluate(IReadOnlyList<IReadOnlyDictionary<string, object?>> candidates, IReadOnlyList<(int[] Train, int[] Test)> splits, int round, int resource)
    {
        var built = Build(candidates);
        int folds = splits.Count, total = built.Length * folds;
        var outcomes = new (double[] Test, double[]? Train, double Fit, double Score)[total];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        try
        {
            Parallel.For(0, total, parallel, k =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                int c = k / folds, f = k % folds;
                outcomes[k] = task.FitAndScore(built[c], splits[f].Train, splits[f].Test, options.ReturnTrainScore);
                counter.Step();
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        int scorers = task.ScorerNames.Length;
        for (int c = 0; c < built.Length; c++)
        {
            parameters.Add(candidates[c]);
            var t = new double[scorers][];
            var tr = options.ReturnTrainScore ? new double[scorers][] : null;
            for (int s = 0; s < scorers; s++)
            {
                t[s] = new double[folds];
                if (tr is not null) tr[s] = new double[folds];
                for (int f = 0; f < folds; f++)
                {
                    t[s][f] = outcomes[c * folds + f].Test[s];
                    if (tr is not null) tr[s][f] = outcomes[c * folds + f].Train![s];
                }
            }
            test.Add(t);
            train.Add(tr);
            fitTimes.Add(Enumerable.Range(0, folds).Select(f => outcomes[c * folds + f].Fit).ToArray());
            scoreTimes.Add(Enumerable.Range(0, folds).Select(f => outcomes[c * folds + f].Score).ToArray());
            iteration.Add(round);
            resources.Add(resource);
        }
    }

    /// <summary>The result table; <paramref name="bestIndex"/> &lt; 0 selects the first row ranked 1 by the refit scorer.</summary>
    public SearchResult<TModel> Finish<TModel>(string refit, IReadOnlyList<SearchIteration> rounds, int bestIndex = -1) where TModel : class, IFittedModel
    {
        var names = task.ScorerNames;
        var splitTest = new Dictionary<string, double[][]>(StringComparer.Ordinal);
        Dictionary<string, double[][]>? splitTrain = options.ReturnTrainScore ? new(StringComparer.Ordinal) : null;
        for (int s = 0; s < names.Length; s++)
        {
            splitTest[names[s]] = test.Select(row => row[s]).ToArray();
            if (splitTrain is not null) splitTrain[names[s]] = train.Select(row => row![s]).ToArray();
        }
        var result = new SearchResult<TModel>(parameters.ToArray(), names, splitTest, splitTrain, fitTimes.ToArray(), scoreTimes.ToArray(),
            iteration.ToArray(), resources.ToArray(), rounds, refit, bestIndex);
        result.BestEstimator = EstimatorParameters.With(estimator, result.BestParameters);
        if (options.RefitBest)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            result.BestModel = (TModel)task.FitAll(result.BestEstimator);
            result.RefitTime = clock.Elapsed.TotalSeconds;
        }
        return result;
    }
}
