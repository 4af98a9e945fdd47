namespace Scratch.ML.Learn.Datasets;

/// <summary>How a CSV column is read: as numbers, or as categories coded 0 … k − 1.</summary>
public enum CsvColumnKind
{
    /// <summary>Every non-missing field parses as an invariant-culture floating-point number.</summary>
    Numeric,

    /// <summary>The fields are category names; each is replaced by its index in the column's sorted category list.</summary>
    Categorical,
}

/// <summary>
/// Options of <see cref="CsvLoader"/>. The defaults read a comma-separated file with a header row, treating the empty
/// field, <c>NA</c> and <c>?</c> as missing.
/// </summary>
public sealed record CsvOptions
{
    /// <summary>The field separator (default <c>','</c>). Must not be <c>'"'</c>, <c>'\r'</c> or <c>'\n'</c>.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Whether the first record holds the column names (default true); otherwise columns are named <c>c0, c1, …</c>.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>
    /// Field values (compared exactly, ordinal, after removing quotes) that mean "missing": they become NaN in numeric
    /// columns and code −1 / NaN in categorical ones. Default: <c>""</c>, <c>"NA"</c>, <c>"?"</c>.
    /// </summary>
    public IReadOnlyList<string> MissingMarkers { get; init; } = ["", "NA", "?"];

    /// <summary>
    /// Column kinds forced by column name, overriding auto-typing (a column is auto-typed numeric when every
    /// non-missing field parses as a number, categorical otherwise). Forcing <see cref="CsvColumnKind.Numeric"/> on a
    /// column with a non-number makes loading fail with a <see cref="CsvFormatException"/> naming the field.
    /// </summary>
    public IReadOnlyDictionary<string, CsvColumnKind>? ColumnKinds { get; init; }
}

/// <summary>
/// A parsed CSV file: a numeric matrix with one column per CSV column, the column names, each column's kind and,
/// for categorical columns, the category list.
/// </summary>
/// <param name="Data">Shape (rows, columns). Numeric columns hold the parsed values; categorical columns hold the
/// category code (index into <see cref="Categories"/>) as a double; missing fields are NaN in both.</param>
/// <param name="ColumnNames">Column names from the header row (or <c>c0, c1, …</c> without one).</param>
/// <param name="Kinds">Each column's kind.</param>
/// <param name="Categories">For a categorical column its categories in ordinal (<see cref="string.CompareOrdinal(string, string)"/>)
/// sorted order, so code i means <c>Categories[column][i]</c>; null for numeric columns.</param>
public sealed record CsvTable(
    Tensor<double> Data,
    IReadOnlyList<string> ColumnNames,
    IReadOnlyList<CsvColumnKind> Kinds,
    IReadOnlyList<IReadOnlyList<string>?> Categories)
{
    /// <summary>The number of data rows (records after the header).</summary>
    public int RowCount => Data.Shape[0];

    /// <summary>The number of columns.</summary>
    public int ColumnCount => Data.Shape[1];

    /// <summary>The index of the column named <paramref name="name"/> (ordinal comparison).</summary>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    public int ColumnIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (int j = 0; j < ColumnNames.Count; j++)
            if (string.Equals(ColumnNames[j], name, StringComparison.Ordinal)) return j;
        throw new KeyNotFoundException($"CsvTable: no column named '{name}'; columns are {string.Join(", ", ColumnNames)}.");
    }

    /// <summary>The values of column <paramref name="column"/> (length <see cref="RowCount"/>, NaN where missing).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside [0, <see cref="ColumnCount"/>).</exception>
    public double[] Column(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, ColumnCount);
        var result = new double[RowCount];
        for (int i = 0; i < result.Length; i++) result[i] = Data[i, column];
        return result;
    }

    /// <summary>The integer codes of categorical column <paramref name="column"/>: 0 … k − 1, and −1 where the field was missing.</summary>
    /// <exception cref="ArgumentException">The column is numeric.</exception>
    public int[] Codes(int column)
    {
        double[] values = Column(column);
        if (Kinds[column] != CsvColumnKind.Categorical)
            throw new ArgumentException($"CsvTable: column {column} ('{ColumnNames[column]}') is numeric, not categorical.", nameof(column));
        var codes = new int[values.Length];
        for (int i = 0; i < codes.Length; i++) codes[i] = double.IsNaN(values[i]) ? -1 : (int)values[i];
        return codes;
    }
}

/// <summary>
/// A malformed CSV input. <see cref="Line"/> is the 1-based physical line on which the offending record (or field)
/// starts and <see cref="Column"/> the 1-based field number (0 when the error concerns the whole record).
/// </summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception; the message is prefixed with the line and column.</summary>
    public CsvFormatException(string message, int line, int column)
        : base(column > 0 ? $"CSV line {line}, column {column}: {message}" : $"CSV line {line}: {message}")
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based line number.</summary>
    public int Line { get; }

    /// <summary>The 1-based field number, or 0 for a whole-record error.</summary>
    public int Column { get; }
}
