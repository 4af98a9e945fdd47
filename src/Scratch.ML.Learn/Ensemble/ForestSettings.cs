using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// The options shared by the four forest estimators, in one record so that validation, growth-option resolution and
/// the file form are written once. Each estimator record maps its constructor parameters to a settings value on
/// demand (never cached, so a C# <c>with</c> copy cannot go stale) and back when a model is loaded.
/// </summary>
internal sealed record ForestSettings(
    string Name,
    bool Classifier,
    SplitStrategy Splitter,
    int NEstimators,
    SplitCriterion Criterion,
    int? MaxDepth,
    int MinSamplesSplit,
    int MinSamplesLeaf,
    double MinWeightFractionLeaf,
    FeatureSubset? MaxFeatures,
    int? MaxLeafNodes,
    double MinImpurityDecrease,
    bool Bootstrap,
    bool OobScore,
    ulong Seed,
    ForestClassWeights? ClassWeight,
    ForestMaxSamples MaxSamples,
    double CcpAlpha)
{
    /// <summary>
    /// Checks every option (scikit-learn 1.2's parameter constraints) and returns the capabilities: stochastic (a seed
    /// drives bootstrap draws and feature sampling), not row-order invariant (bootstrap draws index rows), and sample
    /// weights accepted but not declared, because a bootstrap of weighted rows differs from one of repeated rows.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A numeric option is out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">A criterion of the other task, or options that contradict each other.</exception>
    public EstimatorCapabilities Validate()
    {
        if (NEstimators < 1) throw new ArgumentOutOfRangeException(nameof(NEstimators), NEstimators, $"{Name}: NEstimators must be ≥ 1.");
        bool classCriterion = Criterion is SplitCriterion.Gini or SplitCriterion.Entropy;
        if (classCriterion != Classifier)
            throw new ArgumentException($"{Name}: Criterion {Criterion} is for {(classCriterion ? "classification" : "regression")}; use " +
                (Classifier ? "Gini or Entropy." : "SquaredError, FriedmanMse, AbsoluteError or Poisson."), nameof(Criterion));
        if (MaxDepth is < 1) throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, $"{Name}: MaxDepth must be ≥ 1 or null (no limit).");
        if (MinSamplesSplit < 2) throw new ArgumentOutOfRangeException(nameof(MinSamplesSplit), MinSamplesSplit, $"{Name}: MinSamplesSplit must be ≥ 2.");
        if (MinSamplesLeaf < 1) throw new ArgumentOutOfRangeException(nameof(MinSamplesLeaf), MinSamplesLeaf, $"{Name}: MinSamplesLeaf must be ≥ 1.");
        if (!(MinWeightFractionLeaf >= 0 && MinWeightFractionLeaf <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(MinWeightFractionLeaf), MinWeightFractionLeaf, $"{Name}: MinWeightFractionLeaf must lie in [0, 0.5].");
        if (MaxLeafNodes is < 2) throw new ArgumentOutOfRangeException(nameof(MaxLeafNodes), MaxLeafNodes, $"{Name}: MaxLeafNodes must be ≥ 2 or null (no limit).");
        if (!(MinImpurityDecrease >= 0) || double.IsInfinity(MinImpurityDecrease))
            throw new ArgumentOutOfRangeException(nameof(MinImpurityDecrease), MinImpurityDecrease, $"{Name}: MinImpurityDecrease must be finite and ≥ 0.");
        if (!(CcpAlpha >= 0) || double.IsInfinity(CcpAlpha))
            throw new ArgumentOutOfRangeException(nameof(CcpAlpha), CcpAlpha, $"{Name}: CcpAlpha must be finite and ≥ 0, got {CcpAlpha}.");
        if (OobScore && !Bootstrap)
            throw new ArgumentException($"{Name}: OobScore needs Bootstrap = true (without bootstrapping no sample is out of bag).", nameof(OobScore));
        if (!MaxSamples.IsAll && !Bootstrap)
            throw new ArgumentException($"{Name}: MaxSamples = {MaxSamples} needs Bootstrap = true (it sets the bootstrap sample size).", nameof(MaxSamples));
        if (ClassWeight is not null && !Classifier)
            throw new ArgumentException($"{Name}: ClassWeight applies to classifiers only.", nameof(ClassWeight));
        return new EstimatorCapabilities(Classifier ? EstimatorKind.Classifier : EstimatorKind.Regressor, Supervised: true,
            Stochastic: true, MultiOutput: !Classifier, RowOrderInvariant: false);
    }

    /// <summary>
    /// The growth options of every tree for d features, without the per-tree minimum leaf weight (which depends on
    /// the tree's bootstrap weights). Like scikit-learn, MinSamplesSplit is raised to 2·MinSamplesLeaf.
    /// </summary>
    public TreeGrowthOptions Growth(int d) => new(
        Criterion,
        Splitter,
        MaxDepth ?? int.MaxValue,
        Math.Max(MinSamplesSplit, 2 * MinSamplesLeaf),
        MinSamplesLeaf,
        0,
        (MaxFeatures ?? (Classifier ? FeatureSubset.Sqrt : FeatureSubset.All)).Resolve(d),
        MaxLeafNodes ?? int.MaxValue,
        MinImpurityDecrease);

    /// <summary>The options as file metadata (invariant culture, round-trip numbers).</summary>
    public Dictionary<string, string> ToMetadata()
    {
        var m = new Dictionary<string, string>
        {
            ["n_estimators"] = Int(NEstimators),
            ["criterion"] = Criterion.ToString(),
            ["max_depth"] = MaxDepth is { } md ? Int(md) : "",
            ["min_samples_split"] = Int(MinSamplesSplit),
            ["min_samples_leaf"] = Int(MinSamplesLeaf),
            ["min_weight_fraction_leaf"] = Num(MinWeightFractionLeaf),
            ["max_features"] = MaxFeatures?.ToString() ?? "default",
            ["max_leaf_nodes"] = MaxLeafNodes is { } ml ? Int(ml) : "",
            ["min_impurity_decrease"] = Num(MinImpurityDecrease),
            ["bootstrap"] = Bootstrap.ToString(CultureInfo.InvariantCulture),
            ["oob_score"] = OobScore.ToString(CultureInfo.InvariantCulture),
            ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
            ["max_samples"] = MaxSamples.ToString(),
            ["ccp_alpha"] = Num(CcpAlpha),
        };
        if (ClassWeight is not null) m["class_weight"] = ClassWeight.ToMetadata();
        return m;
    }

    /// <summary>Reads <see cref="ToMetadata"/> back into settings for an estimator of <paramref name="name"/>.</summary>
    /// <exception cref="InvalidDataException">A missing or malformed option.</exception>
    public static ForestSettings Read<T>(ModelFileContents<T> f, string name, bool classifier, SplitStrategy splitter) where T : unmanaged, IFloatingPointIeee754<T>
    {
        try
        {
            static int? OptionalInt(string s) => s.Length == 0 ? null : int.Parse(s, CultureInfo.InvariantCulture);
            return new ForestSettings(name, classifier, splitter,
                int.Parse(f.Option("n_estimators"), CultureInfo.InvariantCulture),
                Enum.Parse<SplitCriterion>(f.Option("criterion")),
                OptionalInt(f.Option("max_depth")),
                int.Parse(f.Option("min_samples_split"), CultureInfo.InvariantCulture),
                int.Parse(f.Option("min_samples_leaf"), CultureInfo.InvariantCulture),
                f.Number("min_weight_fraction_leaf"),
                f.Option("max_features") is "default" ? null : FeatureSubset.Parse(f.Option("max_features")),
                OptionalInt(f.Option("max_leaf_nodes")),
                f.Number("min_impurity_decrease"),
                f.Flag("bootstrap"),
                f.Flag("oob_score"),
                ulong.Parse(f.Option("seed"), CultureInfo.InvariantCulture),
                f.File.Metadata.TryGetValue("class_weight", out var cw) ? ForestClassWeights.FromMetadata(cw) : null,
                ForestMaxSamples.Parse(f.Option("max_samples")),
                // Files written before pruning existed have no ccp_alpha: their trees are unpruned (α = 0).
                f.File.Metadata.ContainsKey("ccp_alpha") ? f.Number("ccp_alpha") : 0);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new InvalidDataException($"{name}: invalid options in the file: {e.Message}", e);
        }
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
