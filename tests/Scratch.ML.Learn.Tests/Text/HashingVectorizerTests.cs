using System.Text;
using System.Text.Json;
using Scratch.ML.Learn.Text;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Text;

/// <summary>HashingVectorizer, MurmurHash3 and the NumPy argsort port against scikit-learn 1.2 / NumPy 1.24.</summary>
public class HashingVectorizerTests
{
    private static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "text", "text.json"))).RootElement;

    // Integer counts divided by a row norm (a sum of squares in a possibly different order): a few ulps; 1e-12 leaves margin.
    private static readonly Tolerance VsSklearn = new("HashingVsSklearn", 1e-12, 1e-12);

    private static string[] Strings(JsonElement e) => e.EnumerateArray().Select(s => s.GetString()!).ToArray();

    private static Tensor<double> Matrix(JsonElement e)
    {
        var data = e.EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray();
        return Tensor.FromArray(data, e.GetArrayLength(), e[0].GetArrayLength());
    }

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Root.GetProperty("hashing").EnumerateObject()) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesSklearn(string name)
    {
        var c = Root.GetProperty("hashing").GetProperty(name);
        var p = c.GetProperty("params");
        int lo = 1, hi = 1;
        if (p.TryGetProperty("ngram_range", out var r)) { lo = r[0].GetInt32(); hi = r[1].GetInt32(); }
        var counting = new CountVectorizer(NgramMin: lo, NgramMax: hi,
            StopWords: p.TryGetProperty("stop_words", out var sw) ? sw.GetString() : null,
            Binary: p.TryGetProperty("binary", out var b) && b.GetBoolean());
        var norm = !p.TryGetProperty("norm", out var nm) ? TfidfNorm.L2
            : nm.ValueKind == JsonValueKind.Null ? TfidfNorm.None : nm.GetString() == "l1" ? TfidfNorm.L1 : TfidfNorm.L2;
        var h = new HashingVectorizer(p.GetProperty("n_features").GetInt32(), counting,
            AlternateSign: !p.TryGetProperty("alternate_sign", out var a) || a.GetBoolean(), Norm: norm);
        TensorAssert.Close(Matrix(c.GetProperty("fit")), h.Transform(Strings(Root.GetProperty("corpus"))), VsSklearn);
        TensorAssert.Close(Matrix(c.GetProperty("new")), h.Transform(Strings(Root.GetProperty("new"))), VsSklearn);
    }

    [Fact]
    public void MurmurHashMatchesSklearn()
    {
        var m = Root.GetProperty("murmur");
        var words = Strings(m.GetProperty("words"));
        var hashes = m.GetProperty("hashes").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        for (int i = 0; i < words.Length; i++)
            Assert.Equal(hashes[i], HashingVectorizer.MurmurHash3(Encoding.UTF8.GetBytes(words[i]), 0));
    }

    [Fact]
    public void ArgsortPortMatchesNumpyOnTies()
    {
        var a = Root.GetProperty("argsort");
        var values = a.GetProperty("values").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var order = a.GetProperty("order").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(order, NumpyArgsort.Argsort(values));
    }

    [Fact]
    public void BadOptionsAndInputsFailClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HashingVectorizer(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HashingVectorizer(8, Norm: (TfidfNorm)5));
        Assert.Throws<ArgumentException>(() => new HashingVectorizer(8).Transform(new[] { "dog", null! }));
        Assert.Equal(new[] { 0, 8 }, new HashingVectorizer(8).Transform(Array.Empty<string>()).Shape.ToArray());
        var z = new HashingVectorizer(8).Transform(new[] { "", "a ! ?" });
        Assert.All(z.ToArray(), v => Assert.Equal(0.0, v));   // documents without tokens give zero rows
    }
}
