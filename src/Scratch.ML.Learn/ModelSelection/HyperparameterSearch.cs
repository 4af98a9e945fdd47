using System.Numerics;

namespace Scratch.ML.Learn.ModelSelection;

/// <summary>
/// Options shared by the hyperparameter searches (<see cref="GridSearch"/>, <see cref="RandomizedSearch"/>,
/// <see cref="HalvingGridSearch"/>, <see cref="HalvingRandomSearch"/>, <see cref="BayesSearch"/>) and their entry points:
/// <c>Fit(regressor, x, y)</c> and <c>Fit(classifier, x, labels)</c>.
/// </summary>
/// <remarks>
/// <para>Every candidate is built from the estimator with <see cref="EstimatorParameters.With(IEstimator, IReadOnlyDictionary{string, object?})"/>
/// (so through its constructor; dotted names reach pipeline steps), all before the first fit, so a bad name or value
/// throws at once. Candidate × fold fits run with <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>
/// over the flattened index; each writes only its own slot, so results do not depend on the number of threads.</para>
/// <para>A fit that throws stops the search with that exception (scikit-learn's <c>error_score="raise"</c>).</para>
/// </remarks>
public abstract record HyperparameterSearch
{
    private protected HyperparameterSearch()
    {
    }

    /// <summary>The splitter; null means 5-fold <see cref="KFold"/> (regressors) or <see cref="StratifiedKFold"/> (classifiers), unshuffled, as scikit-learn's <c>cv=5</c>.</summary>
    public ISplitter? Cv { get; init; }

    /// <summary>The scorer whose mean test score picks the best candidate; may be null only with a single scorer.</summary>
    public string? Refit { get; init; }

    /// <summary>Whether to score each fold's model on its train rows too.</summary>
    public bool ReturnTrainScore { get; init; }

    /// <summary>Whether to refit the best estimator on all rows (<see cref="SearchResult{TModel}.BestModel"/>).</summary>
    public bool RefitBest { get; init; } = true;

    /// <summary>Maximum parallel fits: −1 (all cores) or ≥ 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Neither −1 nor ≥ 1.</exception>
    public int MaxDegreeOfParallelism
    {
        get;
        init => field = value == -1 || value >= 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "Search: MaxDegreeOfParallelism must be −1 (all cores) or ≥ 1.");
    } = -1;

    /// <summary>
    /// Searches a regressor's parameters on x (n, d) and y (n) or (n, k). Scorers (higher is better) default to
    /// { "r2": R² }.
    /// </summary>
    /// <exception cref="ArgumentException">Bad shapes, an empty scorer set, an unknown <see cref="Refit"/>, or a candidate the estimator rejects.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public SearchResult<IRegressionModel<T>> Fit<T>(IRegressor estimator, Tensor<T> x, Tensor<T> y, IReadOnlyDictionary<string, RegressionScorer<T>>? scorers = null,
        CancellationToken cancellationToken = default, IProgress<SearchProgress>? progress = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(y);
        CheckX(x, y.Rank == 0 ? -1 : y.Shape[0]);
        scorers ??= new Dictionary<string, RegressionScorer<T>> { [CrossValidation.R2Name] = (m, xt, yt) => CrossValidation.R2(yt, m.Predict(xt)) };
        CheckScorers(scorers.Count);
        return Run<IRegressionModel<T>>(new RegressionTask<T>(estimator, x, y, scorers), estimator, cancellationToken, progress);
    }

    /// <summary>
    /// Searches a classifier's parameters on x (n, d) and labels y (n). Scorers (higher is better) default to
    /// { "accuracy": accuracy }. The splitter receives the labels (for stratification).
    /// </summary>
    /// <exception cref="ArgumentException">Bad shapes, an empty scorer set, an unknown <see cref="Refit"/>, or a candidate the estimator rejects.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public SearchResult<IClassificationModel<T>> Fit<T>(IClassifier estimator, Tensor<T> x, Labels y, IReadOnlyDictionary<string, ClassificationScorer<T>>? scorers = null,
        CancellationToken cancellationToken = default, IProgress<SearchProgress>? progress = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(y);
        CheckX(x, y.Length);
        scorers ??= new Dictionary<string, ClassificationScorer<T>> { [CrossValidation.AccuracyName] = (m, xt, yt) => CrossValidation.Accuracy(yt, m.Predict(xt)) };
        CheckScorers(scorers.Count);
        return Run<IClassificationModel<T>>(new ClassificationTask<T>(estimator, x, y, scorers), estimator, cancellationToken, progress);
    }

    /// <summary>Runs the search on a prepared task.</summary>
    internal abstract SearchResult<TModel> Run<TModel>(SearchTask task, IEstimator estimator, CancellationToken cancellationToken, IProgress<SearchProgress>? progress)
        where TModel : class, IFittedModel;

    /// <summary>The refit scorer: <see cref="Refit"/>, or the only scorer.</summary>
    internal string RefitScorer(SearchTask task)
    {
        var names = task.ScorerNames;
        if (Refit is null)
            return names.Length == 1 ? names[0]
                : throw new ArgumentException($"Search: with several scorers ({string.Join(", ", names)}) Refit must name the one that picks the best candidate.", nameof(Refit));
        return names.Contains(Refit) ? Refit
            : throw new ArgumentException($"Search: Refit = '{Refit}' is not a scorer name (have {string.Join(", ", names)}).", nameof(Refit));
    }

    /// <summary>The folds of the configured (or default) splitter.</summary>
    internal IReadOnlyList<(int[] Train, int[] Test)> Splits(SearchTask task) => task.Split(Cv ?? task.DefaultCv);

    private static void CheckX<T>(Tensor<T> x, int yRows) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2) throw new ArgumentException($"Search: x must be 2-d (n, d), got rank {x.Rank}.", nameof(x));
        if (yRows != x.Shape[0]) throw new ArgumentException($"Search: y must have {x.Shape[0]} rows (as x), got {yRows}.", "y");
    }

    private static void CheckScorers(int count)
    {
        if (count == 0) throw new ArgumentException("Search: needs at least one scorer.", "scorers");
    }
}

