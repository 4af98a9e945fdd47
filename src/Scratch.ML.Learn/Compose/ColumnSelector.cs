namespace Scratch.ML.Learn.Compose;

/// <summary>
/// Which input columns a <see cref="ColumnTransformer"/> entry receives: zero-based indices, or names resolved against
/// the column names given at fit time (<see cref="ColumnTransformer.Fit{T}(Tensor{T}, IReadOnlyList{string})"/> or a
/// <see cref="Datasets.CsvTable"/>). Columns are passed in the order listed; the same column may appear in several entries.
/// </summary>
public sealed class ColumnSelector : IEquatable<ColumnSelector>
{
    private readonly int[]? indices;
    private readonly string[]? names;

    private ColumnSelector(int[]? indices, string[]? names)
    {
        this.indices = indices;
        this.names = names;
    }

    /// <summary>The selected indices, or null when selecting by name.</summary>
    public IReadOnlyList<int>? Indices => indices is null ? null : Array.AsReadOnly(indices);

    /// <summary>The selected names, or null when selecting by index.</summary>
    public IReadOnlyList<string>? Names => names is null ? null : Array.AsReadOnly(names);

    /// <summary>Columns by zero-based index.</summary>
    /// <exception cref="ArgumentException">No index, a negative index, or an index listed twice.</exception>
    public static ColumnSelector At(params int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Length == 0) throw new ArgumentException("ColumnSelector: select at least one column.", nameof(indices));
        foreach (int i in indices)
            if (i < 0) throw new ArgumentException($"ColumnSelector: column index {i} is negative; indices are zero-based and ≥ 0.", nameof(indices));
        if (indices.Distinct().Count() != indices.Length) throw new ArgumentException("ColumnSelector: a column index is listed twice.", nameof(indices));
        return new ColumnSelector((int[])indices.Clone(), null);
    }

    /// <summary>Columns by name (resolved at fit time against the given column names).</summary>
    /// <exception cref="ArgumentException">No name, an empty name, or a name listed twice.</exception>
    public static ColumnSelector Named(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Length == 0) throw new ArgumentException("ColumnSelector: select at least one column.", nameof(names));
        if (names.Any(string.IsNullOrEmpty)) throw new ArgumentException("ColumnSelector: column names must be non-empty.", nameof(names));
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length) throw new ArgumentException("ColumnSelector: a column name is listed twice.", nameof(names));
        return new ColumnSelector(null, (string[])names.Clone());
    }

    /// <summary>One column by index.</summary>
    public static implicit operator ColumnSelector(int index) => At(index);

    /// <summary>Columns by index.</summary>
    public static implicit operator ColumnSelector(int[] indices) => At(indices);

    /// <summary>One column by name.</summary>
    public static implicit operator ColumnSelector(string name) => Named(name);

    /// <summary>Columns by name.</summary>
    public static implicit operator ColumnSelector(string[] names) => Named(names);

    /// <summary>The zero-based indices of the selected columns in an input of <paramref name="featureCount"/> columns.</summary>
    /// <exception cref="ArgumentException">An index is out of range, or names are used but no column names were given, or a name is unknown.</exception>
    internal int[] Resolve(string owner, string entry, int featureCount, IReadOnlyList<string>? columnNames)
    {
        if (indices is not null)
        {
            foreach (int i in indices)
                if (i >= featureCount)
                    throw new ArgumentException($"{owner}: entry \"{entry}\" selects column {i}, but x has {featureCount} columns.", "x");
            return (int[])indices.Clone();
        }
        if (columnNames is null)
            throw new ArgumentException($"{owner}: entry \"{entry}\" selects columns by name ({string.Join(", ", names!)}); fit with the column names (Fit(x, columnNames) or Fit(csvTable)).", "x");
        var result = new int[names!.Length];
        for (int k = 0; k < names.Length; k++)
        {
            int j = -1;
            for (int c = 0; c < columnNames.Count; c++)
                if (string.Equals(columnNames[c], names[k], StringComparison.Ordinal)) { j = c; break; }
            result[k] = j >= 0 ? j : throw new ArgumentException($"{owner}: entry \"{entry}\" selects column \"{names[k]}\", which is not among the columns ({string.Join(", ", columnNames)}).", "columnNames");
        }
        return result;
    }

    /// <summary><c>[0, 2]</c> or <c>["age", "income"]</c>.</summary>
    public override string ToString() => indices is not null ? $"[{string.Join(", ", indices)}]" : $"[{string.Join(", ", names!.Select(n => $"\"{n}\""))}]";

    /// <summary>Equal when both select the same indices, or the same names, in the same order.</summary>
    public bool Equals(ColumnSelector? other) => other is not null
        && (indices is null ? other.indices is null && names!.SequenceEqual(other.names!) : other.indices is not null && indices.SequenceEqual(other.indices));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ColumnSelector);

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
