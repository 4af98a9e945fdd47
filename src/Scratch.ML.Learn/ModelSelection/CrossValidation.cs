using System.Numerics;

namespace Scratch.ML.Learn.ModelSelection;

/// <summary>Scores a fitted regression model on held-out rows x (m, d), y (m) or (m, k); higher is better.</summary>
public delegate double RegressionScorer<T>(IRegressionModel<T> model, Tensor<T> x, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>Scores a fitted classification model on held-out rows x (m, d) with labels y (m); higher is better.</summary>
public delegate double ClassificationScorer<T>(IClassificationModel<T> model, Tensor<T> x, Labels y) where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>Per-fold scores of <see cref="CrossValidation"/>, in the splitter's fold order.</summary>
public sealed class CrossValidationResult
{
    internal CrossValidationResult(IReadOnlyDictionary<string, double[]> test, IReadOnlyList<(int[] Train, int[] Test)> splits)
    {
        TestScores = test;
        Splits = splits;
    }

    /// <summary>Scorer name → one test score per fold (length = number of splits).</summary>
    public IReadOnlyDictionary<string, double[]> TestScores { get; }

    /// <summary>The (train, test) indices of each fold, as the splitter produced them.</summary>
    public IReadOnlyList<(int[] Train, int[] Test)> Splits { get; }

    /// <summary>The mean over folds of the named scorer's test scores.</summary>
    /// <exception cref="KeyNotFoundException">No scorer of that name.</exception>
    public double Mean(string scorer) => TestScores.TryGetValue(scorer, out var s) ? s.Average()
        : throw new KeyNotFoundException($"CrossValidationResult: no scorer named '{scorer}' (have {string.Join(", ", TestScores.Keys)}).");
}

/// <summary>
/// Cross-validation (scikit-learn's <c>cross_validate</c>): for each (train, test) split, fit the estimator on the
/// train rows and score the fitted model on the test rows. Folds run in parallel (<see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>);
/// each fold writes only its own slot, so results are deterministic and equal to a sequential loop.
/// </summary>
public static class CrossValidation
{
    /// <summary>The built-in regression scorer's name (<see cref="R2"/>).</summary>
    public const string R2Name = "r2";

    /// <summary>The built-in classification scorer's name (<see cref="Accuracy"/>).</summary>
    public const string AccuracyName = "accuracy";

    /// <summary>
    /// Cross-validates a regressor on x (n, d) and y (n) or (n, k). Scorers default to { "r2": <see cref="R2"/> }.
    /// <paramref name="groups"/> (length n) is passed to the splitter; labels are not (use a classifier for stratification).
    /// </summary>
    /// <remarks><c>progress</c> receives the number of folds completed so far after each fold (from worker threads).</remarks>
    /// <exception cref="ArgumentException">x and y row counts differ, or the splitter rejects n.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before all folds finished.</exception>
    public static CrossValidationResult CrossValidate<T>(IRegressor estimator, Tensor<T> x, Tensor<T> y, ISplitter splitter,
        IReadOnlyDictionary<string, RegressionScorer<T>>? scorers = null, CancellationToken cancellationToken = default,
        IProgress<int>? progress = null, ReadOnlySpan<int> groups = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(y);
        int n = CheckRows(x, y.Rank == 0 ? -1 : y.Shape[0], splitter);
        scorers ??= new Dictionary<string, RegressionScorer<T>> { [R2Name] = (m, xt, yt) => R2(yt, m.Predict(xt)) };
        var splits = splitter.Split(n, default, groups);
        return Run(splits, scorers.Keys.ToArray(), cancellationToken, progress, f =>
        {
            var (train, test) = splits[f];
            var model = estimator.Fit(Rows(x, train), Rows(y, train));
            var xt = Rows(x, test);
            var yt = Rows(y, test);
            return scorers.Values.Select(s => s(model, xt, yt)).ToArray();
        });
    }

    /// <summary>
    /// Cross-validates a classifier on x (n, d) and labels y (n). Scorers default to { "accuracy": <see cref="Accuracy"/> }.
    /// The splitter receives the labels (encoded as sorted-class codes) and <paramref name="groups"/>.
    /// </summary>
    /// <remarks><c>progress</c> receives the number of folds completed so far after each fold (from worker threads).</remarks>
    /// <exception cref="ArgumentException">x and y row counts differ, or the splitter rejects n, labels or groups.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before all folds finished.</exception>
    public static CrossValidationResult CrossValidate<T>(IClassifier estimator, Tensor<T> x, Labels y, ISplitter splitter,
        IReadOnlyDictionary<string, ClassificationScorer<T>>? scorers = null, CancellationToken cancellationToken = default,
        IProgress<int>? progress = null, ReadOnlySpan<int> groups = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(y);
        int n = CheckRows(x, y.Length, splitter);
        scorers ??= new Dictionary<string, ClassificationScorer<T>> { [AccuracyName] = (m, xt, yt) => Accuracy(yt, m.Predict(xt)) };
        var codes = ClassLabels.Of(y).Encode(y);
        var splits = splitter.Split(n, codes, groups);
        return Run(splits, scorers.Keys.ToArray(), cancellationToken, progress, f =>
        {
            var (train, test) = splits[f];
            var model = estimator.Fit(Rows(x, train), Subset(y, train));
            var xt = Rows(x, test);
            var yt = Subset(y, test);
            return scorers.Values.Select(s => s(model, xt, yt)).ToArray();
        });
    }

    /// <summary>
    /// The coefficient of determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)², averaged uniformly over outputs for (m, k)
    /// targets (scikit-learn's <c>r2_score</c>). An output with zero variance scores 1 if predicted exactly, else 0.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes differ or fewer than 2 rows.</exception>
    public static double R2<T>(Tensor<T> yTrue, Tensor<T> yPred) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        if (!yTrue.Shape.SequenceEqual(yPred.Shape) || yTrue.Rank is < 1 or > 2)
            throw new ArgumentException($"R2: yTrue and yPred must have the same shape (m) or (m, k), got [{string.Join(", ", yTrue.Shape.ToArray())}] and [{string.Join(", ", yPred.Shape.ToArray())}].", nameof(yPred));
        int m = yTrue.Shape[0], k = yTrue.Rank == 2 ? yTrue.Shape[1] : 1;
        if (m < 2) throw new ArgumentException($"R2: needs at least 2 rows, got {m}.", nameof(yTrue));
        var t = yTrue.ToArray();
        var p = yPred.ToArray();
        double total = 0;
        for (int j = 0; j < k; j++)
        {
            double mean = 0;
            for (int i = 0; i < m; i++) mean += double.CreateTruncating(t[i * k + j]);
            mean /= m;
            double num = 0, den = 0;
            for (int i = 0; i < m; i++)
            {
                double ti = double.CreateTruncating(t[i * k + j]);
                double r = ti - double.CreateTruncating(p[i * k + j]);
                num += r * r;
                den += (ti - mean) * (ti - mean);
            }
            total += den == 0 ? (num == 0 ? 1 : 0) : 1 - num / den;
        }
        return total / k;
    }

    /// <summary>The fraction of rows whose predicted label equals the true label (both int or both string labels).</summary>
    /// <exception cref="ArgumentException">Lengths differ, zero rows, or one is int and the other string.</exception>
    public static double Accuracy(Labels yTrue, Labels yPred)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        if (yTrue.Length != yPred.Length || yTrue.Length == 0)
            throw new ArgumentException($"Accuracy: yTrue and yPred must have the same non-zero length, got {yTrue.Length} and {yPred.Length}.", nameof(yPred));
        if (yTrue.IsString != yPred.IsString)
            throw new ArgumentException("Accuracy: yTrue and yPred must both be int labels or both string labels.", nameof(yPred));
        int hits = 0;
        for (int i = 0; i < yTrue.Length; i++)
            if (yTrue.IsString ? yTrue.Strings![i] == yPred.Strings![i] : yTrue.Ints![i] == yPred.Ints![i]) hits++;
        return (double)hits / yTrue.Length;
    }

    /// <summary>The rows of x (n, …) at the given indices, in that order.</summary>
    public static Tensor<T> Rows<T>(Tensor<T> x, int[] indices) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(indices);
        var index = Tensor.FromArray(indices.Select(i => (long)i).ToArray(), indices.Length);
        return x.IndexSelect(0, index);
    }

    /// <summary>The labels at the given indices, in that order.</summary>
    public static Labels Subset(Labels y, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(indices);
        return y.IsString ? Labels.From(indices.Select(i => y.Strings![i]).ToArray()) : Labels.From(indices.Select(i => y.Ints![i]).ToArray());
    }

    private static int CheckRows<T>(Tensor<T> x, int yRows, ISplitter splitter) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(splitter);
        if (x.Rank != 2) throw new ArgumentException($"CrossValidate: x must be 2-d (n, d), got rank {x.Rank}.", nameof(x));
        if (yRows != x.Shape[0])
            throw new ArgumentException($"CrossValidate: y must have {x.Shape[0]} rows (as x), got {yRows}.", "y");
        return x.Shape[0];
    }

    private static CrossValidationResult Run(IReadOnlyList<(int[] Train, int[] Test)> splits, string[] names,
        CancellationToken cancellationToken, IProgress<int>? progress, Func<int, double[]> fold)
    {
        var scores = new double[splits.Count][];
        int done = 0;
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, splits.Count, options, f =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                scores[f] = fold(f);
                progress?.Report(Interlocked.Increment(ref done));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            // Surface the first fold's exception itself (e.g. an estimator's ArgumentException), not the wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        var table = new Dictionary<string, double[]>();
        for (int s = 0; s < names.Length; s++) table[names[s]] = scores.Select(row => row[s]).ToArray();
        return new CrossValidationResult(table, splits);
    }
}
