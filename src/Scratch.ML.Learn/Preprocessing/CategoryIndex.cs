using System.Globalization;
using System.Text.Json;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>
/// The categories of one column and the map from value to index (shared by the encoders). Numbers compare exactly
/// (NaN equals NaN, −0 equals 0); text compares ordinally (null equals null).
/// </summary>
internal sealed class CategoryIndex
{
    private readonly Dictionary<double, int>? numbers;
    private readonly Dictionary<string, int>? texts;
    private readonly int nullIndex = -1;

    public CategoryIndex(CategoricalColumn categories)
    {
        Categories = categories;
        if (categories.Numbers is { } v)
        {
            numbers = new Dictionary<double, int>(v.Count);
            for (int k = 0; k < v.Count; k++)
                if (!numbers.TryAdd(v[k], k)) throw new ArgumentException($"duplicate category {CategoricalColumn.PythonFloat(v[k])}.");
        }
        else
        {
            var t = categories.Texts!;
            texts = new Dictionary<string, int>(t.Count, StringComparer.Ordinal);
            for (int k = 0; k < t.Count; k++)
            {
                bool fresh = t[k] is null ? nullIndex < 0 : texts.TryAdd(t[k]!, k);
                if (!fresh) throw new ArgumentException($"duplicate category \"{t[k] ?? "None"}\".");
                if (t[k] is null) nullIndex = k;
            }
        }
    }

    /// <summary>The categories in order.</summary>
    public CategoricalColumn Categories { get; }

    /// <summary>The number of categories K.</summary>
    public int Count => Categories.Count;

    /// <summary>The index of value <paramref name="row"/> of <paramref name="column"/>, or −1 if it is not a category.</summary>
    public int IndexOf(CategoricalColumn column, int row)
    {
        if (numbers is not null) return numbers.TryGetValue(column.Numbers![row], out int k) ? k : -1;
        string? s = column.Texts![row];
        return s is null ? nullIndex : texts!.TryGetValue(s, out int t) ? t : -1;
    }

    /// <summary>
    /// The sorted distinct values of a column (NumPy's <c>unique</c>: numbers ascending with NaN last, text ordinal
    /// with null last) and how often each occurs.
    /// </summary>
    public static (CategoryIndex Index, int[] Counts) Learn(CategoricalColumn column)
    {
        CategoricalColumn cats;
        if (column.Numbers is { } v)
        {
            var distinct = v.Distinct().ToArray();   // double.Equals: NaN == NaN
            Array.Sort(distinct, (a, b) => double.IsNaN(a) ? (double.IsNaN(b) ? 0 : 1) : double.IsNaN(b) ? -1 : a.CompareTo(b));
            cats = CategoricalColumn.Of(distinct);
        }
        else
        {
            var t = column.Texts!;
            var distinct = t.Where(s => s is not null).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (t.Any(s => s is null)) distinct.Add(null);
            cats = CategoricalColumn.Of(distinct);
        }
        var index = new CategoryIndex(cats);
        return (index, index.Counts(column));
    }

    /// <summary>How often each category occurs in <paramref name="column"/> (unknown values are not counted).</summary>
    public int[] Counts(CategoricalColumn column)
    {
        var counts = new int[Count];
        for (int i = 0; i < column.Count; i++)
        {
            int k = IndexOf(column, i);
            if (k >= 0) counts[k]++;
        }
        return counts;
    }

    /// <summary>
    /// Fits the categories of every column of <paramref name="x"/>: learned (sorted) when <paramref name="given"/> is
    /// null, else the given lists (numeric lists must be sorted with NaN last, as scikit-learn requires). With
    /// <paramref name="unknownIsError"/>, a training value outside a given list is an error (scikit-learn's
    /// "Found unknown categories … during fit").
    /// </summary>
    public static (CategoryIndex[] Indices, int[][] Counts) Fit(string estimator, CategoricalTable x, IReadOnlyList<CategoricalColumn>? given, bool unknownIsError)
    {
        ArgumentNullException.ThrowIfNull(x);
        int d = x.ColumnCount;
        if (given is not null && given.Count != d)
            throw new ArgumentException($"{estimator}: Categories has {given.Count} lists but x has {d} columns.", "x");
        var indices = new CategoryIndex[d];
        var counts = new int[d][];
        for (int j = 0; j < d; j++)
        {
            if (given is null) { (indices[j], counts[j]) = Learn(x[j]); continue; }
            var g = given[j];
            if (g.IsText != x[j].IsText)
                throw new ArgumentException($"{estimator}: the categories of column {j} are {(g.IsText ? "text" : "numbers")} but the column holds {(x[j].IsText ? "text" : "numbers")}.", "x");
            if (g.Numbers is { } v)
                for (int k = 1; k < v.Count; k++)
                    if (!(v[k - 1] < v[k] || (double.IsNaN(v[k]) && !double.IsNaN(v[k - 1]))))
                        throw new ArgumentException($"{estimator}: the numeric categories of column {j} must be sorted ascending with NaN last (scikit-learn's rule).", "Categories");
            try { indices[j] = new CategoryIndex(g); }
            catch (ArgumentException e) { throw new ArgumentException($"{estimator}: column {j} of Categories has a {e.Message}", "Categories"); }
            counts[j] = indices[j].Counts(x[j]);
            if (unknownIsError) RequireKnown(estimator, x, j, indices[j], "fit");
        }
        return (indices, counts);
    }

