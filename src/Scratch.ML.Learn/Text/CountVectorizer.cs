using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scratch.ML.Learn.Text;

/// <summary>
/// Bag-of-words counts, as scikit-learn's <c>CountVectorizer</c> with the default word analyzer: tokens are matches of
/// <c>(?u)\b\w\w+\b</c> (two or more word characters), lower-cased when <paramref name="Lowercase"/>, stop words removed,
/// then joined into word n-grams of every length in [<paramref name="NgramMin"/>, <paramref name="NgramMax"/>]
/// (n-grams are the tokens joined by one space). The vocabulary is every term seen in fitting, then pruned: terms in
/// more than <paramref name="MaxDf"/> or fewer than <paramref name="MinDf"/> documents go, and with
/// <paramref name="MaxFeatures"/> only that many terms of highest total count stay (ties broken exactly as sklearn, whose
/// NumPy argsort is an unstable introsort: a port of it is used). Columns are the terms in ordinal order. Outputs are a
/// sparse <see cref="CsrMatrix"/> (<see cref="FitTransformSparse"/>, <see cref="CountVectorizerModel.TransformSparse"/>;
/// 12 bytes per stored entry) or the equal dense (n_docs, n_terms) tensor (n_docs·n_terms·8 bytes).
/// </summary>
/// <param name="Lowercase">Lower-case (invariant culture) before tokenising.</param>
/// <param name="NgramMin">Smallest n-gram length, ≥ 1.</param>
/// <param name="NgramMax">Largest n-gram length, ≥ <paramref name="NgramMin"/>.</param>
/// <param name="StopWords">null for none, or "english" for <see cref="EnglishStopWords"/>.</param>
/// <param name="MinDf">Lowest document frequency kept; default <c>Count(1)</c>.</param>
/// <param name="MaxDf">Highest document frequency kept; default <c>Fraction(1.0)</c>.</param>
/// <param name="MaxFeatures">Keep at most this many terms (≥ 1), by total count; null for all.</param>
/// <param name="Binary">Record presence (1) instead of counts.</param>
public sealed record CountVectorizer(bool Lowercase = true, int NgramMin = 1, int NgramMax = 1, string? StopWords = null,
    DocumentFrequencyBound? MinDf = null, DocumentFrequencyBound? MaxDf = null, int? MaxFeatures = null, bool Binary = false) : ITextVectorizer
{
    private readonly bool validated = Validate(NgramMin, NgramMax, StopWords, MaxFeatures);

    private static readonly Regex Token = new(@"\b\w\w+\b", RegexOptions.CultureInvariant);

    private static bool Validate(int ngramMin, int ngramMax, string? stopWords, int? maxFeatures)
    {
        if (ngramMin < 1) throw new ArgumentOutOfRangeException(nameof(NgramMin), ngramMin, "The smallest n-gram length must be at least 1.");
        if (ngramMax < ngramMin)
            throw new ArgumentOutOfRangeException(nameof(NgramMax), ngramMax, $"The largest n-gram length must be at least NgramMin = {ngramMin}.");
        if (stopWords is not null && stopWords != "english")
            throw new ArgumentException($"StopWords must be null or \"english\", got \"{stopWords}\".", nameof(StopWords));
        if (maxFeatures is < 1) throw new ArgumentOutOfRangeException(nameof(MaxFeatures), maxFeatures, "MaxFeatures must be at least 1 (or null).");
        return true;
    }

    /// <summary>The effective lower bound (<see cref="MinDf"/> or one document).</summary>
    public DocumentFrequencyBound LowerBound => MinDf ?? DocumentFrequencyBound.Count(1);

    /// <summary>The effective upper bound (<see cref="MaxDf"/> or all documents).</summary>
    public DocumentFrequencyBound UpperBound => MaxDf ?? DocumentFrequencyBound.Fraction(1.0);

    /// <summary>The terms of one document in order: tokens, then n-grams of each length from NgramMin to NgramMax.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    public IReadOnlyList<string> Analyze(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _ = validated;
        var text = Lowercase ? document.ToLowerInvariant() : document;
        var tokens = new List<string>();
        foreach (Match m in Token.Matches(text))
            if (StopWords is null || !EnglishStopWords.Words.Contains(m.Value)) tokens.Add(m.Value);
        if (NgramMin == 1 && NgramMax == 1) return tokens;
        var terms = new List<string>();
        for (int n = NgramMin; n <= Math.Min(NgramMax, tokens.Count); n++)
            for (int i = 0; i + n <= tokens.Count; i++)
                terms.Add(n == 1 ? tokens[i] : string.Join(' ', tokens.GetRange(i, n)));
        return terms;
    }

    /// <inheritdoc cref="ITextVectorizer.Fit"/>
    /// <exception cref="ArgumentException">No documents, a null document, an empty vocabulary, MaxDf below MinDf in
    /// documents, or no terms left after pruning.</exception>
    public CountVectorizerModel Fit(IReadOnlyList<string> documents) => FitTransformSparse(documents).Model;

    /// <summary>
    /// Fits and counts in one pass (sklearn's <c>fit_transform</c>): the vocabulary and the counts are built together,
    /// then the vocabulary is sorted and pruned and the columns remapped. <c>Matrix</c> is (n_docs, n_terms) and equals
    /// <c>Model.TransformSparse(documents)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Fit"/>.</exception>
    public (CountVectorizerModel Model, CsrMatrix Matrix) FitTransformSparse(IReadOnlyList<string> documents)
    {
        _ = validated;
        CheckDocuments(documents);
        var (terms, counts) = SparseCounting.FitCounts(this, documents);
        return (new CountVectorizerModel(this, terms), counts);
    }

    ITextModel ITextVectorizer.Fit(IReadOnlyList<string> documents) => Fit(documents);

    internal static void CheckDocuments(IReadOnlyList<string> documents, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0 && !allowEmpty) throw new ArgumentException("Expected at least one document, got none.", nameof(documents));
        for (int i = 0; i < documents.Count; i++)
            if (documents[i] is null) throw new ArgumentException($"Document {i} is null.", nameof(documents));
    }

    internal Dictionary<string, string> ToMetadata(string prefix) => new()
    {
        [prefix + "lowercase"] = Lowercase.ToString(CultureInfo.InvariantCulture),
        [prefix + "ngram_min"] = NgramMin.ToString(CultureInfo.InvariantCulture),
        [prefix + "ngram_max"] = NgramMax.ToString(CultureInfo.InvariantCulture),
        [prefix + "stop_words"] = StopWords ?? "",
        [prefix + "min_df"] = LowerBound.ToString(),
        [prefix + "max_df"] = UpperBound.ToString(),
        [prefix + "max_features"] = MaxFeatures?.ToString(CultureInfo.InvariantCulture) ?? "",
        [prefix + "binary"] = Binary.ToString(CultureInfo.InvariantCulture),
    };

    internal static CountVectorizer FromMetadata<T>(ModelFileContents<T> f, string prefix) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var stop = f.Option(prefix + "stop_words");
        var maxFeatures = f.Option(prefix + "max_features");
        try
        {
            return new CountVectorizer(f.Flag(prefix + "lowercase"), (int)f.Number(prefix + "ngram_min"), (int)f.Number(prefix + "ngram_max"),
            stop.Length == 0 ? null : stop, DocumentFrequencyBound.Parse(f.Option(prefix + "min_df")),
            DocumentFrequencyBound.Parse(f.Option(prefix + "max_df")),
            maxFeatures.Length == 0 ? null : int.Parse(maxFeatures, CultureInfo.InvariantCulture), f.Flag(prefix + "binary"));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"The saved text-vectorizer options are malformed: {e.Message}", e);
        }
    }
}

