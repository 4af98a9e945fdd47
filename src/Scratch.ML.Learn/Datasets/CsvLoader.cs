using System.Globalization;
using System.Text;

namespace Scratch.ML.Learn.Datasets;

/// <summary>
/// Reads delimited text (RFC 4180 CSV) into a <see cref="CsvTable"/>. The parser is written here rather than taken
/// from a package: it adds no dependency, is trim- and AOT-safe (no reflection), and is small (see
/// <c>docs/datasets.md</c>).
/// </summary>
/// <remarks>
/// <para>Rules: records end at LF or CRLF; fields are separated by <see cref="CsvOptions.Delimiter"/>; a field that
/// starts with <c>"</c> is quoted and may contain delimiters, line breaks and doubled quotes <c>""</c> (one literal
/// quote); after the closing quote only a delimiter or the end of the record may follow. A quote inside an unquoted
/// field is an error. Every record must have as many fields as the first one. A final line break, and empty lines at
/// the end of the input, are ignored.</para>
/// <para>Numbers are parsed with <see cref="CultureInfo.InvariantCulture"/> and <see cref="NumberStyles.Float"/>
/// (so <c>1.5</c>, <c>-2e-3</c>, <c>NaN</c>, <c>Infinity</c>; never <c>1,5</c>). Fields equal to a missing marker
/// become NaN. Errors are <see cref="CsvFormatException"/>s naming the line and column.</para>
/// </remarks>
public static class CsvLoader
{
    /// <summary>Parses CSV text.</summary>
    /// <param name="text">The whole file content.</param>
    /// <param name="options">Options; null means the defaults.</param>
    /// <returns>The table (rows = records after the header).</returns>
    /// <exception cref="CsvFormatException">Malformed quoting, ragged rows, duplicate column names, no header, or a
    /// non-number in a column forced numeric.</exception>
    public static CsvTable Parse(string text, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Read(new StringReader(text), options);
    }

