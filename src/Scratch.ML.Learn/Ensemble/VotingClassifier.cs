using System.Numerics;
using Scratch.ML.Learn.Compose;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>How a <see cref="VotingClassifier"/> combines its members.</summary>
public enum VotingKind
{
    /// <summary>Weighted majority of the predicted labels: <c>ŷ = argmaxₖ Σⱼ wⱼ·[ŷⱼ = k]</c> (ties → the first class).</summary>
    Hard,
    /// <summary>Arg-max of the weighted mean of the members' probabilities: <c>P(k) = Σⱼ wⱼ·Pⱼ(k) / Σⱼ wⱼ</c>.</summary>
    Soft,
}

/// <summary>
/// Majority or soft voting over several classifiers fitted on the same data (scikit-learn's <c>VotingClassifier</c>).
/// </summary>
/// <remarks>
/// <para>Every member is fitted on all of x and y (with the sample weights, when given); nothing is cross-fitted.
/// Hard voting counts each member's predicted label with its weight; soft voting averages the members' class
/// probabilities (every member must then be probabilistic) and is usually better when the members are calibrated.
/// A member may be <see cref="Drop"/> (scikit-learn's <c>"drop"</c>): it is not fitted and its weight is ignored.</para>
/// <para>Capabilities follow from the members (NaN handled only if every member handles it, weights only if every
/// member takes them, …). Parameters of a member are reached by dotted names: <c>"lr.C"</c>.</para>
/// </remarks>
public sealed class VotingClassifier : ICompositeEstimator, IClassifier, IEquatable<VotingClassifier>
{
    /// <summary>Builds a voting classifier.</summary>
    /// <param name="Estimators">(name, classifier or <see cref="Drop"/>) pairs, at least one not dropped; names unique, without '.' or '/'.</param>
    /// <param name="Voting">Hard (labels) or soft (probabilities) voting.</param>
    /// <param name="Weights">One weight per entry (dropped entries included, as scikit-learn), each finite and ≥ 0, not all zero; null for equal weights.</param>
    /// <param name="FlattenTransform">For soft voting: whether <c>Transform</c> returns (n, m·C) (true) or (m, n, C).</param>
    /// <exception cref="ArgumentException">A bad entry or weight list.</exception>
    public VotingClassifier(IReadOnlyList<(string Name, IEstimator Estimator)> Estimators, VotingKind Voting = VotingKind.Hard, double[]? Weights = null, bool FlattenTransform = true)
    {
        var entries = EnsembleSupport.CheckEntries<IClassifier>(nameof(VotingClassifier), Estimators, nameof(Estimators));
        if (!Enum.IsDefined(Voting)) throw new ArgumentOutOfRangeException(nameof(Voting), Voting, "VotingClassifier: voting must be Hard or Soft.");
        VotingWeights.Check(nameof(VotingClassifier), Weights, entries);
        this.Estimators = Array.AsReadOnly(entries);
        this.Voting = Voting;
        this.Weights = Weights is null ? null : (double[])Weights.Clone();
        this.FlattenTransform = FlattenTransform;
        Capabilities = EnsembleSupport.Combine(EstimatorKind.Classifier, entries.Where(e => e.Estimator is not Drop).Select(e => e.Estimator.Capabilities).ToArray());
    }

    /// <summary>The named members, in order.</summary>
    public IReadOnlyList<(string Name, IEstimator Estimator)> Estimators { get; }

    /// <summary>Hard or soft voting.</summary>
    public VotingKind Voting { get; }

    /// <summary>The member weights (a copy is kept), or null for equal weights.</summary>
    public double[]? Weights { get; }

