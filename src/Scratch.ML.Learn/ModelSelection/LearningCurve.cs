using System.Numerics;

namespace Scratch.ML.Learn.ModelSelection;

/// <summary>Training-set sizes of a learning curve: fractions of the largest train fold, or absolute counts.</summary>
public sealed record TrainSizes
{
    private TrainSizes(double[]? fractions, int[]? counts)
    {
        Fractions = fractions;
        Counts = counts;
    }

    /// <summary>The fractions in (0, 1], or null for counts.</summary>
    public IReadOnlyList<double>? Fractions { get; }

    /// <summary>The counts ≥ 1, or null for fractions.</summary>
    public IReadOnlyList<int>? Counts { get; }

    /// <summary>scikit-learn's default <c>np.linspace(0.1, 1.0, 5)</c>.</summary>
    public static TrainSizes Default { get; } = OfFractions(0.1, 0.325, 0.55, 0.775, 1.0);

    /// <summary>Fractions f ∈ (0, 1] of the largest train fold m; size = clip(⌊f·m⌋, 1, m).</summary>
    /// <exception cref="ArgumentException">Empty, or a fraction outside (0, 1].</exception>
    public static TrainSizes OfFractions(params double[] fractions)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        if (fractions.Length == 0 || fractions.Any(f => !(f > 0 && f <= 1)))
            throw new ArgumentException($"TrainSizes: fractions must be non-empty and in (0, 1], got [{string.Join(", ", fractions)}].", nameof(fractions));
        return new TrainSizes((double[])fractions.Clone(), null);
    }

    /// <summary>Absolute counts (each ≥ 1 and at most the largest train fold, checked when used).</summary>
    /// <exception cref="ArgumentException">Empty, or a count &lt; 1.</exception>
    public static TrainSizes OfCounts(params int[] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Length == 0 || counts.Any(c => c < 1))
            throw new ArgumentException($"TrainSizes: counts must be non-empty and ≥ 1, got [{string.Join(", ", counts)}].", nameof(counts));
        return new TrainSizes(null, (int[])counts.Clone());
    }

    /// <summary>The distinct absolute sizes, ascending (scikit-learn's <c>_translate_train_sizes</c>).</summary>
    /// <exception cref="ArgumentException">A count above <paramref name="maxTrain"/>.</exception>
    internal int[] Resolve(int maxTrain)
    {
        if (Fractions is not null)
            return Fractions.Select(f => Math.Clamp((int)(f * maxTrain), 1, maxTrain)).Distinct().Order().ToArray();
        if (Counts!.Max() > maxTrain)
            throw new ArgumentException($"TrainSizes: counts must be ≤ the smallest train fold size {maxTrain}, got {Counts!.Max()}.", "trainSizes");
        return Counts!.Distinct().Order().ToArray();
    }
}

/// <summary>Train and test scores over a sequence of settings (rows) × CV folds (columns).</summary>
public sealed class CurveResult
{
    internal CurveResult(int[]? sizes, object?[]? values, double[][] train, double[][] test)
    {
        TrainSizes = sizes;
        ParameterValues = values;
        TrainScores = train;
        TestScores = test;
    }

    /// <summary>The absolute training sizes (learning curve), or null (validation curve).</summary>
    public IReadOnlyList<int>? TrainSizes { get; }

    /// <summary>The parameter values (validation curve), or null (learning curve).</summary>
    public IReadOnlyList<object?>? ParameterValues { get; }

    /// <summary>[setting][fold] scores of each fold's model on its own training rows.</summary>
    public double[][] TrainScores { get; }

    /// <summary>[setting][fold] scores on the held-out rows.</summary>
    public double[][] TestScores { get; }

    /// <summary>Per-setting mean of <see cref="TrainScores"/>.</summary>
    public double[] MeanTrainScores => TrainScores.Select(SearchResult<IFittedModel>.Mean).ToArray();

