using System.Text.Json;
using Scratch.ML.Learn.Text;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Text;

/// <summary>The sparse (CSR) outputs: equal to the dense ones exactly, to scikit-learn 1.2 within 1e-12, valid CSR.</summary>
public class SparseTextTests
{
    private static readonly JsonElement Root = TextVectorizerTests.Root;

    // Same reason as TextVectorizerTests: float64 logs, products and row norms summed in possibly different orders.
    private static readonly Tolerance VsSklearn = new("SparseTfidfVsSklearn", 1e-12, 1e-12);

    private static string[] Corpus => TextVectorizerTests.Strings(Root.GetProperty("corpus"));

    private static string[] Fresh => TextVectorizerTests.Strings(Root.GetProperty("new"));

    /// <summary>Checks the CSR invariants and that ToDense is exactly <paramref name="dense"/>.</summary>
    internal static void AssertSameAsDense(CsrMatrix x, Tensor<double> dense)
    {
        Assert.Equal(new[] { x.RowCount, x.ColumnCount }, dense.Shape.ToArray());
        Assert.Equal(x.RowCount + 1, x.RowPointers.Length);
        Assert.Equal(0, x.RowPointers[0]);
        Assert.Equal(x.NonZeroCount, x.RowPointers[x.RowCount]);
        Assert.Equal(x.NonZeroCount, x.Values.Length);
        Assert.Equal(4L * (x.RowCount + 1) + 12L * x.NonZeroCount, x.MemoryBytes);
        for (int i = 0; i < x.RowCount; i++)
        {
            var cols = x.RowColumns(i);
            for (int k = 1; k < cols.Length; k++) Assert.True(cols[k - 1] < cols[k], $"row {i}: columns not increasing");
        }
        // The validating constructor accepts it.
        _ = new CsrMatrix(x.RowCount, x.ColumnCount, x.RowPointers, x.ColumnIndices, x.Values);
        Assert.Equal(dense.ToArray(), x.ToDense().ToArray());
        for (int i = 0; i < x.RowCount; i++)
            for (int j = 0; j < x.ColumnCount; j++) Assert.Equal(dense[i, j], x[i, j]);
    }

    [Theory]
    [MemberData(nameof(TextVectorizerTests.Cases), MemberType = typeof(TextVectorizerTests))]
    public void SparseEqualsDenseAndSklearn(string name)
    {
        var c = Root.GetProperty("cases").GetProperty(name);
        var vectorizer = TextVectorizerTests.Vectorizer(c);
        var (model, fitted) = vectorizer switch
        {
            TfidfVectorizer t => ((ITextModel, CsrMatrix))t.FitTransformSparse(Corpus),
            CountVectorizer cv => cv.FitTransformSparse(Corpus),
            _ => throw new InvalidOperationException(),
        };
        var dense = vectorizer.Fit(Corpus);
        Assert.Equal(dense.FeatureNames, model.FeatureNames);
        int v = model.FeatureNames.Count;
        AssertSameAsDense(fitted, dense.Transform(Corpus));
        AssertSameAsDense(model.TransformSparse(Corpus), dense.Transform(Corpus));
        AssertSameAsDense(model.TransformSparse(Fresh), dense.Transform(Fresh));
        TensorAssert.Close(TextVectorizerTests.Matrix(c.GetProperty("fit"), v), fitted.ToDense(), VsSklearn);
        TensorAssert.Close(TextVectorizerTests.Matrix(c.GetProperty("new"), v), model.TransformSparse(Fresh).ToDense(), VsSklearn);
    }

    [Fact]
    public void HashingSparseEqualsDense()
    {
        foreach (var c in Root.GetProperty("hashing").EnumerateObject())
        {
            var p = c.Value.GetProperty("params");
            var counting = new CountVectorizer(StopWords: p.TryGetProperty("stop_words", out var sw) ? sw.GetString() : null,
                Binary: p.TryGetProperty("binary", out var b) && b.GetBoolean());
            var h = new HashingVectorizer(p.GetProperty("n_features").GetInt32(), counting,
                AlternateSign: !p.TryGetProperty("alternate_sign", out var a) || a.GetBoolean());
            AssertSameAsDense(h.TransformSparse(Corpus), h.Transform(Corpus));
            AssertSameAsDense(h.TransformSparse(Fresh), h.Transform(Fresh));
        }
        // Signs that cancel keep an explicit stored zero, as sklearn: h("aa") > 0 > h("cc"), and
        // HashingVectorizer(n_features=1, norm=None).transform(["aa bb", "aa cc"]) has data [2, 0], indptr [0, 1, 2].
        var x = new HashingVectorizer(1, Norm: TfidfNorm.None).TransformSparse(new[] { "aa bb", "aa cc" });
        Assert.Equal(new[] { 0, 1, 2 }, x.RowPointers.ToArray());
        Assert.Equal(new[] { 2.0, 0.0 }, x.Values.ToArray());
    }