    /// <summary>Throws if a value of column j is not a category.</summary>
    public static void RequireKnown(string estimator, CategoricalTable x, int j, CategoryIndex index, string during)
    {
        for (int i = 0; i < x.RowCount; i++)
            if (index.IndexOf(x[j], i) < 0)
                throw new ArgumentException($"{estimator}: found unknown category {Quote(x[j], i)} in column {j} (row {i}) during {during}; set HandleUnknown to accept unknown categories.", "x");
    }

    /// <summary>Checks that the table has the trained shape and kinds.</summary>
    public static void CheckColumns(string model, CategoricalTable x, CategoryIndex[] indices)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.ColumnCount != indices.Length)
            throw new ArgumentException($"{model}: x has {x.ColumnCount} features, but the model was fitted with {indices.Length}.", nameof(x));
        for (int j = 0; j < indices.Length; j++)
            if (x[j].IsText != indices[j].Categories.IsText)
                throw new ArgumentException($"{model}: column {j} of x holds {(x[j].IsText ? "text" : "numbers")} but was fitted on {(indices[j].Categories.IsText ? "text" : "numbers")}.", nameof(x));
    }

    private static string Quote(CategoricalColumn c, int i) => c.IsText ? (c.Texts![i] is { } s ? $"\"{s}\"" : "None") : c.Name(i);

    /// <summary>The categories of every column as one metadata string: JSON of string lists, the first entry "n" or "s".</summary>
    public static string ToMetadata(CategoryIndex[] indices)
    {
        var lists = new string?[indices.Length][];
        for (int j = 0; j < lists.Length; j++)
        {
            var c = indices[j].Categories;
            var l = new string?[c.Count + 1];
            l[0] = c.IsText ? "s" : "n";
            for (int k = 0; k < c.Count; k++)
                l[k + 1] = c.IsText ? c.Texts![k] : c.Numbers![k].ToString("R", CultureInfo.InvariantCulture);
            lists[j] = l;
        }
        return JsonSerializer.Serialize(lists, EncoderJson.Default.StringArrayArray);
    }

    /// <summary>Reads <see cref="ToMetadata"/>.</summary>
    public static CategoryIndex[] FromMetadata(string kind, string text)
    {
        string?[][]? lists;
        try { lists = JsonSerializer.Deserialize(text, EncoderJson.Default.StringArrayArray); }
        catch (JsonException e) { throw new InvalidDataException($"{kind}: invalid category lists: {e.Message}"); }
        if (lists is null || lists.Length == 0) throw new InvalidDataException($"{kind}: the file has no category lists.");
        var r = new CategoryIndex[lists.Length];
        for (int j = 0; j < r.Length; j++)
        {
            var l = lists[j];
            if (l is null || l.Length == 0 || (l[0] != "s" && l[0] != "n")) throw new InvalidDataException($"{kind}: category list {j} is malformed.");
            try
            {
                r[j] = new CategoryIndex(l[0] == "s" ? CategoricalColumn.Of(l[1..])
                    : CategoricalColumn.Of(Array.ConvertAll(l[1..], s => double.Parse(s ?? throw new InvalidDataException($"{kind}: null number in category list {j}."), NumberStyles.Float, CultureInfo.InvariantCulture))));
            }
            catch (ArgumentException e) { throw new InvalidDataException($"{kind}: category list {j}: {e.Message}"); }
        }
        return r;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string?[][]))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int[][]))]
internal sealed partial class EncoderJson : System.Text.Json.Serialization.JsonSerializerContext;
