using System.Numerics;
using Scratch.ML.Learn.Datasets;

namespace Scratch.ML.Learn.Compose;

/// <summary>What a <see cref="ColumnTransformer"/> does with the columns no entry selects.</summary>
public enum ColumnRemainder
{
    /// <summary>Leave them out of the output (scikit-learn's default <c>remainder="drop"</c>).</summary>
    Drop,
    /// <summary>Append them unchanged after the entries' outputs, in input order (<c>remainder="passthrough"</c>).</summary>
    Passthrough,
}

/// <summary>
/// Applies a transformer to chosen columns (scikit-learn's <c>ColumnTransformer</c>): each entry (name, transformer,
/// columns) fits its transformer on its columns only; <c>Transform</c> stacks the entries' outputs side by side in entry
/// order, then the remainder columns if <see cref="Remainder"/> is <see cref="ColumnRemainder.Passthrough"/>. A
/// transformer may be <see cref="Compose.Passthrough"/> (copy the columns) or <see cref="Compose.Drop"/> (no output;
/// its columns are not remainder). Columns are chosen by index or by name (<see cref="ColumnSelector"/>); names are
/// resolved against the column names given to <c>Fit</c> and the fitted model stores the resolved indices.
/// </summary>
/// <remarks>
/// Input checks: x must be an (n, d) matrix without ±∞. NaN is left to the entry receiving the column; when the
/// column transformer as a whole does not handle NaN, columns passed through unchanged (Passthrough entries, the
/// remainder) reject it as well, so that no output column carries NaN; a NaN in a column that is only dropped is harmless. Capabilities: HandlesMissingValues only if every non-drop entry (and a passthrough
/// remainder, which always passes NaN on) handles NaN; row-order invariant if all are; stochastic, non-negative input and
/// integer codes if any entry needs it. Output width = Σ entry widths + remainder width, which must be ≥ 1.
/// </remarks>
public sealed class ColumnTransformer : ICompositeEstimator, ITransformer, IEquatable<ColumnTransformer>
{
    /// <summary>Builds a column transformer.</summary>
    /// <param name="Transformers">(name, transformer or <see cref="Compose.Drop"/>, columns) entries, at least one; names unique, without '.' or '/'.</param>
    /// <param name="Remainder">What to do with the columns no entry selects.</param>
    /// <exception cref="ArgumentException">No entries, a bad or repeated name, a null part, or an estimator that is neither a transformer nor <see cref="Compose.Drop"/>.</exception>
    public ColumnTransformer(IReadOnlyList<(string Name, IEstimator Transformer, ColumnSelector Columns)> Transformers, ColumnRemainder Remainder = ColumnRemainder.Drop)
    {
        ArgumentNullException.ThrowIfNull(Transformers);
        var entries = Transformers.ToArray();
        if (entries.Length == 0) throw new ArgumentException("ColumnTransformer: needs at least one (name, transformer, columns) entry.", nameof(Transformers));
        CompositeRules.CheckNames(nameof(ColumnTransformer), entries.Select(e => e.Name), nameof(Transformers));
        foreach (var (name, transformer, columns) in entries)
        {
            if (transformer is not (ITransformer or Drop))
                throw new ArgumentException($"ColumnTransformer: entry \"{name}\" must be a transformer, Passthrough or Drop, got {transformer?.GetType().Name ?? "null"}.", nameof(Transformers));
            if (columns is null) throw new ArgumentException($"ColumnTransformer: entry \"{name}\" selects no columns (null).", nameof(Transformers));
        }
        if (!Enum.IsDefined(Remainder)) throw new ArgumentOutOfRangeException(nameof(Remainder), Remainder, "ColumnTransformer: Remainder must be Drop or Passthrough.");
        this.Transformers = Array.AsReadOnly(entries);
        this.Remainder = Remainder;
        var caps = CompositeRules.SideBySide(entries.Select(e => e.Transformer).Append(Remainder == ColumnRemainder.Passthrough ? new Passthrough() : new Drop()));
        Capabilities = caps;
    }

    /// <summary>The entries, in output order.</summary>
    public IReadOnlyList<(string Name, IEstimator Transformer, ColumnSelector Columns)> Transformers { get; }