    /// <summary>Per-setting mean of <see cref="TestScores"/>.</summary>
    public double[] MeanTestScores => TestScores.Select(SearchResult<IFittedModel>.Mean).ToArray();
}

/// <summary>
/// Learning curves (scikit-learn's <c>learning_curve</c>, <c>shuffle=False</c>): for each fold and each training size s,
/// fit on the first s rows of the fold's train indices and score on those rows and on the test rows. Sizes come from the
/// first fold's train size (scikit-learn's <c>n_max_training_samples</c>). All size × fold fits run in parallel,
/// each into its own slot (deterministic).
/// </summary>
public static class LearningCurve
{
    /// <summary>Learning curve of a regressor on x (n, d), y (n) or (n, k); scorer defaults to R².</summary>
    /// <exception cref="ArgumentException">Bad shapes or sizes.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static CurveResult Compute<T>(IRegressor estimator, Tensor<T> x, Tensor<T> y, TrainSizes? trainSizes = null, ISplitter? cv = null,
        RegressionScorer<T>? scorer = null, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default, IProgress<SearchProgress>? progress = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(y);
        CurveRunner.CheckX(x, y.Rank == 0 ? -1 : y.Shape[0]);
        scorer ??= (m, xt, yt) => CrossValidation.R2(yt, m.Predict(xt));
        return Run(new RegressionTask<T>(estimator, x, y, new Dictionary<string, RegressionScorer<T>> { ["score"] = scorer }), estimator, trainSizes, cv, maxDegreeOfParallelism, cancellationToken, progress);
    }

    /// <summary>Learning curve of a classifier on x (n, d) and labels y (n); scorer defaults to accuracy.</summary>
    /// <exception cref="ArgumentException">Bad shapes or sizes, or a training prefix with fewer classes than the estimator needs.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static CurveResult Compute<T>(IClassifier estimator, Tensor<T> x, Labels y, TrainSizes? trainSizes = null, ISplitter? cv = null,
        ClassificationScorer<T>? scorer = null, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default, IProgress<SearchProgress>? progress = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(y);
        CurveRunner.CheckX(x, y.Length);
        scorer ??= (m, xt, yt) => CrossValidation.Accuracy(yt, m.Predict(xt));
        return Run(new ClassificationTask<T>(estimator, x, y, new Dictionary<string, ClassificationScorer<T>> { ["score"] = scorer }), estimator, trainSizes, cv, maxDegreeOfParallelism, cancellationToken, progress);
    }

    private static CurveResult Run(SearchTask task, IEstimator estimator, TrainSizes? trainSizes, ISplitter? cv, int maxDop, CancellationToken ct, IProgress<SearchProgress>? progress)
    {
        var splits = task.Split(cv ?? task.DefaultCv);
        var sizes = (trainSizes ?? TrainSizes.Default).Resolve(splits[0].Train.Length);
        var (train, test) = CurveRunner.Run(task, sizes.Length, splits.Count, maxDop, ct, progress,
            (row, f) => (estimator, splits[f].Train[..sizes[row]], splits[f].Test));
        return new CurveResult(sizes, null, train, test);
    }
}