/// <summary>
/// Option checks shared by the search records, used both by the constructors and by the <c>init</c> accessors (so a
/// <c>with</c> copy is validated too).
/// </summary>
internal static class SearchChecks
{
    public static ParameterGrid Grid(ParameterGrid? grid) => grid ?? throw new ArgumentNullException(nameof(Grid), "Search: the parameter grid must not be null.");

    public static IReadOnlyDictionary<string, ParameterDistribution> Space(IReadOnlyDictionary<string, ParameterDistribution>? space)
    {
        ArgumentNullException.ThrowIfNull(space, nameof(Space));
        if (space.Count == 0) throw new ArgumentException("Search: the search space must name at least one parameter.", nameof(Space));
        foreach (var (name, distribution) in space)
            if (string.IsNullOrEmpty(name) || distribution is null)
                throw new ArgumentException($"Search: parameter '{name}' needs a non-empty name and a distribution (use Choice for a list of values).", nameof(Space));
        return space;
    }

    public static int AtLeast(int value, int min, string name) =>
        value >= min ? value : throw new ArgumentOutOfRangeException(name, value, $"Search: {name} must be ≥ {min}.");
}

/// <summary>
/// Exhaustive search over a <see cref="ParameterGrid"/> (scikit-learn's <c>GridSearchCV</c>): every candidate is
/// cross-validated; the best by <see cref="HyperparameterSearch.Refit"/> is the first candidate (grid order) of rank 1.
/// </summary>
/// <param name="Grid">The candidates.</param>
public sealed record GridSearch(ParameterGrid Grid) : HyperparameterSearch
{
    /// <summary>The candidates.</summary>
    public ParameterGrid Grid { get; init => field = SearchChecks.Grid(value); } = SearchChecks.Grid(Grid);

    internal override SearchResult<TModel> Run<TModel>(SearchTask task, IEstimator estimator, CancellationToken cancellationToken, IProgress<SearchProgress>? progress)
    {
        string refit = RefitScorer(task);
        var splits = Splits(task);
        var candidates = Grid.ToArray();
        var engine = new SearchEngine(task, estimator, this, cancellationToken, new ProgressCounter(candidates.Length * splits.Count, progress));
        engine.Evaluate(candidates, splits, 0, task.N);
        return engine.Finish<TModel>(refit, [new SearchIteration(candidates.Length, task.N)]);
    }
}

/// <summary>
/// Random search (scikit-learn's <c>RandomizedSearchCV</c>): <see cref="NIter"/> candidates drawn by
/// <see cref="ParameterSampler"/> from <see cref="Space"/> with <c>Generator(Seed)</c>, each cross-validated.
/// If every parameter is a <see cref="Choice"/>, candidates are distinct grid points (at most the grid's size).
/// </summary>
/// <param name="Space">Parameter name → distribution.</param>
/// <param name="NIter">Number of candidates (≥ 1).</param>
/// <param name="Seed">Seed of the draws.</param>
public sealed record RandomizedSearch(IReadOnlyDictionary<string, ParameterDistribution> Space, int NIter = 10, ulong Seed = 0) : HyperparameterSearch
{
    /// <summary>Parameter name → distribution.</summary>
    public IReadOnlyDictionary<string, ParameterDistribution> Space { get; init => field = SearchChecks.Space(value); } = SearchChecks.Space(Space);

    /// <summary>Number of candidates (≥ 1).</summary>
    public int NIter { get; init => field = SearchChecks.AtLeast(value, 1, nameof(NIter)); } = SearchChecks.AtLeast(NIter, 1, nameof(NIter));

    internal override SearchResult<TModel> Run<TModel>(SearchTask task, IEstimator estimator, CancellationToken cancellationToken, IProgress<SearchProgress>? progress)
    {
        string refit = RefitScorer(task);
        var splits = Splits(task);
        var candidates = ParameterSampler.Sample(Space, NIter, new Rng.Generator(Seed));
        var engine = new SearchEngine(task, estimator, this, cancellationToken, new ProgressCounter(candidates.Count * splits.Count, progress));
        engine.Evaluate(candidates, splits, 0, task.N);
        return engine.Finish<TModel>(refit, [new SearchIteration(candidates.Count, task.N)]);
    }
}
