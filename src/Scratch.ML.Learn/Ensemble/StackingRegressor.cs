using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.ModelSelection;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// Stacked generalisation for regression (scikit-learn's <c>StackingRegressor</c>): a final regressor learns from the
/// cross-fitted predictions of several base regressors (see <see cref="StackingClassifier"/> for the procedure and
/// why the meta-features are cross-fitted).
/// </summary>
/// <remarks>Each base contributes one column, its prediction. The default final estimator is
/// <see cref="RidgeCV"/>() and the default split <see cref="KFold"/>(<see cref="NSplits"/>) without shuffling, as in
/// scikit-learn. <see cref="RidgeCV"/> takes no sample weights here, so with weights choose another final estimator.
/// Only 1-d targets.</remarks>
public sealed class StackingRegressor : ICompositeEstimator, IRegressor, IEquatable<StackingRegressor>
{
    /// <summary>Builds a stacking regressor.</summary>
    /// <param name="Estimators">(name, regressor or <see cref="Drop"/>) base entries, at least one not dropped.</param>
    /// <param name="FinalEstimator">The regressor fitted on the meta-features; null means <see cref="RidgeCV"/>().</param>
    /// <param name="Cv">The splitter of the cross-fitting (test folds must partition the rows); null means <see cref="KFold"/>(<paramref name="NSplits"/>).</param>
    /// <param name="NSplits">Folds when <paramref name="Cv"/> is null (≥ 2).</param>
    /// <param name="Passthrough">Whether the final estimator also sees the original features.</param>
    /// <exception cref="ArgumentException">A bad entry, NSplits &lt; 2, or NSplits changed while a splitter is given.</exception>
    public StackingRegressor(IReadOnlyList<(string Name, IEstimator Estimator)> Estimators, IRegressor? FinalEstimator = null,
        ISplitter? Cv = null, int NSplits = 5, bool Passthrough = false)
    {
        var entries = EnsembleSupport.CheckEntries<IRegressor>(nameof(StackingRegressor), Estimators, nameof(Estimators));
        if (NSplits < 2) throw new ArgumentOutOfRangeException(nameof(NSplits), NSplits, "StackingRegressor: nSplits must be ≥ 2.");
        if (Cv is not null && NSplits != 5) throw new ArgumentException($"StackingRegressor: give either Cv or NSplits, not both (Cv = {Cv}, NSplits = {NSplits}).", nameof(NSplits));
        this.Estimators = Array.AsReadOnly(entries);
        this.FinalEstimator = FinalEstimator ?? new RidgeCV();
        this.Cv = Cv;
        this.NSplits = NSplits;
        this.Passthrough = Passthrough;
        var bases = entries.Where(e => e.Estimator is not Drop).Select(e => e.Estimator.Capabilities).ToList();
        var all = Passthrough ? [.. bases, this.FinalEstimator.Capabilities] : bases;
        int minimum = Math.Max(this.FinalEstimator.Capabilities.MinimumSamples, StackingCore.MinimumSamples(StackingCore.Folds(Cv, NSplits), bases.Max(b => b.MinimumSamples)));
        Capabilities = EnsembleSupport.Combine(EstimatorKind.Regressor, all, stochastic: this.FinalEstimator.Capabilities.Stochastic,
            rowOrderInvariant: false, weights: false, minimumSamples: minimum);
    }

    /// <summary>The named base entries, in order.</summary>
    public IReadOnlyList<(string Name, IEstimator Estimator)> Estimators { get; }

    /// <summary>The regressor fitted on the meta-features.</summary>
    public IRegressor FinalEstimator { get; }

    /// <summary>The cross-fitting splitter, or null for k-fold with <see cref="NSplits"/> folds.</summary>
    public ISplitter? Cv { get; }

    /// <summary>Folds when <see cref="Cv"/> is null.</summary>
    public int NSplits { get; }

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
            throw new ArgumentException($"StackingRegressor: no estimator named \"{name}\" (estimators: {string.Join(", ", Estimators.Select(e => e.Name))}).", nameof(name));
        return new StackingRegressor(Estimators.Select(e => e.Name == name ? (name, replacement) : e).ToArray(), FinalEstimator, Cv, NSplits, Passthrough);
    }

    /// <summary>Fits the bases, the cross-fitted meta-features and the final estimator on x: (n, d), y: (n), optional weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid input, too few rows for the folds, or an estimator rejecting its input.</exception>
    public StackingRegressorModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(StackingRegressor);
        var xs = InputChecks.Features(name, x, allowNaN: Capabilities.HandlesMissingValues);
        int n = xs.Shape[0];
        var yv = InputChecks.Targets(name, y, n, multiOutput: false).Y.Reshape(n);
        var w = InputChecks.Weights(name, sampleWeight, n);
        var splits = StackingCore.Splits(name, Cv ?? new KFold(NSplits), n, default);
        var bases = new List<(string Name, IFittedModel Model)>();
        var blocks = new List<double[]>();
        foreach (var (baseName, estimator) in Estimators)
        {
            if (estimator is not IRegressor r) continue;
            var full = r.Fit(xs, yv, w);
            double[]? oof = null;
            foreach (var (train, test) in splits)
            {
                var fold = r.Fit(CrossValidation.Rows(xs, train), CrossValidation.Rows(yv, train), StackingCore.Rows(w, train));
                StackingCore.Scatter(Float64.From(fold.Predict(CrossValidation.Rows(xs, test))), test, 1, ref oof, n);
            }
            bases.Add((baseName, full));
            blocks.Add(oof!);
        }
        var widths = Enumerable.Repeat(1, blocks.Count).ToArray();
        var final = FinalEstimator.Fit(StackingCore.Concat(blocks, widths, n, Passthrough ? xs : null), yv, w);
        return new StackingRegressorModel<T>(xs.Shape[1], bases, final, Passthrough);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary><c>StackingRegressor(a: …, b: … → RidgeCV { … }; cv …)</c>.</summary>
    public override string ToString() =>
        $"StackingRegressor({string.Join(", ", Estimators.Select(e => $"{e.Name}: {e.Estimator}"))} → {FinalEstimator}; cv {(Cv?.ToString() ?? $"KFold({NSplits})")}{(Passthrough ? ", passthrough" : "")})";

    /// <summary>Equal when every option and estimator is equal.</summary>
    public bool Equals(StackingRegressor? other) => other is not null && FinalEstimator.Equals(other.FinalEstimator) && Equals(Cv, other.Cv)
        && NSplits == other.NSplits && Passthrough == other.Passthrough && CompositeRules.SameChildren(Estimators, other.Estimators);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StackingRegressor);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(FinalEstimator, NSplits, Passthrough, CompositeRules.Hash(Estimators));
}