/// <summary>
/// Validation curves (scikit-learn's <c>validation_curve</c>): cross-validated train and test scores of the estimator
/// with one parameter (any <see cref="EstimatorParameters"/> name, dotted for nested estimators) set to each value.
/// All value × fold fits run in parallel, each into its own slot (deterministic).
/// </summary>
public static class ValidationCurve
{
    /// <summary>Validation curve of a regressor; scorer defaults to R².</summary>
    /// <exception cref="ArgumentException">Bad shapes, no values, or a value the estimator rejects.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static CurveResult Compute<T>(IRegressor estimator, Tensor<T> x, Tensor<T> y, string parameter, IReadOnlyList<object?> values, ISplitter? cv = null,
        RegressionScorer<T>? scorer = null, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default, IProgress<SearchProgress>? progress = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(y);
        CurveRunner.CheckX(x, y.Rank == 0 ? -1 : y.Shape[0]);
        scorer ??= (m, xt, yt) => CrossValidation.R2(yt, m.Predict(xt));
        return Run(new RegressionTask<T>(estimator, x, y, new Dictionary<string, RegressionScorer<T>> { ["score"] = scorer }), estimator, parameter, values, cv, maxDegreeOfParallelism, cancellationToken, progress);
    }

    /// <summary>Validation curve of a classifier; scorer defaults to accuracy.</summary>
    /// <exception cref="ArgumentException">Bad shapes, no values, or a value the estimator rejects.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static CurveResult Compute<T>(IClassifier estimator, Tensor<T> x, Labels y, string parameter, IReadOnlyList<object?> values, ISplitter? cv = null,
        ClassificationScorer<T>? scorer = null, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default, IProgress<SearchProgress>? progress = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(y);
        CurveRunner.CheckX(x, y.Length);
        scorer ??= (m, xt, yt) => CrossValidation.Accuracy(yt, m.Predict(xt));
        return Run(new ClassificationTask<T>(estimator, x, y, new Dictionary<string, ClassificationScorer<T>> { ["score"] = scorer }), estimator, parameter, values, cv, maxDegreeOfParallelism, cancellationToken, progress);
    }

    private static CurveResult Run(SearchTask task, IEstimator estimator, string parameter, IReadOnlyList<object?> values, ISplitter? cv, int maxDop, CancellationToken ct, IProgress<SearchProgress>? progress)
    {
        ArgumentException.ThrowIfNullOrEmpty(parameter);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("ValidationCurve: needs at least one parameter value.", nameof(values));
        var built = values.Select(v => EstimatorParameters.With(estimator, new Dictionary<string, object?> { [parameter] = v })).ToArray();
        foreach (var b in built) task.CheckKind(b);
        var splits = task.Split(cv ?? task.DefaultCv);
        var (train, test) = CurveRunner.Run(task, built.Length, splits.Count, maxDop, ct, progress, (row, f) => (built[row], splits[f].Train, splits[f].Test));
        return new CurveResult(null, values.ToArray(), train, test);
    }
}

/// <summary>The parallel setting × fold loop shared by the curves.</summary>
internal static class CurveRunner
{
    public static void CheckX<T>(Tensor<T> x, int yRows) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2) throw new ArgumentException($"Curve: x must be 2-d (n, d), got rank {x.Rank}.", nameof(x));
        if (yRows != x.Shape[0]) throw new ArgumentException($"Curve: y must have {x.Shape[0]} rows (as x), got {yRows}.", "y");
    }

    public static (double[][] Train, double[][] Test) Run(SearchTask task, int rows, int folds, int maxDop, CancellationToken ct, IProgress<SearchProgress>? progress,
        Func<int, int, (IEstimator Estimator, int[] Train, int[] Test)> job)
    {
        if (maxDop is not -1 and < 1) throw new ArgumentOutOfRangeException(nameof(maxDop), maxDop, "Curve: maxDegreeOfParallelism must be −1 (all cores) or ≥ 1.");
        var train = new double[rows][];
        var test = new double[rows][];
        for (int r = 0; r < rows; r++) { train[r] = new double[folds]; test[r] = new double[folds]; }
        var counter = new ProgressCounter(rows * folds, progress);
        try
        {
            Parallel.For(0, rows * folds, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = maxDop }, k =>
            {
                ct.ThrowIfCancellationRequested();
                int r = k / folds, f = k % folds;
                var (estimator, tr, te) = job(r, f);
                var outcome = task.FitAndScore(estimator, tr, te, trainScores: true);
                train[r][f] = outcome.Train![0];
                test[r][f] = outcome.Test[0];
                counter.Step();
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        return (train, test);
    }
}
