namespace Scratch.ML.Learn.ModelSelection;

/// <summary>Progress of a search: fits completed out of the total planned (the final refit is not counted).</summary>
/// <param name="Completed">Candidate × fold fits finished so far.</param>
/// <param name="Total">All candidate × fold fits the search will run (for Bayesian search: NInitial + NIter candidates).</param>
public readonly record struct SearchProgress(int Completed, int Total);

/// <summary>One round of a search: how many candidates it evaluated on how many samples (successive halving has several).</summary>
/// <param name="Candidates">Number of candidates evaluated in this round (scikit-learn's <c>n_candidates_[i]</c>).</param>
/// <param name="Resources">Samples available to the round (<c>n_resources_[i]</c>); each fold's train and test sets are
/// subsampled to the fraction Resources / n of their rows.</param>
public readonly record struct SearchIteration(int Candidates, int Resources);

/// <summary>
/// The outcome of a hyperparameter search (scikit-learn's <c>cv_results_</c> plus the <c>best_*</c> attributes): one row
/// per evaluated candidate, in evaluation order, with per-scorer fold scores, their mean, population standard
/// deviation and rank, and timings; the best candidate and (unless disabled) the best estimator refitted on all data.
/// </summary>
/// <typeparam name="TModel">The fitted model type (<see cref="IRegressionModel{T}"/> or <see cref="IClassificationModel{T}"/>).</typeparam>
public sealed class SearchResult<TModel> where TModel : class, IFittedModel
{
    internal SearchResult(IReadOnlyList<IReadOnlyDictionary<string, object?>> parameters, IReadOnlyList<string> scorers,
        IReadOnlyDictionary<string, double[][]> splitTest, IReadOnlyDictionary<string, double[][]>? splitTrain,
        double[][] fitTimes, double[][] scoreTimes, int[] iteration, int[] resources, IReadOnlyList<SearchIteration> iterations,
        string refitScorer, int bestIndex)
    {
        Parameters = parameters;
        ScorerNames = scorers;
        SplitTestScores = splitTest;
        SplitTrainScores = splitTrain;
        MeanTestScore = splitTest.ToDictionary(p => p.Key, p => p.Value.Select(Mean).ToArray());
        StdTestScore = splitTest.ToDictionary(p => p.Key, p => p.Value.Select(Std).ToArray());
        RankTestScore = MeanTestScore.ToDictionary(p => p.Key, p => Rank(p.Value));
        MeanTrainScore = splitTrain?.ToDictionary(p => p.Key, p => p.Value.Select(Mean).ToArray());
        StdTrainScore = splitTrain?.ToDictionary(p => p.Key, p => p.Value.Select(Std).ToArray());
        MeanFitTime = fitTimes.Select(Mean).ToArray();
        StdFitTime = fitTimes.Select(Std).ToArray();
        MeanScoreTime = scoreTimes.Select(Mean).ToArray();
        Iteration = iteration;
        Resources = resources;
        Iterations = iterations;
        RefitScorer = refitScorer;
        BestIndex = bestIndex < 0 ? Array.IndexOf(RankTestScore[refitScorer], RankTestScore[refitScorer].Min()) : bestIndex;
    }

    /// <summary>The parameter set of each candidate (row), in evaluation order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Parameters { get; }

    /// <summary>The scorer names, in the order given.</summary>
    public IReadOnlyList<string> ScorerNames { get; }

    /// <summary>Scorer → [candidate][fold] test scores.</summary>
    public IReadOnlyDictionary<string, double[][]> SplitTestScores { get; }

    /// <summary>Scorer → [candidate][fold] train scores; null unless train scores were requested.</summary>
    public IReadOnlyDictionary<string, double[][]>? SplitTrainScores { get; }

    /// <summary>Scorer → per-candidate mean test score over folds (<c>mean_test_&lt;scorer&gt;</c>).</summary>
    public IReadOnlyDictionary<string, double[]> MeanTestScore { get; }

    /// <summary>Scorer → per-candidate population standard deviation of the fold test scores (<c>std_test_&lt;scorer&gt;</c>).</summary>
    public IReadOnlyDictionary<string, double[]> StdTestScore { get; }

    /// <summary>
    /// Scorer → per-candidate rank of the mean test score, 1 = best, ties sharing the lowest rank (SciPy's
    /// <c>rankdata(−mean, method="min")</c>); NaN means rank with the worst.
    /// </summary>
    public IReadOnlyDictionary<string, int[]> RankTestScore { get; }

    /// <summary>Scorer → per-candidate mean train score; null unless train scores were requested.</summary>
    public IReadOnlyDictionary<string, double[]>? MeanTrainScore { get; }

    /// <summary>Scorer → per-candidate std of train scores; null unless train scores were requested.</summary>
    public IReadOnlyDictionary<string, double[]>? StdTrainScore { get; }

