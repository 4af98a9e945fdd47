using System.Globalization;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// How many features each split of a boosting tree considers (scikit-learn's <c>max_features</c>): all of them
/// (the default, deterministic), √d, log₂ d, a fixed count, or a fraction of d. Fewer features decorrelate the trees
/// and speed up fitting; the features are drawn per node from the estimator's seeded generator.
/// </summary>
public readonly record struct GradientBoostingMaxFeatures
{
    private GradientBoostingMaxFeatures(char kind, double value)
    {
        Kind = kind;
        Value = value;
    }

    private char Kind { get; }

    private double Value { get; }

    /// <summary>Every feature (scikit-learn's <c>None</c>).</summary>
    public static GradientBoostingMaxFeatures All => default;

    /// <summary>max(1, ⌊√d⌋) features.</summary>
    public static GradientBoostingMaxFeatures Sqrt => new('s', 0);

    /// <summary>max(1, ⌊log₂ d⌋) features.</summary>
    public static GradientBoostingMaxFeatures Log2 => new('l', 0);

    /// <summary>Exactly <paramref name="count"/> features (1 ≤ count ≤ d, checked at fit time).</summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 1.</exception>
    public static GradientBoostingMaxFeatures Count(int count) =>
        count >= 1 ? new('c', count) : throw new ArgumentOutOfRangeException(nameof(count), count, "MaxFeatures: the count must be ≥ 1.");

    /// <summary>max(1, ⌊fraction·d⌋) features, 0 &lt; fraction ≤ 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">fraction outside (0, 1].</exception>
    public static GradientBoostingMaxFeatures Fraction(double fraction) =>
        fraction > 0 && fraction <= 1 ? new('f', fraction) : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "MaxFeatures: the fraction must be in (0, 1].");

    /// <summary>Whether every feature is considered (no feature sampling).</summary>
    public bool IsAll => Kind == '\0';

    /// <summary>The number of features for d input features (scikit-learn's <c>max_features_</c>).</summary>
    /// <exception cref="ArgumentException">A fixed count exceeds d.</exception>
    public int Resolve(int features) => Kind switch
    {
        's' => Math.Max(1, (int)Math.Sqrt(features)),
        'l' => Math.Max(1, (int)Math.Log2(features)),
        'c' => Value <= features ? (int)Value
            : throw new ArgumentException($"MaxFeatures = {(int)Value} exceeds the {features} features of x.", "MaxFeatures"),
        'f' => Math.Max(1, (int)(Value * features)),
        _ => features,
    };

    /// <summary>"all", "sqrt", "log2", an integer count or "f:" and a fraction (the model-file form).</summary>
    public override string ToString() => Kind switch
    {
        's' => "sqrt",
        'l' => "log2",
        'c' => ((int)Value).ToString(CultureInfo.InvariantCulture),
        'f' => "f:" + Value.ToString("R", CultureInfo.InvariantCulture),
        _ => "all",
    };

    /// <summary>Reads <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">Not a value written by <see cref="ToString"/>.</exception>
    public static GradientBoostingMaxFeatures Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text switch
        {
            "all" => All,
            "sqrt" => Sqrt,
            "log2" => Log2,
            _ when text.StartsWith("f:", StringComparison.Ordinal) && double.TryParse(text[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var f) => Fraction(f),
            _ when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) => Count(c),
            _ => throw new FormatException($"Not a MaxFeatures value: \"{text}\"."),
        };
    }
}

