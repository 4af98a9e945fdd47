using System.Globalization;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Serialization;

namespace Scratch.ML.Learn.Trees;

/// <summary>The options the two decision-tree estimators share, validated and resolved in one place.</summary>
internal sealed record DecisionTreeSettings(
    SplitCriterion Criterion, SplitStrategy Splitter, int? MaxDepth, SampleLimit? MinSamplesSplit, SampleLimit? MinSamplesLeaf,
    double MinWeightFractionLeaf, FeatureSubset MaxFeatures, int? MaxLeafNodes, double MinImpurityDecrease, double CcpAlpha, ulong Seed,
    uint? SklearnSeed = null)
{
    /// <summary>Whether NaN features are accepted: scikit-learn 1.3 supports them with the best splitter, except for absolute error.</summary>
    public bool HandlesMissingValues => Splitter == SplitStrategy.Best && Criterion != SplitCriterion.AbsoluteError;

    /// <summary>Checks every option; throws naming the option, its value and what is allowed.</summary>
    public void Validate(string estimator, bool classifier)
    {
        bool classCriterion = Criterion is SplitCriterion.Gini or SplitCriterion.Entropy;
        if (classCriterion != classifier || !Enum.IsDefined(Criterion))
            throw new ArgumentException($"{estimator}: Criterion {Criterion} is not allowed; use " +
                (classifier ? "Gini or Entropy (log-loss)." : "SquaredError, FriedmanMse, AbsoluteError or Poisson."), nameof(Criterion));
        if (!Enum.IsDefined(Splitter)) throw new ArgumentException($"{estimator}: unknown Splitter {Splitter}.", nameof(Splitter));
        if (MaxDepth is < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, $"{estimator}: MaxDepth must be ≥ 1 (or null for unlimited depth), got {MaxDepth}.");
        if (MinSamplesSplit is { IsFraction: false, CountValue: < 2 })
            throw new ArgumentOutOfRangeException(nameof(MinSamplesSplit), MinSamplesSplit, $"{estimator}: MinSamplesSplit must be a count ≥ 2 or a fraction in (0, 1], got {MinSamplesSplit}.");
        if (MinSamplesLeaf is { IsFraction: true, FractionValue: >= 1 })
            throw new ArgumentOutOfRangeException(nameof(MinSamplesLeaf), MinSamplesLeaf, $"{estimator}: MinSamplesLeaf must be a count ≥ 1 or a fraction in (0, 1), got {MinSamplesLeaf}.");
        if (!(MinWeightFractionLeaf >= 0 && MinWeightFractionLeaf <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(MinWeightFractionLeaf), MinWeightFractionLeaf, $"{estimator}: MinWeightFractionLeaf must be in [0, 0.5].");
        if (MaxLeafNodes is < 2)
            throw new ArgumentOutOfRangeException(nameof(MaxLeafNodes), MaxLeafNodes, $"{estimator}: MaxLeafNodes must be ≥ 2 (or null for depth-first growth without a leaf budget).");
        if (!(MinImpurityDecrease >= 0) || double.IsInfinity(MinImpurityDecrease))
            throw new ArgumentOutOfRangeException(nameof(MinImpurityDecrease), MinImpurityDecrease, $"{estimator}: MinImpurityDecrease must be finite and ≥ 0.");
        if (!(CcpAlpha >= 0) || double.IsInfinity(CcpAlpha))
            throw new ArgumentOutOfRangeException(nameof(CcpAlpha), CcpAlpha, $"{estimator}: CcpAlpha must be finite and ≥ 0.");
    }

    /// <summary>
    /// The grower options for n samples, d features and total sample weight W (scikit-learn's <c>BaseDecisionTree.fit</c>):
    /// fractions become ⌈f·n⌉, MinSamplesSplit ≥ max(2, 2·MinSamplesLeaf), MinWeightLeaf = fraction · W.
    /// </summary>
    public TreeGrowthOptions Resolve(int samples, int features, double totalWeight)
    {
        int leaf = MinSamplesLeaf?.Resolve(samples) ?? 1;
        int split = Math.Max(2, MinSamplesSplit?.Resolve(samples) ?? 2);
        split = Math.Max(split, 2 * leaf);
        return new TreeGrowthOptions(Criterion, Splitter, MaxDepth ?? int.MaxValue, split, Math.Max(1, leaf),
            MinWeightFractionLeaf * totalWeight, MaxFeatures.Resolve(features), MaxLeafNodes ?? int.MaxValue, MinImpurityDecrease);
    }

    /// <summary>Grows the tree and applies cost-complexity pruning when CcpAlpha &gt; 0.</summary>
    public TreeStructure Grow(TreeFeatures x, TreeTargets y, double[]? w, CancellationToken ct, bool prune = true)
    {
        double total = 0;
        if (w is null) total = x.Samples; else foreach (double v in w) total += v;
        var options = Resolve(x.Samples, x.Features, total);
        var tree = SklearnSeed is { } s
            ? CartGrower.Grow(x, y, w, options, new SklearnSplitRandom(s), ct)
            : CartGrower.Grow(x, y, w, options, new Rng.Generator(Seed), ct);
        return prune && CcpAlpha > 0 ? CostComplexityPruning.Prune(tree, CcpAlpha) : tree;
    }

    /// <summary>The options as model-file metadata.</summary>
    public void WriteTo(Dictionary<string, string> meta)
    {
        var c = CultureInfo.InvariantCulture;
        meta["criterion"] = Criterion.ToString();
        meta["splitter"] = Splitter.ToString();
        meta["max_depth"] = MaxDepth?.ToString(c) ?? "";
        meta["min_samples_split"] = MinSamplesSplit?.ToString() ?? "";
        meta["min_samples_leaf"] = MinSamplesLeaf?.ToString() ?? "";
        meta["min_weight_fraction_leaf"] = MinWeightFractionLeaf.ToString("R", c);
        meta["max_features"] = MaxFeatures.ToString();
        meta["max_leaf_nodes"] = MaxLeafNodes?.ToString(c) ?? "";
        meta["min_impurity_decrease"] = MinImpurityDecrease.ToString("R", c);
        meta["ccp_alpha"] = CcpAlpha.ToString("R", c);
        meta["seed"] = Seed.ToString(c);
    }

    /// <summary>Reads <see cref="WriteTo"/>.</summary>
    /// <exception cref="InvalidDataException">An option is missing or malformed.</exception>
    public static DecisionTreeSettings Read(Func<string, string> option)
    {
        var c = CultureInfo.InvariantCulture;
        try
        {
            static T? Opt<T>(string s, Func<string, T> parse) where T : struct => s.Length == 0 ? null : parse(s);
            return new DecisionTreeSettings(Enum.Parse<SplitCriterion>(option("criterion")), Enum.Parse<SplitStrategy>(option("splitter")),
                Opt(option("max_depth"), s => int.Parse(s, c)), Opt(option("min_samples_split"), SampleLimit.Parse),
                Opt(option("min_samples_leaf"), SampleLimit.Parse), double.Parse(option("min_weight_fraction_leaf"), c),
                FeatureSubset.Parse(option("max_features")), Opt(option("max_leaf_nodes"), s => int.Parse(s, c)),
                double.Parse(option("min_impurity_decrease"), c), double.Parse(option("ccp_alpha"), c), ulong.Parse(option("seed"), c));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"Decision tree options in the file are invalid: {e.Message}", e);
        }
    }

    /// <summary>Class weights as metadata text ("" for none).</summary>
    public static string Format(ClassWeights? cw) => cw?.ToMetadata() ?? "";

    /// <summary>The tensors of a single-tree model file.</summary>
    public static Dictionary<string, SafeTensorValue> TreeTensors(TreeStructure tree)
    {
        var tensors = new Dictionary<string, SafeTensorValue>();
        tree.AddTo(tensors, "tree.");
        return tensors;
    }
}
