using Scratch.ML.Cpu;
using Xunit;

namespace Scratch.ML.Tests.Copying;

/// <summary>The cache-blocked transpose copy against its reference twin, the row-walking <c>CopyDriver.Copy</c>.</summary>
public class BlockedTransposeTests
{
    public static IEnumerable<object[]> Rows() =>
        from row in Layouts()
        from dtype in new[] { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8 }
        select (object[])[.. row, dtype];

    private static IEnumerable<object[]> Layouts() =>
    [
        [new[] { 64, 64 }, new[] { 1, 0 }, false],
        [new[] { 33, 70 }, new[] { 1, 0 }, false],    // ragged tiles on both axes
        [new[] { 100, 47 }, new[] { 1, 0 }, true],    // negative source stride on one axis
        [new[] { 3, 40, 50 }, new[] { 0, 2, 1 }, false], // batched matrix transpose
        [new[] { 40, 3, 50 }, new[] { 2, 1, 0 }, false],
        [new[] { 2, 3, 40, 36 }, new[] { 3, 1, 0, 2 }, false],
        [new[] { 300, 400 }, new[] { 1, 0 }, false],  // large enough to run in parallel chunks
        [new[] { 520, 270 }, new[] { 1, 0 }, true],   // several chunks, ragged register squares, flipped
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void BlockedCopyMatchesTheRowWalker(int[] storedShape, int[] perm, bool flip, DType dtype)
        => TestTensors.ForDType(dtype, new Case(storedShape, perm, flip));

    private sealed record Case(int[] StoredShape, int[] Perm, bool Flip) : ITypedTest
    {
        public void Run<T>() where T : unmanaged
        {
            var x = TestTensors.Make<T>(StoredShape, Layout.Contiguous, 1).Permute(Perm);
            if (Flip) x = x.FlipView(0);
            var expected = Tensor.Zeros<T>(x.Shape);
            CopyDriver.Copy(x, expected);
            var actual = Tensor.Zeros<T>(x.Shape);
            Assert.True(BlockedTranspose.TryCopy(x, actual));
            TestTensors.AssertSame(x.ShapeArray(), expected.ToArray(), actual, "blocked transpose");
            // Into a strided destination too: rows padded by 3 elements and starting at offset 1.
            var wide = x.ShapeArray();
            wide[^1] += 3;
            var view = Tensor.Zeros<T>(wide).Narrow(-1, 1, x.Shape[^1]);
            Assert.True(BlockedTranspose.TryCopy(x, view));
            TestTensors.AssertSame(x.ShapeArray(), expected.ToArray(), view, "into a view");
        }
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
