using System.Globalization;
using Scratch.ML.Learn.LinearModels;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// How many rows each tree's bootstrap sample draws (scikit-learn's <c>max_samples</c>; only with bootstrapping).
/// <c>default</c> draws n rows (with replacement) from n; an <c>int</c> converts to <see cref="Count"/>, a
/// <c>double</c> to <see cref="Fraction"/>.
/// </summary>
public readonly record struct ForestMaxSamples
{
    private ForestMaxSamples(int mode, double value)
    {
        Mode = mode;
        Value = value;
    }

    private int Mode { get; }

    /// <summary>The fraction or count (0 for <see cref="All"/>).</summary>
    public double Value { get; }

    /// <summary>n draws for n rows (scikit-learn's <c>None</c>).</summary>
    public static ForestMaxSamples All => default;

    /// <summary>Whether this is <see cref="All"/>.</summary>
    public bool IsAll => Mode == 0;

    /// <summary>max(1, round(f·n)) draws (round half to even, as Python's <c>round</c>), for f in (0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">f is outside (0, 1].</exception>
    public static ForestMaxSamples Fraction(double fraction) => fraction > 0 && fraction <= 1
        ? new(1, fraction)
        : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "ForestMaxSamples: a fraction must lie in (0, 1].");

    /// <summary>Exactly <paramref name="count"/> draws (1 ≤ count ≤ n, checked at fit time).</summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 1.</exception>
    public static ForestMaxSamples Count(int count) => count >= 1
        ? new(2, count)
        : throw new ArgumentOutOfRangeException(nameof(count), count, "ForestMaxSamples: a count must be ≥ 1.");

    /// <summary>Same as <see cref="Count"/>.</summary>
    public static implicit operator ForestMaxSamples(int count) => Count(count);

    /// <summary>Same as <see cref="Fraction"/>.</summary>
    public static implicit operator ForestMaxSamples(double fraction) => Fraction(fraction);

    /// <summary>The number of bootstrap draws for n rows.</summary>
    /// <exception cref="ArgumentException">A count larger than n.</exception>
    internal int Resolve(string estimator, int n) => Mode switch
    {
        0 => n,
        1 => Math.Max(1, (int)Math.Round(Value * n, MidpointRounding.ToEven)),
        _ => Value <= n ? (int)Value
            : throw new ArgumentException($"{estimator}: MaxSamples = {Value} but x has only {n} samples; use a count in 1…{n} or a fraction.", "MaxSamples"),
    };

    /// <summary>"all", "f:0.5" or a count such as "100" (the file form).</summary>
    public override string ToString() => Mode switch
    {
        0 => "all",
        1 => "f:" + Value.ToString("R", CultureInfo.InvariantCulture),
        _ => Value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Reads <see cref="ToString"/>.</summary>
    /// <exception cref="InvalidDataException">Malformed text.</exception>
    internal static ForestMaxSamples Parse(string text)
    {
        try
        {
            return text == "all" ? All
                : text.StartsWith("f:", StringComparison.Ordinal) ? Fraction(double.Parse(text[2..], NumberStyles.Float, CultureInfo.InvariantCulture))
                : Count(int.Parse(text, CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            throw new InvalidDataException($"ForestMaxSamples: cannot parse \"{text}\": {e.Message}", e);
        }
    }
}

/// <summary>
/// A forest classifier's class weights (scikit-learn's <c>class_weight</c>): <see cref="Balanced"/>
/// (<c>w_k = n / (C · n_k)</c> over the whole training set), <see cref="BalancedSubsample"/> (the same formula
/// recomputed on each tree's bootstrap sample) or explicit per-label weights. A sample's class weight multiplies its
/// sample weight. Any <see cref="ClassWeights"/> converts implicitly.
/// </summary>
public sealed record ForestClassWeights
{
    private ForestClassWeights(ClassWeights? weights, bool subsample)
    {
        Weights = weights;
        IsBalancedSubsample = subsample;
    }

    /// <summary>The whole-sample weights (balanced or explicit), or null for <see cref="BalancedSubsample"/>.</summary>
    public ClassWeights? Weights { get; }

    /// <summary>Whether the balanced weights are recomputed per bootstrap sample.</summary>
    public bool IsBalancedSubsample { get; }

    /// <summary><c>"balanced"</c>: class k gets n / (C · n_k), n_k its number of training rows.</summary>
    public static ForestClassWeights Balanced { get; } = new(ClassWeights.Balanced, false);

    /// <summary>
    /// <c>"balanced_subsample"</c>: in each tree, class k gets m / (C' · m_k), with m the bootstrap draws, m_k the draws
    /// of class k and C' the classes drawn. Without bootstrapping it equals <see cref="Balanced"/>.
    /// </summary>
    public static ForestClassWeights BalancedSubsample { get; } = new(null, true);

    /// <summary>Explicit weights for integer labels (each finite and ≥ 0; missing labels get 1).</summary>
    /// <exception cref="ArgumentException">A weight is negative, NaN or infinite.</exception>
    public static ForestClassWeights Of(IReadOnlyDictionary<int, double> weights) => new(ClassWeights.Of(weights), false);

    /// <summary>Explicit weights for string labels (each finite and ≥ 0; missing labels get 1).</summary>
    /// <exception cref="ArgumentException">A weight is negative, NaN or infinite.</exception>
    public static ForestClassWeights Of(IReadOnlyDictionary<string, double> weights) => new(ClassWeights.Of(weights), false);

    /// <summary>Uses whole-sample class weights.</summary>
    public static implicit operator ForestClassWeights(ClassWeights weights) =>
        new(weights ?? throw new ArgumentNullException(nameof(weights)), false);

    /// <summary>The file form: <c>balanced_subsample</c> or <see cref="ClassWeights.ToMetadata"/>.</summary>
    public string ToMetadata() => IsBalancedSubsample ? "balanced_subsample" : Weights!.ToMetadata();

    /// <summary>Reads <see cref="ToMetadata"/>.</summary>
    /// <exception cref="InvalidDataException">Malformed text.</exception>
    public static ForestClassWeights FromMetadata(string text) =>
        text == "balanced_subsample" ? BalancedSubsample : ClassWeights.FromMetadata(text);

    /// <inheritdoc />
    public override string ToString() => IsBalancedSubsample ? "balanced_subsample" : Weights!.ToString();
}
