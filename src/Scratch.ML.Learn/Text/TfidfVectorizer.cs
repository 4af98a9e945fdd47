using System.Globalization;

namespace Scratch.ML.Learn.Text;

/// <summary>Row normalisation of a TF-IDF matrix.</summary>
public enum TfidfNorm
{
    /// <summary>No normalisation.</summary>
    None,

    /// <summary>Each row divided by its sum of absolute values.</summary>
    L1,

    /// <summary>Each row divided by its Euclidean norm.</summary>
    L2,
}

/// <summary>
/// TF-IDF features, as scikit-learn's <c>TfidfVectorizer</c> (a <see cref="CountVectorizer"/> followed by
/// <c>TfidfTransformer</c>). With counts c (binary if the counting options say so): tf = c, or 1 + ln c for c &gt; 0 when
/// <paramref name="SublinearTf"/>; idf_j = ln((1 + n)/(1 + df_j)) + 1 with <paramref name="SmoothIdf"/>, else
/// ln(n/df_j) + 1, where n is the number of fitting documents and df_j those containing term j; x = tf·idf
/// (tf alone without <paramref name="UseIdf"/>), then each row scaled to unit <paramref name="Norm"/> (all-zero rows stay
/// zero). The output is DENSE (n_docs, n_terms).
/// </summary>
/// <param name="Counting">The tokenisation and vocabulary options; null for the defaults.</param>
/// <param name="Norm">Row normalisation.</param>
/// <param name="UseIdf">Weight by inverse document frequency.</param>
/// <param name="SmoothIdf">Add one to n and every df (as if one extra document held every term).</param>
/// <param name="SublinearTf">Replace tf by 1 + ln tf.</param>
public sealed record TfidfVectorizer(CountVectorizer? Counting = null, TfidfNorm Norm = TfidfNorm.L2, bool UseIdf = true,
    bool SmoothIdf = true, bool SublinearTf = false) : ITextVectorizer
{
    private readonly bool validated = Enum.IsDefined(Norm) ? true
        : throw new ArgumentOutOfRangeException(nameof(Norm), Norm, "Norm must be None, L1 or L2.");

    /// <summary>The effective counting options.</summary>
    public CountVectorizer CountOptions => Counting ?? new CountVectorizer();

    /// <inheritdoc cref="ITextVectorizer.Fit"/>
    public TfidfVectorizerModel Fit(IReadOnlyList<string> documents)
    {
        _ = validated;
        var counts = CountOptions.Fit(documents);
        var x = counts.Transform(documents).ToArray();
        int n = documents.Count, v = counts.FeatureNames.Count;
        var idf = new double[v];
        for (int j = 0; j < v; j++)
        {
            int df = 0;
            for (int i = 0; i < n; i++) if (x[i * v + j] != 0) df++;
            double s = SmoothIdf ? 1 : 0;
            idf[j] = UseIdf ? Math.Log((n + s) / (df + s)) + 1 : 1;
        }
        return new TfidfVectorizerModel(this, counts, Tensor.FromArray(idf, v));
    }

    ITextModel ITextVectorizer.Fit(IReadOnlyList<string> documents) => Fit(documents);
}

/// <summary>A fitted <see cref="TfidfVectorizer"/>: the vocabulary and the idf weights <see cref="Idf"/> (n_terms).</summary>
public sealed class TfidfVectorizerModel : ITextModel
{
    private const string Kind = "TfidfVectorizer";
    private readonly CountVectorizerModel counts;

    internal TfidfVectorizerModel(TfidfVectorizer options, CountVectorizerModel counts, Tensor<double> idf)
    {
        Options = options;
        this.counts = counts;
        Idf = idf;
    }

    /// <summary>The options it was fitted with.</summary>
    public TfidfVectorizer Options { get; }

    /// <summary>idf_j per term: (n_terms); all ones when UseIdf is false.</summary>
    public Tensor<double> Idf { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, int> Vocabulary => counts.Vocabulary;

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames => counts.FeatureNames;

    /// <summary>The TF-IDF matrix (n_docs, n_terms), rows normalised per <see cref="TfidfVectorizer.Norm"/>.</summary>
    /// <exception cref="ArgumentException">A null document (no documents give a (0, n_terms) matrix).</exception>
    public Tensor<double> Transform(IReadOnlyList<string> documents)
    {
        var x = counts.Transform(documents).ToArray();
        int n = documents.Count, v = FeatureNames.Count;
        var idf = Idf.ToArray();
        for (int i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * v, v);
            for (int j = 0; j < v; j++)
            {
                double tf = row[j];
                if (Options.SublinearTf && tf != 0) tf = Math.Log(tf) + 1;
                row[j] = tf * idf[j];
            }
            double norm = 0;
            if (Options.Norm == TfidfNorm.L1) foreach (var e in row) norm += Math.Abs(e);
            else if (Options.Norm == TfidfNorm.L2)
            {
                foreach (var e in row) norm += e * e;
                norm = Math.Sqrt(norm);
            }
            if (norm != 0) for (int j = 0; j < v; j++) row[j] /= norm;
        }
        return Tensor.FromArray(x, n, v);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var meta = Options.CountOptions.ToMetadata("count.");
        meta["vocabulary"] = CountVectorizerModel.WriteVocabulary(FeatureNames);
        meta["norm"] = Options.Norm.ToString();
        meta["use_idf"] = Options.UseIdf.ToString(CultureInfo.InvariantCulture);
        meta["smooth_idf"] = Options.SmoothIdf.ToString(CultureInfo.InvariantCulture);
        meta["sublinear_tf"] = Options.SublinearTf.ToString(CultureInfo.InvariantCulture);
        ModelFile.Write(stream, Kind, new Dictionary<string, Tensor<double>> { ["idf"] = Idf }, meta);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Another kind of file, or a missing or malformed entry.</exception>
    public static TfidfVectorizerModel Load(Stream stream)
    {
        var f = ModelFile.Read<double>(stream, Kind);
        var countOptions = CountVectorizer.FromMetadata(f, "count.");
        var terms = CountVectorizerModel.ReadVocabulary(f.Option("vocabulary"), Kind);
        var idf = f.Tensor("idf", 1);
        if (idf.Shape[0] != terms.Length)
            throw new InvalidDataException($"{Kind}: idf has {idf.Shape[0]} entries for a vocabulary of {terms.Length} terms.");
        if (!Enum.TryParse<TfidfNorm>(f.Option("norm"), out var norm) || !Enum.IsDefined(norm))
            throw new InvalidDataException($"{Kind}: unknown norm \"{f.Option("norm")}\".");
        var options = new TfidfVectorizer(countOptions, norm, f.Flag("use_idf"), f.Flag("smooth_idf"), f.Flag("sublinear_tf"));
        return new TfidfVectorizerModel(options, new CountVectorizerModel(countOptions, terms), idf);
    }
}
