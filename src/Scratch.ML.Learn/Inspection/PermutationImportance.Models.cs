using System.Numerics;
using Scratch.ML.Learn.Metrics;

namespace Scratch.ML.Learn.Inspection;

/// <summary>Scores for permutation importance of a regressor (scikit-learn's scorer names; greater is better).</summary>
public enum RegressionScoring
{
    /// <summary>R² (the model's default score, <see cref="ModelScore"/>; uniform mean over outputs).</summary>
    R2,
    /// <summary>−MSE (<c>neg_mean_squared_error</c>).</summary>
    NegMeanSquaredError,
    /// <summary>−RMSE (<c>neg_root_mean_squared_error</c>).</summary>
    NegRootMeanSquaredError,
    /// <summary>−MAE (<c>neg_mean_absolute_error</c>).</summary>
    NegMeanAbsoluteError,
}

/// <summary>Scores for permutation importance of a classifier (scikit-learn's scorer names; greater is better).</summary>
public enum ClassificationScoring
{
    /// <summary>Accuracy (the model's default score, <see cref="ModelScore"/>).</summary>
    Accuracy,
    /// <summary>Balanced accuracy (mean per-class recall).</summary>
    BalancedAccuracy,
    /// <summary>Binary ROC AUC of the positive (second) class probability; needs a probabilistic model and 2 classes.</summary>
    RocAuc,
    /// <summary>Macro one-vs-rest ROC AUC of the probabilities (<c>roc_auc_ovr</c>); needs a probabilistic model.</summary>
    RocAucOvr,
    /// <summary>−log-loss of the probabilities (<c>neg_log_loss</c>, clipped at machine epsilon); needs a probabilistic model.</summary>
    NegLogLoss,
}