/// <summary>A fitted <see cref="CountVectorizer"/>: its options and the ordinally sorted vocabulary.</summary>
public sealed class CountVectorizerModel : ITextModel
{
    private const string Kind = "CountVectorizer";
    private readonly string[] terms;

    internal CountVectorizerModel(CountVectorizer options, string[] terms)
    {
        Options = options;
        this.terms = terms;
        vocabulary = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
        for (int i = 0; i < terms.Length; i++) vocabulary.Add(terms[i], i);
    }

    private readonly Dictionary<string, int> vocabulary;

    /// <summary>The options it was fitted with.</summary>
    public CountVectorizer Options { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, int> Vocabulary => vocabulary;

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames => terms;

    /// <summary>Counts (or presence, when Binary) of each vocabulary term: (n_docs, n_terms), dense;
    /// equal to <c>TransformSparse(documents).ToDense()</c>.</summary>
    /// <exception cref="ArgumentException">A null document (no documents give a (0, n_terms) matrix).</exception>
    public Tensor<double> Transform(IReadOnlyList<string> documents) => TransformSparse(documents).ToDense();

    /// <summary>Counts (or presence, when Binary) of each vocabulary term: a sparse (n_docs, n_terms) matrix.</summary>
    /// <exception cref="ArgumentException">A null document (no documents give a (0, n_terms) matrix).</exception>
    public CsrMatrix TransformSparse(IReadOnlyList<string> documents)
    {
        CountVectorizer.CheckDocuments(documents, allowEmpty: true);
        return SparseCounting.Counts(Options, documents, vocabulary);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var meta = Options.ToMetadata("");
        meta["vocabulary"] = WriteVocabulary(terms);
        ModelFile.Write(stream, Kind, new Dictionary<string, Tensor<double>>(), meta);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Another kind of file, or a missing or malformed entry.</exception>
    public static CountVectorizerModel Load(Stream stream)
    {
        var f = ModelFile.Read<double>(stream, Kind);
        return new CountVectorizerModel(CountVectorizer.FromMetadata(f, ""), ReadVocabulary(f.Option("vocabulary"), Kind));
    }

    internal static string WriteVocabulary(IReadOnlyList<string> terms)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var t in terms) w.WriteStringValue(t);
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static string[] ReadVocabulary(string json, string kind)
    {
        string[] terms;
        try
        {
            using var doc = JsonDocument.Parse(json);
            terms = doc.RootElement.EnumerateArray().Select(e => e.GetString() ?? throw new InvalidDataException($"{kind}: a null term.")).ToArray();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{kind}: the vocabulary is not a JSON array of strings.", e);
        }
        for (int i = 1; i < terms.Length; i++)
            if (string.CompareOrdinal(terms[i - 1], terms[i]) >= 0) throw new InvalidDataException($"{kind}: the vocabulary is not sorted and unique.");
        if (terms.Length == 0) throw new InvalidDataException($"{kind}: the vocabulary is empty.");
        return terms;
    }
}
