using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Datasets;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>
/// One column of categorical data: either numbers (float64; NaN is a category of its own, like <c>np.nan</c> in
/// scikit-learn) or text (<c>null</c> is a category of its own, like <c>None</c>). Also used to hold the categories
/// an encoder learned for a column.
/// </summary>
public sealed class CategoricalColumn
{
    private CategoricalColumn(double[]? numbers, string?[]? texts)
    {
        Numbers = numbers;
        Texts = texts;
    }

    /// <summary>The values of a numeric column, or null for a text column.</summary>
    public IReadOnlyList<double>? Numbers { get; }

    /// <summary>The values of a text column (entries may be null = missing), or null for a numeric column.</summary>
    public IReadOnlyList<string?>? Texts { get; }

    /// <summary>Whether the column holds text.</summary>
    public bool IsText => Texts is not null;

    /// <summary>The number of values.</summary>
    public int Count => Numbers?.Count ?? Texts!.Count;

    /// <summary>A numeric column (copied). NaN is allowed (a category); ±∞ is rejected.</summary>
    /// <exception cref="ArgumentException">A value is infinite.</exception>
    public static CategoricalColumn Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var a = values.ToArray();
        for (int i = 0; i < a.Length; i++)
            if (double.IsInfinity(a[i])) throw new ArgumentException($"CategoricalColumn: value {i} is {a[i]}; infinite categories are not supported.", nameof(values));
        return new(a, null);
    }

    /// <summary>A text column (copied); null entries are the missing category.</summary>
    public static CategoricalColumn Of(IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(null, values.ToArray());
    }

    /// <summary>Value <paramref name="i"/> as scikit-learn prints it in feature names (<c>str()</c> in Python).</summary>
    public string Name(int i) => Texts is not null ? Texts[i] ?? "None" : PythonFloat(Numbers![i]);

    /// <summary>Python's <c>str(float)</c>: <c>1.0</c>, <c>0.5</c>, <c>1e-05</c>, <c>nan</c>.</summary>
    internal static string PythonFloat(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (v == Math.Floor(v) && Math.Abs(v) < 1e16) return v.ToString("F0", CultureInfo.InvariantCulture) + ".0";
        string s = v.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        int e = s.IndexOf('e');
        if (e >= 0 && s[e + 1] != '-' && s[e + 1] != '+') s = s.Insert(e + 1, "+");
        if (e >= 0 && s.Length - e - 2 == 1) s = s.Insert(e + 2, "0");   // Python pads the exponent to two digits
        return s;
    }
}

/// <summary>
/// Categorical input for the encoders: columns that are each numeric or text, all of the same length. Build one from
/// a tensor (<see cref="FromTensor{T}"/>), a string matrix (<see cref="FromStrings"/>), a <see cref="CsvTable"/>
/// (<see cref="FromCsv"/>: categorical CSV columns become text columns with their category names, numeric ones stay
/// numeric), or mixed columns (<see cref="FromColumns"/>).
/// </summary>
public sealed class CategoricalTable
{
    private readonly CategoricalColumn[] columns;

    private CategoricalTable(CategoricalColumn[] columns, int rows)
    {
        this.columns = columns;
        RowCount = rows;
    }

    /// <summary>The number of rows n.</summary>
    public int RowCount { get; }

    /// <summary>The number of columns d.</summary>
    public int ColumnCount => columns.Length;

    /// <summary>The columns.</summary>
    public IReadOnlyList<CategoricalColumn> Columns => columns;

    /// <summary>Column <paramref name="j"/>.</summary>
    public CategoricalColumn this[int j] => columns[j];

    /// <summary>A table from columns of equal length (at least one column and one row).</summary>
    /// <exception cref="ArgumentException">No columns, no rows, or columns of different lengths.</exception>
    public static CategoricalTable FromColumns(params IReadOnlyList<CategoricalColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("CategoricalTable: at least one column is needed.", nameof(columns));
        int n = columns[0]?.Count ?? throw new ArgumentNullException(nameof(columns), "CategoricalTable: column 0 is null.");
        if (n == 0) throw new ArgumentException("CategoricalTable: at least one row is needed.", nameof(columns));
        for (int j = 0; j < columns.Count; j++)
            if ((columns[j] ?? throw new ArgumentNullException(nameof(columns), $"CategoricalTable: column {j} is null.")).Count != n)
                throw new ArgumentException($"CategoricalTable: column {j} has {columns[j].Count} values but column 0 has {n}.", nameof(columns));
        return new([.. columns], n);
    }

    /// <summary>A numeric table from x: (n, d); NaN is allowed (a category), ±∞ is rejected.</summary>
    /// <exception cref="ArgumentException">x is not an (n, d) matrix or holds ±∞.</exception>
    public static CategoricalTable FromTensor<T>(Tensor<T> x, string caller = nameof(CategoricalTable)) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(caller, x, allowNaN: true);
        int n = xs.Shape[0], d = xs.Shape[1];
        var s = xs.AsSpan();
        var cols = new CategoricalColumn[d];
        for (int j = 0; j < d; j++) cols[j] = CategoricalColumn.Of(PreprocessingMath.Column<T>(s, n, d, j));
        return new(cols, n);
    }

    /// <summary>A text table from an (n, d) string matrix; null entries are the missing category.</summary>
    /// <exception cref="ArgumentException">The matrix is empty.</exception>
    public static CategoricalTable FromStrings(string?[,] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.GetLength(0), d = x.GetLength(1);
        if (n == 0 || d == 0) throw new ArgumentException($"CategoricalTable: x must have at least one row and one column, got ({n}, {d}).", nameof(x));
        var cols = new CategoricalColumn[d];
        for (int j = 0; j < d; j++)
        {
            var c = new string?[n];
            for (int i = 0; i < n; i++) c[i] = x[i, j];
            cols[j] = CategoricalColumn.Of(c);
        }
        return new(cols, n);
    }

    /// <summary>
    /// The table of a parsed CSV file: a categorical column becomes a text column holding the category names (null
    /// where the field was missing), a numeric column stays numeric (NaN where missing).
    /// </summary>
    public static CategoricalTable FromCsv(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var cols = new CategoricalColumn[table.ColumnCount];
        for (int j = 0; j < cols.Length; j++)
        {
            var v = table.Column(j);
            if (table.Kinds[j] == CsvColumnKind.Numeric) { cols[j] = CategoricalColumn.Of(v); continue; }
            var names = table.Categories[j]!;
            cols[j] = CategoricalColumn.Of(Array.ConvertAll(v, c => double.IsNaN(c) ? null : names[(int)c]));
        }
        return FromColumns(cols);
    }

    /// <summary>The numeric table as an (n, d) tensor.</summary>
    /// <exception cref="InvalidOperationException">A column holds text.</exception>
    public Tensor<T> ToTensor<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = RowCount, d = ColumnCount;
        var a = new T[n * d];
        for (int j = 0; j < d; j++)
        {
            var c = columns[j].Numbers ?? throw new InvalidOperationException($"CategoricalTable: column {j} holds text, so the table is not numeric.");
            for (int i = 0; i < n; i++) a[i * d + j] = T.CreateTruncating(c[i]);
        }
        return Tensor.FromArray(a, n, d);
    }
}
