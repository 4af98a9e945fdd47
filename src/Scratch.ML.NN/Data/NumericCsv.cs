using System.Globalization;

namespace Scratch.ML.NN.Data;

/// <summary>
/// A small reader for numeric CSV files: one header row of column names, then rows of invariant-culture numbers
/// separated by commas (no quoting). Every row is validated: column count, parse, finiteness.
/// </summary>
public static class NumericCsv
{
    /// <summary>Reads the file into column names and a (rows, columns) float64 tensor.</summary>
    /// <exception cref="FormatException">A row has the wrong number of fields or a field is not a finite number; the
    /// message gives the line number, column name and text.</exception>
    public static (string[] Columns, Tensor<double> Values) Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path);
        return Load(reader, path);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="FormatException">The header is missing, or a row is malformed (see <see cref="Load(string)"/>).</exception>
    public static (string[] Columns, Tensor<double> Values) Load(TextReader reader, string source = "CSV")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine() ?? throw new FormatException($"{source}: empty file, expected a header row.");
        var columns = header.Split(',').Select(c => c.Trim()).ToArray();
        if (columns.Any(c => c.Length == 0)) throw new FormatException($"{source}: line 1: the header has an empty column name.");
        var values = new List<double>();
        int rows = 0, lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != columns.Length)
                throw new FormatException($"{source}: line {lineNo} has {fields.Length} fields, expected {columns.Length}.");
            for (int j = 0; j < fields.Length; j++)
            {
                if (!double.TryParse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                    throw new FormatException($"{source}: line {lineNo}, column \"{columns[j]}\": \"{fields[j]}\" is not a finite number.");
                values.Add(v);
            }
            rows++;
        }
        return (columns, Tensor.FromArray(values.ToArray(), rows, columns.Length));
    }
}
