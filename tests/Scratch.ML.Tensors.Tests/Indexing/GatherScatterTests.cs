using Scratch.ML.Tests.Copying;
using Xunit;

namespace Scratch.ML.Tests.Indexing;

public class GatherScatterTests
{
    /// <summary>(x shape, index shape, axis, layout, dtype): index sizes ≤ x sizes off the axis, anything on it.</summary>
    public static IEnumerable<object[]> Rows()
    {
        var cases = new (int[] X, int[] I, int Axis)[]
        {
            ([5], [3], 0), ([5], [8], 0), ([5], [0], 0), ([3, 4], [3, 4], 1), ([3, 4], [2, 6], 1), ([3, 4], [5, 2], 0),
            ([3, 4], [3, 4], -2), ([2, 3, 4], [2, 3, 2], 2), ([2, 3, 4], [1, 5, 4], 1), ([2, 3, 4], [2, 2, 3], 0),
            ([2, 0, 3], [2, 0, 2], 2), ([4, 1, 3], [2, 1, 3], 0),
        };
        int row = 0;
        foreach (var (x, i, axis) in cases)
            foreach (var layout in TestTensors.Layouts)
                yield return [x, i, axis, layout, TestTensors.DTypes[row++ % TestTensors.DTypes.Length]];
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void GatherMatchesReferenceLoop(int[] xShape, int[] iShape, int axis, Layout layout, DType dtype)
        => TestTensors.ForDType(dtype, new GatherCase(xShape, iShape, axis, layout));

    private sealed record GatherCase(int[] XShape, int[] IShape, int Axis, Layout Layout) : ITypedTest
    {
        public void Run<T>() where T : unmanaged
        {
            int a = Axis < 0 ? Axis + XShape.Length : Axis;
            var x = TestTensors.Make<T>(XShape, Layout, 3);
            var index = IndexTensors.Random(IShape, Math.Max(1, XShape[a]), Layout, 17);
            var xd = x.ToArray();
            var id = index.ToArray();
            var expected = new T[id.Length];
            for (int f = 0; f < id.Length; f++)
            {
                var p = TestTensors.Unravel(f, IShape);
                p[a] = (int)id[f];                       // y[p] = x[p with axis ← index[p]]
                expected[f] = xd[TestTensors.Ravel(p, XShape)];
            }
            if (XShape[a] == 0 && id.Length > 0)
            {
                Assert.Throws<IndexOutOfRangeException>(() => x.Gather(Axis, index));
                return;
            }
            TestTensors.AssertSame(IShape, expected, x.Gather(Axis, index), "Gather");
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void ScatterMatchesReferenceLoop(int[] xShape, int[] iShape, int axis, Layout layout, DType dtype)
    {
        // Scatter needs index.Size(axis) ≤ source.Size(axis) only; source is index-shaped plus one extra on axis 0.
        if (dtype == DType.Bool) dtype = DType.Int32; // ScatterAdd needs arithmetic; Scatter's bool rows run below
        TestTensors.ForDType(dtype, new ScatterCase(xShape, iShape, axis, layout));
    }

    private sealed record ScatterCase(int[] XShape, int[] IShape, int Axis, Layout Layout) : ITypedTest
    {
        public void Run<T>() where T : unmanaged
        {
            if (typeof(T) == typeof(float)) Check<float>();
            else if (typeof(T) == typeof(double)) Check<double>();
            else if (typeof(T) == typeof(int)) Check<int>();
            else Check<long>();
        }

        private void Check<T>() where T : unmanaged, System.Numerics.INumberBase<T>
        {
            int a = Axis < 0 ? Axis + XShape.Length : Axis;
            if (XShape[a] == 0) return;
            var x = TestTensors.Make<T>(XShape, Layout, 5);
            var index = IndexTensors.Random(IShape, XShape[a], Layout, 23);
            var srcShape = (int[])IShape.Clone();
            srcShape[0] += 1;
            var src = TestTensors.Make<T>(srcShape, Layout == Layout.Broadcast ? Layout.Contiguous : Layout, 9);
            var xd = x.ToArray();
            var id = index.ToArray();
            var sd = src.ToArray();
            var set = (T[])xd.Clone();
            var add = (T[])xd.Clone();
            for (int f = 0; f < id.Length; f++) // row-major order of p: the last write wins, sums run in this order
            {
                var p = TestTensors.Unravel(f, IShape);
                var s = sd[TestTensors.Ravel(p, srcShape)];
                p[a] = (int)id[f];
                int t = TestTensors.Ravel(p, XShape);
                set[t] = s;
                add[t] += s;
            }
            TestTensors.AssertSame(XShape, set, x.Scatter(Axis, index, src), "Scatter");
            TestTensors.AssertSame(XShape, add, x.ScatterAdd(Axis, index, src), "ScatterAdd");
            TestTensors.AssertSame(XShape, xd, x, "input unchanged");
        }
    }

    [Fact]
    public void ScatterOfBoolsAndScalarValue()
    {
        var x = Tensor.Zeros<bool>(2, 3);
        var index = Tensor.FromArray(new long[] { 2, 0 }, 2, 1);
        var y = x.Scatter(1, index, true);
        Assert.Equal(new[] { false, false, true, true, false, false }, y.ToArray());
        var z = Tensor.Zeros<bool>(2, 3).ScatterInPlace(0, Tensor.FromArray(new long[] { 1, 0, 1 }, 1, 3), Tensor.Full(true, 1, 3));
        Assert.Equal(new[] { false, true, false, true, false, true }, z.ToArray());
    }

    [Fact]
    public void ScatterInPlaceWritesThroughAView()
    {
        var baseT = Tensor.Zeros<double>(3, 4);
        var view = baseT.MT; // (4, 3), transposed strides
        view.ScatterInPlace(0, Tensor.FromArray(new long[] { 3, 1, 2 }, 1, 3), Tensor.FromArray(new[] { 1.0, 2.0, 3.0 }, 1, 3));
        Assert.Equal(1.0, baseT[0, 3]);
        Assert.Equal(2.0, baseT[1, 1]);
        Assert.Equal(3.0, baseT[2, 2]);
    }

    [Fact]
    public void ScatterAddIsDeterministicWithManyDuplicates()
    {
        var rng = new Random(3);
        var idx = Enumerable.Range(0, 100_000).Select(_ => (long)rng.Next(7)).ToArray();
        var src = Enumerable.Range(0, 100_000).Select(_ => (float)rng.NextDouble()).ToArray();
        var index = Tensor.FromArray(idx);
        var source = Tensor.FromArray(src);
        int before = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            var one = Tensor.Zeros<float>(7).ScatterAdd(0, index, source).ToArray();
            Parallelism.MaxThreads = 4;
            var four = Tensor.Zeros<float>(7).ScatterAdd(0, index, source).ToArray();
            Assert.Equal(one, four);
            var reference = new float[7];
            for (int i = 0; i < idx.Length; i++) reference[idx[i]] += src[i];
            Assert.Equal(reference, one);
        }
        finally { Parallelism.MaxThreads = before; }
    }

    [Fact]
    public void LargeGatherRunsInParallelChunksAndMatches()
    {
        var x = Tensor.Arange(0.0, 300 * 500, 1.0).Reshape(300, 500);
        var index = IndexTensors.Random([300, 400], 500, Layout.Contiguous, 5);
        var y = x.Gather(1, index);
        var id = index.ToArray();
        var yd = y.ToArray();
        for (int f = 0; f < id.Length; f++) Assert.Equal((f / 400) * 500 + id[f], yd[f]);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Int64)]
    [InlineData(DType.Bool)]
    public void OutOfRangeIndexNamesValueAxisAndSize(DType dtype) => TestTensors.ForDType(dtype, new OutOfRangeCase());

    private sealed record OutOfRangeCase : ITypedTest
    {
        public void Run<T>() where T : unmanaged
        {
            var x = Tensor.Zeros<T>(3, 4);
            var bad = Tensor.FromArray(new long[] { 0, 4, 1 }, 3, 1);
            var ex = Assert.Throws<IndexOutOfRangeException>(() => x.Gather(1, bad));
            Assert.Contains("Gather", ex.Message);
            Assert.Contains("index 4", ex.Message);
            Assert.Contains("axis 1", ex.Message);
            Assert.Contains("size 4", ex.Message);
            var neg = Tensor.FromArray(new long[] { -1 }, 1, 1);
            ex = Assert.Throws<IndexOutOfRangeException>(() => x.Gather(0, neg));
            Assert.Contains("index -1", ex.Message);
            Assert.Contains("negative", ex.Message);
            var target = Tensor.Zeros<T>(3, 4);
            ex = Assert.Throws<IndexOutOfRangeException>(() => target.ScatterInPlace(0, Tensor.FromArray(new long[] { 0, 1, 3 }, 1, 3), Tensor.Full(TestTensors.V<T>(1), 1, 3)));
            Assert.Contains("axis 0 of size 3", ex.Message);
            Assert.All(target.ToArray(), v => Assert.Equal(default, v)); // nothing written
            ex = Assert.Throws<IndexOutOfRangeException>(() => x.IndexSelect(0, Tensor.FromArray(new long[] { 5 })));
            Assert.Contains("IndexSelect", ex.Message);
            Assert.Contains("index 5", ex.Message);
        }
    }

    [Fact]
    public void ShapeErrorsNameBothShapes()
    {
        var x = Tensor.Zeros<float>(3, 4);
        var ex = Assert.Throws<ArgumentException>(() => x.Gather(1, Tensor.Zeros<long>(4)));
        Assert.Contains("(4,)", ex.Message);
        Assert.Contains("(3, 4)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => x.Gather(1, Tensor.Zeros<long>(4, 2)));
        Assert.Contains("axis 0", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Gather(2, Tensor.Zeros<long>(3, 4)));
        ex = Assert.Throws<ArgumentException>(() => x.Scatter(0, Tensor.Zeros<long>(2, 4), Tensor.Zeros<float>(1, 4)));
        Assert.Contains("source", ex.Message);
        Assert.Throws<ArgumentException>(() => x.IndexSelect(0, Tensor.Zeros<long>(2, 2)));
        Assert.Throws<ArgumentException>(() => x.TakeAlongAxis(Tensor.Zeros<long>(3), 0));
    }

    public static IEnumerable<object[]> SelectRows()
    {
        int row = 0;
        foreach (var (shape, axis) in new (int[], int)[] { ([5], 0), ([3, 4], 0), ([3, 4], 1), ([2, 3, 4], -1), ([2, 3, 4], 1), ([2, 0, 3], 2) })
            foreach (var layout in TestTensors.Layouts)
                foreach (int k in new[] { 0, 1, 6 })
                    yield return [shape, axis, k, layout, TestTensors.DTypes[row++ % TestTensors.DTypes.Length]];
    }

    [Theory]
    [MemberData(nameof(SelectRows))]
    public void IndexSelectMatchesReferenceLoop(int[] shape, int axis, int k, Layout layout, DType dtype)
        => TestTensors.ForDType(dtype, new IndexSelectCase(shape, axis, k, layout));

    private sealed record IndexSelectCase(int[] Shape, int Axis, int K, Layout Layout) : ITypedTest
    {
        public void Run<T>() where T : unmanaged
        {
            int a = Axis < 0 ? Axis + Shape.Length : Axis;
            var x = TestTensors.Make<T>(Shape, Layout, 2);
            var index = IndexTensors.Random([K], Math.Max(1, Shape[a]), Layout == Layout.Broadcast ? Layout.Negative : Layout, 31);
            var xd = x.ToArray();
            var id = index.ToArray();
            var outShape = (int[])Shape.Clone();
            outShape[a] = K;
            var expected = new T[Shapes.Numel(outShape)];
            for (int f = 0; f < expected.Length; f++)
            {
                var p = TestTensors.Unravel(f, outShape);
                p[a] = (int)id[p[a]];
                expected[f] = xd[TestTensors.Ravel(p, Shape)];
            }
            TestTensors.AssertSame(outShape, expected, x.IndexSelect(Axis, index), "IndexSelect");
        }
    }

    [Fact]
    public void TakeAlongAxisBroadcastsTheOtherAxes()
    {
        var x = Tensor.FromArray(new[] { 10, 30, 20, 60, 50, 40 }, 2, 3);
        var argmax = Tensor.FromArray(new long[] { 1, 0 }, 2, 1);
        Assert.Equal(new[] { 30, 60 }, x.TakeAlongAxis(argmax, 1).ToArray());
        // index (1, 2) broadcasts over x's axis 0: y[i, j] = x[i, idx[0, j]]
        var shared = Tensor.FromArray(new long[] { 2, 0 }, 1, 2);
        var y = x.TakeAlongAxis(shared, 1);
        Assert.Equal([2, 2], y.ShapeArray());
        Assert.Equal(new[] { 20, 10, 40, 60 }, y.ToArray());
        // x (1, 3) broadcasts against index (2, 2) on axis 0
        var row = Tensor.FromArray(new[] { 7, 8, 9 }, 1, 3);
        Assert.Equal(new[] { 9, 7, 9, 7 }, row.TakeAlongAxis(Tensor.FromArray(new long[] { 2, 0, 2, 0 }, 2, 2), 1).ToArray());
        var ex = Assert.Throws<ArgumentException>(() => x.TakeAlongAxis(Tensor.Zeros<long>(3, 1), 1));
        Assert.Contains("(2, 1)", ex.Message);
    }

    [Fact]
    public void GatherAfterScatterRecoversTheSourceForPermutations()
    {
        var src = Tensor.Arange(0.0, 12.0, 1.0).Reshape(3, 4);
        var perm = Tensor.FromArray(new long[] { 2, 0, 3, 1, 1, 2, 0, 3, 3, 2, 1, 0 }, 3, 4);
        var scattered = Tensor.Zeros<double>(3, 4).Scatter(1, perm, src);
        TestTensors.AssertSame([3, 4], src.ToArray(), scattered.Gather(1, perm), "Gather(Scatter)");
    }
}
