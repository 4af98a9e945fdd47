using System.Text.Json;
using Xunit;

namespace Scratch.ML.Tests.Copying;

/// <summary>
/// The copying and indexing ops against NumPy 1.24 outputs recorded by <c>tests/reference/copying.py</c>
/// (fixtures/copying/numpy_ops.json). Inputs are integer-valued, so every comparison is exact.
/// </summary>
public class NumPyFixtureTests
{
    private static readonly Lazy<JsonElement[]> Cases = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "copying", "numpy_ops.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToArray();
    });

    public static IEnumerable<object[]> Rows() =>
        Cases.Value.Select((c, i) => new object[] { i, c.GetProperty("op").GetString()! });

    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private static Tensor<double> F(JsonElement e)
        => Tensor.FromSpan<double>(e.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray(), [Shapes.Numel(Ints(e.GetProperty("shape")))]).Reshape(Ints(e.GetProperty("shape")));

    private static Tensor<long> L(JsonElement e)
        => Tensor.FromSpan<long>(e.GetProperty("data").EnumerateArray().Select(v => v.GetInt64()).ToArray(), [Shapes.Numel(Ints(e.GetProperty("shape")))]).Reshape(Ints(e.GetProperty("shape")));

    [Theory]
    [MemberData(nameof(Rows))]
    public void MatchesNumPy(int caseIndex, string op)
    {
        var c = Cases.Value[caseIndex];
        Tensor<double> X() => F(c.GetProperty("x"));
        int Axis() => c.GetProperty("axis").GetInt32();
        var expected = c.GetProperty("expected");
        var expectedShape = Ints(expected.GetProperty("shape"));
        if (op == "nonzero")
        {
            var nz = X().Nonzero();
            TestTensors.AssertSame(expectedShape, L(expected).ToArray(), nz, "Nonzero");
            return;
        }
        Tensor<double> actual = op switch
        {
            "pad" => X().Pad(Ints(c.GetProperty("pad")), Enum.Parse<PadMode>(c.GetProperty("mode").GetString()!), c.GetProperty("value").GetDouble()),
            "roll" => X().Roll(c.GetProperty("shift").GetInt32(), Axis()),
            "tile" => X().Tile(Ints(c.GetProperty("reps"))),
            "repeat_interleave" => X().RepeatInterleave(c.GetProperty("repeats").GetInt32(), Axis()),
            "tril" => X().Tril(c.GetProperty("diagonal").GetInt32()),
            "triu" => X().Triu(c.GetProperty("diagonal").GetInt32()),
            "flip" => X().Flip(Ints(c.GetProperty("axes"))),
            "concat" => Tensor.Concat<double>([.. c.GetProperty("xs").EnumerateArray().Select(F)], Axis()),
            "stack" => Tensor.Stack<double>([.. c.GetProperty("xs").EnumerateArray().Select(F)], Axis()),
            "take_along_axis" => X().TakeAlongAxis(L(c.GetProperty("index")), Axis()),
            "scatter" => X().Scatter(Axis(), L(c.GetProperty("index")), F(c.GetProperty("source"))),
            "scatter_add" => X().ScatterAdd(Axis(), L(c.GetProperty("index")), F(c.GetProperty("source"))),
            "masked_select" => X().MaskedSelect(Mask(c.GetProperty("mask"))),
            "index" => X().Index([.. c.GetProperty("indices").EnumerateArray().Select(L)]),
            "index_select" => X().IndexSelect(Axis(), L(c.GetProperty("index"))),
            "one_hot" => Tensor.OneHot<double>(L(c.GetProperty("labels")), c.GetProperty("classes").GetInt32()),
            "masked_fill" => X().MaskedFill(Mask(c.GetProperty("mask")), c.GetProperty("value").GetDouble()),
            _ => throw new InvalidOperationException($"Unknown fixture op '{op}'."),
        };
        TestTensors.AssertSame(expectedShape, F(expected).ToArray(), actual, $"{op} vs {c.GetProperty("numpy").GetString()}");
    }

    private static Tensor<bool> Mask(JsonElement e)
        => Tensor.FromSpan<bool>(e.GetProperty("data").EnumerateArray().Select(v => v.GetBoolean()).ToArray(), [Shapes.Numel(Ints(e.GetProperty("shape")))]).Reshape(Ints(e.GetProperty("shape")));
}
