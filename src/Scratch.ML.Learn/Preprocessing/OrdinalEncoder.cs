using System.Numerics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>
/// Ordinal encoding of categorical features, as scikit-learn 1.2's <c>OrdinalEncoder</c>: each value becomes the index
/// 0 … K−1 of its category (one output column per feature), so memory stays n·d whatever the cardinality.
/// </summary>
/// <remarks>
/// Categories are learned sorted (numbers ascending, NaN last; text ordinal, null last) or given. NaN in a numeric
/// column is a category at fit time, but its code is replaced by <see cref="EncodedMissingValue"/> (NaN by default, as
/// scikit-learn); null in a text column keeps its own code (scikit-learn 1.2 does the same with None). Unknown categories at transform time throw (<see cref="UnknownAsValue"/> false) or are
/// encoded as <see cref="UnknownValue"/> (scikit-learn's <c>handle_unknown='use_encoded_value'</c>). The codes impose
/// an order that most models will read as meaningful; that is fine for trees, less so for linear models.
/// </remarks>
/// <param name="Categories">Given categories per column (numeric lists sorted, NaN last), or null to learn them.</param>
/// <param name="UnknownAsValue">Encode unknown categories as <paramref name="UnknownValue"/> instead of throwing.</param>
/// <param name="UnknownValue">The code of unknown categories (an integer or NaN; must not be a valid code 0 … K−1).</param>
/// <param name="EncodedMissingValue">The code of the missing category (an integer or NaN; must not be a code of another category).</param>
public sealed record OrdinalEncoder(
    IReadOnlyList<CategoricalColumn>? Categories = null,
    bool UnknownAsValue = false,
    double UnknownValue = double.NaN,
    double EncodedMissingValue = double.NaN) : ITransformer
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = Validate(UnknownValue, EncodedMissingValue);

    private static EstimatorCapabilities Validate(double unknown, double missing)
    {
        if (!(double.IsNaN(unknown) || (double.IsFinite(unknown) && unknown == Math.Floor(unknown))))
            throw new ArgumentOutOfRangeException(nameof(UnknownValue), unknown, "OrdinalEncoder: UnknownValue must be an integer or NaN.");
        if (!(double.IsNaN(missing) || (double.IsFinite(missing) && missing == Math.Floor(missing))))
            throw new ArgumentOutOfRangeException(nameof(EncodedMissingValue), missing, "OrdinalEncoder: EncodedMissingValue must be an integer or NaN.");
        return new(EstimatorKind.Transformer, Supervised: false, HandlesMissingValues: true, HasInverseTransform: true);
    }

    /// <summary>Learns the categories of x: (n, d); NaN is the missing category.</summary>
    /// <exception cref="ArgumentException">Bad shape, ±∞, an unknown value outside given categories, or UnknownValue / EncodedMissingValue collides with a code.</exception>
    public OrdinalEncoderModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Fit<T>(CategoricalTable.FromTensor(x, nameof(OrdinalEncoder)));

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);

    /// <summary>Learns the categories of a (text or numeric) table.</summary>
    /// <exception cref="ArgumentException">As for the tensor overload.</exception>
    public OrdinalEncoderModel<T> Fit<T>(CategoricalTable x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (indices, _) = CategoryIndex.Fit(nameof(OrdinalEncoder), x, Categories, unknownIsError: true);
        for (int j = 0; j < indices.Length; j++)
        {
            int k = indices[j].Count, missing = MissingIndex(indices[j]);
            if (UnknownAsValue && !double.IsNaN(UnknownValue) && UnknownValue >= 0 && UnknownValue < k)
                throw new ArgumentException($"OrdinalEncoder: UnknownValue {UnknownValue} is already the code of a category of column {j} (codes 0 … {k - 1}).", nameof(x));
            if (missing >= 0 && !double.IsNaN(EncodedMissingValue) && EncodedMissingValue >= 0 && EncodedMissingValue < k)
                throw new ArgumentException($"OrdinalEncoder: EncodedMissingValue {EncodedMissingValue} is already the code of a category of column {j}.", nameof(x));
        }
        return new OrdinalEncoderModel<T>(this, indices);
    }

    /// <summary>
    /// The index of the NaN category of a numeric column, or −1. Null in a text column is an ordinary category with its
    /// own code, as scikit-learn 1.2 treats None (only <c>np.nan</c> gets <c>encoded_missing_value</c>).
    /// </summary>
    internal static int MissingIndex(CategoryIndex index)
    {
        var c = index.Categories;
        if (c.IsText) return -1;
        for (int k = 0; k < c.Count; k++)
            if (double.IsNaN(c.Numbers![k])) return k;
        return -1;
    }
}

