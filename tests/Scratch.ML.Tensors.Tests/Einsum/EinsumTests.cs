using Scratch.ML.Testing;
using Scratch.ML.Tests.Reductions;
using Xunit;

namespace Scratch.ML.Tests.Einsum;

/// <summary>Einsum against explicit loops (the <see cref="ReferenceEinsum"/> twin) for every supported pattern.</summary>
public class EinsumTests
{
    public static TheoryData<string, int[][], string> Patterns() => new()
    {
        { "bij,bjk->bik", [[3, 4, 5], [3, 5, 2]], "contiguous" },
        { "bij,bjk->bik", [[2, 7, 3], [2, 3, 6]], "transposed" },
        { "ij,jk->ik", [[4, 5], [5, 3]], "contiguous" },
        { "ij,jk", [[4, 5], [5, 3]], "reversed" },
        { "ij,kj->ik", [[4, 5], [3, 5]], "strided" },
        { "i,j->ij", [[4], [6]], "contiguous" },
        { "ii->", [[5, 5]], "transposed" },
        { "ii", [[5, 5]], "contiguous" },
        { "ii->i", [[4, 4]], "strided" },
        { "ij->ji", [[3, 7]], "contiguous" },
        { "ij->i", [[3, 7]], "transposed" },
        { "ij->", [[3, 7]], "broadcast" },
        { "i,i->", [[9], [9]], "contiguous" },
        { "i,i", [[70], [70]], "reversed" },
        { "bi,ij,bj->b", [[4, 3], [3, 5], [4, 5]], "contiguous" },
        { "bi,ij,bj->b", [[4, 3], [3, 5], [4, 5]], "transposed" },
        { "bn,bn->b", [[6, 5], [6, 5]], "contiguous" },
        { "ijk->kji", [[2, 3, 4]], "contiguous" },
        { "iij->j", [[3, 3, 4]], "contiguous" },
        { "ij,jk,kl->il", [[2, 3], [3, 4], [4, 5]], "contiguous" },
        { "abc,cd->abd", [[2, 3, 4], [4, 5]], "strided" },
        { "ab,cd->abcd", [[2, 3], [2, 2]], "contiguous" },
        { "ij,ij->ij", [[3, 4], [3, 4]], "contiguous" },
        { "ij,j->i", [[3, 4], [4]], "contiguous" },
        { "i,jk->", [[3], [2, 4]], "contiguous" },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void MatchesExplicitLoops(string subscripts, int[][] shapes, string layout)
    {
        var ops = shapes.Select((s, i) => ReductionTestData.Make<double>(s, layout, 40 + i)).ToArray();
        var (expected, shape) = ReferenceEinsum.Evaluate(subscripts, ops);
        var y = Tensor.Einsum(subscripts, ops);
        Assert.Equal(shape, y.ShapeArray());
        TensorAssert.Close<double>(expected, y.ToArray(), Tolerance.Float64Gemm, shape);
        var opsF = shapes.Select((s, i) => ReductionTestData.Make<float>(s, layout, 40 + i)).ToArray();
        var yf = Tensor.Einsum(subscripts, opsF);
        TensorAssert.Close<float>(expected.Select(v => (float)v).ToArray(), yf.ToArray(), Tolerance.Float32Gemm, shape);
    }

    [Fact]
    public void ResultNeverAliasesAnInput()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2, 3, 4 }, 2, 2);
        var y = Tensor.Einsum("ij->ij", x);
        Assert.NotSame(x.Storage, y.Storage);
        Assert.Equal(x.ToArray(), y.ToArray());
    }

    [Fact]
    public void EllipsisBroadcastsLeadingAxes()
    {
        var a = ReductionTestData.Make<double>([2, 3, 4, 5], "contiguous", 1);
        var b = ReductionTestData.Make<double>([3, 5, 2], "contiguous", 2);
        var y = Tensor.Einsum("...ij,...jk->...ik", a, b);
        Assert.Equal([2, 3, 4, 2], y.ShapeArray());
        for (int p = 0; p < 2; p++)
            for (int q = 0; q < 3; q++)
                for (int i = 0; i < 4; i++)
                    for (int k = 0; k < 2; k++)
                    {
                        double s = 0;
                        for (int j = 0; j < 5; j++) s += a[p, q, i, j] * b[q, j, k];
                        Assert.True(Tolerance.Float64Gemm.IsClose(y[p, q, i, k], s));
                    }
        // Broadcast of a size-1 ellipsis axis, and implicit output with ellipsis.
        var c = ReductionTestData.Make<double>([1, 4, 5], "contiguous", 3);
        var d = ReductionTestData.Make<double>([3, 5, 2], "contiguous", 4);
        var z = Tensor.Einsum("...ij,...jk", c, d);
        Assert.Equal([3, 4, 2], z.ShapeArray());
        double z0 = 0;
        for (int j = 0; j < 5; j++) z0 += c[0, 1, j] * d[2, j, 1];
        Assert.True(Tolerance.Float64Gemm.IsClose(z[2, 1, 1], z0));
    }

    [Theory]
    [InlineData("ij,jk->ik", "names 2 operand(s) but 1 were given")]
    [InlineData("ij->ik", "output label 'k'")]
    [InlineData("ij->ii", "more than once")]
    [InlineData("i1->i", "invalid character '1'")]
    [InlineData("ijk->i", "rank 2")]
    [InlineData("i.j->i", "not part of an ellipsis")]
    [InlineData("ij->i->j", "more than one '->'")]
    public void BadSubscriptsAreRejectedWithAClearMessage(string subscripts, string fragment)
    {
        var x = Tensor.Zeros<double>(2, 3);
        var e = Assert.Throws<ArgumentException>(() => Tensor.Einsum(subscripts, x));
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void DimensionMismatchNamesTheLabel()
    {
        var a = Tensor.Zeros<float>(2, 3);
        var b = Tensor.Zeros<float>(4, 5);
        var e = Assert.Throws<ArgumentException>(() => Tensor.Einsum("ij,jk->ik", a, b));
        Assert.Contains("label 'j'", e.Message);
        Assert.Contains("operand 1", e.Message);
        var sq = Tensor.Zeros<float>(2, 3);
        Assert.Contains("label 'i'", Assert.Throws<ArgumentException>(() => Tensor.Einsum("ii->i", sq)).Message);
        Assert.Throws<ArgumentException>(() => Tensor.Einsum<float>("i->i"));
    }
}
