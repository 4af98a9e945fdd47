using System.Numerics;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.ModelSelection;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// Stacked generalisation (scikit-learn's <c>StackingClassifier</c>): a final classifier learns from the outputs of
/// several base classifiers, and those outputs are <b>cross-fitted</b> — each training row's meta-features come from
/// base models that did not see that row.
/// </summary>
/// <remarks>
/// <para><b>Fit.</b> (1) Every base estimator is fitted on all of x, y: these models serve predictions later. (2) The
/// rows are split by <see cref="Cv"/> (default <see cref="StratifiedKFold"/>(<see cref="NSplits"/>), unshuffled, so
/// the folds are scikit-learn's); for each fold a fresh copy of each base estimator is fitted on the other folds and
/// produces the fold's meta-features (scikit-learn's <c>cross_val_predict</c>). (3) The final estimator is fitted on
/// the out-of-fold meta-features (plus x when <see cref="Passthrough"/>) and y. Without cross-fitting, the final
/// estimator would learn from base predictions on rows the bases had memorised, which are more confident than on new
/// data, and would trust overfitting bases too much.</para>
/// <para><b>Meta-features.</b> Per base, by <see cref="StackMethod"/>: probabilities (n, C), but only P(class 1) for two
/// classes; the decision function ((n) or (n, C)); or the predicted class index. Auto picks the first of these the
/// fitted base model offers, in that order.</para>
/// <para>Sample weights go to every base fit (full and per fold) and to the final estimator. Not row-order invariant
/// (the folds are cut in row order), and integer weights are not equivalent to repeated rows (the folds differ), so
/// those capabilities are not claimed; Fit still accepts weights.</para>
/// </remarks>
public sealed class StackingClassifier : ICompositeEstimator, IClassifier, IEquatable<StackingClassifier>
{
    /// <summary>Builds a stacking classifier.</summary>
    /// <param name="Estimators">(name, classifier or <see cref="Drop"/>) base entries, at least one not dropped; names unique, without '.' or '/'.</param>
    /// <param name="FinalEstimator">The classifier fitted on the meta-features; null means <see cref="LogisticRegression"/>() as scikit-learn.</param>
    /// <param name="Cv">The splitter of the cross-fitting (its test folds must partition the rows); null means
    /// <see cref="StratifiedKFold"/>(<paramref name="NSplits"/>) without shuffling.</param>
    /// <param name="NSplits">The number of folds when <paramref name="Cv"/> is null (≥ 2; scikit-learn's <c>cv=5</c>).</param>
    /// <param name="StackMethod">Which output of each base to stack.</param>
    /// <param name="Passthrough">Whether the final estimator also sees the original features (after the meta-features).</param>
    /// <exception cref="ArgumentException">A bad entry, NSplits &lt; 2, or NSplits changed while a splitter is given.</exception>
    public StackingClassifier(IReadOnlyList<(string Name, IEstimator Estimator)> Estimators, IClassifier? FinalEstimator = null,
        ISplitter? Cv = null, int NSplits = 5, StackMethod StackMethod = StackMethod.Auto, bool Passthrough = false)
    {
        var entries = EnsembleSupport.CheckEntries<IClassifier>(nameof(StackingClassifier), Estimators, nameof(Estimators));
        if (NSplits < 2) throw new ArgumentOutOfRangeException(nameof(NSplits), NSplits, "StackingClassifier: nSplits must be ≥ 2.");
        if (Cv is not null && NSplits != 5) throw new ArgumentException($"StackingClassifier: give either Cv or NSplits, not both (Cv = {Cv}, NSplits = {NSplits}).", nameof(NSplits));
        if (!Enum.IsDefined(StackMethod)) throw new ArgumentOutOfRangeException(nameof(StackMethod), StackMethod, "StackingClassifier: unknown stack method.");
        this.Estimators = Array.AsReadOnly(entries);
        this.FinalEstimator = FinalEstimator ?? new LogisticRegression();
        this.Cv = Cv;
        this.NSplits = NSplits;
        this.StackMethod = StackMethod;
        this.Passthrough = Passthrough;
        var bases = entries.Where(e => e.Estimator is not Drop).Select(e => e.Estimator.Capabilities).ToList();
        var all = Passthrough ? [.. bases, this.FinalEstimator.Capabilities] : bases;
        int minimum = Math.Max(this.FinalEstimator.Capabilities.MinimumSamples, StackingCore.MinimumSamples(StackingCore.Folds(Cv, NSplits), bases.Max(b => b.MinimumSamples)));
        Capabilities = EnsembleSupport.Combine(EstimatorKind.Classifier, all, stochastic: this.FinalEstimator.Capabilities.Stochastic,
            rowOrderInvariant: false, weights: false, minimumSamples: minimum);
    }

