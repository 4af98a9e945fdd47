using Scratch.ML.Rng;

namespace Scratch.ML.Learn.ModelSelection;

/// <summary>
/// A distribution of one hyperparameter for random and Bayesian search. Each draw consumes values of a seeded
/// <see cref="Generator"/>, so searches are reproducible per seed (they do not reproduce NumPy's streams).
/// </summary>
/// <remarks>
/// Bayesian search works on the unit cube: <see cref="ToUnit"/> maps a value to [0, 1] (linearly, logarithmically for
/// <see cref="LogUniform"/>, by bin centre for integers and choices) and <see cref="FromUnit"/> maps back.
/// </remarks>
public abstract record ParameterDistribution
{
    /// <summary>One draw.</summary>
    public abstract object? Sample(Generator generator);

    /// <summary>The position of <paramref name="value"/> in [0, 1].</summary>
    /// <exception cref="ArgumentException">The value is not one this distribution produces.</exception>
    public abstract double ToUnit(object? value);

    /// <summary>The value at position u ∈ [0, 1] (clamped).</summary>
    public abstract object? FromUnit(double u);

    internal static double Clamp01(double u) => double.IsNaN(u) ? 0.5 : Math.Clamp(u, 0, 1);

    internal static double AsDouble(string owner, object? value) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        _ => throw new ArgumentException($"{owner}: expected a number, got {value?.GetType().Name ?? "null"}.", nameof(value)),
    };
}

/// <summary>The continuous uniform distribution on [<see cref="Low"/>, <see cref="High"/>) (SciPy's <c>uniform(loc=Low, scale=High − Low)</c>); draws are doubles.</summary>
/// <param name="Low">Lower bound (finite).</param>
/// <param name="High">Upper bound (finite, &gt; Low).</param>
public sealed record Uniform(double Low, double High) : ParameterDistribution
{
    private readonly bool validated = Check(Low, High);

    private static bool Check(double low, double high) => double.IsFinite(low) && double.IsFinite(high) && high > low ? true
        : throw new ArgumentException($"Uniform: needs finite Low < High, got Low = {low}, High = {high}.", nameof(High));

    /// <inheritdoc />
    public override object? Sample(Generator generator) => Low + (High - Low) * generator.NextDouble();

    /// <inheritdoc />
    public override double ToUnit(object? value) => Clamp01((AsDouble(nameof(Uniform), value) - Low) / (High - Low));

    /// <inheritdoc />
    public override object? FromUnit(double u) => Low + (High - Low) * Clamp01(u);
}

/// <summary>
/// The log-uniform (reciprocal) distribution on [<see cref="Low"/>, <see cref="High"/>) (SciPy's <c>loguniform(a, b)</c>):
/// log x is uniform on [log Low, log High); draws are doubles.
/// </summary>
/// <param name="Low">Lower bound (finite, &gt; 0).</param>
/// <param name="High">Upper bound (finite, &gt; Low).</param>
public sealed record LogUniform(double Low, double High) : ParameterDistribution
{
    private readonly bool validated = Check(Low, High);

    private static bool Check(double low, double high) => low > 0 && double.IsFinite(high) && high > low ? true
        : throw new ArgumentException($"LogUniform: needs 0 < Low < High < ∞, got Low = {low}, High = {high}.", nameof(High));

    /// <inheritdoc />
    public override object? Sample(Generator generator) => Math.Exp(Math.Log(Low) + (Math.Log(High) - Math.Log(Low)) * generator.NextDouble());

    /// <inheritdoc />
    public override double ToUnit(object? value)
    {
        double v = AsDouble(nameof(LogUniform), value);
        if (!(v > 0)) throw new ArgumentException($"LogUniform: value must be > 0, got {v}.", nameof(value));
        return Clamp01((Math.Log(v) - Math.Log(Low)) / (Math.Log(High) - Math.Log(Low)));
    }

    /// <inheritdoc />
    public override object? FromUnit(double u) => Math.Exp(Math.Log(Low) + (Math.Log(High) - Math.Log(Low)) * Clamp01(u));
}

