using System.Text;

namespace Scratch.ML.Learn.Text;

/// <summary>
/// Stateless hashed term counts, as scikit-learn's <c>HashingVectorizer</c>: each term of
/// <see cref="CountVectorizer.Analyze"/> (same tokenising, stop words and n-grams; document-frequency and MaxFeatures
/// options are not used) is hashed with 32-bit MurmurHash3 (x86, seed 0) of its UTF-8 bytes to a signed h; its column
/// is |h| mod <paramref name="FeatureCount"/> (h = −2³¹ maps to (2³¹ − 1 − (FeatureCount − 1)) mod FeatureCount, as
/// sklearn) and it adds sign(h) (+1 for h ≥ 0) when <paramref name="AlternateSign"/>, else +1. With Binary every column some term
/// hashed to becomes 1 (sklearn fills the stored entries with 1, even those whose signs cancelled to 0), then rows are scaled to unit <paramref name="Norm"/>. Nothing is learned,
/// so there is no Fit and no vocabulary. <see cref="TransformSparse"/> gives a <see cref="CsrMatrix"/> (12 bytes per
/// stored entry); the dense <see cref="Transform"/> needs 8·FeatureCount bytes per document (8 MiB at sklearn's default 2²⁰).
/// </summary>
/// <param name="FeatureCount">Number of columns, ≥ 1.</param>
/// <param name="Counting">The tokenising options; null for the defaults.</param>
/// <param name="AlternateSign">Add sign(h) rather than 1, so that collisions tend to cancel.</param>
/// <param name="Norm">Row normalisation.</param>
public sealed record HashingVectorizer(int FeatureCount = 1 << 20, CountVectorizer? Counting = null, bool AlternateSign = true,
    TfidfNorm Norm = TfidfNorm.L2)
{
    private readonly bool validated = Validate(FeatureCount, Norm);

    private static bool Validate(int featureCount, TfidfNorm norm)
    {
        if (featureCount < 1) throw new ArgumentOutOfRangeException(nameof(FeatureCount), featureCount, "FeatureCount must be at least 1.");
        if (!Enum.IsDefined(norm)) throw new ArgumentOutOfRangeException(nameof(Norm), norm, "Norm must be None, L1 or L2.");
        return true;
    }

    /// <summary>The hashed matrix (n_docs, FeatureCount), dense; equal to <c>TransformSparse(documents).ToDense()</c>.</summary>
    /// <exception cref="ArgumentException">A null document (no documents give a (0, FeatureCount) matrix).</exception>
    public Tensor<double> Transform(IReadOnlyList<string> documents) => TransformSparse(documents).ToDense();

    /// <summary>The hashed matrix as a sparse (n_docs, FeatureCount) <see cref="CsrMatrix"/>. Every column some term
    /// hashed to is stored, even where alternating signs cancelled to 0 (as sklearn's explicit zeros).</summary>
    /// <exception cref="ArgumentException">A null document (no documents give a (0, FeatureCount) matrix).</exception>
    public CsrMatrix TransformSparse(IReadOnlyList<string> documents)
    {
        _ = validated;
        CountVectorizer.CheckDocuments(documents, allowEmpty: true);
        var counting = Counting ?? new CountVectorizer();
        int d = FeatureCount;
        var chunks = RowBuilder.Chunks(documents.Count);
        var parts = new RowBuilder[chunks.Length];
        Parallel.For(0, chunks.Length, c =>
        {
            var (start, count) = chunks[c];
            var rows = new RowBuilder(count);
            var sums = new double[d];
            var seen = new bool[d];
            var bytes = new byte[256];
            var scratch = new TermScratch();
            for (int r = 0; r < count; r++)
            {
                scratch.Scan(counting, documents[start + r]);
                for (int k = 0; k < scratch.Count; k++)
                {
                    var term = scratch.Term(k);
                    int max = Encoding.UTF8.GetMaxByteCount(term.Length);
                    if (bytes.Length < max) bytes = new byte[max];
                    int h = MurmurHash3(bytes.AsSpan(0, Encoding.UTF8.GetBytes(term, bytes)), 0);
                    int index = h == int.MinValue ? (int)((int.MaxValue - (long)(d - 1)) % d) : Math.Abs(h) % d;
                    sums[index] += AlternateSign && h < 0 ? -1 : 1;
                    if (!seen[index])
                    {
                        seen[index] = true;
                        rows.Add(index, 0);
                    }
                }
                for (int k = rows.Pointers[r]; k < rows.Length; k++)
                {
                    int j = rows.Columns[k];
                    rows.Values[k] = counting.Binary ? 1 : sums[j];
                    sums[j] = 0;
                    seen[j] = false;
                }
                rows.EndRow(r, sort: true);
            }
            parts[c] = rows;
        });
        var x = RowBuilder.Concat(chunks, parts, d);
        SparseCounting.Normalize(x.ValueArray, x.PointerArray, Norm);
        return x;
    }

    /// <summary>MurmurHash3 x86 32-bit of <paramref name="data"/> with <paramref name="seed"/>, as a signed integer
    /// (sklearn's <c>murmurhash3_32(..., positive=False)</c>).</summary>
    public static int MurmurHash3(ReadOnlySpan<byte> data, uint seed)
    {
        const uint c1 = 0xcc9e2d51, c2 = 0x1b873593;
        uint h = seed;
        int blocks = data.Length / 4;
        for (int b = 0; b < blocks; b++)
        {
            uint k = BitConverterLittle(data.Slice(b * 4, 4));
            k *= c1;
            k = uint.RotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = uint.RotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        var tail = data[(blocks * 4)..];
        uint k1 = 0;
        if (tail.Length >= 3) k1 ^= (uint)tail[2] << 16;
        if (tail.Length >= 2) k1 ^= (uint)tail[1] << 8;
        if (tail.Length >= 1)
        {
            k1 ^= tail[0];
            k1 *= c1;
            k1 = uint.RotateLeft(k1, 15);
            k1 *= c2;
            h ^= k1;
        }
        h ^= (uint)data.Length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return unchecked((int)h);
    }

    private static uint BitConverterLittle(ReadOnlySpan<byte> b) => b[0] | ((uint)b[1] << 8) | ((uint)b[2] << 16) | ((uint)b[3] << 24);
}
