using System.Text;

namespace Scratch.ML.Learn.Text;

/// <summary>
/// Stateless hashed term counts, as scikit-learn's <c>HashingVectorizer</c>: each term of
/// <see cref="CountVectorizer.Analyze"/> (same tokenising, stop words and n-grams; document-frequency and MaxFeatures
/// options are not used) is hashed with 32-bit MurmurHash3 (x86, seed 0) of its UTF-8 bytes to a signed h; its column
/// is |h| mod <paramref name="FeatureCount"/> (h = −2³¹ maps to (2³¹ − 1 − (FeatureCount − 1)) mod FeatureCount, as
/// sklearn) and it adds sign(h) (+1 for h ≥ 0) when <paramref name="AlternateSign"/>, else +1. With Binary every column some term
/// hashed to becomes 1 (sklearn fills the stored entries with 1, even those whose signs cancelled to 0), then rows are scaled to unit <paramref name="Norm"/>. Nothing is learned,
/// so there is no Fit and no vocabulary. The output is DENSE (n_docs, FeatureCount): keep FeatureCount small
/// (sklearn's default 2²⁰ columns would need 8 MiB per document).
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

    /// <summary>The hashed matrix (n_docs, FeatureCount).</summary>
    /// <exception cref="ArgumentException">A null document (no documents give a (0, FeatureCount) matrix).</exception>
    public Tensor<double> Transform(IReadOnlyList<string> documents)
    {
        _ = validated;
        CountVectorizer.CheckDocuments(documents, allowEmpty: true);
        var counting = Counting ?? new CountVectorizer();
        int n = documents.Count, d = FeatureCount;
        var x = new double[checked(n * d)];
        for (int i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * d, d);
            var touched = counting.Binary ? new bool[d] : null;
            foreach (var term in counting.Analyze(documents[i]))
            {
                int h = MurmurHash3(Encoding.UTF8.GetBytes(term), 0);
                int index = h == int.MinValue ? (int)((int.MaxValue - (long)(d - 1)) % d) : Math.Abs(h) % d;
                row[index] += AlternateSign && h < 0 ? -1 : 1;
                if (touched is not null) touched[index] = true;
            }
            if (touched is not null) for (int j = 0; j < d; j++) row[j] = touched[j] ? 1 : 0;
            double norm = 0;
            if (Norm == TfidfNorm.L1) foreach (var e in row) norm += Math.Abs(e);
            else if (Norm == TfidfNorm.L2)
            {
                foreach (var e in row) norm += e * e;
                norm = Math.Sqrt(norm);
            }
            if (norm != 0) for (int j = 0; j < d; j++) row[j] /= norm;
        }
        return Tensor.FromArray(x, n, d);
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