/// <summary>The options shared by the regressor and the classifier, validated once (scikit-learn's parameter constraints).</summary>
internal sealed record GradientBoostingSettings(
    double LearningRate, int NEstimators, double Subsample, SplitCriterion Criterion, int MinSamplesSplit, int MinSamplesLeaf,
    double MinWeightFractionLeaf, int? MaxDepth, double MinImpurityDecrease, GradientBoostingMaxFeatures MaxFeatures, int? MaxLeafNodes,
    double ValidationFraction, int? NIterNoChange, double Tol, ulong Seed)
{
    /// <summary>Checks every option; the exception names the option, the expected range and the value.</summary>
    public void Validate(string estimator)
    {
        static void Require(bool ok, string name, object value, string expected, string estimator)
        {
            if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{estimator}: {name} must be {expected}, got {value}.");
        }
        Require(LearningRate >= 0 && double.IsFinite(LearningRate), "LearningRate", LearningRate, "finite and ≥ 0", estimator);
        Require(NEstimators >= 1, "NEstimators", NEstimators, "≥ 1", estimator);
        Require(Subsample > 0 && Subsample <= 1, "Subsample", Subsample, "in (0, 1]", estimator);
        Require(Criterion is SplitCriterion.FriedmanMse or SplitCriterion.SquaredError, "Criterion", Criterion, "FriedmanMse or SquaredError", estimator);
        Require(MinSamplesSplit >= 2, "MinSamplesSplit", MinSamplesSplit, "≥ 2", estimator);
        Require(MinSamplesLeaf >= 1, "MinSamplesLeaf", MinSamplesLeaf, "≥ 1", estimator);
        Require(MinWeightFractionLeaf >= 0 && MinWeightFractionLeaf <= 0.5, "MinWeightFractionLeaf", MinWeightFractionLeaf, "in [0, 0.5]", estimator);
        Require(MaxDepth is null or >= 1, "MaxDepth", MaxDepth ?? 0, "≥ 1 (or null for unlimited)", estimator);
        Require(MinImpurityDecrease >= 0 && double.IsFinite(MinImpurityDecrease), "MinImpurityDecrease", MinImpurityDecrease, "finite and ≥ 0", estimator);
        Require(MaxLeafNodes is null or >= 2, "MaxLeafNodes", MaxLeafNodes ?? 0, "≥ 2 (or null for unlimited)", estimator);
        Require(ValidationFraction > 0 && ValidationFraction < 1, "ValidationFraction", ValidationFraction, "in (0, 1)", estimator);
        Require(NIterNoChange is null or >= 1, "NIterNoChange", NIterNoChange ?? 0, "≥ 1 (or null for no early stopping)", estimator);
        Require(Tol >= 0 && double.IsFinite(Tol), "Tol", Tol, "finite and ≥ 0", estimator);
    }

    /// <summary>The tree options for d features (scikit-learn's DecisionTreeRegressor resolution); the leaf weight is set per stage.</summary>
    public TreeGrowthOptions TreeOptions(int features) => new(
        Criterion,
        SplitStrategy.Best,
        MaxDepth ?? int.MaxValue,
        Math.Max(MinSamplesSplit, 2 * MinSamplesLeaf),
        MinSamplesLeaf,
        0,
        MaxFeatures.Resolve(features),
        MaxLeafNodes ?? int.MaxValue,
        MinImpurityDecrease);

    /// <summary>The options as model-file metadata.</summary>
    public Dictionary<string, string> ToMetadata() => new()
    {
        ["learning_rate"] = Num(LearningRate),
        ["n_estimators"] = Num(NEstimators),
        ["subsample"] = Num(Subsample),
        ["criterion"] = Criterion.ToString(),
        ["min_samples_split"] = Num(MinSamplesSplit),
        ["min_samples_leaf"] = Num(MinSamplesLeaf),
        ["min_weight_fraction_leaf"] = Num(MinWeightFractionLeaf),
        ["max_depth"] = MaxDepth is { } md ? Num(md) : "none",
        ["min_impurity_decrease"] = Num(MinImpurityDecrease),
        ["max_features"] = MaxFeatures.ToString(),
        ["max_leaf_nodes"] = MaxLeafNodes is { } ml ? Num(ml) : "none",
        ["validation_fraction"] = Num(ValidationFraction),
        ["n_iter_no_change"] = NIterNoChange is { } ni ? Num(ni) : "none",
        ["tol"] = Num(Tol),
        ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Reads <see cref="ToMetadata"/>.</summary>
    /// <exception cref="InvalidDataException">An option is missing or malformed.</exception>
    public static GradientBoostingSettings FromMetadata(Func<string, string> option)
    {
        try
        {
            double D(string k) => double.Parse(option(k), NumberStyles.Float, CultureInfo.InvariantCulture);
            int I(string k) => int.Parse(option(k), NumberStyles.Integer, CultureInfo.InvariantCulture);
            int? N(string k) => option(k) == "none" ? null : I(k);
            return new(D("learning_rate"), I("n_estimators"), D("subsample"), Enum.Parse<SplitCriterion>(option("criterion")),
                I("min_samples_split"), I("min_samples_leaf"), D("min_weight_fraction_leaf"), N("max_depth"), D("min_impurity_decrease"),
                GradientBoostingMaxFeatures.Parse(option("max_features")), N("max_leaf_nodes"), D("validation_fraction"), N("n_iter_no_change"),
                D("tol"), ulong.Parse(option("seed"), NumberStyles.Integer, CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new InvalidDataException($"Gradient boosting model file: invalid options ({e.Message}).", e);
        }
    }

    internal static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