    /// <summary>The shape of <c>Transform</c> under soft voting.</summary>
    public bool FlattenTransform { get; }

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, IEstimator Estimator)> Children => Estimators;

    /// <inheritdoc />
    public IEstimator WithChild(string name, IEstimator replacement)
    {
        if (!Estimators.Any(e => e.Name == name))
            throw new ArgumentException($"VotingClassifier: no estimator named \"{name}\" (estimators: {string.Join(", ", Estimators.Select(e => e.Name))}).", nameof(name));
        return new VotingClassifier(Estimators.Select(e => e.Name == name ? (name, replacement) : e).ToArray(), Voting, Weights, FlattenTransform);
    }

    /// <summary>Fits every member on x: (n, d) and labels y (n), with optional weights (n) passed to every member.</summary>
    /// <exception cref="ArgumentException">Invalid x, y or weights, fewer than two classes, or a member rejects its input
    /// (for instance weights given to a member that does not take them).</exception>
    /// <exception cref="InvalidOperationException">Soft voting with a member whose model has no probabilities.</exception>
    public VotingClassifierModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(VotingClassifier);
        var xs = InputChecks.Features(name, x, allowNaN: Capabilities.HandlesMissingValues);
        var (classes, _) = ClassifierChecks.Encode(name, y, xs.Shape[0]);
        var w = InputChecks.Weights(name, sampleWeight, xs.Shape[0]);
        var members = new List<(string Name, IFittedModel Model)>();
        var weights = new List<double>();
        for (int j = 0; j < Estimators.Count; j++)
        {
            if (Estimators[j].Estimator is not IClassifier c) continue;
            var model = c.Fit(xs, y, w);
            if (Voting == VotingKind.Soft && model is not IProbabilisticModel<T>)
                throw new InvalidOperationException($"{name}: soft voting needs probabilities, but member \"{Estimators[j].Name}\" ({model.GetType().Name}) has no PredictProba; use hard voting or a probabilistic member.");
            members.Add((Estimators[j].Name, model));
            weights.Add(Weights?[j] ?? 1.0);
        }
        return VotingClassifierModel<T>.Create(Voting, classes, xs.Shape[1], members, Weights is null ? null : weights.ToArray(), FlattenTransform);
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary><c>VotingClassifier(Soft; lr: LogisticRegression { … }, …)</c>.</summary>
    public override string ToString() => $"VotingClassifier({Voting}{VotingWeights.Format(Weights)}{(FlattenTransform ? "" : ", unflattened")}; {string.Join(", ", Estimators.Select(e => $"{e.Name}: {e.Estimator}"))})";

    /// <summary>Equal when the members, the voting kind, the weights and the transform shape are equal.</summary>
    public bool Equals(VotingClassifier? other) => other is not null && Voting == other.Voting && FlattenTransform == other.FlattenTransform
        && VotingWeights.Same(Weights, other.Weights) && CompositeRules.SameChildren(Estimators, other.Estimators);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VotingClassifier);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Voting, FlattenTransform, CompositeRules.Hash(Estimators));
}

/// <summary>Validation and text of voting weights.</summary>
internal static class VotingWeights
{
    public static void Check(string owner, double[]? weights, (string Name, IEstimator Estimator)[] entries)
    {
        if (weights is null) return;
        if (weights.Length != entries.Length)
            throw new ArgumentException($"{owner}: {weights.Length} weights given for {entries.Length} estimators; give one per estimator (dropped ones included).", "Weights");
        for (int i = 0; i < weights.Length; i++)
            if (!double.IsFinite(weights[i]) || weights[i] < 0)
                throw new ArgumentException($"{owner}: weight {i} (\"{entries[i].Name}\") is {weights[i]}; weights must be finite and ≥ 0.", "Weights");
        if (Enumerable.Range(0, weights.Length).Where(i => entries[i].Estimator is not Drop).Sum(i => weights[i]) <= 0)
            throw new ArgumentException($"{owner}: the weights of the estimators that are not dropped sum to zero.", "Weights");
    }

    public static bool Same(double[]? a, double[]? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);

    public static string Format(double[]? w) => w is null ? "" : $", weights [{EnsembleSupport.FormatNumbers(w)}]";
}
