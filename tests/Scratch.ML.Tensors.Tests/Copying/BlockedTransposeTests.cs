using Scratch.ML.Cpu;
using Xunit;

namespace Scratch.ML.Tests.Copying;

/// <summary>The cache-blocked transpose copy against its reference twin, the row-walking <c>CopyDriver.Copy</c>.</summary>
public class BlockedTransposeTests
{
    public static IEnumerable<object[]> Rows() =>
    [
        [new[] { 64, 64 }, new[] { 1, 0 }, false],
        [new[] { 33, 70 }, new[] { 1, 0 }, false],    // ragged tiles on both axes
        [new[] { 100, 47 }, new[] { 1, 0 }, true],    // negative source stride on one axis
        [new[] { 3, 40, 50 }, new[] { 0, 2, 1 }, false], // batched matrix transpose
        [new[] { 40, 3, 50 }, new[] { 2, 1, 0 }, false],
        [new[] { 2, 3, 40, 36 }, new[] { 3, 1, 0, 2 }, false],
        [new[] { 300, 400 }, new[] { 1, 0 }, false],  // large enough to run in parallel chunks
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void BlockedCopyMatchesTheRowWalker(int[] storedShape, int[] perm, bool flip)
    {
        var x = Tensor.Arange(0.0, Shapes.Numel(storedShape), 1.0).Reshape(storedShape).Permute(perm);
        if (flip) x = x.FlipView(0);
        var expected = Tensor.Zeros<double>(x.Shape);
        CopyDriver.Copy(x, expected);
        var actual = Tensor.Zeros<double>(x.Shape);
        Assert.True(BlockedTranspose.TryCopy(x, actual));
        Assert.Equal(expected.ToArray(), actual.ToArray());
        Assert.Equal(x.ToArray(), actual.ToArray());
    }

    [Fact]
    public void NonTransposedLayoutsAreDeclined()
    {
        var contiguous = Tensor.Zeros<float>(64, 64);
        Assert.False(BlockedTranspose.TryCopy(contiguous, Tensor.Zeros<float>(64, 64)));
        var strided = Tensor.Zeros<float>(64, 128).Slice(1, 0, null, 2); // no unit-stride source axis
        Assert.False(BlockedTranspose.TryCopy(strided, Tensor.Zeros<float>(64, 64)));
        var small = Tensor.Zeros<float>(8, 8).MT;
        Assert.False(BlockedTranspose.TryCopy(small, Tensor.Zeros<float>(8, 8)));
    }
}
