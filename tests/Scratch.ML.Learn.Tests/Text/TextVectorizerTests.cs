using System.Text.Json;
using Scratch.ML.Learn.Text;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Text;

/// <summary>CountVectorizer and TfidfVectorizer against scikit-learn 1.2 (tests/reference/sklearn_text.py).</summary>
public class TextVectorizerTests
{
    internal static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "text", "text.json"))).RootElement;

    // Counts are small integers (exact); TF-IDF is a log, a product and a row norm in float64 on both sides, summed in
    // possibly different orders: agreement to a few ulps, 1e-12 leaves margin.
    private static readonly Tolerance VsSklearn = new("TfidfVsSklearn", 1e-12, 1e-12);

    internal static string[] Strings(JsonElement e) => e.EnumerateArray().Select(s => s.GetString()!).ToArray();

    internal static Tensor<double> Matrix(JsonElement e, int cols)
    {
        var data = e.EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray();
        return Tensor.FromArray(data, e.GetArrayLength(), cols);
    }

    private static DocumentFrequencyBound? Bound(JsonElement p, string name) =>
        !p.TryGetProperty(name, out var v) ? null
        : v.TryGetInt32(out int c) && !v.GetRawText().Contains('.') ? DocumentFrequencyBound.Count(c)
        : DocumentFrequencyBound.Fraction(v.GetDouble());

    private static CountVectorizer Counting(JsonElement p)
    {
        int lo = 1, hi = 1;
        if (p.TryGetProperty("ngram_range", out var r)) { lo = r[0].GetInt32(); hi = r[1].GetInt32(); }
        return new CountVectorizer(
            Lowercase: !p.TryGetProperty("lowercase", out var lc) || lc.GetBoolean(),
            NgramMin: lo, NgramMax: hi,
            StopWords: p.TryGetProperty("stop_words", out var sw) ? sw.GetString() : null,
            MinDf: Bound(p, "min_df"), MaxDf: Bound(p, "max_df"),
            MaxFeatures: p.TryGetProperty("max_features", out var mf) ? mf.GetInt32() : null,
            Binary: p.TryGetProperty("binary", out var b) && b.GetBoolean());
    }

    internal static ITextVectorizer Vectorizer(JsonElement c)
    {
        var p = c.GetProperty("params");
        if (c.GetProperty("kind").GetString() == "count") return Counting(p);
        var norm = !p.TryGetProperty("norm", out var n) ? TfidfNorm.L2
            : n.ValueKind == JsonValueKind.Null ? TfidfNorm.None : n.GetString() == "l1" ? TfidfNorm.L1 : TfidfNorm.L2;
        return new TfidfVectorizer(Counting(p), norm,
            UseIdf: !p.TryGetProperty("use_idf", out var u) || u.GetBoolean(),
            SmoothIdf: !p.TryGetProperty("smooth_idf", out var s) || s.GetBoolean(),
            SublinearTf: p.TryGetProperty("sublinear_tf", out var st) && st.GetBoolean());
    }

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Root.GetProperty("cases").EnumerateObject()) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesSklearn(string name)
    {
        var c = Root.GetProperty("cases").GetProperty(name);
        var corpus = Strings(Root.GetProperty("corpus"));
        var fresh = Strings(Root.GetProperty("new"));
        var model = Vectorizer(c).Fit(corpus);
        var features = Strings(c.GetProperty("features"));
        Assert.Equal(features, model.FeatureNames);
        for (int j = 0; j < features.Length; j++) Assert.Equal(j, model.Vocabulary[features[j]]);
        Assert.Equal(features.Length, model.Vocabulary.Count);
        TensorAssert.Close(Matrix(c.GetProperty("fit"), features.Length), model.Transform(corpus), VsSklearn);
        TensorAssert.Close(Matrix(c.GetProperty("new"), features.Length), model.Transform(fresh), VsSklearn);
        if (model is TfidfVectorizerModel t && c.TryGetProperty("idf", out var idf))
        {
            var expected = idf.EnumerateArray().Select(v => v.GetDouble()).ToArray();
            TensorAssert.Close(Tensor.FromArray(expected, expected.Length), t.Idf, VsSklearn);
        }

        // Save/Load round trip reproduces the vocabulary and the matrices exactly.
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        ITextModel loaded = model is TfidfVectorizerModel ? TfidfVectorizerModel.Load(stream) : CountVectorizerModel.Load(stream);
        Assert.Equal(model.FeatureNames, loaded.FeatureNames);
        TensorAssert.Close(model.Transform(fresh), loaded.Transform(fresh), Tolerance.Exact);
    }

    [Fact]
    public void StopWordsAreSklearnsList()
    {
        Assert.Equal(318, EnglishStopWords.Words.Count);
        Assert.Contains("the", EnglishStopWords.Words);
        Assert.DoesNotContain("fox", EnglishStopWords.Words);
    }

    [Fact]
    public void AnalyzerBuildsNgramsAfterStopWords()
    {
        var v = new CountVectorizer(NgramMin: 1, NgramMax: 2, StopWords: "english");
        Assert.Equal(new[] { "quick", "fox", "quick fox" }, v.Analyze("The QUICK, the fox! a"));
        Assert.Empty(new CountVectorizer().Analyze("a b c ! ?"));
    }

    [Fact]
    public void BadOptionsAndInputsFailClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CountVectorizer(NgramMin: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CountVectorizer(NgramMin: 2, NgramMax: 1));
        Assert.Contains("english", Assert.Throws<ArgumentException>(() => new CountVectorizer(StopWords: "french")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CountVectorizer(MaxFeatures: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DocumentFrequencyBound.Fraction(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => DocumentFrequencyBound.Count(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TfidfVectorizer(Norm: (TfidfNorm)9));
        Assert.Throws<ArgumentException>(() => new CountVectorizer().Fit(Array.Empty<string>()));
        Assert.Contains("Document 1", Assert.Throws<ArgumentException>(() => new CountVectorizer().Fit(new[] { "a dog", null! })).Message);
        Assert.Contains("Empty vocabulary", Assert.Throws<ArgumentException>(() => new CountVectorizer(StopWords: "english").Fit(new[] { "the and of" })).Message);
        Assert.Contains("below MinDf", Assert.Throws<ArgumentException>(() =>
            new CountVectorizer(MinDf: DocumentFrequencyBound.Count(3), MaxDf: DocumentFrequencyBound.Count(2)).Fit(new[] { "dog cat" })).Message);
        Assert.Contains("no terms remain", Assert.Throws<ArgumentException>(() =>
            new CountVectorizer(MinDf: DocumentFrequencyBound.Count(2)).Fit(new[] { "dog", "cat" })).Message);
        var fitted = new TfidfVectorizer().Fit(new[] { "dog cat", "dog" });
        Assert.Equal(new[] { 0, 2 }, fitted.Transform(Array.Empty<string>()).Shape.ToArray());
        Assert.Throws<ArgumentException>(() => fitted.Transform(new[] { "dog", null! }));
        using var stream = new MemoryStream();
        new CountVectorizer().Fit(new[] { "dog cat" }).Save(stream);
        stream.Position = 0;
        Assert.Throws<InvalidDataException>(() => TfidfVectorizerModel.Load(stream));
        stream.Position = 0;
        Assert.Equal(new[] { "cat", "dog" }, CountVectorizerModel.Load(stream).FeatureNames);
    }

    [Fact]
    public void DocumentFrequencyBoundRoundTrips()
    {
        foreach (var b in new[] { DocumentFrequencyBound.Count(3), DocumentFrequencyBound.Fraction(0.25) })
            Assert.Equal(b, DocumentFrequencyBound.Parse(b.ToString()));
        Assert.Throws<FormatException>(() => DocumentFrequencyBound.Parse("half"));
    }
}
