using System.Numerics;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>The boosting algorithm of <see cref="AdaBoostClassifier"/>.</summary>
public enum AdaBoostAlgorithm
{
    /// <summary>
    /// Discrete multi-class AdaBoost (Zhu et al. 2009): member weight α = η·(log((1 − err)/err) + log(K − 1)),
    /// misclassified rows' weights multiplied by e^α, prediction by weighted vote.
    /// </summary>
    Samme,
    /// <summary>
    /// Real AdaBoost on class probabilities: each member adds (K − 1)(log p − mean log p) to the class scores and
    /// reweights rows by exp(−η(K − 1)/K · yᵀ log p) with y coded as 1 / −1/(K − 1). Needs probabilistic members.
    /// </summary>
    SammeR,
}

/// <summary>
/// Adaptive boosting for classification (scikit-learn's <c>AdaBoostClassifier</c>): members are fitted one after
/// another on re-weighted rows, each concentrating on the rows the previous ones got wrong.
/// </summary>
/// <remarks>
/// <para><b>SAMME</b> (the default here) minimises the multi-class exponential loss by forward stagewise additive
/// modelling: with weights w normalised to sum 1, member m's weighted error is err = Σ wᵢ[ŷᵢ ≠ yᵢ], its weight
/// α = η·(log((1 − err)/err) + log(K − 1)) (positive as long as err &lt; 1 − 1/K, i.e. better than guessing), and the
/// rows it misclassifies have their weights multiplied by e^α before renormalising. The decision function is
/// Σₘ αₘ·[ŷₘ = k] / Σₘ αₘ; for two classes it is the second column minus the first. Boosting stops early on a
/// perfect member (weight 1, error 0) and discards a member no better than chance (an error if it is the first).</para>
/// <para><b>Default.</b> scikit-learn 1.2 defaults to SAMME.R; we default to SAMME because the issue asks for SAMME,
/// SAMME.R was deprecated in scikit-learn 1.4 and removed in 1.6 (whose default is SAMME), and SAMME's member weights
/// are interpretable and work with any classifier that takes sample weights. SAMME.R is available as
/// <see cref="AdaBoostAlgorithm.SammeR"/> with scikit-learn 1.2's formulas.</para>
/// <para>Weights are clipped below at float64 ε each round (zero weights stay zero), as scikit-learn does. Members are
/// fitted with the row weights, so the base must take sample weights. A stochastic base gets a seed per member derived
/// from <see cref="Seed"/>.</para>
/// </remarks>
/// <param name="Estimator">The base classifier (it must take sample weights); null means a depth-1 decision tree (stump), as scikit-learn.</param>
/// <param name="NEstimators">Most members (≥ 1).</param>
/// <param name="LearningRate">η &gt; 0, the shrinkage of every member weight.</param>
/// <param name="Algorithm">SAMME (default) or SAMME.R.</param>
/// <param name="Seed">Seeds the members' estimators (when they are stochastic).</param>
public sealed record AdaBoostClassifier(IClassifier? Estimator = null, int NEstimators = 50, double LearningRate = 1.0,
    AdaBoostAlgorithm Algorithm = AdaBoostAlgorithm.Samme, ulong Seed = 0) : ICompositeEstimator, IClassifier
{
    /// <summary>The base classifier (the default stump when none was given).</summary>
    public IClassifier Estimator { get; init; } = Estimator ?? AdaBoostDefaults.Classifier();

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = Describe(Estimator ?? AdaBoostDefaults.Classifier(), NEstimators, LearningRate, Algorithm);

    private static EstimatorCapabilities Describe(IClassifier estimator, int nEstimators, double learningRate, AdaBoostAlgorithm algorithm)
    {
        AdaBoostDefaults.Validate(nameof(AdaBoostClassifier), nEstimators, learningRate);
        if (!Enum.IsDefined(algorithm)) throw new ArgumentOutOfRangeException(nameof(Algorithm), algorithm, "AdaBoostClassifier: algorithm must be Samme or SammeR.");
        var c = estimator.Capabilities;
        if (!c.SupportsSampleWeight)
            throw new ArgumentException($"AdaBoostClassifier: the base estimator {estimator.GetType().Name} does not take sample weights, which boosting needs.", nameof(Estimator));
        return EnsembleSupport.Combine(EstimatorKind.Classifier, [c]);
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, IEstimator Estimator)> Children => [(nameof(Estimator), Estimator)];

    /// <inheritdoc />
    public IEstimator WithChild(string name, IEstimator replacement) => name == nameof(Estimator)
        ? new AdaBoostClassifier(replacement as IClassifier ?? throw new ArgumentException($"AdaBoostClassifier: the estimator must be a classifier, got {replacement?.GetType().Name ?? "null"}.", nameof(replacement)),
            NEstimators, LearningRate, Algorithm, Seed)
        : throw new ArgumentException($"AdaBoostClassifier: no child named \"{name}\" (the child is \"{nameof(Estimator)}\").", nameof(name));

    /// <summary>Boosts on x: (n, d) and labels y (n) with optional initial weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid input, fewer than two classes, or a first member no better than chance.</exception>
    /// <exception cref="InvalidOperationException">SAMME.R with a base whose models have no probabilities.</exception>
    public AdaBoostClassifierModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(AdaBoostClassifier);
        var xs = InputChecks.Features(name, x, allowNaN: Capabilities.HandlesMissingValues);
        int n = xs.Shape[0];
        var (classes, codes) = ClassifierChecks.Encode(name, y, n);
        var w0 = InputChecks.Weights(name, sampleWeight, n);
        int k = classes.Count;
        var sw = w0 is null ? Enumerable.Repeat(1.0, n).ToArray() : Float64.From(w0);
        var zero = Array.ConvertAll(sw, v => v == 0);
        double s0 = sw.Sum();
        for (int i = 0; i < n; i++) sw[i] /= s0;
        var members = new List<IClassificationModel<T>>();
        var alphas = new List<double>();
        var errors = new List<double>();
        for (int m = 0; m < NEstimators; m++)
        {
            for (int i = 0; i < n; i++) sw[i] = zero[i] ? 0 : Math.Max(sw[i], AdaBoostDefaults.Epsilon);
            var member = EnsembleSupport.Reseed(Estimator, EnsembleSupport.MemberSeed(Seed, m)).Fit(xs, y, EnsembleSupport.FromDouble<T>(sw, n));
            double[]? proba = null;
            int[] predicted;
            if (Algorithm == AdaBoostAlgorithm.SammeR)
            {
                var pm = member as IProbabilisticModel<T> ?? throw new InvalidOperationException($"{name}: SAMME.R needs probabilities, but {member.GetType().Name} has no PredictProba; use Algorithm = Samme.");
                proba = EnsembleSupport.Probabilities(pm, xs, classes);
                predicted = EnsembleSupport.ArgMax(proba, k);
            }
            else predicted = EnsembleSupport.Codes(member, xs, classes);
            double wrong = 0, total = 0;
            for (int i = 0; i < n; i++) { total += sw[i]; if (predicted[i] != codes[i]) wrong += sw[i]; }
            double err = wrong / total;
            members.Add(member);
            if (err <= 0) { alphas.Add(1.0); errors.Add(0.0); break; }
            bool last = m == NEstimators - 1;
            if (Algorithm == AdaBoostAlgorithm.Samme)
            {
                if (err >= 1.0 - 1.0 / k)
                {
                    members.RemoveAt(members.Count - 1);
                    if (members.Count == 0)
                        throw new ArgumentException($"{name}: the first member's weighted error {err:G4} is no better than chance (1 − 1/{k}); the ensemble cannot be fitted. Use a stronger base estimator.", nameof(y));
                    break;
                }
                double alpha = LearningRate * (Math.Log((1.0 - err) / err) + Math.Log(k - 1.0));
                alphas.Add(alpha);
                errors.Add(err);
                // exp(log w + α·[wrong]) for every row, as scikit-learn computes it (bit-for-bit the same weights).
                if (!last)
                    for (int i = 0; i < n; i++)
                        sw[i] = Math.Exp(Math.Log(sw[i]) + (predicted[i] != codes[i] && sw[i] > 0 ? alpha : 0.0));
            }
            else
            {
                alphas.Add(1.0);
                errors.Add(err);
                if (!last) SammeRUpdate(sw, proba!, codes, k);
            }
            double sum = sw.Sum();
            if (!double.IsFinite(sum) || sum <= 0) break;
            if (!last) for (int i = 0; i < n; i++) sw[i] /= sum;
        }
        return new AdaBoostClassifierModel<T>(Algorithm, classes, xs.Shape[1], members.ToArray(), alphas.ToArray(), errors.ToArray());
    }

    /// <summary>
    /// SAMME.R's reweighting: wᵢ ← wᵢ·exp(−η(K − 1)/K · Σₖ yᵢₖ log pᵢₖ) with yᵢₖ = 1 for the true class and −1/(K − 1)
    /// otherwise, p clipped below at ε (scikit-learn 1.2's <c>_boost_real</c>).
    /// </summary>
    private void SammeRUpdate(double[] sw, double[] proba, int[] codes, int k)
    {
        for (int i = 0; i < sw.Length; i++)
        {
            double dot = 0;
            for (int c = 0; c < k; c++)
            {
                double p = Math.Max(proba[i * k + c], AdaBoostDefaults.Epsilon);
                dot += (c == codes[i] ? 1.0 : -1.0 / (k - 1)) * Math.Log(p);
            }
            double e = -LearningRate * ((k - 1.0) / k) * dot;
            if (sw[i] > 0 || e < 0) sw[i] *= Math.Exp(e);
        }
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary>Equal when the options and the base estimator are equal.</summary>
    public bool Equals(AdaBoostClassifier? other) => other is not null && Estimator.Equals(other.Estimator) && NEstimators == other.NEstimators
        && LearningRate.Equals(other.LearningRate) && Algorithm == other.Algorithm && Seed == other.Seed;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Estimator, NEstimators, LearningRate, Algorithm, Seed);
}
