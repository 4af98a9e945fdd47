using Xunit;

namespace Scratch.ML.Tests.Copying;

/// <summary>Flip, Roll, Repeat, Tile, RepeatInterleave and Tril/Triu against explicit index arithmetic.</summary>
public class ReorderTests
{
    [Theory]
    [MemberData(nameof(CopyingCases.ShapeLayoutAxis), MemberType = typeof(CopyingCases))]
    public void FlipAndRollMatchReferenceLoops(int[] shape, Layout layout, DType dtype, int axis)
        => TestTensors.ForDType(dtype, new FlipRollCase(shape, layout, axis));

    private sealed record FlipRollCase(int[] Shape, Layout Layout, int Axis) : ITypedTest
    {
        public void Run<T>() where T : unmanaged
        {
            int a = Axis < 0 ? Axis + Shape.Length : Axis;
            var x = TestTensors.Make<T>(Shape, Layout, 4);
            var data = x.ToArray();
            var flip = new T[data.Length];
            var flipAll = new T[data.Length];
            var roll = new T[data.Length];
            const int shift = -7;
            for (int f = 0; f < data.Length; f++)
            {
                var idx = TestTensors.Unravel(f, Shape);
                var j = (int[])idx.Clone();
                j[a] = Shape[a] - 1 - idx[a];
                flip[f] = data[TestTensors.Ravel(j, Shape)];
                var all = idx.Select((v, d) => Shape[d] - 1 - v).ToArray();
                flipAll[f] = data[TestTensors.Ravel(all, Shape)];
                var r = (int[])idx.Clone();
                r[a] = (((idx[a] - shift) % Shape[a]) + Shape[a]) % Shape[a]; // y[(i + s) mod n] = x[i]
                roll[f] = data[TestTensors.Ravel(r, Shape)];
            }
            var y = x.Flip(Axis);
            TestTensors.AssertSame(Shape, flip, y, "Flip");
            Assert.True(y.IsContiguous);
            var v = x.FlipView(Axis);
            Assert.Same(x.Storage, v.Storage);
            TestTensors.AssertSame(Shape, flip, v, "FlipView");
            TestTensors.AssertSame(Shape, flipAll, x.Flip(), "Flip(all)");
            TestTensors.AssertSame(Shape, roll, x.Roll(shift, Axis), "Roll");
        }
    }

    [Fact]
    public void RollWithoutAxisRollsTheFlattenedTensor()
    {
        var x = Tensor.Arange(6).Reshape(2, 3);
        Assert.Equal(new[] { 4, 5, 0, 1, 2, 3 }, x.Roll(2).ToArray());
        Assert.Equal([2, 3], x.Roll(2).ShapeArray());
        Assert.Equal(new[] { 5, 3, 4, 2, 0, 1 }, x.Roll([1, 1], [0, 1]).ToArray());
        Assert.Throws<ArgumentException>(() => x.Roll([1, 1], [0, 0]));
        Assert.Throws<ArgumentException>(() => x.Roll([1], [0, 1]));
    }

    public static IEnumerable<object[]> RepeatRows()
    {
        int row = 0;
        foreach (var (shape, reps) in new (int[], int[])[]
                 {
                     ([3], [2]), ([3], [2, 2]), ([2, 3], [1, 1]), ([2, 3], [2, 3]), ([2, 3], [3, 1, 2]), ([2, 0], [2, 2]),
                     ([2, 3], [0, 2]), ([], [3]), ([1, 4, 2], [2, 1, 3]),
                 })
            foreach (var layout in TestTensors.Layouts)
                yield return [shape, reps, layout, TestTensors.DTypes[row++ % TestTensors.DTypes.Length]];
    }

    [Theory]
    [MemberData(nameof(RepeatRows))]
    public void RepeatAndTileMatchReferenceLoop(int[] shape, int[] reps, Layout layout, DType dtype)
        => TestTensors.ForDType(dtype, new RepeatCase(shape, reps, layout));

    private sealed record RepeatCase(int[] Shape, int[] Reps, Layout Layout) : ITypedTest
    {
        public void Run<T>() where T : unmanaged
        {
            var x = TestTensors.Make<T>(Shape, Layout, 6);
            var data = x.ToArray();
            int lead = Reps.Length - Shape.Length;
            var padded = Enumerable.Repeat(1, lead).Concat(Shape).ToArray();
            var outShape = padded.Select((n, d) => n * Reps[d]).ToArray();
            var expected = new T[ML.Shapes.Numel(outShape)];
            for (int f = 0; f < expected.Length; f++)
            {
                var idx = TestTensors.Unravel(f, outShape);
                var src = idx.Skip(lead).Select((v, d) => v % Shape[d]).ToArray();
                expected[f] = data[TestTensors.Ravel(src, Shape)];
            }
            TestTensors.AssertSame(outShape, expected, x.Repeat(Reps), "Repeat");
            TestTensors.AssertSame(outShape, expected, x.Tile(Reps), "Tile");
        }
    }

