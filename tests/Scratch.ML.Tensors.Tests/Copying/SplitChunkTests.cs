using Xunit;

namespace Scratch.ML.Tests.Copying;

public class SplitChunkTests
{
    [Theory]
    [InlineData(10, 3, new[] { 3, 3, 3, 1 })]
    [InlineData(9, 3, new[] { 3, 3, 3 })]
    [InlineData(2, 5, new[] { 2 })]
    [InlineData(0, 4, new[] { 0 })]
    public void SplitBySizeFollowsPyTorch(int n, int section, int[] expectedSizes)
    {
        var x = TestTensors.Make<float>([2, n], Layout.Strided);
        var pieces = x.Split(section, 1);
        Assert.Equal(expectedSizes, pieces.Select(p => p.Size(1)).ToArray());
        Assert.All(pieces, p => Assert.Same(x.Storage, p.Storage));
        TestTensors.AssertSame(x.ShapeArray(), x.ToArray(), Tensor.Concat<float>(pieces, 1), "Concat(Split)");
    }

    [Theory]
    [InlineData(10, 3, new[] { 4, 4, 2 })]
    [InlineData(6, 4, new[] { 2, 2, 2 })] // PyTorch returns fewer chunks than asked here
    [InlineData(5, 5, new[] { 1, 1, 1, 1, 1 })]
    [InlineData(3, 7, new[] { 1, 1, 1 })]
    [InlineData(0, 3, new[] { 0 })]
    public void ChunkFollowsPyTorch(int n, int chunks, int[] expectedSizes)
    {
        var x = TestTensors.Make<int>([n, 3], Layout.Negative);
        var pieces = x.Chunk(chunks, 0);
        Assert.Equal(expectedSizes, pieces.Select(p => p.Size(0)).ToArray());
        TestTensors.AssertSame(x.ShapeArray(), x.ToArray(), Tensor.Concat<int>(pieces, 0), "Concat(Chunk)");
    }

    [Fact]
    public void SplitBySizesAndWriteThroughPieces()
    {
        var x = Tensor.Arange(12.0).Reshape(3, 4);
        var pieces = x.Split([1, 0, 3], 1);
        Assert.Equal([3, 1], pieces[0].ShapeArray());
        Assert.Equal([3, 0], pieces[1].ShapeArray());
        Assert.Equal(new double[] { 1, 2, 3, 5, 6, 7, 9, 10, 11 }, pieces[2].ToArray());
        pieces[2][0, 0] = -1;
        Assert.Equal(-1.0, x[0, 1]); // views share storage
    }

    [Fact]
    public void SplitBadInputsFailByName()
    {
        var x = Tensor.Zeros<double>(4, 5);
        var ex = Assert.Throws<ArgumentException>(() => x.Split([2, 2], 1));
        Assert.Contains("sum to 4", ex.Message);
        Assert.Contains("size 5", ex.Message);
        Assert.Throws<ArgumentException>(() => x.Split([5, -1], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Split(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Split(2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Chunk(0));
    }
}
