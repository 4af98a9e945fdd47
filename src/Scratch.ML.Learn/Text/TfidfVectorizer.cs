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
/// zero). Outputs are a sparse <see cref="CsrMatrix"/> (<see cref="FitTransformSparse"/>,
/// <see cref="TfidfVectorizerModel.TransformSparse"/>) or the equal dense (n_docs, n_terms) tensor.
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
    public TfidfVectorizerModel Fit(IReadOnlyList<string> documents) => FitTransformSparse(documents).Model;

    /// <summary>
    /// Fits and transforms in one pass, as sklearn's <c>fit_transform</c>: counts and vocabulary together
    /// (<see cref="CountVectorizer.FitTransformSparse"/>), df from the stored entries, idf, then the weighting and row
    /// norm applied to the CSR values. <c>Matrix</c> is (n_docs, n_terms) and equals
    /// <c>Model.TransformSparse(documents)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="CountVectorizer.Fit"/>.</exception>
    public (TfidfVectorizerModel Model, CsrMatrix Matrix) FitTransformSparse(IReadOnlyList<string> documents)
    {
        _ = validated;
        var (counts, x) = CountOptions.FitTransformSparse(documents);
        int n = documents.Count, v = counts.FeatureNames.Count;
        var df = new int[v];
        foreach (int j in x.ColumnIndices) df[j]++;
        var idf = new double[v];
        double s = SmoothIdf ? 1 : 0;
        for (int j = 0; j < v; j++) idf[j] = UseIdf ? Math.Log((n + s) / (df[j] + s)) + 1 : 1;
        SparseCounting.Weight(x, idf, SublinearTf, Norm);
        return (new TfidfVectorizerModel(this, counts, Tensor.FromArray(idf, v)), x);
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

    /// <summary>The TF-IDF matrix (n_docs, n_terms), dense, rows normalised per <see cref="TfidfVectorizer.Norm"/>;
    /// equal to <c>TransformSparse(documents).ToDense()</c>.</summary>
    /// <exception cref="ArgumentException">A null document (no documents give a (0, n_terms) matrix).</exception>
    public Tensor<double> Transform(IReadOnlyList<string> documents) => TransformSparse(documents).ToDense();

    /// <summary>The TF-IDF matrix as a sparse (n_docs, n_terms) <see cref="CsrMatrix"/>.</summary>
    /// <exception cref="ArgumentException">A null document (no documents give a (0, n_terms) matrix).</exception>
    public CsrMatrix TransformSparse(IReadOnlyList<string> documents)
    {
        var x = counts.TransformSparse(documents);
        SparseCounting.Weight(x, Idf.Contiguous().AsSpan(), Options.SublinearTf, Options.Norm);
        return x;
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