public static partial class PermutationImportance
{
    /// <summary>
    /// Permutation importance of a fitted regressor: importance = score(x, y) − score(x with column j shuffled, y)
    /// for the chosen score (default R², scikit-learn's <c>scoring=None</c>). See
    /// <see cref="Compute{T}(PermutationScorer{T}, Tensor{T}, int, int?, double)"/> for the procedure.
    /// </summary>
    /// <param name="model">A fitted regressor.</param>
    /// <param name="x">Features (n, d) with the model's feature count.</param>
    /// <param name="y">Targets (n) or (n, k), finite.</param>
    /// <param name="scoring">The score.</param>
    /// <param name="nRepeats">Shuffles per feature, ≥ 1.</param>
    /// <param name="seed">Seed; null draws one at random.</param>
    /// <param name="maxSamples">Rows per feature: fraction in (0, 1] or count in (1, n].</param>
    /// <param name="sampleWeight">Optional weights (n), finite, ≥ 0, for the score.</param>
    /// <exception cref="ArgumentException">Shapes disagree, y or the weights are invalid, or the model rejects x.</exception>
    public static PermutationImportanceResult Compute<T>(IRegressionModel<T> model, Tensor<T> x, Tensor<T> y, RegressionScoring scoring = RegressionScoring.R2,
        int nRepeats = 5, int? seed = null, double maxSamples = 1.0, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
        => Compute(RegressionScorer(model, x, y, scoring, sampleWeight), x, nRepeats, seed, maxSamples);

    /// <summary>
    /// Permutation importance of a fitted classifier for the chosen score (default accuracy, scikit-learn's
    /// <c>scoring=None</c>); probability scores need an <see cref="IProbabilisticModel{T}"/>.
    /// </summary>
    /// <param name="model">A fitted classifier.</param>
    /// <param name="x">Features (n, d) with the model's feature count.</param>
    /// <param name="y">True labels (n) of the kind the model was fitted with; every label must be a fitted class.</param>
    /// <param name="scoring">The score.</param>
    /// <param name="nRepeats">Shuffles per feature, ≥ 1.</param>
    /// <param name="seed">Seed; null draws one at random.</param>
    /// <param name="maxSamples">Rows per feature: fraction in (0, 1] or count in (1, n].</param>
    /// <param name="sampleWeight">Optional weights (n), finite, ≥ 0, for the score.</param>
    /// <exception cref="ArgumentException">Label count differs from n, an unknown label, a probability score for a model without probabilities, ROC AUC for more than two classes.</exception>
    public static PermutationImportanceResult Compute<T>(IClassificationModel<T> model, Tensor<T> x, Labels y, ClassificationScoring scoring = ClassificationScoring.Accuracy,
        int nRepeats = 5, int? seed = null, double maxSamples = 1.0, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
        => Compute(ClassificationScorer(model, x, y, scoring, sampleWeight), x, nRepeats, seed, maxSamples);

    /// <summary>The scorer of <see cref="Compute{T}(IRegressionModel{T}, Tensor{T}, Tensor{T}, RegressionScoring, int, int?, double, Tensor{T}?)"/>.</summary>
    internal static PermutationScorer<T> RegressionScorer<T>(IRegressionModel<T> model, Tensor<T> x, Tensor<T> y, RegressionScoring scoring, Tensor<T>? sampleWeight)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var (_, n, _) = CheckX(x);
        var (yc, _) = InputChecks.Targets("PermutationImportance", y, n, multiOutput: true);
        int k = yc.Shape[1];
        var yd = Float64.From(yc.AsSpan());
        var w = Weights(sampleWeight, n);
        if (!Enum.IsDefined(scoring)) throw new ArgumentOutOfRangeException(nameof(scoring), scoring, "PermutationImportance: unknown regression scoring.");
        return (xs, rows) =>
        {
            var pred = Float64.From(model.Predict(xs).Contiguous().AsSpan());
            int m = rows.Length;
            if (pred.Length != m * k)
                throw new ArgumentException($"PermutationImportance: the model predicts {pred.Length / Math.Max(m, 1)} outputs per row, y has {k}.", nameof(y));
            var ww = w is null ? [] : Take(w, rows);
            double total = 0;
            for (int o = 0; o < k; o++)
            {
                var t = new double[m];
                var p = new double[m];
                for (int i = 0; i < m; i++) { t[i] = yd[rows[i] * k + o]; p[i] = pred[i * k + o]; }
                total += scoring switch
                {
                    RegressionScoring.R2 => RegressionMetrics.R2(t, p, ww),
                    RegressionScoring.NegMeanSquaredError => -RegressionMetrics.MeanSquaredError(t, p, ww),
                    RegressionScoring.NegRootMeanSquaredError => -RegressionMetrics.RootMeanSquaredError(t, p, ww),
                    _ => -RegressionMetrics.MeanAbsoluteError(t, p, ww),
                };
            }
            return total / k;
        };
    }

    /// <summary>The scorer of <see cref="Compute{T}(IClassificationModel{T}, Tensor{T}, Labels, ClassificationScoring, int, int?, double, Tensor{T}?)"/>.</summary>
    internal static PermutationScorer<T> ClassificationScorer<T>(IClassificationModel<T> model, Tensor<T> x, Labels y, ClassificationScoring scoring, Tensor<T>? sampleWeight)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(y);
        var (_, n, _) = CheckX(x);
        if (y.Length != n) throw new ArgumentException($"PermutationImportance: y has {y.Length} labels but x has {n} rows.", nameof(y));
        var codes = model.Classes.Encode(y);
        int c = model.Classes.Count;
        var w = Weights(sampleWeight, n);
        var labels = new int[c];
        for (int i = 0; i < c; i++) labels[i] = i;
        var proba = model as IProbabilisticModel<T>;
        switch (scoring)
        {
            case ClassificationScoring.Accuracy or ClassificationScoring.BalancedAccuracy: break;
            case ClassificationScoring.RocAuc or ClassificationScoring.RocAucOvr or ClassificationScoring.NegLogLoss:
                if (proba is null) throw new ArgumentException($"PermutationImportance: {scoring} needs class probabilities, but {model.GetType().Name} is not an IProbabilisticModel.", nameof(scoring));
                if (scoring == ClassificationScoring.RocAuc && c != 2)
                    throw new ArgumentException($"PermutationImportance: RocAuc is binary but the model has {c} classes; use RocAucOvr.", nameof(scoring));
                break;
            default: throw new ArgumentOutOfRangeException(nameof(scoring), scoring, "PermutationImportance: unknown classification scoring.");
        }
        return (xs, rows) =>
        {
            int m = rows.Length;
            var t = Take(codes, rows);
            var ww = w is null ? [] : Take(w, rows);
            if (scoring is ClassificationScoring.Accuracy or ClassificationScoring.BalancedAccuracy)
            {
                var p = model.Classes.Encode(model.Predict(xs));
                return scoring == ClassificationScoring.Accuracy
                    ? ClassificationMetrics.Accuracy<int>(t, p, ww)
                    : ClassificationMetrics.BalancedAccuracy<int>(t, p, ww);
            }
            var pr = Float64.From(proba!.PredictProba(xs).Contiguous().AsSpan());
            if (scoring == ClassificationScoring.RocAuc)
            {
                var pos = new double[m];
                for (int i = 0; i < m; i++) pos[i] = pr[i * 2 + 1];
                return ClassificationMetrics.RocAuc<int>(t, pos, ww);
            }
            var mat = new double[m, c];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < c; j++) mat[i, j] = pr[i * c + j];
            return scoring == ClassificationScoring.RocAucOvr
                ? ClassificationMetrics.RocAucOvr<int>(t, mat, Average.Macro, labels, ww)
                : -ClassificationMetrics.LogLoss<int>(t, mat, labels, ww);
        };
    }

    private static double[]? Weights<T>(Tensor<T>? sampleWeight, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = InputChecks.Weights("PermutationImportance", sampleWeight, n);
        return w is null ? null : Float64.From(w.AsSpan());
    }

    private static TV[] Take<TV>(TV[] source, int[] rows)
    {
        var r = new TV[rows.Length];
        for (int i = 0; i < r.Length; i++) r[i] = source[rows[i]];
        return r;
    }
}
