namespace Scratch.ML.Learn.Text;

/// <summary>
/// Reusable per-thread scratch holding the terms of one document, as spans into a lower-cased copy (the fast path) or
/// as strings from <see cref="CountVectorizer.Analyze"/> (the general path).
/// </summary>
internal sealed class TermScratch
{
    private char[] text = new char[256];
    private int[] starts = new int[64];
    private int[] lengths = new int[64];
    private IReadOnlyList<string>? strings;

    /// <summary>Number of terms of the last document.</summary>
    public int Count { get; private set; }

    /// <summary>Term k of the last document.</summary>
    public ReadOnlySpan<char> Term(int k) => strings is { } s ? s[k].AsSpan() : text.AsSpan(starts[k], lengths[k]);

    /// <summary>The terms of <paramref name="document"/> under <paramref name="options"/>, exactly as Analyze gives them.</summary>
    public void Scan(CountVectorizer options, string document)
    {
        // Fast path: unigrams of an ASCII document. There .NET's \w is [A-Za-z0-9_], lower-casing is ASCII, and
        // \b\w\w+\b matches exactly the maximal runs of word characters of length ≥ 2. Anything else goes through the
        // regex analyzer, so the semantics are the same by construction.
        if (options.NgramMin != 1 || options.NgramMax != 1 || !System.Text.Ascii.IsValid(document))
        {
            strings = options.Analyze(document);
            Count = strings.Count;
            return;
        }
        strings = null;
        if (text.Length < document.Length) text = new char[Math.Max(document.Length, 2 * text.Length)];
        var t = text.AsSpan(0, document.Length);
        if (options.Lowercase) System.Text.Ascii.ToLower(document, t, out _);
        else document.AsSpan().CopyTo(t);
        bool stop = options.StopWords is not null;
        int count = 0, i = 0, n = t.Length;
        while (i < n)
        {
            if (!IsWord(t[i])) { i++; continue; }
            int start = i;
            while (i < n && IsWord(t[i])) i++;
            int length = i - start;
            if (length < 2 || (stop && StopWordLookup.Contains(t.Slice(start, length)))) continue;
            if (count == starts.Length)
            {
                Array.Resize(ref starts, 2 * count);
                Array.Resize(ref lengths, 2 * count);
            }
            starts[count] = start;
            lengths[count++] = length;
        }
        Count = count;
    }

    private static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup =
        new HashSet<string>(EnglishStopWords.Words, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
}

/// <summary>A growable pair of (column, value) lists with row offsets, for one chunk of documents.</summary>
internal sealed class RowBuilder(int rows)
{
    public int[] Pointers = new int[rows + 1];
    public int[] Columns = new int[Math.Max(16, rows * 8)];
    public double[] Values = new double[Math.Max(16, rows * 8)];
    public int Length;

    public void Add(int column, double value)
    {
        if (Length == Columns.Length)
        {
            Array.Resize(ref Columns, 2 * Length);
            Array.Resize(ref Values, 2 * Length);
        }
        Columns[Length] = column;
        Values[Length++] = value;
    }

    /// <summary>Ends row <paramref name="row"/> (local index), sorting its entries by column.</summary>
    public void EndRow(int row, bool sort)
    {
        Pointers[row + 1] = Length;
        if (sort) Columns.AsSpan(Pointers[row], Length - Pointers[row]).Sort(Values.AsSpan(Pointers[row], Length - Pointers[row]));
    }

    /// <summary>Even chunks of [0, n): about one per core, at least 256 documents each. The results never depend on it.</summary>
    public static (int Start, int Count)[] Chunks(int n)
    {
        int k = Math.Clamp(n / 256, 1, Environment.ProcessorCount);
        var chunks = new (int, int)[k];
        for (int c = 0; c < k; c++)
        {
            int s = (int)((long)n * c / k), e = (int)((long)n * (c + 1) / k);
            chunks[c] = (s, e - s);
        }
        return chunks;
    }

    /// <summary>Concatenates chunk rows into one (n_rows, columns) matrix.</summary>
    public static CsrMatrix Concat((int Start, int Count)[] chunks, RowBuilder[] parts, int columns)
    {
        int n = chunks.Length == 0 ? 0 : chunks[^1].Start + chunks[^1].Count;
        long total = 0;
        foreach (var p in parts) total += p.Length;
        var pointers = new int[n + 1];
        var cols = new int[checked((int)total)];
        var vals = new double[total];
        int offset = 0;
        for (int c = 0; c < parts.Length; c++)
        {
            var p = parts[c];
            for (int r = 0; r < chunks[c].Count; r++) pointers[chunks[c].Start + r + 1] = offset + p.Pointers[r + 1];
            Array.Copy(p.Columns, 0, cols, offset, p.Length);
            Array.Copy(p.Values, 0, vals, offset, p.Length);
            offset += p.Length;
        }
        return new CsrMatrix(n, columns, pointers, cols, vals, trusted: true);
    }
}