/// <summary>Uniform integers in [<see cref="Low"/>, <see cref="High"/>) — <c>High</c> excluded, as SciPy's <c>randint(low, high)</c>; draws are ints.</summary>
/// <param name="Low">Smallest value.</param>
/// <param name="High">One past the largest value (&gt; Low).</param>
public sealed record IntUniform(int Low, int High) : ParameterDistribution
{
    private readonly bool validated = High > Low ? true
        : throw new ArgumentException($"IntUniform: needs Low < High (High excluded), got Low = {Low}, High = {High}.", nameof(High));

    /// <inheritdoc />
    public override object? Sample(Generator generator) => (int)(Low + Math.Min((long)Math.Floor(generator.NextDouble() * ((long)High - Low)), (long)High - Low - 1));

    /// <inheritdoc />
    public override double ToUnit(object? value)
    {
        double v = AsDouble(nameof(IntUniform), value);
        return Clamp01((v - Low + 0.5) / ((double)High - Low));
    }

    /// <inheritdoc />
    public override object? FromUnit(double u) => (int)(Low + Math.Min((long)Math.Floor(Clamp01(u) * ((long)High - Low)), (long)High - Low - 1));
}

/// <summary>A uniform choice among listed values (scikit-learn's list entries in <c>param_distributions</c>).</summary>
/// <remarks>For Bayesian search the values are placed at bin centres in list order, so list ordinal values in order.</remarks>
public sealed record Choice : ParameterDistribution
{
    private readonly object?[] values;

    /// <summary>A choice among <paramref name="values"/> (at least one).</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public Choice(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) throw new ArgumentException("Choice: needs at least one value.", nameof(values));
        this.values = (object?[])values.Clone();
    }

    /// <summary>The values, in order.</summary>
    public IReadOnlyList<object?> Values => values;

    /// <inheritdoc />
    public override object? Sample(Generator generator) => values[Math.Min((int)(generator.NextDouble() * values.Length), values.Length - 1)];

    /// <inheritdoc />
    public override double ToUnit(object? value)
    {
        int i = Array.FindIndex(values, v => Equals(v, value));
        if (i < 0) throw new ArgumentException($"Choice: {value} is not one of the values.", nameof(value));
        return (i + 0.5) / values.Length;
    }

    /// <inheritdoc />
    public override object? FromUnit(double u) => values[Math.Min((int)(Clamp01(u) * values.Length), values.Length - 1)];

    /// <summary>Equal when the values are equal element by element, in order.</summary>
    public bool Equals(Choice? other) => other is not null && values.SequenceEqual(other.values);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var v in values) hash.Add(v);
        return hash.ToHashCode();
    }
}

/// <summary>
/// Draws parameter sets (scikit-learn's <c>ParameterSampler</c>). If every parameter is a <see cref="Choice"/>, the sets
/// are drawn without replacement from the <see cref="ParameterGrid"/> of the choices (at most its size); otherwise each
/// set draws every parameter independently, names in ordinal order.
/// </summary>
public static class ParameterSampler
{
    /// <summary>
    /// <paramref name="count"/> parameter sets from <paramref name="space"/> using <paramref name="generator"/> (fewer when
    /// the space is a finite grid smaller than count).
    /// </summary>
    /// <exception cref="ArgumentException">An empty space, or count &lt; 1.</exception>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Sample(IReadOnlyDictionary<string, ParameterDistribution> space, int count, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(generator);
        if (space.Count == 0) throw new ArgumentException("ParameterSampler: the search space has no parameters.", nameof(space));
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "ParameterSampler: count must be ≥ 1.");
        var names = space.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        foreach (var name in names)
            if (space[name] is null) throw new ArgumentException($"ParameterSampler: parameter '{name}' has a null distribution.", nameof(space));
        if (names.All(n => space[n] is Choice))
        {
            var grid = new ParameterGrid(names.ToDictionary(n => n, n => ((Choice)space[n]).Values, StringComparer.Ordinal));
            var order = generator.Permutation(grid.Count);
            return order.Take(Math.Min(count, grid.Count)).Select(i => grid[i]).ToArray();
        }
        var result = new IReadOnlyDictionary<string, object?>[count];
        for (int c = 0; c < count; c++)
        {
            var p = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var name in names) p[name] = space[name].Sample(generator);
            result[c] = p;
        }
        return result;
    }
}