    [Fact]
    public void TileWithFewerRepsThanAxesRepeatsTrailingAxes()
    {
        var x = Tensor.FromArray(new[] { 1, 2, 3, 4 }, 2, 2);
        Assert.Equal(new[] { 1, 2, 1, 2, 3, 4, 3, 4 }, x.Tile(2).ToArray());
        Assert.Equal([2, 4], x.Tile(2).ShapeArray());
        Assert.Throws<ArgumentException>(() => x.Repeat(2));
        Assert.Throws<ArgumentException>(() => x.Repeat(2, -1));
    }

    [Theory]
    [MemberData(nameof(CopyingCases.ShapeLayoutAxis), MemberType = typeof(CopyingCases))]
    public void RepeatInterleaveMatchesReferenceLoop(int[] shape, Layout layout, DType dtype, int axis)
        => TestTensors.ForDType(dtype, new InterleaveCase(shape, layout, axis));

    private sealed record InterleaveCase(int[] Shape, Layout Layout, int Axis) : ITypedTest
    {
        public void Run<T>() where T : unmanaged
        {
            int a = Axis < 0 ? Axis + Shape.Length : Axis;
            var x = TestTensors.Make<T>(Shape, Layout, 2);
            var data = x.ToArray();
            // Uniform repeats r = 3: y[…, i, …] = x[…, i / 3, …].
            var outShape = (int[])Shape.Clone();
            outShape[a] *= 3;
            var expected = new T[ML.Shapes.Numel(outShape)];
            for (int f = 0; f < expected.Length; f++)
            {
                var idx = TestTensors.Unravel(f, outShape);
                idx[a] /= 3;
                expected[f] = data[TestTensors.Ravel(idx, Shape)];
            }
            TestTensors.AssertSame(outShape, expected, x.RepeatInterleave(3, Axis), "RepeatInterleave");
            // Per-element repeats 0, 1, 2, 0, 1, 2, …
            var reps = Enumerable.Range(0, Shape[a]).Select(i => i % 3).ToArray();
            var starts = new List<int>();
            for (int i = 0; i < reps.Length; i++) for (int r = 0; r < reps[i]; r++) starts.Add(i);
            var shape2 = (int[])Shape.Clone();
            shape2[a] = starts.Count;
            var expected2 = new T[ML.Shapes.Numel(shape2)];
            for (int f = 0; f < expected2.Length; f++)
            {
                var idx = TestTensors.Unravel(f, shape2);
                idx[a] = starts[idx[a]];
                expected2[f] = data[TestTensors.Ravel(idx, Shape)];
            }
            if (reps.Length != 1) TestTensors.AssertSame(shape2, expected2, x.RepeatInterleave(reps, Axis), "RepeatInterleave(list)");
        }
    }

    [Fact]
    public void RepeatInterleaveWithoutAxisFlattens()
    {
        var x = Tensor.FromArray(new[] { 1, 2, 3, 4 }, 2, 2).MT;
        Assert.Equal(new[] { 1, 1, 3, 3, 2, 2, 4, 4 }, x.RepeatInterleave(2).ToArray());
        Assert.Throws<ArgumentException>(() => x.RepeatInterleave([1, 2, 3], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.RepeatInterleave(-1));
    }

    public static IEnumerable<object[]> TriangleRows()
    {
        int row = 0;
        foreach (var shape in new[] { new[] { 4, 4 }, [3, 5], [5, 2], [2, 3, 4], [0, 3], [2, 1, 1] })
            foreach (var layout in TestTensors.Layouts)
                foreach (int k in new[] { -6, -1, 0, 1, 2, 6 })
                    yield return [shape, layout, TestTensors.DTypes[row++ % TestTensors.DTypes.Length], k];
    }

    [Theory]
    [MemberData(nameof(TriangleRows))]
    public void TrilTriuMatchReferenceLoop(int[] shape, Layout layout, DType dtype, int diagonal)
        => TestTensors.ForDType(dtype, new TriangleCase(shape, layout, diagonal));

    private sealed record TriangleCase(int[] Shape, Layout Layout, int Diagonal) : ITypedTest
    {
        public void Run<T>() where T : unmanaged
        {
            var x = TestTensors.Make<T>(Shape, Layout, 1);
            var data = x.ToArray();
            var lower = new T[data.Length];
            var upper = new T[data.Length];
            for (int f = 0; f < data.Length; f++)
            {
                var idx = TestTensors.Unravel(f, Shape);
                int i = idx[^2], j = idx[^1];
                if (j - i <= Diagonal) lower[f] = data[f];
                if (j - i >= Diagonal) upper[f] = data[f];
            }
            TestTensors.AssertSame(Shape, lower, x.Tril(Diagonal), "Tril");
            TestTensors.AssertSame(Shape, upper, x.Triu(Diagonal), "Triu");
        }
    }

    [Fact]
    public void TriangleNeedsTwoAxes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros<float>(3).Tril());
        Assert.Contains("(3,)", ex.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Scalar(1.0).Triu());
    }

    [Fact]
    public void FlipBadAxesFailByName()
    {
        var x = Tensor.Zeros<int>(2, 3);
        Assert.Throws<ArgumentException>(() => x.Flip(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Flip(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.FlipView(-3));
    }
}