/// <summary>A fitted <see cref="StackingRegressor"/>: base models fitted on all rows and the final model.</summary>
/// <remarks>Saved as one composite file: the bases, then the final model (named <c>final_estimator</c>), with options
/// <c>stack.passthrough</c> and <c>features</c>.</remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class StackingRegressorModel<T> : IRegressionModel<T>, ILoadableModel<StackingRegressorModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string Kind = "StackingRegressor";
    private const string FinalName = "final_estimator";

    internal StackingRegressorModel(int features, IReadOnlyList<(string Name, IFittedModel Model)> bases, IRegressionModel<T> final, bool passthrough)
    {
        FeatureCount = features;
        Estimators = bases.Select(b => (b.Name, (IRegressionModel<T>)b.Model)).ToArray();
        FinalEstimator = final;
        Passthrough = passthrough;
    }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>The base models fitted on all training rows, in order.</summary>
    public IReadOnlyList<(string Name, IRegressionModel<T> Model)> Estimators { get; }

    /// <summary>The final model, fitted on the cross-fitted meta-features.</summary>
    public IRegressionModel<T> FinalEstimator { get; }

    /// <summary>Whether x is appended to the meta-features.</summary>
    public bool Passthrough { get; }

    /// <summary>The meta-features of x: (n, d): each base's prediction, then x with <see cref="Passthrough"/>: (n, m [+ d]).</summary>
    /// <exception cref="ArgumentException">x has the wrong feature count or values a base rejects.</exception>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var xs = InputChecks.Features(Kind, x, FeatureCount, allowNaN: true);
        var blocks = Estimators.Select(e => Float64.From(e.Model.Predict(xs))).ToArray();
        return StackingCore.Concat(blocks, Enumerable.Repeat(1, blocks.Length).ToArray(), xs.Shape[0], Passthrough ? xs : null);
    }

    /// <summary>The final model's prediction on the meta-features of x: (n).</summary>
    public Tensor<T> Predict(Tensor<T> x) => FinalEstimator.Predict(Transform(x));

    /// <inheritdoc />
    public void Save(Stream stream) => CompositeFile.Write<T>(stream, Kind,
        Estimators.Select(e => (e.Name, (IFittedModel)e.Model)).Append((FinalName, FinalEstimator)).ToArray(), new Dictionary<string, string>
        {
            ["stack.passthrough"] = Passthrough.ToString(CultureInfo.InvariantCulture),
            ["features"] = FeatureCount.ToString(CultureInfo.InvariantCulture),
        });

    /// <inheritdoc />
    public static StackingRegressorModel<T> Load(Stream stream)
    {
        var (options, children) = CompositeFile.Read<T>(stream, Kind);
        if (children.Count < 2 || children[^1].Name != FinalName) throw new InvalidDataException($"{Kind}: the file needs base models and a final model named \"{FinalName}\" last.");
        int features = CompositeFile.Int(Kind, options, "features", 1, int.MaxValue);
        var bases = children.Take(children.Count - 1).ToArray();
        EnsembleSupport.Children<IRegressionModel<T>>(Kind, bases, features);
        bool passthrough = bool.TryParse(EnsembleSupport.Option(Kind, options, "stack.passthrough"), out var p) ? p : throw new InvalidDataException($"{Kind}: invalid stack.passthrough.");
        var final = children[^1].Model as IRegressionModel<T> ?? throw new InvalidDataException($"{Kind}: the final model is a {children[^1].Model.GetType().Name}, not a regressor.");
        if (final.FeatureCount != bases.Length + (passthrough ? features : 0)) throw new InvalidDataException($"{Kind}: the final model takes {final.FeatureCount} features, the meta-features have {bases.Length + (passthrough ? features : 0)}.");
        return new StackingRegressorModel<T>(features, bases, final, passthrough);
    }
}
