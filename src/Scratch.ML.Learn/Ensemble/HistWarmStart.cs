using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// Warm start of histogram gradient boosting (scikit-learn's <c>warm_start=True</c> with a larger <c>max_iter</c>):
/// the checks that the data bins as in the first fit, and the raw predictions of the kept trees.
/// </summary>
internal static class HistWarmStart
{
    /// <summary>
    /// Checks that a continuation can reproduce the first fit: the state holds its bin thresholds, x's training rows
    /// bin exactly as they did, and early stopping (and its validation split) is decided the same way.
    /// </summary>
    /// <exception cref="InvalidOperationException">The state was loaded from a file without bin thresholds.</exception>
    /// <exception cref="ArgumentException">The thresholds differ, or early stopping is decided differently.</exception>
    public static void Check(HistBoostedTrees previous, double[][] thresholds, bool early, bool validation)
    {
        const string name = "HistGradientBoosting.AddIterations";
        var stored = previous.BinThresholds
            ?? throw new InvalidOperationException($"{name}: the model was saved without its bin thresholds (a file written before warm start was supported), so the bins of the first fit are unknown; fit it again to add iterations.");
        for (int f = 0; f < thresholds.Length; f++)
            if (!thresholds[f].AsSpan().SequenceEqual(stored[f]))
                throw new ArgumentException($"{name}: x does not bin like the data the model was fitted on (feature {f} gets {thresholds[f].Length} bin thresholds, the fit had {stored[f].Length}{(thresholds[f].Length == stored[f].Length ? " with other values" : "")}); adding iterations needs the same x, y and weights as the first fit.", "x");
        bool hadScores = previous.TrainScore.Length > 0;
        if (early != hadScores)
            throw new ArgumentException($"{name}: early stopping is {(early ? "on" : "off")} for this x but was {(hadScores ? "on" : "off")} in the first fit (EarlyStopping = Auto depends on the row count); use the same x.", "x");
        if (early && validation != previous.ValidationScore.Length > 0)
            throw new ArgumentException($"{name}: the validation split differs from the first fit's; use the same x.", "x");
    }

    /// <summary>
    /// Adds the trees' values (tree t to output t mod k, in tree order, so each sum is formed as during boosting) for
    /// the rows <paramref name="rows"/> (null = every row) of row-major x (·, d) to output-major raw (k × m).
    /// </summary>
    public static void AddTrees(IReadOnlyList<TreeStructure> trees, int k, double[] x, int d, int[]? rows, double[] raw)
    {
        int m = rows?.Length ?? x.Length / d;
        Parallel.For(0, (m + 511) / 512, b =>
        {
            int end = Math.Min(m, (b + 1) * 512);
            for (int i = b * 512; i < end; i++)
            {
                int r = rows?[i] ?? i;
                var row = new ReadOnlySpan<double>(x, r * d, d);
                for (int t = 0; t < trees.Count; t++)
                {
                    var tree = trees[t];
                    raw[(long)(t % k) * m + i] += tree.Values[tree.Apply(row)];
                }
            }
        });
    }
}

/// <summary>
/// The early-stopping score history: −loss (scikit-learn's <c>_check_early_stopping_loss</c>) or the scorer
/// (<c>_check_early_stopping_scorer</c>: the train score on the small training subset, the validation score on the
/// validation rows), computed from the raw predictions the boosting loop keeps up to date.
/// </summary>
internal sealed class HistScores(HistLoss loss, HistScorer? scorer, double[] yTrain, double[]? wTrain, double[] rawTrain, int nTrain,
    double[] yVal, double[]? wVal, double[] rawVal, int nVal, int outputs, int[]? smallTrain, HistBoostedTrees? previous)
{
    /// <summary>Train scores, the previous fit's first.</summary>
    public List<double> Train { get; } = previous is null ? [] : [.. previous.TrainScore];

    /// <summary>Validation scores, the previous fit's first.</summary>
    public List<double> Validation { get; } = previous is null ? [] : [.. previous.ValidationScore];

    /// <summary>Appends the scores of the current raw predictions.</summary>
    public void Record()
    {
        if (scorer is null)
        {
            Train.Add(-loss.Loss(yTrain, rawTrain, wTrain));
            if (nVal > 0) Validation.Add(-loss.Loss(yVal, rawVal, wVal));
            return;
        }
        Train.Add(scorer.Score(rawTrain, nTrain, outputs, smallTrain, yTrain, wTrain));
        if (nVal > 0) Validation.Add(scorer.Score(rawVal, nVal, outputs, null, yVal, wVal));
    }
}
