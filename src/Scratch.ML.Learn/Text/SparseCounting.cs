namespace Scratch.ML.Learn.Text;

/// <summary>
/// The counting kernels behind the vectorizers: one pass over the documents that builds the vocabulary and the counts
/// together (sklearn's <c>_count_vocab</c>), in parallel chunks, then the vocabulary is sorted ordinally, pruned and
/// the column indices remapped. Every document's row depends only on the document and the final vocabulary, so the
/// result is the same for any number of threads.
/// </summary>
internal static class SparseCounting
{
    /// <summary>Fits the vocabulary of <paramref name="options"/> and returns it with the (n_docs, n_terms) counts.</summary>
    public static (string[] Terms, CsrMatrix Counts) FitCounts(CountVectorizer options, IReadOnlyList<string> documents)
    {
        int n = documents.Count;
        var chunks = RowBuilder.Chunks(n);
        var parts = new RowBuilder[chunks.Length];
        var localTerms = new List<string>[chunks.Length];
        Parallel.For(0, chunks.Length, c =>
        {
            var (start, count) = chunks[c];
            var rows = new RowBuilder(count);
            var dict = new Dictionary<string, int>(StringComparer.Ordinal);
            var lookup = dict.GetAlternateLookup<ReadOnlySpan<char>>();
            var terms = new List<string>();
            var tally = new int[1024];
            var touched = new List<int>();
            var scratch = new TermScratch();
            for (int r = 0; r < count; r++)
            {
                scratch.Scan(options, documents[start + r]);
                for (int k = 0; k < scratch.Count; k++)
                {
                    var term = scratch.Term(k);
                    if (!lookup.TryGetValue(term, out int id))
                    {
                        id = terms.Count;
                        var s = term.ToString();
                        dict.Add(s, id);
                        terms.Add(s);
                        if (id == tally.Length) Array.Resize(ref tally, 2 * id);
                    }
                    if (tally[id]++ == 0) touched.Add(id);
                }
                foreach (int id in touched)
                {
                    rows.Add(id, options.Binary ? 1 : tally[id]);
                    tally[id] = 0;
                }
                touched.Clear();
                rows.EndRow(r, sort: false);
            }
            parts[c] = rows;
            localTerms[c] = terms;
        });

        // Sorted vocabulary and each chunk's local id → sorted column.
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in localTerms) all.UnionWith(t);
        if (all.Count == 0)
            throw new ArgumentException("Empty vocabulary: the documents contain no tokens (perhaps only stop words).", nameof(documents));
        var sorted = all.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        var position = new Dictionary<string, int>(sorted.Length, StringComparer.Ordinal);
        for (int j = 0; j < sorted.Length; j++) position.Add(sorted[j], j);
        var toSorted = new int[chunks.Length][];
        for (int c = 0; c < chunks.Length; c++) toSorted[c] = localTerms[c].Select(t => position[t]).ToArray();

        // Document frequency and total count per sorted term.
        int v = sorted.Length;
        var df = new int[v];
        var tf = new long[v];
        for (int c = 0; c < chunks.Length; c++)
        {
            var p = parts[c];
            var map = toSorted[c];
            for (int k = 0; k < p.Length; k++)
            {
                int j = map[p.Columns[k]];
                df[j]++;
                tf[j] += (long)p.Values[k];
            }
        }
        double high = options.UpperBound.Documents(n), low = options.LowerBound.Documents(n);
        if (high < low) throw new ArgumentException($"MaxDf ({high} documents) is below MinDf ({low} documents).", nameof(options.MaxDf));
        var keep = new List<int>(v);
        for (int j = 0; j < v; j++) if (df[j] <= high && df[j] >= low) keep.Add(j);
        if (options.MaxFeatures is int limit && keep.Count > limit)
            keep = NumpyArgsort.Argsort(keep.Select(j => -tf[j]).ToArray()).Take(limit).Select(k => keep[k]).Order().ToList();
        if (keep.Count == 0) throw new ArgumentException("After pruning, no terms remain; try a lower MinDf or a higher MaxDf.", nameof(documents));
        var final = new int[v];
        Array.Fill(final, -1);
        for (int f = 0; f < keep.Count; f++) final[keep[f]] = f;
        var terms = keep.Select(j => sorted[j]).ToArray();

        // Remap, drop pruned terms, sort each row by column.
        var outParts = new RowBuilder[chunks.Length];
        Parallel.For(0, chunks.Length, c =>
        {
            var p = parts[c];
            var map = toSorted[c];
            var rows = new RowBuilder(chunks[c].Count);
            for (int r = 0; r < chunks[c].Count; r++)
            {
                for (int k = p.Pointers[r]; k < p.Pointers[r + 1]; k++)
                {
                    int j = final[map[p.Columns[k]]];
                    if (j >= 0) rows.Add(j, p.Values[k]);
                }
                rows.EndRow(r, sort: true);
            }
            outParts[c] = rows;
        });
        return (terms, RowBuilder.Concat(chunks, outParts, terms.Length));
    }

    /// <summary>Counts (or presence) of the terms of <paramref name="vocabulary"/>: (n_docs, vocabulary.Count).</summary>
    public static CsrMatrix Counts(CountVectorizer options, IReadOnlyList<string> documents, Dictionary<string, int> vocabulary)
    {
        var chunks = RowBuilder.Chunks(documents.Count);
        var parts = new RowBuilder[chunks.Length];
        var lookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        Parallel.For(0, chunks.Length, c =>
        {
            var (start, count) = chunks[c];
            var rows = new RowBuilder(count);
            var tally = new int[vocabulary.Count];
            var scratch = new TermScratch();
            for (int r = 0; r < count; r++)
            {
                scratch.Scan(options, documents[start + r]);
                for (int k = 0; k < scratch.Count; k++)
                    if (lookup.TryGetValue(scratch.Term(k), out int j) && tally[j]++ == 0) rows.Add(j, 0);
                int from = rows.Pointers[r];
                for (int k = from; k < rows.Length; k++)
                {
                    int j = rows.Columns[k];
                    rows.Values[k] = options.Binary ? 1 : tally[j];
                    tally[j] = 0;
                }
                rows.EndRow(r, sort: true);
            }
            parts[c] = rows;
        });
        return RowBuilder.Concat(chunks, parts, vocabulary.Count);
    }

    /// <summary>Applies tf weighting, idf and the row norm to the values of <paramref name="x"/> in place.</summary>
    public static void Weight(CsrMatrix x, ReadOnlySpan<double> idf, bool sublinear, TfidfNorm norm)
    {
        var values = x.ValueArray;
        var cols = x.ColumnArray;
        var ptr = x.PointerArray;
        for (int k = 0; k < values.Length; k++)
        {
            double t = values[k];
            if (sublinear && t != 0) t = Math.Log(t) + 1;
            values[k] = t * idf[cols[k]];
        }
        Normalize(values, ptr, norm);
    }

    /// <summary>Scales each row to unit L1 or L2 norm (sums in column order, as the dense loop); zero rows stay zero.</summary>
    public static void Normalize(double[] values, int[] pointers, TfidfNorm norm)
    {
        if (norm == TfidfNorm.None) return;
        for (int i = 0; i + 1 < pointers.Length; i++)
        {
            var row = values.AsSpan(pointers[i], pointers[i + 1] - pointers[i]);
            double s = 0;
            if (norm == TfidfNorm.L1) foreach (var e in row) s += Math.Abs(e);
            else
            {
                foreach (var e in row) s += e * e;
                s = Math.Sqrt(s);
            }
            if (s != 0) for (int j = 0; j < row.Length; j++) row[j] /= s;
        }
    }
}