    /// <summary>Per-candidate mean fit time over folds, in seconds.</summary>
    public double[] MeanFitTime { get; }

    /// <summary>Per-candidate std of fit times, in seconds.</summary>
    public double[] StdFitTime { get; }

    /// <summary>Per-candidate mean scoring time over folds, in seconds.</summary>
    public double[] MeanScoreTime { get; }

    /// <summary>Per-candidate round index (0 for single-round searches; the halving iteration otherwise).</summary>
    public int[] Iteration { get; }

    /// <summary>Per-candidate number of samples of its round (n for single-round searches).</summary>
    public int[] Resources { get; }

    /// <summary>The rounds of the search (one for grid, random and Bayesian search).</summary>
    public IReadOnlyList<SearchIteration> Iterations { get; }

    /// <summary>The scorer that chose the best candidate.</summary>
    public string RefitScorer { get; }

    /// <summary>
    /// The row of the best candidate: the first row ranked 1 by <see cref="RefitScorer"/> (candidate order breaks ties,
    /// as scikit-learn's <c>argmin</c> of the rank); for successive halving the best of the last round.
    /// </summary>
    public int BestIndex { get; }

    /// <summary>The best candidate's parameters.</summary>
    public IReadOnlyDictionary<string, object?> BestParameters => Parameters[BestIndex];

    /// <summary>The best candidate's mean test score under <see cref="RefitScorer"/>.</summary>
    public double BestScore => MeanTestScore[RefitScorer][BestIndex];

    /// <summary>The unfitted estimator with the best parameters.</summary>
    public IEstimator BestEstimator { get; internal set; } = null!;

    /// <summary>The best estimator fitted on all the data; null when refitting was disabled.</summary>
    public TModel? BestModel { get; internal set; }

    /// <summary>Seconds spent refitting the best estimator (0 when disabled).</summary>
    public double RefitTime { get; internal set; }

    /// <summary>The number of cross-validation folds per candidate.</summary>
    public int SplitCount => SplitTestScores[RefitScorer].Length == 0 ? 0 : SplitTestScores[RefitScorer][0].Length;

    /// <summary>
    /// A plain-text table of the candidates ranked by <see cref="RefitScorer"/> (best first, candidate order among ties):
    /// rank, mean ± std test score of every scorer, mean fit time in ms, and the parameters. At most
    /// <paramref name="rows"/> rows (all when null).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">rows &lt; 1.</exception>
    public string ToTable(int? rows = null)
    {
        if (rows is < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "SearchResult.ToTable: rows must be ≥ 1 or null.");
        var ranks = RankTestScore[RefitScorer];
        var order = Enumerable.Range(0, Parameters.Count).OrderBy(i => ranks[i]).ThenBy(i => i).Take(rows ?? int.MaxValue);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var text = new System.Text.StringBuilder();
        text.Append("rank  ").AppendJoin("  ", ScorerNames.Select(s => $"{s,21}")).Append("  fit ms  parameters\n");
        foreach (int i in order)
        {
            text.Append(inv, $"{ranks[i],4}  ");
            text.AppendJoin("  ", ScorerNames.Select(s => string.Format(inv, "{0,10:G6} ± {1,-8:G3}", MeanTestScore[s][i], StdTestScore[s][i])));
            text.Append(inv, $"  {MeanFitTime[i] * 1000,6:F1}  ");
            text.AppendJoin(", ", Parameters[i].Select(p => string.Format(inv, "{0}={1}", p.Key, p.Value ?? "null")));
            text.Append('\n');
        }
        return text.ToString();
    }

    internal static double Mean(double[] values)
    {
        double s = 0;
        foreach (double v in values) s += v;
        return s / values.Length;
    }

    internal static double Std(double[] values)
    {
        double m = Mean(values), s = 0;
        foreach (double v in values) s += (v - m) * (v - m);
        return Math.Sqrt(s / values.Length);
    }

    /// <summary>Min-method ranks of −means, NaN tied with (below) the worst; all NaN → all rank 1.</summary>
    internal static int[] Rank(double[] means)
    {
        var ranks = new int[means.Length];
        if (means.All(double.IsNaN)) { Array.Fill(ranks, 1); return ranks; }
        double worst = means.Where(m => !double.IsNaN(m)).Min() - 1;
        var v = means.Select(m => double.IsNaN(m) ? worst : m).ToArray();
        var order = Enumerable.Range(0, v.Length).OrderByDescending(i => v[i]).ToArray();
        for (int k = 0; k < order.Length; k++)
            ranks[order[k]] = k > 0 && v[order[k]] == v[order[k - 1]] ? ranks[order[k - 1]] : k + 1;
        return ranks;
    }
}
