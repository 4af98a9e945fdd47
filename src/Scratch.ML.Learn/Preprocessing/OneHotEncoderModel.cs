using System.Numerics;
using System.Text.Json;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>A fitted <see cref="OneHotEncoder"/>.</summary>
/// <typeparam name="T">The output element type (float or double).</typeparam>
public sealed class OneHotEncoderModel<T> : IInvertibleTransformModel<T>, ILoadableModel<OneHotEncoderModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "OneHotEncoder";
    private readonly CategoryIndex[] indices;
    private readonly int[][] infrequent;   // per feature: indices into Categories (ascending), empty if none
    private readonly int[][] slot;         // per feature: category index → output slot before dropping
    private readonly int[] drop;           // per feature: dropped slot, or −1
    private readonly int[] offsets;        // per feature: first output column; offsets[d] = total

    internal OneHotEncoderModel(OneHotEncoder options, CategoryIndex[] indices, int[][] infrequent, int[]? dropCategories)
    {
        DropCategories = dropCategories;
        Options = options;
        this.indices = indices;
        this.infrequent = infrequent;
        int d = indices.Length;
        slot = new int[d][];
        drop = new int[d];
        offsets = new int[d + 1];
        for (int j = 0; j < d; j++)
        {
            int k = indices[j].Count, nInf = infrequent[j].Length, nFrequent = k - nInf;
            slot[j] = new int[k];
            for (int c = 0, next = 0; c < k; c++) slot[j][c] = Array.IndexOf(infrequent[j], c) >= 0 ? nFrequent : next++;
            int slots = nInf > 0 ? nFrequent + 1 : k;
            drop[j] = options.Drop switch
            {
                OneHotDrop.First => 0,
                OneHotDrop.IfBinary when slots == 2 => 0,
                OneHotDrop.Given => slot[j][dropCategories![j]],
                _ => -1,
            };
            offsets[j + 1] = offsets[j] + slots - (drop[j] >= 0 ? 1 : 0);
        }
    }

    /// <summary>The options it was fitted with.</summary>
    public OneHotEncoder Options { get; }

    /// <summary>The categories of each feature (scikit-learn's <c>categories_</c>).</summary>
    public IReadOnlyList<CategoricalColumn> Categories => [.. indices.Select(i => i.Categories)];

    /// <summary>Per feature, the indices (into <see cref="Categories"/>) of its infrequent categories; empty if none.</summary>
    public IReadOnlyList<IReadOnlyList<int>> InfrequentIndices => infrequent;

    /// <summary>Per feature, the dropped output slot (index into its transformed categories), or −1.</summary>
    public IReadOnlyList<int> DropIndices => drop;

    /// <summary>For <see cref="OneHotDrop.Given"/>: the dropped category per feature (index into <see cref="Categories"/>); else null.</summary>
    public IReadOnlyList<int>? DropCategories { get; }

    /// <inheritdoc />
    public int FeatureCount => indices.Length;

    /// <summary>The number of output columns ΣK′ (K′ = categories after grouping, minus the dropped one).</summary>
    public int OutputCount => offsets[^1];

    /// <summary>One-hot codes of x: (n, d) → (n, <see cref="OutputCount"/>).</summary>
    /// <exception cref="ArgumentException">Wrong feature count, ±∞, or (HandleUnknown Error) an unknown category.</exception>
    public Tensor<T> Transform(Tensor<T> x) => Transform(CategoricalTable.FromTensor(x, nameof(OneHotEncoderModel<T>)));

    /// <summary>One-hot codes of a table: (n, <see cref="OutputCount"/>).</summary>
    /// <exception cref="ArgumentException">Wrong column count or kinds, or (HandleUnknown Error) an unknown category.</exception>
    public Tensor<T> Transform(CategoricalTable x)
    {
        CategoryIndex.CheckColumns(nameof(OneHotEncoderModel<T>), x, indices);
        int n = x.RowCount, width = OutputCount;
        var z = new T[n * width];
        for (int j = 0; j < indices.Length; j++)
        {
            bool unknownToInfrequent = Options.HandleUnknown == UnknownCategoryHandling.InfrequentIfExist && infrequent[j].Length > 0;
            if (Options.HandleUnknown == UnknownCategoryHandling.Error) CategoryIndex.RequireKnown(nameof(OneHotEncoderModel<T>), x, j, indices[j], "transform");
            for (int i = 0; i < n; i++)
            {
                int c = indices[j].IndexOf(x[j], i);
                if (c < 0 && !unknownToInfrequent) continue;   // all-zero block
                int s = slot[j][c < 0 ? infrequent[j][0] : c];
                if (s == drop[j]) continue;
                if (drop[j] >= 0 && s > drop[j]) s--;
                z[i * width + offsets[j] + s] = T.One;
            }
        }
        return Tensor.FromArray(z, n, width);
    }

    /// <summary>
    /// Maps one-hot rows back to categories (argmax of each block, first maximum on ties). An all-zero block is the
    /// dropped category when one is dropped; else it is an unknown (HandleUnknown Ignore, or InfrequentIfExist without
    /// infrequent categories) and decodes to null (text) or NaN (numbers) — scikit-learn's None; else it is an error.
    /// The infrequent column decodes to "infrequent_sklearn" (text) or NaN (numbers).
    /// </summary>
    /// <exception cref="ArgumentException">x is not (n, <see cref="OutputCount"/>), or an all-zero block cannot be decoded.</exception>
    public CategoricalTable InverseTransformTable(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(OneHotEncoderModel<T>), x, OutputCount);
        int n = xs.Shape[0], width = OutputCount, d = indices.Length;
        var s = xs.AsSpan();
        var columns = new CategoricalColumn[d];
        for (int j = 0; j < d; j++)
        {
            var cats = indices[j].Categories;
            int kept = offsets[j + 1] - offsets[j];
            var codes = new int[n];   // index into transformed categories, or −1 for unknown
            bool unknownAllowed = Options.HandleUnknown == UnknownCategoryHandling.Ignore
                || (Options.HandleUnknown == UnknownCategoryHandling.InfrequentIfExist && infrequent[j].Length == 0);
            for (int i = 0; i < n; i++)
            {
                int best = -1;
                T max = T.Zero, sum = T.Zero;
                for (int k = 0; k < kept; k++)
                {
                    T v = s[i * width + offsets[j] + k];
                    sum += v;
                    if (best < 0 || v > max) { best = k; max = v; }
                }
                if (kept > 0 && sum != T.Zero) { codes[i] = drop[j] >= 0 && best >= drop[j] ? best + 1 : best; continue; }
                if (kept > 0 && drop[j] < 0 && !unknownAllowed)
                    throw new ArgumentException($"{nameof(OneHotEncoderModel<T>)}: row {i} has an all-zero block for feature {j}, which cannot be inverted when nothing is dropped and HandleUnknown is {Options.HandleUnknown}.", nameof(x));
                codes[i] = drop[j] >= 0 ? drop[j] : -1;
            }
            columns[j] = Decode(j, cats, codes);
        }
        return CategoricalTable.FromColumns(columns);
    }

    /// <summary>As <see cref="InverseTransformTable"/> for a numeric model: (n, d); unknown and infrequent decode to NaN.</summary>
    /// <exception cref="InvalidOperationException">The model was fitted on text.</exception>
    public Tensor<T> InverseTransform(Tensor<T> x)
    {
        if (indices.Any(i => i.Categories.IsText)) throw new InvalidOperationException($"{nameof(OneHotEncoderModel<T>)}: the model was fitted on text columns; use InverseTransformTable.");
        return InverseTransformTable(x).ToTensor<T>();
    }

    private CategoricalColumn Decode(int j, CategoricalColumn cats, int[] transformedCodes)
    {
        int nInf = infrequent[j].Length;
        // transformed category t → original category index, or −2 for the infrequent group
        var original = new int[cats.Count - nInf + (nInf > 0 ? 1 : 0)];
        for (int c = 0; c < cats.Count; c++) original[slot[j][c]] = Array.IndexOf(infrequent[j], c) >= 0 ? -2 : c;
        if (cats.Texts is { } t)
            return CategoricalColumn.Of(Array.ConvertAll(transformedCodes, r => r < 0 ? null : original[r] == -2 ? "infrequent_sklearn" : t[original[r]]));
        var v = cats.Numbers!;
        return CategoricalColumn.Of(Array.ConvertAll(transformedCodes, r => r < 0 || original[r] == -2 ? double.NaN : v[original[r]]));
    }

    /// <summary>
    /// Output column names <c>{input}_{category}</c> (scikit-learn's <c>get_feature_names_out</c>): inputs default to
    /// <c>x0, x1, …</c>; categories print as Python does (<c>1.0</c>, <c>nan</c>, <c>None</c>, <c>infrequent_sklearn</c>).
    /// </summary>
    /// <exception cref="ArgumentException">inputFeatures has the wrong length.</exception>
    public IReadOnlyList<string> FeatureNamesOut(IReadOnlyList<string>? inputFeatures = null)
    {
        if (inputFeatures is not null && inputFeatures.Count != FeatureCount)
            throw new ArgumentException($"{nameof(OneHotEncoderModel<T>)}: inputFeatures has {inputFeatures.Count} names, expected {FeatureCount}.", nameof(inputFeatures));
        var names = new List<string>(OutputCount);
        for (int j = 0; j < FeatureCount; j++)
        {
            string prefix = inputFeatures?[j] ?? $"x{j}";
            var cats = indices[j].Categories;
            int slots = offsets[j + 1] - offsets[j] + (drop[j] >= 0 ? 1 : 0);
            var labels = new string[slots];
            for (int c = 0; c < cats.Count; c++) labels[slot[j][c]] = Array.IndexOf(infrequent[j], c) >= 0 ? "infrequent_sklearn" : cats.Name(c);
            for (int s = 0; s < slots; s++)
                if (s != drop[j]) names.Add(prefix + "_" + labels[s]);
        }
        return names;
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["offsets"] = PreprocessingMath.ToTensor<T>(Array.ConvertAll(offsets, o => (double)o)) },
        new Dictionary<string, string>
        {
            ["categories"] = CategoryIndex.ToMetadata(indices),
            ["infrequent"] = JsonSerializer.Serialize(infrequent, EncoderJson.Default.Int32ArrayArray),
            ["drop"] = Options.Drop.ToString(),
            ["handle_unknown"] = Options.HandleUnknown.ToString(),
            ["min_frequency"] = Options.MinFrequency is double f ? PreprocessingMath.Format(f) : "none",
            ["max_categories"] = Options.MaxCategories?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none",
            ["drop_categories"] = JsonSerializer.Serialize(new[] { DropCategories?.ToArray() ?? [] }, EncoderJson.Default.Int32ArrayArray),
        });

    /// <inheritdoc />
    public static OneHotEncoderModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var indices = CategoryIndex.FromMetadata(Kind, f.Option("categories"));
        int[][]? infrequent;
        try { infrequent = JsonSerializer.Deserialize(f.Option("infrequent"), EncoderJson.Default.Int32ArrayArray); }
        catch (JsonException e) { throw new InvalidDataException($"{Kind}: invalid infrequent lists: {e.Message}"); }
        if (infrequent is null || infrequent.Length != indices.Length || infrequent.Where((l, j) => l is null || l.Any(k => (uint)k >= (uint)indices[j].Count)).Any())
            throw new InvalidDataException($"{Kind}: the infrequent lists do not match the categories.");
        if (!Enum.TryParse<OneHotDrop>(f.Option("drop"), out var drop) || !Enum.TryParse<UnknownCategoryHandling>(f.Option("handle_unknown"), out var unknown))
            throw new InvalidDataException($"{Kind}: unknown drop or handle_unknown option.");
        string mf = f.Option("min_frequency"), mc = f.Option("max_categories");
        int[]? dropCategories = null;
        CategoricalTable? dropValues = null;
        if (drop == OneHotDrop.Given)
        {
            int[][]? lists;
            try { lists = JsonSerializer.Deserialize(f.Option("drop_categories"), EncoderJson.Default.Int32ArrayArray); }
            catch (JsonException e) { throw new InvalidDataException($"{Kind}: invalid dropped categories: {e.Message}"); }
            dropCategories = lists is [{ } l] && l.Length == indices.Length && l.Select((c, j) => (uint)c < (uint)indices[j].Count).All(ok => ok)
                ? l : throw new InvalidDataException($"{Kind}: the dropped categories do not match the categories.");
            dropValues = CategoricalTable.FromColumns([.. indices.Select((ix, j) => ix.Categories.Texts is { } t
                ? CategoricalColumn.Of([t[dropCategories[j]]]) : CategoricalColumn.Of([ix.Categories.Numbers![dropCategories[j]]]))]);
        }
        var options = new OneHotEncoder(null, drop, unknown, mf == "none" ? null : f.Number("min_frequency"), mc == "none" ? null : (int)f.Number("max_categories"), dropValues);
        return new OneHotEncoderModel<T>(options, indices, infrequent, dropCategories);
    }
}
