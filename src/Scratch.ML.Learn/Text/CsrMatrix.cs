namespace Scratch.ML.Learn.Text;

/// <summary>
/// A compressed-sparse-row matrix of doubles (scipy's <c>csr_matrix</c> layout), the sparse output of the text
/// vectorizers. Row i's stored entries are <c>ColumnIndices[RowPointers[i]..RowPointers[i + 1]]</c> with the matching
/// <c>Values</c>; columns are strictly increasing within a row, and every other entry is zero. Shapes: RowPointers
/// (RowCount + 1), ColumnIndices and Values (NonZeroCount). Memory is 4·(RowCount + 1) + 12·NonZeroCount bytes, against
/// 8·RowCount·ColumnCount for the dense matrix. Immutable: the public constructor copies and validates its arrays.
/// </summary>
public sealed class CsrMatrix
{
    private readonly int[] rowPointers;
    private readonly int[] columnIndices;
    private readonly double[] values;

    /// <summary>Copies and validates a CSR matrix of shape (<paramref name="rowCount"/>, <paramref name="columnCount"/>).</summary>
    /// <param name="rowCount">Number of rows, ≥ 0.</param>
    /// <param name="columnCount">Number of columns, ≥ 0.</param>
    /// <param name="rowPointers">(rowCount + 1) offsets: starts at 0, non-decreasing, ends at the number of entries.</param>
    /// <param name="columnIndices">(nnz) column of each entry, in [0, columnCount), strictly increasing within a row.</param>
    /// <param name="values">(nnz) value of each entry (explicit zeros are allowed and stored).</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative row or column count.</exception>
    /// <exception cref="ArgumentException">Arrays of the wrong length, bad row pointers, or a column out of range or
    /// not strictly increasing within its row.</exception>
    public CsrMatrix(int rowCount, int columnCount, ReadOnlySpan<int> rowPointers, ReadOnlySpan<int> columnIndices, ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfNegative(columnCount);
        if (rowPointers.Length != rowCount + 1)
            throw new ArgumentException($"Expected {rowCount + 1} row pointers (rowCount + 1), got {rowPointers.Length}.", nameof(rowPointers));
        if (values.Length != columnIndices.Length)
            throw new ArgumentException($"Expected as many values as column indices ({columnIndices.Length}), got {values.Length}.", nameof(values));
        if (rowPointers[0] != 0) throw new ArgumentException($"The first row pointer must be 0, got {rowPointers[0]}.", nameof(rowPointers));
        if (rowPointers[rowCount] != columnIndices.Length)
            throw new ArgumentException($"The last row pointer must be the number of entries ({columnIndices.Length}), got {rowPointers[rowCount]}.", nameof(rowPointers));
        for (int i = 0; i < rowCount; i++)
            if (rowPointers[i + 1] < rowPointers[i])
                throw new ArgumentException($"Row pointers must not decrease: row {i} goes from {rowPointers[i]} to {rowPointers[i + 1]}.", nameof(rowPointers));
        for (int i = 0; i < rowCount; i++)
        {
            int start = rowPointers[i], end = rowPointers[i + 1];
            for (int k = start; k < end; k++)
            {
                int c = columnIndices[k];
                if ((uint)c >= (uint)columnCount)
                    throw new ArgumentException($"Entry {k} (row {i}) has column {c}, expected one in [0, {columnCount}).", nameof(columnIndices));
                if (k > start && c <= columnIndices[k - 1])
                    throw new ArgumentException($"Columns must be strictly increasing within a row: row {i} has {columnIndices[k - 1]} then {c}.", nameof(columnIndices));
            }
        }
        RowCount = rowCount;
        ColumnCount = columnCount;
        this.rowPointers = rowPointers.ToArray();
        this.columnIndices = columnIndices.ToArray();
        this.values = values.ToArray();
    }

    /// <summary>Takes ownership of arrays already known to be valid (built by the vectorizers).</summary>
    internal CsrMatrix(int rowCount, int columnCount, int[] rowPointers, int[] columnIndices, double[] values, bool trusted)
    {
        _ = trusted;
        RowCount = rowCount;
        ColumnCount = columnCount;
        this.rowPointers = rowPointers;
        this.columnIndices = columnIndices;
        this.values = values;
    }

    /// <summary>Number of rows (documents).</summary>
    public int RowCount { get; }

    /// <summary>Number of columns (terms or hash buckets).</summary>
    public int ColumnCount { get; }

    /// <summary>Number of stored entries (scipy's <c>nnz</c>; explicit zeros count).</summary>
    public int NonZeroCount => columnIndices.Length;

    /// <summary>Row offsets, (RowCount + 1).</summary>
    public ReadOnlySpan<int> RowPointers => rowPointers;

    /// <summary>Column of each stored entry, (NonZeroCount), strictly increasing within each row.</summary>
    public ReadOnlySpan<int> ColumnIndices => columnIndices;

    /// <summary>Value of each stored entry, (NonZeroCount).</summary>
    public ReadOnlySpan<double> Values => values;

    /// <summary>Bytes held by the three arrays: 4·(RowCount + 1) + 12·NonZeroCount.</summary>
    public long MemoryBytes => 4L * rowPointers.Length + 12L * columnIndices.Length;

    /// <summary>Bytes the dense (RowCount, ColumnCount) double matrix would take: 8·RowCount·ColumnCount.</summary>
    public long DenseMemoryBytes => 8L * RowCount * ColumnCount;

    /// <summary>The stored columns of row <paramref name="row"/>, increasing.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Row outside [0, RowCount).</exception>
    public ReadOnlySpan<int> RowColumns(int row) => columnIndices.AsSpan(Start(row), Length(row));

    /// <summary>The stored values of row <paramref name="row"/>, matching <see cref="RowColumns"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Row outside [0, RowCount).</exception>
    public ReadOnlySpan<double> RowValues(int row) => values.AsSpan(Start(row), Length(row));

    /// <summary>Entry (row, column): the stored value, or 0 when none is stored (binary search in the row).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Row or column out of range.</exception>
    public double this[int row, int column]
    {
        get
        {
            if ((uint)column >= (uint)ColumnCount)
                throw new ArgumentOutOfRangeException(nameof(column), column, $"Expected a column in [0, {ColumnCount}).");
            int k = RowColumns(row).BinarySearch(column);
            return k >= 0 ? values[rowPointers[row] + k] : 0;
        }
    }

    /// <summary>The dense (RowCount, ColumnCount) tensor, zeros where nothing is stored.</summary>
    /// <exception cref="OverflowException">More than int.MaxValue entries.</exception>
    public Tensor<double> ToDense()
    {
        var x = new double[checked(RowCount * ColumnCount)];
        for (int i = 0; i < RowCount; i++)
        {
            var row = x.AsSpan(i * ColumnCount, ColumnCount);
            for (int k = rowPointers[i]; k < rowPointers[i + 1]; k++) row[columnIndices[k]] = values[k];
        }
        return Tensor.FromArray(x, RowCount, ColumnCount);
    }

    internal double[] ValueArray => values;

    internal int[] ColumnArray => columnIndices;

    internal int[] PointerArray => rowPointers;

    private int Start(int row)
    {
        if ((uint)row >= (uint)RowCount) throw new ArgumentOutOfRangeException(nameof(row), row, $"Expected a row in [0, {RowCount}).");
        return rowPointers[row];
    }

    private int Length(int row) => rowPointers[row + 1] - rowPointers[row];
}
