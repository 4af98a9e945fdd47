using System.Numerics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>What an encoder does with a category it did not see at fit time.</summary>
public enum UnknownCategoryHandling
{
    /// <summary>Throw an <see cref="ArgumentException"/> naming the value, column and row (scikit-learn's 'error').</summary>
    Error,
    /// <summary>One-hot: encode as an all-zero block (scikit-learn's 'ignore').</summary>
    Ignore,
    /// <summary>One-hot: encode as the column's infrequent category if it has one, else as an all-zero block.</summary>
    InfrequentIfExist,
}

/// <summary>Which one-hot column of each feature is dropped (to avoid a collinear design matrix).</summary>
public enum OneHotDrop
{
    /// <summary>Keep every column.</summary>
    None,
    /// <summary>Drop the first (transformed) category of every feature.</summary>
    First,
    /// <summary>Drop the first category of features that have exactly two (transformed) categories.</summary>
    IfBinary,
    /// <summary>Drop, per feature, the category given in <see cref="OneHotEncoder.DropValues"/> (scikit-learn's <c>drop=array</c>).</summary>
    Given,
}

/// <summary>
/// One-hot (dummy) encoding of categorical features, as scikit-learn 1.2's <c>OneHotEncoder(sparse_output=False)</c>:
/// feature j with categories c₀ … c_{K−1} becomes K columns, the one of the row's category set to 1.
/// </summary>
/// <remarks>
/// <para>
/// Input is numeric (a tensor: each distinct float is a category, NaN included) or a <see cref="CategoricalTable"/>
/// (text or numeric columns, e.g. from a CSV file). Learned categories are sorted per column (numbers ascending, NaN
/// last; text ordinal, null last).
/// </para>
/// <para>
/// Infrequent grouping (enabled by <see cref="MinFrequency"/> or <see cref="MaxCategories"/>): a category counted
/// fewer than MinFrequency times (or fewer than MinFrequency·n times when MinFrequency &lt; 1) is infrequent; then, if
/// more than MaxCategories output columns would remain, the categories with the smallest counts (stable order) are
/// added to the infrequent set until MaxCategories − 1 frequent ones remain. All infrequent categories of a feature share
/// one last output column named <c>infrequent_sklearn</c>. (As in scikit-learn 1.2, MaxCategories = 1 groups nothing.)
/// </para>
/// <para>
/// Memory: the output is dense, n·ΣK values (8 bytes each for double). A column with 10⁴ categories over 10⁶ rows costs
/// 80 GB; for high-cardinality features prefer <see cref="OrdinalEncoder"/> (one column per feature), infrequent
/// grouping, <see cref="TargetEncoder"/>, or hashing (<c>HashingVectorizer</c>).
/// </para>
/// </remarks>
/// <param name="Categories">Given categories per column (numeric lists sorted, NaN last), or null to learn them.</param>
/// <param name="Drop">None, First, IfBinary, or Given (with <paramref name="DropValues"/>).</param>
/// <param name="HandleUnknown">Error, Ignore or InfrequentIfExist.</param>
/// <param name="MinFrequency">Null (off), a count ≥ 1 (an integer), or a fraction of n in (0, 1).</param>
/// <param name="MaxCategories">Null (off) or the most output columns per feature, infrequent one included (≥ 1).</param>
/// <param name="DropValues">For <see cref="OneHotDrop.Given"/>: a one-row table whose column j holds the category of
/// feature j to drop (a text or numeric column matching the input; NaN / null name the missing category). It must be a
/// training category and not an infrequent one (scikit-learn raises the same errors).</param>
public sealed record OneHotEncoder(
    IReadOnlyList<CategoricalColumn>? Categories = null,
    OneHotDrop Drop = OneHotDrop.None,
    UnknownCategoryHandling HandleUnknown = UnknownCategoryHandling.Error,
    double? MinFrequency = null,
    int? MaxCategories = null,
    CategoricalTable? DropValues = null) : ITransformer
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = Validate(Drop, HandleUnknown, MinFrequency, MaxCategories, DropValues);

    private static EstimatorCapabilities Validate(OneHotDrop drop, UnknownCategoryHandling unknown, double? minFrequency, int? maxCategories, CategoricalTable? dropValues)
    {
        if (!Enum.IsDefined(drop)) throw new ArgumentOutOfRangeException(nameof(Drop), drop, "OneHotEncoder: Drop must be None, First, IfBinary or Given.");
        if ((drop == OneHotDrop.Given) != (dropValues is not null))
            throw new ArgumentException("OneHotEncoder: DropValues must be given exactly when Drop is Given.", nameof(DropValues));
        if (dropValues is not null && dropValues.RowCount != 1)
            throw new ArgumentException($"OneHotEncoder: DropValues must have one row (the category to drop per feature), got {dropValues.RowCount}.", nameof(DropValues));
        if (!Enum.IsDefined(unknown)) throw new ArgumentOutOfRangeException(nameof(HandleUnknown), unknown, "OneHotEncoder: HandleUnknown must be Error, Ignore or InfrequentIfExist.");
        if (minFrequency is double f && !(f > 0 && f < 1) && !(f >= 1 && f == Math.Floor(f) && double.IsFinite(f)))
            throw new ArgumentOutOfRangeException(nameof(MinFrequency), f, "OneHotEncoder: MinFrequency must be an integer count ≥ 1 or a fraction in (0, 1).");
        if (maxCategories is int m && m < 1) throw new ArgumentOutOfRangeException(nameof(MaxCategories), m, "OneHotEncoder: MaxCategories must be ≥ 1.");
        // HasInverseTransform: the conformance data are continuous floats, each a category of its own; the one-hot
        // code of a training row maps back to exactly that float.
        return new(EstimatorKind.Transformer, Supervised: false, HandlesMissingValues: true, HasInverseTransform: true);
    }

    /// <summary>Whether infrequent grouping is on (MinFrequency or MaxCategories set).</summary>
    public bool InfrequentEnabled => MinFrequency is not null || MaxCategories is not null;

    /// <summary>Learns the categories of every column of x: (n, d); NaN is a category.</summary>
    /// <exception cref="ArgumentException">x is not an (n, d) matrix, holds ±∞, or (HandleUnknown Error with given categories) holds a value outside them.</exception>
    public OneHotEncoderModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Fit<T>(CategoricalTable.FromTensor(x, nameof(OneHotEncoder)));

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);

    /// <summary>Learns the categories of every column of a (text or numeric) table; the model outputs T.</summary>
    /// <exception cref="ArgumentException">As for the tensor overload, or a given category list has the wrong kind.</exception>
    public OneHotEncoderModel<T> Fit<T>(CategoricalTable x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (indices, counts) = CategoryIndex.Fit(nameof(OneHotEncoder), x, Categories, HandleUnknown == UnknownCategoryHandling.Error);
        int d = indices.Length;
        var infrequent = new int[d][];
        for (int j = 0; j < d; j++) infrequent[j] = InfrequentEnabled ? Infrequent(counts[j], x.RowCount) : [];
        return new OneHotEncoderModel<T>(this, indices, infrequent, DropCategories(indices, infrequent));
    }

    /// <summary>For <see cref="OneHotDrop.Given"/>: the category index to drop per feature (validated), else null.</summary>
    private int[]? DropCategories(CategoryIndex[] indices, int[][] infrequent)
    {
        if (DropValues is null) return null;
        if (DropValues.ColumnCount != indices.Length)
            throw new ArgumentException($"OneHotEncoder: DropValues has {DropValues.ColumnCount} columns but x has {indices.Length}.", nameof(DropValues));
        var result = new int[indices.Length];
        for (int j = 0; j < result.Length; j++)
        {
            if (DropValues[j].IsText != indices[j].Categories.IsText)
                throw new ArgumentException($"OneHotEncoder: DropValues column {j} holds {(DropValues[j].IsText ? "text" : "numbers")} but feature {j} holds {(indices[j].Categories.IsText ? "text" : "numbers")}.", nameof(DropValues));
            int c = indices[j].IndexOf(DropValues[j], 0);
            if (c < 0) throw new ArgumentException($"OneHotEncoder: the category {DropValues[j].Name(0)} to drop from feature {j} was not found in the training data.", nameof(DropValues));
            if (Array.IndexOf(infrequent[j], c) >= 0)
                throw new ArgumentException($"OneHotEncoder: unable to drop category {DropValues[j].Name(0)} from feature {j} because it is infrequent.", nameof(DropValues));
            result[j] = c;
        }
        return result;
    }

    /// <summary>scikit-learn 1.2's <c>_identify_infrequent</c>: the indices of the infrequent categories (ascending).</summary>
    private int[] Infrequent(int[] counts, int n)
    {
        var mask = new bool[counts.Length];
        if (MinFrequency is double f)
        {
            double threshold = f >= 1 ? f : n * f;
            for (int k = 0; k < counts.Length; k++) mask[k] = counts[k] < threshold;
        }
        int current = counts.Length - mask.Count(b => b) + 1;
        if (MaxCategories is int m && m < current && m > 1)
        {
            // np.argsort(counts, kind="mergesort")[: -m + 1]: the K − m + 1 smallest counts, ties in index order.
            var order = Enumerable.Range(0, counts.Length).OrderBy(k => counts[k]).ToArray();   // OrderBy is stable
            for (int r = 0; r < counts.Length - m + 1; r++) mask[order[r]] = true;
        }
        return [.. Enumerable.Range(0, counts.Length).Where(k => mask[k])];
    }
}