    /// <summary>The named base entries, in order.</summary>
    public IReadOnlyList<(string Name, IEstimator Estimator)> Estimators { get; }

    /// <summary>The classifier fitted on the meta-features.</summary>
    public IClassifier FinalEstimator { get; }

    /// <summary>The cross-fitting splitter, or null for stratified k-fold with <see cref="NSplits"/> folds.</summary>
    public ISplitter? Cv { get; }

    /// <summary>Folds when <see cref="Cv"/> is null.</summary>
    public int NSplits { get; }

    /// <summary>Which output of each base is stacked.</summary>
    public StackMethod StackMethod { get; }

    /// <summary>Whether x is appended to the meta-features.</summary>
    public bool Passthrough { get; }

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, IEstimator Estimator)> Children => Estimators;

    /// <inheritdoc />
    public IEstimator WithChild(string name, IEstimator replacement)
    {
        if (!Estimators.Any(e => e.Name == name))
            throw new ArgumentException($"StackingClassifier: no estimator named \"{name}\" (estimators: {string.Join(", ", Estimators.Select(e => e.Name))}).", nameof(name));
        return new StackingClassifier(Estimators.Select(e => e.Name == name ? (name, replacement) : e).ToArray(), FinalEstimator, Cv, NSplits, StackMethod, Passthrough);
    }

    /// <summary>Fits the bases, the cross-fitted meta-features and the final estimator on x: (n, d), labels y (n), optional weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid input, fewer than two classes, too few rows for the folds, a base
    /// lacking the requested stack method, or an estimator rejecting its input.</exception>
    public StackingClassifierModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(StackingClassifier);
        var xs = InputChecks.Features(name, x, allowNaN: Capabilities.HandlesMissingValues);
        int n = xs.Shape[0];
        var (classes, codes) = ClassifierChecks.Encode(name, y, n);
        var w = InputChecks.Weights(name, sampleWeight, n);
        var splits = StackingCore.Splits(name, Cv ?? new StratifiedKFold(NSplits), n, codes);
        var bases = new List<(string Name, IFittedModel Model)>();
        var methods = new List<StackMethod>();
        var blocks = new List<double[]>();
        var widths = new List<int>();
        foreach (var (baseName, estimator) in Estimators)
        {
            if (estimator is not IClassifier c) continue;
            var full = c.Fit(xs, y, w);
            var method = StackingCore.Resolve(name, baseName, full, StackMethod);
            double[]? oof = null;
            int width = 0;
            foreach (var (train, test) in splits)
            {
                var fold = c.Fit(CrossValidation.Rows(xs, train), CrossValidation.Subset(y, train), StackingCore.Rows(w, train));
                var f = StackingCore.Features(name, fold, method, CrossValidation.Rows(xs, test), classes, out int fw);
                if (oof is not null && fw != width) throw new ArgumentException($"{name}: base \"{baseName}\" gives {fw} meta-features on one fold and {width} on another.", nameof(y));
                width = fw;
                StackingCore.Scatter(f, test, width, ref oof, n);
            }
            bases.Add((baseName, full));
            methods.Add(method);
            blocks.Add(oof!);
            widths.Add(width);
        }
        var meta = StackingCore.Concat(blocks, widths, n, Passthrough ? xs : null);
        var final = FinalEstimator.Fit(meta, y, w);
        return StackingClassifierModel<T>.Create(classes, xs.Shape[1], bases, methods, widths.ToArray(), final, Passthrough);
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary><c>StackingClassifier(a: …, b: … → LogisticRegression { … }, cv …)</c>.</summary>
    public override string ToString() =>
        $"StackingClassifier({string.Join(", ", Estimators.Select(e => $"{e.Name}: {e.Estimator}"))} → {FinalEstimator}; cv {(Cv?.ToString() ?? $"StratifiedKFold({NSplits})")}, {StackMethod}{(Passthrough ? ", passthrough" : "")})";

    /// <summary>Equal when every option and estimator is equal.</summary>
    public bool Equals(StackingClassifier? other) => other is not null && FinalEstimator.Equals(other.FinalEstimator) && Equals(Cv, other.Cv)
        && NSplits == other.NSplits && StackMethod == other.StackMethod && Passthrough == other.Passthrough && CompositeRules.SameChildren(Estimators, other.Estimators);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StackingClassifier);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(FinalEstimator, NSplits, StackMethod, Passthrough, CompositeRules.Hash(Estimators));
}
