using Scratch.ML.LinearAlgebra;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Readme;

/// <summary>
/// The README's quick-start, compiled and run. The region between the two marker comments below is the README's
/// ```csharp block (after its `using` lines) character for character; <see cref="ReadmeBlockMatchesThisFile"/> fails
/// when the two drift apart, so the README can never show code that does not compile or does not do what it says.
/// </summary>
public class QuickStartTests
{
    private const string Begin = "// README quick-start: begin";
    private const string End = "// README quick-start: end";
    private const string ThisFile = "tests/Scratch.ML.Tensors.Tests/Readme/QuickStartTests.cs";

    [Fact]
    public void QuickStartComputesWhatTheReadmeSays()
    {
        // README quick-start: begin
        var x = Tensor.Arange(0.0, 6.0, 1.0).Reshape(2, 3);     // [[0, 1, 2], [3, 4, 5]]
        var xt = x.MT;                                           // (3, 2) transposed view: no copy
        var flipped = x[.., TensorIndex.Slice(null, null, -1)];  // columns reversed: a view with stride -1
        var bias = Tensor.FromArray(new[] { 10.0, 20.0, 30.0 }); // shape (3,)
        var y = (x + bias).Exp();                                // broadcast (2, 3) + (3,), then e^v elementwise
        Console.WriteLine(y);
        Console.WriteLine(flipped.Exp());                        // kernels run on any view: strided, reversed, broadcast
        var a = Tensor.Randn<double>(new Generator(0), 50, 2);   // seeded N(0, 1) samples, shape (50, 2)
        var b = a.MatMul(Tensor.FromArray(new[] { 3.0, -2.0 }, 2, 1)); // packed GEMM: (50, 2) @ (2, 1) -> (50, 1)
        var w = Linalg.Lstsq(a, b).Solution;                      // least squares: ≈ [[3], [-2]]
        var svd = Linalg.Svd(a, fullMatrices: false);             // U (50, 2), S (2,), Vh (2, 2); S descending
        Console.WriteLine(w);
        Console.WriteLine(svd.S);
        // README quick-start: end

        Assert.Same(x.Storage, xt.Storage);
        Assert.Same(x.Storage, flipped.Storage);
        Assert.Equal(x[1, 0], xt[0, 1]);
        Assert.Equal(new double[] { 2, 1, 0, 5, 4, 3 }, flipped.ToArray());
        Assert.Equal([2, 3], y.ShapeArray());
        var expected = Tensor.FromArray(new double[,]
        {
            { Math.Exp(10), Math.Exp(21), Math.Exp(32) },
            { Math.Exp(13), Math.Exp(24), Math.Exp(35) },
        });
        TensorAssert.Close(expected, y, Tolerance.Float64Kernel);

        // b is exactly a·[3, −2]ᵀ, so least squares recovers the coefficients to rounding error.
        TensorAssert.Close(Tensor.FromArray(new[] { 3.0, -2.0 }, 2, 1), w, Tolerance.Float64Decomposition);
        Assert.Equal([2], svd.S.ShapeArray());
        Assert.True(svd.S[0] >= svd.S[1] && svd.S[1] > 0);
    }

    [Fact]
    public void ReadmeBlockMatchesThisFile()
    {
        string root = RepositoryRoot();
        var readme = File.ReadAllLines(Path.Combine(root, "README.md"));
        var source = File.ReadAllLines(Path.Combine(root, ThisFile));

        var block = ReadmeQuickStart(readme);
        int begin = Array.FindIndex(source, l => l.Trim() == Begin);
        int end = Array.FindIndex(source, l => l.Trim() == End);
        Assert.True(begin >= 0 && end > begin, $"{ThisFile}: the markers '{Begin}' and '{End}' are missing.");
        var region = Dedent(source[(begin + 1)..end]);

        Assert.Equal(string.Join('\n', region), string.Join('\n', block));
    }

    /// <summary>The first ```csharp block after the quick-start marker, without its leading `using` lines.</summary>
    private static string[] ReadmeQuickStart(string[] readme)
    {
        int marker = Array.FindIndex(readme, l => l.Contains("quick-start: compiled by " + ThisFile, StringComparison.Ordinal));
        Assert.True(marker >= 0, $"README.md: the marker comment naming {ThisFile} is missing.");
        int open = Array.FindIndex(readme, marker, l => l.Trim() == "```csharp");
        Assert.True(open >= 0, "README.md: no ```csharp block follows the quick-start marker.");
        int close = Array.FindIndex(readme, open + 1, l => l.Trim() == "```");
        Assert.True(close > open, "README.md: the quick-start ```csharp block is not closed.");
        return readme[(open + 1)..close]
            .SkipWhile(l => l.StartsWith("using ", StringComparison.Ordinal) || l.Trim().Length == 0)
            .Select(l => l.TrimEnd())
            .ToArray();
    }

    /// <summary>Removes the indentation common to every non-blank line, and trailing spaces.</summary>
    private static string[] Dedent(string[] lines)
    {
        int indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return lines.Select(l => l.Trim().Length == 0 ? "" : l[indent..].TrimEnd()).ToArray();
    }

    /// <summary>The folder holding Scratch.ML.sln, found by walking up from the test binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Scratch.ML.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains Scratch.ML.sln; the README test runs inside a clone of the repository.");
    }
}
