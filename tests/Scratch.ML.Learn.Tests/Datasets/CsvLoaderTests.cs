using Scratch.ML.Learn.Datasets;
using Xunit;

namespace Scratch.ML.Tests.Learn.Datasets;

public class CsvLoaderTests
{
    [Fact]
    public void ParsesNumbersWithInvariantCulture()
    {
        var t = CsvLoader.Parse("a,b,c\n1.5,-2e-3,7\n3,4.25,NaN\n");
        Assert.Equal(["a", "b", "c"], t.ColumnNames);
        Assert.Equal([2, 3], t.Data.Shape.ToArray());
        Assert.All(t.Kinds, k => Assert.Equal(CsvColumnKind.Numeric, k));
        Assert.Equal([1.5, -2e-3, 7, 3, 4.25, double.NaN], t.Data.ToArray());
        Assert.Null(t.Categories[0]);
        Assert.Equal(1, t.ColumnIndex("b"));
        Assert.Throws<KeyNotFoundException>(() => t.ColumnIndex("z"));
    }

    [Fact]
    public void HandlesQuotingEscapesAndLineEndings()
    {
        // Quoted delimiter, doubled quote, embedded CRLF and LF inside quotes, CRLF record ends, no final newline.
        string text = "name,\"note, with comma\"\r\n\"x\"\"y\",\"line1\r\nline2\"\r\nz,\"a\nb\"";
        var t = CsvLoader.Parse(text);
        Assert.Equal(["name", "note, with comma"], t.ColumnNames);
        Assert.Equal(CsvColumnKind.Categorical, t.Kinds[0]);
        Assert.Equal(["x\"y", "z"], t.Categories[0]);
        Assert.Equal(["a\nb", "line1\r\nline2"], t.Categories[1]);
        Assert.Equal([1, 0], t.Codes(1));
        // A quoted number is still a number.
        Assert.Equal([12.5], CsvLoader.Parse("v\n\"12.5\"\n").Data.ToArray());
    }

    [Fact]
    public void DelimiterAndHeaderlessInput()
    {
        var t = CsvLoader.Parse("1;2\n3;\"4;5\"\n", new CsvOptions { Delimiter = ';', HasHeader = false });
        Assert.Equal(["c0", "c1"], t.ColumnNames);
        Assert.Equal(CsvColumnKind.Numeric, t.Kinds[0]);
        Assert.Equal(CsvColumnKind.Categorical, t.Kinds[1]);
        Assert.Equal(["2", "4;5"], t.Categories[1]);
        Assert.Throws<ArgumentException>(() => CsvLoader.Parse("a", new CsvOptions { Delimiter = '"' }));
    }

    [Fact]
    public void MissingMarkersBecomeNaNAndCodeMinusOne()
    {
        var t = CsvLoader.Parse("x,kind\n1,a\nNA,?\n?,b\n,a\n");
        Assert.Equal(CsvColumnKind.Numeric, t.Kinds[0]);
        double[] x = t.Column(0);
        Assert.Equal(1.0, x[0]);
        Assert.True(double.IsNaN(x[1]) && double.IsNaN(x[2]) && double.IsNaN(x[3]));
        Assert.Equal(["a", "b"], t.Categories[1]);
        Assert.Equal([0, -1, 1, 0], t.Codes(1));
        Assert.Throws<ArgumentException>(() => t.Codes(0));
        // Custom markers: "NA" is then a category, "-" missing.
        var u = CsvLoader.Parse("k\nNA\n-\n", new CsvOptions { MissingMarkers = ["-"] });
        Assert.Equal(["NA"], u.Categories[0]);
        Assert.Equal([0, -1], u.Codes(0));
    }

    [Fact]
    public void CategoricalCodesAreSortedOrdinalAndOverridable()
    {
        var t = CsvLoader.Parse("zip,color\n02139,red\n10001,blue\n02139,green\n");
        Assert.Equal(CsvColumnKind.Numeric, t.Kinds[0]);
        Assert.Equal(["blue", "green", "red"], t.Categories[1]);
        Assert.Equal([2, 0, 1], t.Codes(1));
        var forced = CsvLoader.Parse("zip,color\n02139,red\n10001,blue\n02139,green\n", new CsvOptions
        {
            ColumnKinds = new Dictionary<string, CsvColumnKind> { ["zip"] = CsvColumnKind.Categorical },
        });
        Assert.Equal(CsvColumnKind.Categorical, forced.Kinds[0]);
        Assert.Equal(["02139", "10001"], forced.Categories[0]);
        Assert.Equal([0, 1, 0], forced.Codes(0));
        var ex = Assert.Throws<CsvFormatException>(() => CsvLoader.Parse("a,b\n1,2\nx,3\n", new CsvOptions
        {
            ColumnKinds = new Dictionary<string, CsvColumnKind> { ["a"] = CsvColumnKind.Numeric },
        }));
        Assert.Equal((3, 1), (ex.Line, ex.Column));
        Assert.Contains("'x'", ex.Message);
        Assert.Throws<ArgumentException>(() => CsvLoader.Parse("a\n1\n", new CsvOptions
        {
            ColumnKinds = new Dictionary<string, CsvColumnKind> { ["nope"] = CsvColumnKind.Numeric },
        }));
    }

    [Theory]
    [InlineData("a,b\n1,2\n3\n", 3, 0, "expected 2 fields but found 1")]
    [InlineData("a,b\n1,2,3\n", 2, 0, "expected 2 fields but found 3")]
    [InlineData("a,b\n1,x\"y\n", 2, 2, "quote inside an unquoted field")]
    [InlineData("a,b\n1,\"xy\"z\n", 2, 2, "after a closing quote")]
    [InlineData("a,b\n1,\"unterminated\n", 2, 2, "ends inside a quoted field")]
    [InlineData("a,a\n1,2\n", 1, 2, "duplicate column name")]
    [InlineData("a,b\n1,2\n\n3,4\n", 3, 0, "empty line inside the data")]
    [InlineData("", 1, 0, "empty")]
    [InlineData("a,b\n\"1\n2\",3\n4\n", 4, 0, "expected 2 fields")]
    public void BadInputNamesLineAndColumn(string text, int line, int column, string fragment)
    {
        var ex = Assert.Throws<CsvFormatException>(() => CsvLoader.Parse(text));
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Contains(fragment, ex.Message);
        Assert.StartsWith($"CSV line {line}", ex.Message);
    }

    [Fact]
    public void TrailingBlankLinesAndHeaderOnlyAreFine()
    {
        var t = CsvLoader.Parse("a,b\n1,2\n\n\n");
        Assert.Equal([1, 2], t.Data.Shape.ToArray());
        var empty = CsvLoader.Parse("a,b\n");
        Assert.Equal([0, 2], empty.Data.Shape.ToArray());
    }

    [Fact]
    public void LoadsFromFileWithBom()
    {
        string path = Path.Combine(Path.GetTempPath(), $"scratchml-csv-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "h1,h2\n1,2\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            var t = CsvLoader.Load(path);
            Assert.Equal(["h1", "h2"], t.ColumnNames);
            Assert.Equal([1.0, 2.0], t.Data.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Throws<FileNotFoundException>(() => CsvLoader.Load(path));
    }
}