    /// <summary>A corpus large enough for several parallel chunks, mixing ASCII (the hand-written scanner) and
    /// non-ASCII documents (the regex analyzer), against counts built from <see cref="CountVectorizer.Analyze"/>.</summary>
    [Fact]
    public void FastScannerAndChunksMatchTheAnalyzer()
    {
        string[] words = ["Alpha", "beta", "x", "_u", "a_b", "42", "7", "it's", "the", "Über", "naïve", "ÉTÉ", "q-r", "Zz9", "\t\nend."];
        var g = new Random(5);
        var docs = Enumerable.Range(0, 3000).Select(i => string.Join(i % 7 == 0 ? "," : " ",
            Enumerable.Range(0, g.Next(0, 12)).Select(_ => words[g.Next(i % 5 == 0 ? words.Length : 9)]))).ToArray();
        foreach (var options in new[] { new CountVectorizer(), new CountVectorizer(Lowercase: false, StopWords: "english"), new CountVectorizer(Binary: true) })
        {
            var (model, x) = options.FitTransformSparse(docs);
            var expectedTerms = docs.SelectMany(options.Analyze).Distinct().Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(expectedTerms, model.FeatureNames);
            for (int i = 0; i < docs.Length; i++)
            {
                var counts = options.Analyze(docs[i]).GroupBy(t => t).ToDictionary(t => model.Vocabulary[t.Key], t => options.Binary ? 1.0 : t.Count());
                Assert.Equal(counts.Keys.Order(), x.RowColumns(i).ToArray());
                foreach (var (j, value) in counts) Assert.Equal(value, x[i, j]);
            }
            AssertSameAsDense(model.TransformSparse(docs[..400]), model.Transform(docs[..400]));
        }
        var tfidf = new TfidfVectorizer(SublinearTf: true).FitTransformSparse(docs);
        AssertSameAsDense(tfidf.Matrix, tfidf.Model.Transform(docs));
    }

    [Fact]
    public void CsrMatrixAccessors()
    {
        var x = new CsrMatrix(3, 4, [0, 2, 2, 3], [1, 3, 0], [5.0, -1.0, 2.5]);
        Assert.Equal(3, x.NonZeroCount);
        Assert.Equal(new[] { 1, 3 }, x.RowColumns(0).ToArray());
        Assert.Equal(new[] { 5.0, -1.0 }, x.RowValues(0).ToArray());
        Assert.True(x.RowColumns(1).IsEmpty);
        Assert.Equal(2.5, x[2, 0]);
        Assert.Equal(0.0, x[2, 1]);
        Assert.Equal(8L * 12, x.DenseMemoryBytes);
        Assert.Equal(new[] { 0, 5, 0, -1, 0, 0, 0, 0, 2.5, 0, 0, 0 }, x.ToDense().ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => x.RowColumns(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => x[0, 4]);
        Assert.Equal(new[] { 0, 7 }, new CsrMatrix(0, 7, [0], [], []).ToDense().Shape.ToArray());
    }

    [Fact]
    public void CsrMatrixRejectsBadInput()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CsrMatrix(-1, 2, [0], [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CsrMatrix(1, -2, [0, 0], [], []));
        Assert.Contains("row pointers", Assert.Throws<ArgumentException>(() => new CsrMatrix(2, 2, [0, 1], [0], [1.0])).Message);
        Assert.Contains("as many values", Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 2, [0, 1], [0], [])).Message);
        Assert.Contains("first row pointer", Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 2, [1, 1], [0], [1.0])).Message);
        Assert.Contains("last row pointer", Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 2, [0, 2], [0], [1.0])).Message);
        Assert.Contains("must not decrease", Assert.Throws<ArgumentException>(() => new CsrMatrix(2, 2, [0, 2, 1], [0], [1.0])).Message);
        Assert.Contains("[0, 2)", Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 2, [0, 1], [2], [1.0])).Message);
        Assert.Contains("strictly increasing", Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 3, [0, 2], [1, 1], [1.0, 2.0])).Message);
        Assert.Contains("strictly increasing", Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 3, [0, 2], [2, 0], [1.0, 2.0])).Message);
        var input = new[] { 0, 1 };
        var copied = new CsrMatrix(1, 2, input, [1], [3.0]);
        input[1] = 0;
        Assert.Equal(1, copied.RowPointers[1]);   // the constructor copies its input
    }
}