    /// <summary>Reads a CSV file (UTF-8, BOM allowed).</summary>
    /// <exception cref="CsvFormatException">See <see cref="Parse"/>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static CsvTable Load(string path, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, options);
    }

    /// <summary>Reads CSV from a text reader to its end.</summary>
    /// <exception cref="CsvFormatException">See <see cref="Parse"/>.</exception>
    public static CsvTable Read(TextReader reader, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new CsvOptions();
        char d = options.Delimiter;
        if (d is '"' or '\r' or '\n')
            throw new ArgumentException($"CsvLoader: the delimiter must not be a quote or line break (got U+{(int)d:X4}).", nameof(options));
        ArgumentNullException.ThrowIfNull(options.MissingMarkers, nameof(options.MissingMarkers));

        var records = ReadRecords(reader, d);
        string[] names;
        int first = 0;
        if (options.HasHeader)
        {
            if (records.Count == 0) throw new CsvFormatException("the input is empty but a header row was expected.", 1, 0);
            names = records[0].Fields;
            first = 1;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int j = 0; j < names.Length; j++)
                if (!seen.Add(names[j]))
                    throw new CsvFormatException($"duplicate column name '{names[j]}'.", records[0].Line, j + 1);
        }
        else
        {
            int width = records.Count == 0 ? 0 : records[0].Fields.Length;
            names = new string[width];
            for (int j = 0; j < width; j++) names[j] = "c" + j.ToString(CultureInfo.InvariantCulture);
        }
        if (options.ColumnKinds is { } forced)
            foreach (var key in forced.Keys)
                if (Array.IndexOf(names, key) < 0)
                    throw new ArgumentException($"CsvLoader: ColumnKinds names column '{key}', which is not in the header ({string.Join(", ", names)}).", nameof(options));

        int rows = records.Count - first, cols = names.Length;
        var missing = new HashSet<string>(options.MissingMarkers, StringComparer.Ordinal);
        var data = new double[rows * cols];
        var kinds = new CsvColumnKind[cols];
        var categories = new IReadOnlyList<string>?[cols];
        for (int j = 0; j < cols; j++)
        {
            CsvColumnKind? kind = options.ColumnKinds is { } k && k.TryGetValue(names[j], out var f) ? f : null;
            bool allNumeric = true;
            for (int i = 0; i < rows; i++)
            {
                string field = records[first + i].Fields[j];
                if (missing.Contains(field)) { data[i * cols + j] = double.NaN; continue; }
                if (TryParseNumber(field, out double v)) { data[i * cols + j] = v; continue; }
                if (kind == CsvColumnKind.Numeric)
                    throw new CsvFormatException($"'{field}' in column '{names[j]}' is not a number (the column is forced numeric).", records[first + i].Line, j + 1);
                allNumeric = false;
            }
            kinds[j] = kind ?? (allNumeric ? CsvColumnKind.Numeric : CsvColumnKind.Categorical);
            if (kinds[j] == CsvColumnKind.Categorical) categories[j] = Encode(records, first, rows, cols, j, missing, data);
        }
        return new CsvTable(Tensor.FromArray(data, rows, cols), names, kinds, categories);
    }

    /// <summary>Replaces column j's values by codes into its sorted distinct non-missing fields.</summary>
    private static string[] Encode(List<CsvRecord> records, int first, int rows, int cols, int j, HashSet<string> missing, double[] data)
    {
        var distinct = new SortedSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < rows; i++)
        {
            string field = records[first + i].Fields[j];
            if (!missing.Contains(field)) distinct.Add(field);
        }
        string[] list = [.. distinct];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < list.Length; c++) index[list[c]] = c;
        for (int i = 0; i < rows; i++)
        {
            string field = records[first + i].Fields[j];
            data[i * cols + j] = missing.Contains(field) ? double.NaN : index[field];
        }
        return list;
    }

    private static bool TryParseNumber(string field, out double value) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>One record: its fields and the 1-based line on which it starts.</summary>
    internal readonly record struct CsvRecord(string[] Fields, int Line);

    /// <summary>
    /// Splits the input into records of fields by the RFC 4180 rules in the class remarks. Every record must have
    /// the first record's field count.
    /// </summary>
    internal static List<CsvRecord> ReadRecords(TextReader reader, char delimiter)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1, width = -1;
        bool quoted = false, afterQuote = false, fieldStarted = false;
        int pendingEmptyLines = 0;

        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            if (fields.Count == 1 && fields[0].Length == 0 && !fieldStarted)
            {
                pendingEmptyLines++; // an empty line: allowed only at the end of the input
            }
            else
            {
                if (pendingEmptyLines > 0)
                    throw new CsvFormatException("empty line inside the data.", recordLine - pendingEmptyLines, 0);
                if (width < 0) width = fields.Count;
                else if (fields.Count != width)
                    throw new CsvFormatException($"expected {width} fields but found {fields.Count}.", recordLine, 0);
                records.Add(new CsvRecord([.. fields], recordLine));
            }
            fields.Clear();
            fieldStarted = false;
            afterQuote = false;
        }

        int c;
        while ((c = reader.Read()) >= 0)
        {
            char ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else { quoted = false; afterQuote = true; }
                }
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }
                continue;
            }
            if (ch == '\r' && reader.Peek() == '\n') continue; // CRLF: handled at the LF
            if (ch == '\n')
            {
                EndRecord();
                line++;
                recordLine = line;
                continue;
            }
            if (ch == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = true;
                afterQuote = false;
                continue;
            }
            if (afterQuote)
                throw new CsvFormatException($"unexpected character '{ch}' after a closing quote (expected the delimiter or a line break).", line, fields.Count + 1);
            if (ch == '"')
            {
                if (field.Length > 0)
                    throw new CsvFormatException("a quote inside an unquoted field (quote the whole field and double the quote).", line, fields.Count + 1);
                quoted = true;
                fieldStarted = true;
                continue;
            }
            field.Append(ch);
            fieldStarted = true;
        }
        if (quoted) throw new CsvFormatException("the input ends inside a quoted field.", recordLine, fields.Count + 1);
        if (fieldStarted || field.Length > 0 || fields.Count > 0) EndRecord();
        return records;
    }
}
