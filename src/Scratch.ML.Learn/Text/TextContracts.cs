using System.Globalization;

namespace Scratch.ML.Learn.Text;

/// <summary>
/// A text vectorizer: immutable options that learn a vocabulary from documents. The text counterpart of
/// <see cref="ITransformer"/>, which takes tensors; documents are plain strings here.
/// </summary>
public interface ITextVectorizer
{
    /// <summary>Learns the vocabulary (and any per-term statistics) from <paramref name="documents"/>.</summary>
    /// <exception cref="ArgumentException">No documents, a null document, or no terms left after pruning.</exception>
    ITextModel Fit(IReadOnlyList<string> documents);
}

/// <summary>A fitted text vectorizer: maps documents to an (n_docs, n_terms) matrix, dense or sparse (CSR).</summary>
public interface ITextModel
{
    /// <summary>Term → column, columns in ordinal (code-point) order of the terms, like scikit-learn's <c>vocabulary_</c>.</summary>
    IReadOnlyDictionary<string, int> Vocabulary { get; }

    /// <summary>The terms in column order (<c>get_feature_names_out()</c>).</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The dense (n_docs, n_terms) matrix of <paramref name="documents"/>; unknown terms are ignored.</summary>
    /// <exception cref="ArgumentException">A null document.</exception>
    Tensor<double> Transform(IReadOnlyList<string> documents);

    /// <summary>The same matrix as <see cref="Transform"/>, sparse: (n_docs, n_terms), 12 bytes per stored entry.</summary>
    /// <exception cref="ArgumentException">A null document.</exception>
    CsrMatrix TransformSparse(IReadOnlyList<string> documents);

    /// <summary>Writes the model (vocabulary in the metadata, statistics as tensors) via <see cref="ModelFile"/>.</summary>
    void Save(Stream stream);
}

/// <summary>
/// A document-frequency bound for <c>min_df</c>/<c>max_df</c>: an absolute number of documents (sklearn's int) or a
/// fraction of the documents in [0, 1] (sklearn's float; the bound is fraction·n_docs, not rounded).
/// </summary>
public readonly record struct DocumentFrequencyBound
{
    private DocumentFrequencyBound(bool isFraction, double value)
    {
        IsFraction = isFraction;
        Value = value;
    }

    /// <summary>True for a fraction of the documents, false for a count.</summary>
    public bool IsFraction { get; }

    /// <summary>The count or the fraction.</summary>
    public double Value { get; }

    /// <summary>A bound of <paramref name="documents"/> documents (≥ 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public static DocumentFrequencyBound Count(int documents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(documents);
        return new(false, documents);
    }

    /// <summary>A bound of <paramref name="fraction"/> of the documents, in [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1] or NaN.</exception>
    public static DocumentFrequencyBound Fraction(double fraction)
    {
        if (!(fraction >= 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A document-frequency fraction must lie in [0, 1].");
        return new(true, fraction);
    }

    /// <summary>The bound in documents for a corpus of <paramref name="documentCount"/> documents.</summary>
    public double Documents(int documentCount) => IsFraction ? Value * documentCount : Value;

    /// <summary>Text form used in model files: "count:N" or "fraction:F".</summary>
    public override string ToString() => (IsFraction ? "fraction:" : "count:") + Value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Parses <see cref="ToString"/>'s form.</summary>
    /// <exception cref="FormatException">Not that form.</exception>
    public static DocumentFrequencyBound Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 2) throw new FormatException($"Expected \"count:N\" or \"fraction:F\", got \"{text}\".");
        double v = double.Parse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture);
        return parts[0] switch
        {
            "count" => Count(checked((int)v)),
            "fraction" => Fraction(v),
            _ => throw new FormatException($"Expected \"count:N\" or \"fraction:F\", got \"{text}\"."),
        };
    }
}
