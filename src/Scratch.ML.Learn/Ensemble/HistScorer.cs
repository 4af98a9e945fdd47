using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.Metrics;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// An early-stopping scorer of histogram gradient boosting (scikit-learn's <c>scoring</c> other than "loss"): the
/// metric of the model's predictions computed from raw predictions, so that fitting never predicts the trees again.
/// Every score is "greater is better" (errors are negated), as <see cref="HistBoosting.ShouldStop"/> expects.
/// </summary>
internal sealed class HistScorer
{
    /// <summary>scikit-learn's <c>_get_small_trainset</c> size: train scores use at most this many training rows.</summary>
    public const int SmallTrainset = 10_000;

    private readonly ClassificationScoring? classification;
    private readonly RegressionScoring? regression;
    private readonly RawOutputLink link;

    private HistScorer(ClassificationScoring? classification, RegressionScoring? regression, RawOutputLink link)
    {
        this.classification = classification;
        this.regression = regression;
        this.link = link;
    }

    /// <summary>A classifier scorer; throws when it does not fit the class count (RocAuc is binary).</summary>
    public static HistScorer Classifier(string name, ClassificationScoring scoring, int classes)
    {
        if (scoring == ClassificationScoring.RocAuc && classes != 2)
            throw new ArgumentException($"{name}: Scoring = RocAuc is binary, but y has {classes} classes; use RocAucOvr.", "Scoring");
        return new(scoring, null, RawOutputLink.Identity);
    }

    /// <summary>A regressor scorer of the predictions link⁻¹(raw).</summary>
    public static HistScorer Regressor(RegressionScoring scoring, RawOutputLink link) => new(null, scoring, link);

    /// <summary>
    /// The score of the model whose raw predictions (output-major: output j of row i at j·stride + rows[i]) are given,
    /// on the rows <paramref name="rows"/> (null = 0 … stride − 1) with targets y (class codes for classifiers) and
    /// optional weights (indexed like raw).
    /// </summary>
    public double Score(double[] raw, int stride, int outputs, int[]? rows, double[] y, double[]? w)
    {
        int m = rows?.Length ?? stride;
        var rowMajor = new double[(long)m * outputs];
        var target = new double[m];
        var weight = w is null ? [] : new double[m];
        for (int i = 0; i < m; i++)
        {
            int r = rows?[i] ?? i;
            for (int j = 0; j < outputs; j++) rowMajor[i * outputs + j] = raw[(long)j * stride + r];
            target[i] = y[r];
            if (w is not null) weight[i] = w[r];
        }
        if (regression is { } rs)
        {
            if (link == RawOutputLink.Exp) for (int i = 0; i < m; i++) rowMajor[i] = Math.Exp(rowMajor[i]);
            return rs switch
            {
                RegressionScoring.R2 => RegressionMetrics.R2(target, rowMajor, weight),
                RegressionScoring.NegMeanSquaredError => -RegressionMetrics.MeanSquaredError(target, rowMajor, weight),
                RegressionScoring.NegRootMeanSquaredError => -RegressionMetrics.RootMeanSquaredError(target, rowMajor, weight),
                _ => -RegressionMetrics.MeanAbsoluteError(target, rowMajor, weight),
            };
        }
        var codes = Array.ConvertAll(target, v => (int)v);
        int c = outputs == 1 ? 2 : outputs;
        var scoring = classification!.Value;
        // scikit-learn's roc_auc scorer ranks decision_function (the raw logit) when the model has one.
        if (scoring == ClassificationScoring.RocAuc) return ClassificationMetrics.RocAuc<int>(codes, rowMajor, weight);
        var p = HistProbabilities.Compute(rowMajor, m, outputs, log: false);
        if (scoring is ClassificationScoring.Accuracy or ClassificationScoring.BalancedAccuracy)
        {
            var predicted = HistProbabilities.ArgMax(p, m, c);
            return scoring == ClassificationScoring.Accuracy
                ? ClassificationMetrics.Accuracy<int>(codes, predicted, weight)
                : ClassificationMetrics.BalancedAccuracy<int>(codes, predicted, weight);
        }
        var matrix = new double[m, c];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < c; j++) matrix[i, j] = p[i * c + j];
        var labels = Enumerable.Range(0, c).ToArray();
        return scoring == ClassificationScoring.RocAucOvr
            ? ClassificationMetrics.RocAucOvr<int>(codes, matrix, Average.Macro, labels, weight)
            : -ClassificationMetrics.LogLoss<int>(codes, matrix, labels, weight);
    }

    /// <summary>
    /// scikit-learn's <c>_get_small_trainset</c>: all n training rows when n ≤ 10 000, else 10 000 of them drawn
    /// without replacement, stratified by class for classifiers (sorted row ids).
    /// </summary>
    public static int[]? SmallTrainRows(int n, int[]? codes, Generator rng)
    {
        if (n <= SmallTrainset) return null;
        var chosen = HistBoosting.Choose(n, SmallTrainset, codes, rng);
        var rows = new List<int>(SmallTrainset);
        for (int i = 0; i < n; i++) if (chosen[i]) rows.Add(i);
        return [.. rows];
    }
}

/// <summary>Class probabilities from raw predictions, shared by the classifier model and the early-stopping scorer.</summary>
internal static class HistProbabilities
{
    /// <summary>Probabilities (or their logs) (n × C) from row-major raw (n × outputs): σ for one output (C = 2), softmax otherwise.</summary>
    public static double[] Compute(double[] raw, int n, int outputs, bool log)
    {
        int k = outputs, c = k == 1 ? 2 : k;
        var p = new double[(long)n * c];
        for (int i = 0; i < n; i++)
        {
            if (k == 1)
            {
                double r = raw[i];
                if (log) { p[i * 2] = -Softplus(r); p[i * 2 + 1] = -Softplus(-r); }
                else { double p1 = 1 / (1 + Math.Exp(-r)); p[i * 2 + 1] = p1; p[i * 2] = 1 - p1; }
                continue;
            }
            double max = double.NegativeInfinity, sum = 0;
            for (int j = 0; j < k; j++) max = Math.Max(max, raw[i * k + j]);
            for (int j = 0; j < k; j++) sum += Math.Exp(raw[i * k + j] - max);
            double lse = max + Math.Log(sum);
            for (int j = 0; j < k; j++) p[i * k + j] = log ? raw[i * k + j] - lse : Math.Exp(raw[i * k + j] - max) / sum;
        }
        return p;
    }

    private static double Softplus(double r) => r > 0 ? r + Math.Log(1 + Math.Exp(-r)) : Math.Log(1 + Math.Exp(r));

    /// <summary>Per row the first column with the largest probability (numpy's argmax).</summary>
    public static int[] ArgMax(double[] p, int n, int c)
    {
        var idx = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int j = 1; j < c; j++) if (p[i * c + j] > p[i * c + best]) best = j;
            idx[i] = best;
        }
        return idx;
    }
}
