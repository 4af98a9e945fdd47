using System.Globalization;

namespace Scratch.ML.Learn.Trees;

/// <summary>
/// A sample-count limit given either as an absolute count or as a fraction of the training samples (scikit-learn's
/// int-or-float <c>min_samples_split</c> / <c>min_samples_leaf</c>). Integers and doubles convert implicitly:
/// <c>MinSamplesLeaf: 5</c> is a count, <c>MinSamplesLeaf: 0.05</c> a fraction (resolved as ⌈0.05·n⌉).
/// </summary>
public readonly record struct SampleLimit
{
    private SampleLimit(int count, double fraction) { CountValue = count; FractionValue = fraction; }

    /// <summary>The absolute count, or 0 when this is a fraction.</summary>
    public int CountValue { get; }

    /// <summary>The fraction of the samples, or 0 when this is a count.</summary>
    public double FractionValue { get; }

    /// <summary>Whether the limit is a fraction of the samples.</summary>
    public bool IsFraction => CountValue == 0;

    /// <summary>An absolute count (≥ 1; the estimators check their own lower bounds).</summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 1.</exception>
    public static SampleLimit Count(int count) =>
        count >= 1 ? new(count, 0) : throw new ArgumentOutOfRangeException(nameof(count), count, "A sample count limit must be ≥ 1.");

    /// <summary>A fraction of the training samples, in (0, 1]; resolved as ⌈fraction · n⌉.</summary>
    /// <exception cref="ArgumentOutOfRangeException">fraction outside (0, 1].</exception>
    public static SampleLimit Fraction(double fraction) =>
        fraction > 0 && fraction <= 1 ? new(0, fraction) : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A sample fraction must be in (0, 1].");

    /// <summary>A count.</summary>
    public static implicit operator SampleLimit(int count) => Count(count);

    /// <summary>A fraction.</summary>
    public static implicit operator SampleLimit(double fraction) => Fraction(fraction);

    /// <summary>The count for <paramref name="samples"/> training samples: the count, or ⌈fraction · n⌉.</summary>
    public int Resolve(int samples) => IsFraction ? (int)Math.Ceiling(FractionValue * samples) : CountValue;

    /// <summary>"5" or "0.05" (round-trips through <see cref="Parse"/>).</summary>
    public override string ToString() => IsFraction ? "f" + FractionValue.ToString("R", CultureInfo.InvariantCulture) : CountValue.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">Malformed text.</exception>
    public static SampleLimit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.StartsWith('f') ? Fraction(double.Parse(text[1..], NumberStyles.Float, CultureInfo.InvariantCulture))
            : Count(int.Parse(text, CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// How many features a tree node draws as split candidates (scikit-learn's <c>max_features</c>): all of them, √d,
/// log₂ d, a count, or a fraction of d. Integers and doubles convert implicitly (<c>MaxFeatures: 5</c>,
/// <c>MaxFeatures: 0.3</c>).
/// </summary>
public readonly record struct FeatureSubset
{
    private enum Rule { All, Sqrt, Log2, Count, Fraction }

    private readonly Rule rule;
    private readonly double value;

    private FeatureSubset(Rule rule, double value) { this.rule = rule; this.value = value; }

    /// <summary>Every feature (scikit-learn's <c>None</c>; the trees' default).</summary>
    public static FeatureSubset All => new(Rule.All, 0);

    /// <summary>max(1, ⌊√d⌋) features.</summary>
    public static FeatureSubset Sqrt => new(Rule.Sqrt, 0);

    /// <summary>max(1, ⌊log₂ d⌋) features.</summary>
    public static FeatureSubset Log2 => new(Rule.Log2, 0);

    /// <summary>A fixed number of features (≥ 1; more than d means d).</summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 1.</exception>
    public static FeatureSubset Count(int count) =>
        count >= 1 ? new(Rule.Count, count) : throw new ArgumentOutOfRangeException(nameof(count), count, "MaxFeatures must be ≥ 1.");

    /// <summary>max(1, ⌊fraction · d⌋) features, fraction in (0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">fraction outside (0, 1].</exception>
    public static FeatureSubset Fraction(double fraction) =>
        fraction > 0 && fraction <= 1 ? new(Rule.Fraction, fraction) : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A MaxFeatures fraction must be in (0, 1].");

    /// <summary>A count.</summary>
    public static implicit operator FeatureSubset(int count) => Count(count);

    /// <summary>A fraction.</summary>
    public static implicit operator FeatureSubset(double fraction) => Fraction(fraction);

    /// <summary>The number of candidate features for <paramref name="features"/> input features (1 … d).</summary>
    public int Resolve(int features) => Math.Min(features, Math.Max(1, rule switch
    {
        Rule.All => features,
        Rule.Sqrt => (int)Math.Sqrt(features),
        Rule.Log2 => (int)Math.Log2(features),
        Rule.Count => (int)value,
        _ => (int)(value * features),
    }));

    /// <summary>"all", "sqrt", "log2", "7" or "f0.3" (round-trips through <see cref="Parse"/>).</summary>
    public override string ToString() => rule switch
    {
        Rule.All => "all",
        Rule.Sqrt => "sqrt",
        Rule.Log2 => "log2",
        Rule.Count => ((int)value).ToString(CultureInfo.InvariantCulture),
        _ => "f" + value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Reads <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">Malformed text.</exception>
    public static FeatureSubset Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text switch
        {
            "all" => All,
            "sqrt" => Sqrt,
            "log2" => Log2,
            _ when text.StartsWith('f') => Fraction(double.Parse(text[1..], NumberStyles.Float, CultureInfo.InvariantCulture)),
            _ => Count(int.Parse(text, CultureInfo.InvariantCulture)),
        };
    }
}

/// <summary>
/// The minimal cost-complexity pruning path (scikit-learn's <c>cost_complexity_pruning_path</c>): the effective
/// alphas at which subtrees are pruned, increasing, and the total leaf impurity Σ_leaves N_t/N · impurity_t of the
/// pruned tree at each.
/// </summary>
/// <param name="CcpAlphas">Effective alphas, starting at 0 (the unpruned tree) and ending where only the root is left.</param>
/// <param name="Impurities">Total leaf impurity of the subtree at each alpha.</param>
public sealed record CostComplexityPath(double[] CcpAlphas, double[] Impurities);