    /// <summary>What happens to unselected columns.</summary>
    public ColumnRemainder Remainder { get; }

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, IEstimator Estimator)> Children => Transformers.Select(e => (e.Name, e.Transformer)).ToArray();

    /// <summary>scikit-learn's <c>make_column_transformer</c>: entries named by lower-cased type name (<c>name-k</c> when repeated).</summary>
    public static ColumnTransformer Make(ColumnRemainder remainder, params (IEstimator Transformer, ColumnSelector Columns)[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var names = CompositeRules.AutoNames(entries.Select(e => e.Transformer).ToArray());
        return new ColumnTransformer(entries.Select((e, i) => (names[i], e.Transformer, e.Columns)).ToArray(), remainder);
    }

    /// <summary>A copy with the transformer of entry <paramref name="name"/> replaced (its columns are kept).</summary>
    /// <exception cref="ArgumentException">No entry has that name, or the replacement is not a transformer or Drop.</exception>
    public IEstimator WithChild(string name, IEstimator replacement)
    {
        if (!Transformers.Any(e => e.Name == name))
            throw new ArgumentException($"ColumnTransformer: no entry named \"{name}\" (entries: {string.Join(", ", Transformers.Select(e => e.Name))}).", nameof(name));
        return new ColumnTransformer(Transformers.Select(e => e.Name == name ? (name, replacement, e.Columns) : e).ToArray(), Remainder);
    }

    /// <summary>Fits on x: (n, d) with index selectors only.</summary>
    /// <exception cref="ArgumentException">x is not a matrix without ±∞, a column is out of range or selected by name, an entry rejects its columns, or no output column remains.</exception>
    public ColumnTransformerModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Fit(x, null);

    /// <summary>Fits a parsed CSV table; name selectors are resolved against its column names.</summary>
    /// <exception cref="ArgumentException">See <see cref="Fit{T}(Tensor{T}, IReadOnlyList{string})"/>.</exception>
    public ColumnTransformerModel<double> Fit(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Fit(table.Data, table.ColumnNames);
    }

    /// <summary>Fits on x: (n, d) whose columns are called <paramref name="columnNames"/> (length d, or null when only indices are used).</summary>
    /// <exception cref="ArgumentException">The names do not match d, a name or index is unknown, an entry rejects its columns, or no output column remains.</exception>
    public ColumnTransformerModel<T> Fit<T>(Tensor<T> x, IReadOnlyList<string>? columnNames) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(nameof(ColumnTransformer), x, allowNaN: true);
        int d = xs.Shape[1];
        if (columnNames is not null && columnNames.Count != d)
            throw new ArgumentException($"ColumnTransformer: {columnNames.Count} column names given for {d} columns.", nameof(columnNames));
        var used = new bool[d];
        var fitted = new List<ColumnTransformerModel<T>.Entry>(Transformers.Count);
        var resolved = new int[Transformers.Count][];
        for (int k = 0; k < resolved.Length; k++)
        {
            resolved[k] = Transformers[k].Columns.Resolve(nameof(ColumnTransformer), Transformers[k].Name, d, columnNames);
            foreach (int c in resolved[k]) used[c] = true;
        }
        int[] remainder = Remainder == ColumnRemainder.Passthrough ? Enumerable.Range(0, d).Where(c => !used[c]).ToArray() : [];
        var passthroughs = Transformers.Select((e, k) => new ColumnTransformerModel<T>.Entry(e.Name, e.Transformer is Passthrough ? new PassthroughModel<T>(resolved[k].Length) : null, resolved[k]));
        ColumnTransformerModel<T>.CheckPassthroughNaN(xs, passthroughs.ToArray(), remainder, Capabilities.HandlesMissingValues);
        for (int k = 0; k < resolved.Length; k++)
        {
            var model = Transformers[k].Transformer is ITransformer t ? t.Fit(ColumnTransformerModel<T>.Columns(xs, resolved[k])) : null;
            fitted.Add(new(Transformers[k].Name, model, resolved[k]));
        }
        if (remainder.Length == 0 && fitted.All(e => e.Model is null))
            throw new ArgumentException("ColumnTransformer: every entry is Drop and the remainder is dropped, so there would be no output columns.", nameof(x));
        return new ColumnTransformerModel<T>(d, fitted, remainder, columnNames?.ToArray(), Capabilities.HandlesMissingValues);
    }

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);

    /// <summary><c>ColumnTransformer(name: Estimator { … } on [0, 2], …; remainder Drop)</c>.</summary>
    public override string ToString() => $"ColumnTransformer({string.Join(", ", Transformers.Select(e => $"{e.Name}: {e.Transformer} on {e.Columns}"))}; remainder {Remainder})";

    /// <summary>Equal when the entries (names, transformers, columns) and the remainder are equal.</summary>
    public bool Equals(ColumnTransformer? other) => other is not null && Remainder == other.Remainder
        && CompositeRules.SameChildren(Children, other.Children)
        && Transformers.Select(e => e.Columns).SequenceEqual(other.Transformers.Select(e => e.Columns));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ColumnTransformer);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(CompositeRules.Hash(Children), Remainder);
}