/// <summary>A fitted <see cref="OrdinalEncoder"/>.</summary>
/// <typeparam name="T">The output element type (float or double).</typeparam>
public sealed class OrdinalEncoderModel<T> : IInvertibleTransformModel<T>, ILoadableModel<OrdinalEncoderModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "OrdinalEncoder";
    private readonly CategoryIndex[] indices;
    private readonly int[] missing;

    internal OrdinalEncoderModel(OrdinalEncoder options, CategoryIndex[] indices)
    {
        Options = options;
        this.indices = indices;
        missing = Array.ConvertAll(indices, OrdinalEncoder.MissingIndex);
    }

    /// <summary>The options it was fitted with.</summary>
    public OrdinalEncoder Options { get; }

    /// <summary>The categories of each feature (scikit-learn's <c>categories_</c>).</summary>
    public IReadOnlyList<CategoricalColumn> Categories => [.. indices.Select(i => i.Categories)];

    /// <inheritdoc />
    public int FeatureCount => indices.Length;

    /// <summary>Codes of x: (n, d) → (n, d).</summary>
    /// <exception cref="ArgumentException">Wrong feature count, ±∞, or an unknown category without <see cref="OrdinalEncoder.UnknownAsValue"/>.</exception>
    public Tensor<T> Transform(Tensor<T> x) => Transform(CategoricalTable.FromTensor(x, nameof(OrdinalEncoderModel<T>)));

    /// <summary>Codes of a table: (n, d).</summary>
    /// <exception cref="ArgumentException">Wrong columns, or an unknown category without <see cref="OrdinalEncoder.UnknownAsValue"/>.</exception>
    public Tensor<T> Transform(CategoricalTable x)
    {
        CategoryIndex.CheckColumns(nameof(OrdinalEncoderModel<T>), x, indices);
        int n = x.RowCount, d = indices.Length;
        var z = new T[n * d];
        for (int j = 0; j < d; j++)
        {
            if (!Options.UnknownAsValue) CategoryIndex.RequireKnown(nameof(OrdinalEncoderModel<T>), x, j, indices[j], "transform");
            for (int i = 0; i < n; i++)
            {
                int c = indices[j].IndexOf(x[j], i);
                double v = c < 0 ? Options.UnknownValue : c == missing[j] ? Options.EncodedMissingValue : c;
                z[i * d + j] = T.CreateTruncating(v);
            }
        }
        return Tensor.FromArray(z, n, d);
    }

    /// <summary>
    /// Categories of codes x: (n, d). <see cref="OrdinalEncoder.EncodedMissingValue"/> decodes to the missing category,
    /// <see cref="OrdinalEncoder.UnknownValue"/> (with UnknownAsValue) to null / NaN (scikit-learn's None).
    /// </summary>
    /// <exception cref="ArgumentException">Wrong shape, or a code that is none of these.</exception>
    public CategoricalTable InverseTransformTable(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(OrdinalEncoderModel<T>), x, FeatureCount, allowNaN: true);
        int n = xs.Shape[0], d = FeatureCount;
        var s = xs.AsSpan();
        var columns = new CategoricalColumn[d];
        for (int j = 0; j < d; j++)
        {
            var codes = new int[n];
            for (int i = 0; i < n; i++)
            {
                double v = double.CreateTruncating(s[i * d + j]);
                if (missing[j] >= 0 && Same(v, Options.EncodedMissingValue)) codes[i] = missing[j];
                else if (Options.UnknownAsValue && Same(v, Options.UnknownValue)) codes[i] = -1;
                else if (v >= 0 && v < indices[j].Count && v == Math.Floor(v)) codes[i] = (int)v;
                else throw new ArgumentException($"{nameof(OrdinalEncoderModel<T>)}: x[{i}, {j}] = {v} is not a code of column {j} (0 … {indices[j].Count - 1}).", nameof(x));
            }
            var cats = indices[j].Categories;
            columns[j] = cats.Texts is { } t
                ? CategoricalColumn.Of(Array.ConvertAll(codes, c => c < 0 ? null : t[c]))
                : CategoricalColumn.Of(Array.ConvertAll(codes, c => c < 0 ? double.NaN : cats.Numbers![c]));
        }
        return CategoricalTable.FromColumns(columns);
    }

    /// <summary>As <see cref="InverseTransformTable"/> for a numeric model: (n, d), unknown decodes to NaN.</summary>
    /// <exception cref="InvalidOperationException">The model was fitted on text.</exception>
    public Tensor<T> InverseTransform(Tensor<T> x)
    {
        if (indices.Any(i => i.Categories.IsText)) throw new InvalidOperationException($"{nameof(OrdinalEncoderModel<T>)}: the model was fitted on text columns; use InverseTransformTable.");
        return InverseTransformTable(x).ToTensor<T>();
    }

    private static bool Same(double a, double b) => a == b || (double.IsNaN(a) && double.IsNaN(b));

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["missing_index"] = PreprocessingMath.ToTensor<T>(Array.ConvertAll(missing, m => (double)m)) },
        new Dictionary<string, string>
        {
            ["categories"] = CategoryIndex.ToMetadata(indices),
            ["unknown_as_value"] = PreprocessingMath.Format(Options.UnknownAsValue),
            ["unknown_value"] = PreprocessingMath.Format(Options.UnknownValue),
            ["encoded_missing_value"] = PreprocessingMath.Format(Options.EncodedMissingValue),
        });

    /// <inheritdoc />
    public static OrdinalEncoderModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var options = new OrdinalEncoder(null, f.Flag("unknown_as_value"), f.Number("unknown_value"), f.Number("encoded_missing_value"));
        return new OrdinalEncoderModel<T>(options, CategoryIndex.FromMetadata(Kind, f.Option("categories")));
    }
}
