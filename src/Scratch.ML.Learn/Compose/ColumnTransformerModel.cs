using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Scratch.ML.Learn.Datasets;

namespace Scratch.ML.Learn.Compose;

/// <summary>
/// A fitted <see cref="ColumnTransformer"/>: for each entry its resolved column indices and fitted model (null for
/// <see cref="Drop"/>), and the remainder columns appended unchanged.
/// </summary>
/// <remarks>
/// Saved as one composite safetensors file (docs/composition.md): the non-drop entries' models as children, and the
/// options <c>ct.features</c>, <c>ct.entries</c>, <c>ct.{i}.name</c>, <c>ct.{i}.columns</c> (comma-separated indices),
/// <c>ct.{i}.child</c> (the child index, or −1 for Drop), <c>ct.remainder</c>, <c>ct.allow_nan</c> and, when fitted with names,
/// <c>ct.column_names</c> (a JSON array). Loading checks every index against the feature count and every child's
/// feature count against its column count.
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ColumnTransformerModel<T> : ITransformModel<T>, ILoadableModel<ColumnTransformerModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string Kind = "ColumnTransformer";

    /// <summary>A fitted entry: its name, its model (null when dropped) and the input columns it reads, in order.</summary>
    /// <param name="Name">The entry name.</param>
    /// <param name="Model">The fitted transformer, or null for <see cref="Drop"/>.</param>
    /// <param name="Columns">Zero-based input column indices.</param>
    public sealed record Entry(string Name, ITransformModel<T>? Model, IReadOnlyList<int> Columns);

    internal ColumnTransformerModel(int featureCount, IReadOnlyList<Entry> entries, int[] remainder, string[]? columnNames, bool allowNaN)
    {
        AllowsMissingValues = allowNaN;
        FeatureCount = featureCount;
        Entries = entries.ToArray();
        RemainderColumns = Array.AsReadOnly(remainder);
        ColumnNames = columnNames is null ? null : Array.AsReadOnly(columnNames);
    }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>The fitted entries, in output order.</summary>
    public IReadOnlyList<Entry> Entries { get; }

    /// <summary>The input columns appended unchanged after the entries' outputs (empty when the remainder is dropped).</summary>
    public IReadOnlyList<int> RemainderColumns { get; }

    /// <summary>
    /// Whether NaN may reach the output. When false (the column transformer's capabilities say NaN is not handled),
    /// NaN in a column read by a <see cref="Passthrough"/> entry or by the remainder is rejected too, so every output
    /// column is NaN-free; NaN in columns that are only dropped is ignored.
    /// </summary>
    public bool AllowsMissingValues { get; }

    /// <summary>The column names given at fit time, or null.</summary>
    public IReadOnlyList<string>? ColumnNames { get; }

    /// <summary>The entry called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No entry has that name.</exception>
    public Entry this[string name] => Entries.FirstOrDefault(e => e.Name == name)
        ?? throw new KeyNotFoundException($"ColumnTransformer: no entry named \"{name}\" (entries: {string.Join(", ", Entries.Select(e => e.Name))}).");

    /// <summary>The entries' outputs for x: (n, d), side by side in entry order, then the remainder columns: (n, d′).</summary>
    /// <exception cref="ArgumentException">x is not (n, d) with the fitted d, holds ±∞, or an entry rejects its columns.</exception>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(ColumnTransformerModel<T>), x, FeatureCount, allowNaN: true);
        CheckPassthroughNaN(xs, Entries, RemainderColumns, AllowsMissingValues);
        var parts = new List<Tensor<T>>(Entries.Count + 1);
        foreach (var e in Entries)
            if (e.Model is not null) parts.Add(e.Model.Transform(Columns(xs, e.Columns)));
        if (RemainderColumns.Count > 0) parts.Add(Columns(xs, RemainderColumns));
        return parts.Count == 1 ? parts[0].Contiguous() : Tensor.Concat(parts.ToArray(), 1);
    }

    /// <summary>Transforms a parsed CSV table; when fitted with names, the table must have the same columns in the same order.</summary>
    /// <exception cref="ArgumentException">The table's column names differ from those seen at fit time.</exception>
    public Tensor<T> Transform(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (ColumnNames is not null && !ColumnNames.SequenceEqual(table.ColumnNames, StringComparer.Ordinal))
            throw new ArgumentException($"ColumnTransformer: the table's columns ({string.Join(", ", table.ColumnNames)}) differ from those seen at fit time ({string.Join(", ", ColumnNames)}).", nameof(table));
        return Transform(table.Data.Cast<T>());
    }

    /// <summary>Rejects NaN in the columns that pass through unchanged when NaN is not allowed.</summary>
    internal static void CheckPassthroughNaN(Tensor<T> xs, IReadOnlyList<Entry> entries, IReadOnlyList<int> remainder, bool allowNaN)
    {
        if (allowNaN) return;
        foreach (var e in entries)
            if (e.Model is PassthroughModel<T>) RejectNaN(xs, e.Columns, $"entry \"{e.Name}\"");
        RejectNaN(xs, remainder, "the remainder");
    }

    private static void RejectNaN(Tensor<T> xs, IReadOnlyList<int> columns, string part)
    {
        var data = xs.AsSpan();
        int n = xs.Shape[0], d = xs.Shape[1];
        foreach (int j in columns)
            for (int i = 0; i < n; i++)
                if (T.IsNaN(data[i * d + j]))
                    throw new ArgumentException($"ColumnTransformer: x[{i}, {j}] is NaN; column {j} passes through {part} unchanged, and this column transformer does not handle missing values (impute them first).", "x");
    }

    internal static Tensor<T> Columns(Tensor<T> x, IReadOnlyList<int> columns)
    {
        var index = new long[columns.Count];
        for (int i = 0; i < index.Length; i++) index[i] = columns[i];
        return x.IndexSelect(1, Tensor.FromArray(index, index.Length)).Contiguous();
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var children = new List<(string Name, IFittedModel Model)>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ct.features"] = FeatureCount.ToString(CultureInfo.InvariantCulture),
            ["ct.entries"] = Entries.Count.ToString(CultureInfo.InvariantCulture),
            ["ct.remainder"] = CompositeFile.Format(RemainderColumns),
            ["ct.allow_nan"] = AllowsMissingValues.ToString(CultureInfo.InvariantCulture),
        };
        for (int i = 0; i < Entries.Count; i++)
        {
            var e = Entries[i];
            options[$"ct.{i}.name"] = e.Name;
            options[$"ct.{i}.columns"] = CompositeFile.Format(e.Columns);
            options[$"ct.{i}.child"] = (e.Model is null ? -1 : children.Count).ToString(CultureInfo.InvariantCulture);
            if (e.Model is not null) children.Add((e.Name, e.Model));
        }
        if (ColumnNames is not null) options["ct.column_names"] = JsonSerializer.Serialize(ColumnNames.ToArray(), LabelsJson.Default.StringArray);
        CompositeFile.Write<T>(stream, Kind, children, options);
    }

    /// <inheritdoc />
    public static ColumnTransformerModel<T> Load(Stream stream)
    {
        var (options, children) = CompositeFile.Read<T>(stream, Kind);
        int d = CompositeFile.Int(Kind, options, "ct.features", 1, int.MaxValue);
        int count = CompositeFile.Int(Kind, options, "ct.entries", 1, CompositeFile.MaxChildren);
        var entries = new Entry[count];
        var claimed = new bool[children.Count];
        for (int i = 0; i < count; i++)
        {
            string name = options.TryGetValue($"ct.{i}.name", out var n) ? n : throw new InvalidDataException($"{Kind}: entry {i} has no name.");
            var columns = CompositeFile.Indices(Kind, options, $"ct.{i}.columns", d);
            if (columns.Length == 0) throw new InvalidDataException($"{Kind}: entry \"{name}\" selects no columns.");
            int child = CompositeFile.Int(Kind, options, $"ct.{i}.child", -1, children.Count - 1);
            ITransformModel<T>? model = null;
            if (child >= 0)
            {
                if (claimed[child] || children[child].Name != name)
                    throw new InvalidDataException($"{Kind}: entry \"{name}\" points at child {child} (\"{children[child].Name}\"), which is taken or named differently.");
                claimed[child] = true;
                model = children[child].Model as ITransformModel<T> ?? throw new InvalidDataException($"{Kind}: entry \"{name}\" holds a {children[child].Model.GetType().Name}, not a transform model.");
                if (model.FeatureCount != columns.Length)
                    throw new InvalidDataException($"{Kind}: entry \"{name}\" reads {columns.Length} columns but its model was fitted on {model.FeatureCount}.");
            }
            entries[i] = new Entry(name, model, Array.AsReadOnly(columns));
        }
        if (claimed.Any(c => !c)) throw new InvalidDataException($"{Kind}: the file holds a child that no entry uses.");
        var remainder = CompositeFile.Indices(Kind, options, "ct.remainder", d);
        if (remainder.Length == 0 && entries.All(e => e.Model is null)) throw new InvalidDataException($"{Kind}: the file describes no output columns.");
        string[]? names = null;
        if (options.TryGetValue("ct.column_names", out var json))
        {
            try { names = JsonSerializer.Deserialize(json, LabelsJson.Default.StringArray); }
            catch (JsonException e) { throw new InvalidDataException($"{Kind}: ct.column_names is not a JSON string array: {e.Message}", e); }
            if (names is null || names.Length != d || names.Any(s => s is null))
                throw new InvalidDataException($"{Kind}: ct.column_names must list {d} names.");
        }
        bool allowNaN = options.TryGetValue("ct.allow_nan", out var a) && bool.TryParse(a, out var v) ? v
            : throw new InvalidDataException($"{Kind}: option \"ct.allow_nan\" is missing or not a Boolean.");
        return new ColumnTransformerModel<T>(d, entries, remainder, names, allowNaN);
    }
}
