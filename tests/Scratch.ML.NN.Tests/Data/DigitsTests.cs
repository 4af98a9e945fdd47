using Scratch.ML.NN.Data;
using Xunit;

namespace Scratch.ML.Tests.NN.Data;

public class DigitsTests
{
    private static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "samples", "data", "digits.csv"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return Path.Combine([dir!.FullName, .. parts]);
    }

    [Fact]
    public void LoadsTheScikitLearnDigits()
    {
        var (x, y) = Digits.Load(RepoFile("samples", "data", "digits.csv"));
        Assert.Equal(new[] { 1797, 64 }, x.ShapeArray());
        Assert.Equal(new[] { 1797 }, y.ShapeArray());
        var labels = y.ToArray();
        // sklearn's class counts: 178, 182, 177, 183, 181, 182, 181, 179, 174, 180
        Assert.Equal(new[] { 178, 182, 177, 183, 181, 182, 181, 179, 174, 180 },
            Enumerable.Range(0, 10).Select(c => labels.Count(l => l == c)));
        // first image of load_digits(): a zero; its first row of pixels is 0 0 5 13 9 1 0 0
        Assert.Equal(0, labels[0]);
        Assert.Equal(new[] { 0f, 0, 5, 13, 9, 1, 0, 0 }, x.Select(0, 0).ToArray()[..8]);
        Assert.Equal(16f, x.ToArray().Max());
    }

    [Fact]
    public void MalformedRowsAreRejectedWithLineNumbers()
    {
        string header = string.Join(",", Enumerable.Range(0, 64).Select(i => $"p{i}")) + ",label";
        string good = string.Join(",", Enumerable.Repeat("1", 64)) + ",3";
        string Fail(string body)
        {
            var path = Path.Combine(Path.GetTempPath(), $"digits-{Guid.NewGuid():N}.csv");
            File.WriteAllText(path, header + "\n" + good + "\n" + body + "\n");
            try { return Assert.Throws<FormatException>(() => Digits.Load(path)).Message; }
            finally { File.Delete(path); }
        }
        Assert.Contains("line 3 has 64 fields", Fail(string.Join(",", Enumerable.Repeat("1", 64))));
        Assert.Contains("line 3, column \"p0\": pixel 17", Fail("17" + good[1..]));
        Assert.Contains("\"abc\" is not a finite number", Fail("abc" + good[1..]));
        Assert.Contains("label 10", Fail(good[..^1] + "10"));
        Assert.Contains("pixel 0.5", Fail("0.5" + good[1..]));
    }

    [Fact]
    public void NumericCsvReadsInvariantCulture()
    {
        var (cols, v) = NumericCsv.Load(new StringReader("a,b\n1.5,-2e3\n\n0,7\n"));
        Assert.Equal(new[] { "a", "b" }, cols);
        Assert.Equal(new[] { 1.5, -2000, 0, 7 }, v.ToArray());
        Assert.Throws<FormatException>(() => NumericCsv.Load(new StringReader("a,b\n1,NaN\n")));
        Assert.Throws<FormatException>(() => NumericCsv.Load(new StringReader("")));
    }
}
