using System.Numerics;
using Scratch.ML.Learn.ModelSelection;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>Which output of a base classifier a <see cref="StackingClassifier"/> feeds to the final estimator (scikit-learn's <c>stack_method</c>).</summary>
public enum StackMethod
{
    /// <summary>PredictProba if the fitted base model has it, else DecisionFunction if it has one, else Predict.</summary>
    Auto,
    /// <summary>Class probabilities (n, C); for two classes only P(class 1), since the two columns are collinear.</summary>
    PredictProba,
    /// <summary>The decision function: (n) for two classes, (n, C) otherwise.</summary>
    DecisionFunction,
    /// <summary>The predicted class index (0 … C−1) as one column.</summary>
    Predict,
}

/// <summary>
/// What stacking's classifier and regressor share: the cross-validation splits, the meta-features of one fitted base
/// model, and the minimum sample count.
/// </summary>
internal static class StackingCore
{
    /// <summary>The splits of n rows, checked to be a partition (every row tested exactly once), as <c>cross_val_predict</c> requires.</summary>
    /// <exception cref="ArgumentException">The splitter's test sets overlap or leave rows out.</exception>
    public static IReadOnlyList<(int[] Train, int[] Test)> Splits(string owner, ISplitter splitter, int n, ReadOnlySpan<int> labels)
    {
        var splits = splitter.Split(n, labels);
        var seen = new int[n];
        foreach (var (_, test) in splits)
            foreach (int i in test) seen[i]++;
        for (int i = 0; i < n; i++)
            if (seen[i] != 1)
                throw new ArgumentException($"{owner}: the cross-validation splitter tests row {i} {seen[i]} times; cross-fitted meta-features need every row in exactly one test fold (a partition such as KFold).", "Cv");
        return splits;
    }

    /// <summary>The smallest n that leaves every training fold of (Stratified)KFold(k) at least <paramref name="childMinimum"/> rows.</summary>
    public static int MinimumSamples(int k, int childMinimum)
    {
        int n = k;
        while (n - (n + k - 1) / k < childMinimum) n++;
        return n;
    }

    /// <summary>The number of folds of the splitter, where known (for the minimum-sample estimate).</summary>
    public static int Folds(ISplitter? cv, int nSplits) => cv switch
    {
        KFold k => k.NSplits,
        StratifiedKFold s => s.NSplits,
        null => nSplits,
        _ => 2,
    };

    /// <summary>Resolves <see cref="StackMethod.Auto"/> for a fitted base model and checks an explicit method is available.</summary>
    /// <exception cref="ArgumentException">The model lacks the requested method.</exception>
    public static StackMethod Resolve<T>(string owner, string name, IClassificationModel<T> model, StackMethod method) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool proba = model is IProbabilisticModel<T>, decision = EnsembleSupport.HasDecisionFunction<T>(model);
        return method switch
        {
            StackMethod.Auto => proba ? StackMethod.PredictProba : decision ? StackMethod.DecisionFunction : StackMethod.Predict,
            StackMethod.PredictProba when !proba => throw new ArgumentException($"{owner}: base estimator \"{name}\" ({model.GetType().Name}) has no PredictProba.", "StackMethod"),
            StackMethod.DecisionFunction when !decision => throw new ArgumentException($"{owner}: base estimator \"{name}\" ({model.GetType().Name}) has no DecisionFunction.", "StackMethod"),
            _ => method,
        };
    }

    /// <summary>The meta-feature columns of one fitted base classifier for x: (n × width) row-major float64.</summary>
    /// <exception cref="ArgumentException">A fold model misses a class its decision function would need a column for.</exception>
    public static double[] Features<T>(string owner, IClassificationModel<T> model, StackMethod method, Tensor<T> x, ClassLabels classes, out int width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = classes.Count;
        switch (method)
        {
            case StackMethod.PredictProba:
                var p = EnsembleSupport.Probabilities((IProbabilisticModel<T>)model, x, classes);
                if (c != 2) { width = c; return p; }
                width = 1;
                var second = new double[p.Length / 2];
                for (int i = 0; i < second.Length; i++) second[i] = p[2 * i + 1];
                return second;
            case StackMethod.DecisionFunction:
                if (model.Classes.Count != c)
                    throw new ArgumentException($"{owner}: a training fold holds {model.Classes.Count} of the {c} classes, so its decision function has other columns; use fewer folds or stratified ones.", "Cv");
                var d = EnsembleSupport.DecisionFunction<T>(model, x)!;
                width = d.Rank == 1 ? 1 : d.Shape[1];
                return Float64.From(d);
            default:
                width = 1;
                return Array.ConvertAll(EnsembleSupport.Codes(model, x, classes), v => (double)v);
        }
    }

    /// <summary>Concatenates per-base column blocks (each n × widths[j]) and, with passthrough, the columns of x: (n, Σ widths [+ d]).</summary>
    public static Tensor<T> Concat<T>(IReadOnlyList<double[]> blocks, IReadOnlyList<int> widths, int n, Tensor<T>? passthrough) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int d = passthrough?.Shape[1] ?? 0, total = widths.Sum() + d;
        var r = new double[n * total];
        int offset = 0;
        for (int j = 0; j < blocks.Count; j++)
        {
            int w = widths[j];
            for (int i = 0; i < n; i++) Array.Copy(blocks[j], i * w, r, i * total + offset, w);
            offset += w;
        }
        if (passthrough is not null)
        {
            var xv = Float64.From(passthrough);
            for (int i = 0; i < n; i++) Array.Copy(xv, i * d, r, i * total + offset, d);
        }
        return EnsembleSupport.FromDouble<T>(r, n, total);
    }

    /// <summary>Writes a fold's block of rows into the full (n × width) out-of-fold block.</summary>
    public static void Scatter(double[] fold, int[] rows, int width, ref double[]? full, int n)
    {
        full ??= new double[n * width];
        for (int r = 0; r < rows.Length; r++) Array.Copy(fold, r * width, full, rows[r] * width, width);
    }

    /// <summary>The float64 training rows of a weight vector, or null.</summary>
    public static Tensor<T>? Rows<T>(Tensor<T>? w, int[] rows) where T : unmanaged, IFloatingPointIeee754<T>
        => w is null ? null : CrossValidation.Rows(w, rows);
}
