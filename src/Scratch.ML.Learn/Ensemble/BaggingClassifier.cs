using System.Numerics;
using Scratch.ML.Learn.ModelSelection;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// Bootstrap aggregating (scikit-learn's <c>BaggingClassifier</c>): <see cref="NEstimators"/> copies of a base
/// classifier, each fitted on its own random draw of rows (with replacement when <see cref="Bootstrap"/>) and of
/// feature columns (with replacement when <see cref="BootstrapFeatures"/>); predictions average the members'
/// probabilities (or their one-hot votes when the base has none).
/// </summary>
/// <remarks>
/// <para><b>Why it works.</b> Averaging m models whose errors have variance σ² and pairwise correlation ρ leaves variance
/// ρσ² + (1 − ρ)σ²/m: resampling decorrelates the members, so bagging removes much of the variance of an unstable
/// base (deep trees) while keeping its low bias. Rows a member did not draw (about e⁻¹ ≈ 37 % under the bootstrap)
/// are its out-of-bag rows and give a free validation score (<see cref="OobScore"/>).</para>
/// <para><b>Draws.</b> Member i draws from stream i of <see cref="Seed"/> (features first, then rows), so the ensemble
/// is the same for any thread count; members are fitted in parallel. A base that takes sample weights is fitted on
/// all rows with weight count × sampleWeight (scikit-learn's choice, so every member knows every class); any other
/// base is fitted on the drawn rows. A stochastic base gets its own seed per member. The draws differ from NumPy's,
/// so results match scikit-learn only statistically.</para>
/// <para>Capabilities: stochastic and not row-order invariant (draws are by row position); integer weights are not
/// repeated rows (the draws differ), so SupportsSampleWeight is not claimed, but Fit accepts weights when the base
/// takes them.</para>
/// </remarks>
/// <param name="Estimator">The base classifier; null means a decision tree, as scikit-learn.</param>
/// <param name="NEstimators">Number of members (≥ 1).</param>
/// <param name="MaxSamples">Rows per member: a fraction in (0, 1] of n, or a whole count &gt; 1.</param>
/// <param name="MaxFeatures">Features per member: a fraction in (0, 1] of d (at least one), or a whole count &gt; 1.</param>
/// <param name="Bootstrap">Whether rows are drawn with replacement.</param>
/// <param name="BootstrapFeatures">Whether features are drawn with replacement.</param>
/// <param name="OobScore">Whether to compute the out-of-bag accuracy (needs <paramref name="Bootstrap"/>).</param>
/// <param name="Seed">The seed of the draws.</param>
public sealed record BaggingClassifier(IClassifier? Estimator = null, int NEstimators = 10, double MaxSamples = 1.0, double MaxFeatures = 1.0,
    bool Bootstrap = true, bool BootstrapFeatures = false, bool OobScore = false, ulong Seed = 0) : ICompositeEstimator, IClassifier
{
    /// <summary>The base classifier (the default when none was given).</summary>
    public IClassifier Estimator { get; init; } = Estimator ?? BaggingDefaults.Classifier();

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = Describe(Estimator ?? BaggingDefaults.Classifier(), NEstimators, MaxSamples, MaxFeatures, Bootstrap, OobScore);

    private static EstimatorCapabilities Describe(IClassifier estimator, int nEstimators, double maxSamples, double maxFeatures, bool bootstrap, bool oob)
    {
        BaggingCore.Validate(nameof(BaggingClassifier), nEstimators, maxSamples, maxFeatures);
        if (oob && !bootstrap) throw new ArgumentException("BaggingClassifier: the out-of-bag score needs Bootstrap = true.", nameof(OobScore));
        return EnsembleSupport.Combine(EstimatorKind.Classifier, [estimator.Capabilities], stochastic: true, rowOrderInvariant: false, weights: false);
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, IEstimator Estimator)> Children => [(nameof(Estimator), Estimator)];

    /// <inheritdoc />
    public IEstimator WithChild(string name, IEstimator replacement) => name == nameof(Estimator)
        ? new BaggingClassifier(replacement as IClassifier ?? throw new ArgumentException($"BaggingClassifier: the estimator must be a classifier, got {replacement?.GetType().Name ?? "null"}.", nameof(replacement)),
            NEstimators, MaxSamples, MaxFeatures, Bootstrap, BootstrapFeatures, OobScore, Seed)
        : throw new ArgumentException($"BaggingClassifier: no child named \"{name}\" (the child is \"{nameof(Estimator)}\").", nameof(name));

    /// <summary>Fits the members on x: (n, d) and labels y (n), with optional weights (n) when the base takes them.</summary>
    /// <exception cref="ArgumentException">Invalid input, fewer than two classes, sizes that do not fit n or d, weights
    /// for a base that takes none, or a member rejecting its draw (e.g. a draw with a single class for a base that needs two).</exception>
    public BaggingClassifierModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(BaggingClassifier);
        var xs = InputChecks.Features(name, x, allowNaN: Capabilities.HandlesMissingValues);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (classes, codes) = ClassifierChecks.Encode(name, y, n);
        var w = InputChecks.Weights(name, sampleWeight, n);
        bool weighted = Estimator.Capabilities.SupportsSampleWeight;
        if (w is not null && !weighted) throw new ArgumentException($"{name}: the base estimator {Estimator.GetType().Name} does not take sample weights.", nameof(sampleWeight));
        int samples = BaggingCore.Resolve(name, nameof(MaxSamples), MaxSamples, n, atLeastOne: false);
        int features = BaggingCore.Resolve(name, nameof(MaxFeatures), MaxFeatures, d, atLeastOne: true);
        var draws = new BaggingCore.Draw[NEstimators];
        var members = new IClassificationModel<T>[NEstimators];
        Parallel.For(0, NEstimators, i =>
        {
            draws[i] = BaggingCore.DrawMember(Seed, i, n, d, samples, features, Bootstrap, BootstrapFeatures);
            var (xt, rows, wt) = BaggingCore.TrainingSet(xs, w, draws[i], weighted);
            var member = EnsembleSupport.Reseed(Estimator, EnsembleSupport.MemberSeed(Seed, i));
            members[i] = member.Fit(xt, weighted ? y : CrossValidation.Subset(y, rows), wt);
        });
        double? oob = null;
        Tensor<T>? oobDecision = null;
        if (OobScore)
        {
            var sum = new double[n * classes.Count];
            for (int i = 0; i < NEstimators; i++)
            {
                var rows = BaggingCore.OutOfBag(draws[i]);
                if (rows.Length == 0) continue;
                var p = BaggingClassifierModel<T>.MemberScores(members[i], CrossValidation.Rows(BaggingCore.Columns(xs, draws[i].Features), rows), classes);
                for (int r = 0; r < rows.Length; r++)
                    for (int k = 0; k < classes.Count; k++) sum[rows[r] * classes.Count + k] += p[r * classes.Count + k];
            }
            (oob, var decision) = OutOfBagAccuracy(sum, codes, classes.Count);
            oobDecision = EnsembleSupport.FromDouble<T>(decision, n, classes.Count);
        }
        return BaggingClassifierModel<T>.Create(classes, d, members, draws.Select(s => s.Features).ToArray(), oob, oobDecision);
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary>
    /// Normalises summed out-of-bag scores per row and scores their arg-max against the codes. Rows that were in every
    /// member's bag get NaN and are left out of the accuracy (scikit-learn keeps them, predicting class 0).
    /// </summary>
    private static (double Score, double[] Decision) OutOfBagAccuracy(double[] sum, int[] codes, int c)
    {
        int n = codes.Length, hits = 0, scored = 0;
        for (int i = 0; i < n; i++)
        {
            double total = 0;
            for (int k = 0; k < c; k++) total += sum[i * c + k];
            for (int k = 0; k < c; k++) sum[i * c + k] = total > 0 ? sum[i * c + k] / total : double.NaN;
            if (total <= 0) continue;
            int best = 0;
            for (int k = 1; k < c; k++) if (sum[i * c + k] > sum[i * c + best]) best = k;
            scored++;
            if (best == codes[i]) hits++;
        }
        return (scored == 0 ? double.NaN : (double)hits / scored, sum);
    }

    /// <summary>Equal when the options and the base estimator are equal.</summary>
    public bool Equals(BaggingClassifier? other) => other is not null && Estimator.Equals(other.Estimator) && NEstimators == other.NEstimators
        && MaxSamples.Equals(other.MaxSamples) && MaxFeatures.Equals(other.MaxFeatures) && Bootstrap == other.Bootstrap
        && BootstrapFeatures == other.BootstrapFeatures && OobScore == other.OobScore && Seed == other.Seed;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Estimator, NEstimators, MaxSamples, MaxFeatures, Bootstrap, BootstrapFeatures, OobScore, Seed);
}
