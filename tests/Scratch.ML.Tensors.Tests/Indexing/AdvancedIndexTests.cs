using Scratch.ML.Tests.Copying;
using Xunit;

namespace Scratch.ML.Tests.Indexing;

public class AdvancedIndexTests
{
    /// <summary>(x shape, index shapes as "d,d;d,d" so each row is its own test case): the index shapes broadcast to B.</summary>
    public static IEnumerable<object[]> Rows()
    {
        var cases = new (int[] X, int[][] I)[]
        {
            ([5], [[3]]), ([5], [[2, 3]]), ([4, 3], [[6]]), ([4, 3], [[5], [5]]), ([4, 3], [[2, 1], [1, 3]]),
            ([2, 3, 4], [[3]]), ([2, 3, 4], [[3], [3]]), ([2, 3, 4], [[2, 2], [2, 1], [1, 2]]), ([4, 3], [[0]]),
            ([3, 0], [[2]]), ([2, 3, 4], [[]]),
        };
        int row = 0;
        foreach (var (x, i) in cases)
            foreach (var layout in TestTensors.Layouts)
                yield return [x, string.Join(";", i.Select(s => string.Join(",", s))), layout, TestTensors.DTypes[row++ % TestTensors.DTypes.Length]];
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void IndexAndIndexPutMatchReferenceLoops(int[] xShape, string indexShapes, Layout layout, DType dtype)
    {
        var iShapes = indexShapes.Split(';').Select(s => s.Length == 0 ? [] : s.Split(',').Select(int.Parse).ToArray()).ToArray();
        TestTensors.ForDType(dtype, new Case(xShape, iShapes, layout));
    }

    private sealed record Case(int[] XShape, int[][] IShapes, Layout Layout) : ITypedTest
    {
        public void Run<T>() where T : unmanaged
        {
            int k = IShapes.Length;
            var x = TestTensors.Make<T>(XShape, Layout, 7);
            // Indices in [−n, n): negative ones count from the end.
            var indices = IShapes.Select((s, j) =>
            {
                var rng = new Random(j + 11);
                var logical = Enumerable.Range(0, Shapes.Numel(s)).Select(_ => (long)rng.Next(-XShape[j], Math.Max(1, XShape[j]))).ToArray();
                return IndexTensors.WithLayout(logical, s, Layout == Layout.Broadcast ? Layout.Negative : Layout);
            }).ToArray();
            var b = IShapes.Aggregate(Array.Empty<int>(), (acc, s) => Shapes.Broadcast(acc, s));
            var rest = XShape.Skip(k).ToArray();
            var outShape = b.Concat(rest).ToArray();
            var xd = x.ToArray();
            var id = indices.Select(t => t.ToArray()).ToArray();
            if (XShape.Take(k).Any(n => n == 0) && Shapes.Numel(b) > 0)
            {
                Assert.Throws<IndexOutOfRangeException>(() => x.Index(indices));
                return;
            }
            var expected = new T[Shapes.Numel(outShape)];
            var values = TestTensors.Make<T>(outShape, Layout.Contiguous, 3);
            var vd = values.ToArray();
            var put = (T[])xd.Clone();
            for (int f = 0; f < expected.Length; f++)
            {
                var p = TestTensors.Unravel(f, outShape);
                var src = new int[XShape.Length];
                for (int j = 0; j < k; j++)
                {
                    // index j read at p's B-part, broadcast: drop leading axes, clamp size-1 axes.
                    var s = IShapes[j];
                    int lead = b.Length - s.Length;
                    var ip = s.Select((n, a) => n == 1 ? 0 : p[a + lead]).ToArray();
                    long v = id[j][TestTensors.Ravel(ip, s)];
                    src[j] = (int)(v < 0 ? v + XShape[j] : v);
                }
                for (int r = 0; r < rest.Length; r++) src[k + r] = p[b.Length + r];
                int t = TestTensors.Ravel(src, XShape);
                expected[f] = xd[t];
                put[t] = vd[f]; // row-major order: the last write wins
            }
            TestTensors.AssertSame(outShape, expected, x.Index(indices), "Index");
            TestTensors.AssertSame(XShape, put, x.IndexPut(indices, values), "IndexPut");
        }
    }

    [Fact]
    public void PairsOfIndexArraysPickElements()
    {
        var x = Tensor.Arange(12).Reshape(3, 4);
        var rows = Tensor.FromArray(new long[] { 0, 2, -1 });
        var cols = Tensor.FromArray(new long[] { 1, 3, 0 });
        Assert.Equal(new[] { 1, 11, 8 }, x.Index(rows, cols).ToArray());
        Assert.Equal([2, 4], x.Index(Tensor.FromArray(new long[] { 2, 0 })).ShapeArray());
        // Outer-product style: rows (2, 1) with cols (1, 2) → (2, 2)
        var y = x.Index(Tensor.FromArray(new long[] { 0, 2 }, 2, 1), Tensor.FromArray(new long[] { 1, 3 }, 1, 2));
        Assert.Equal(new[] { 1, 3, 9, 11 }, y.ToArray());
    }

    [Fact]
    public void IndexPutAccumulatesRepeatsInOrder()
    {
        var x = Tensor.Zeros<double>(4);
        var idx = Tensor.FromArray(new long[] { 1, 3, 1, 1 });
        var y = x.IndexPut([idx], Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0 }), accumulate: true);
        Assert.Equal(new[] { 0.0, 8, 0, 2 }, y.ToArray());
        var z = x.IndexPut([idx], Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0 }));
        Assert.Equal(new[] { 0.0, 4, 0, 2 }, z.ToArray()); // last write wins
        var scalar = x.IndexPut([idx], Tensor.Scalar(5.0));
        Assert.Equal(new[] { 0.0, 5, 0, 5 }, scalar.ToArray());
        Assert.Throws<NotSupportedException>(() => Tensor.Zeros<bool>(3).IndexPut([Tensor.FromArray(new long[] { 1 })], Tensor.Scalar(true), accumulate: true));
    }

    [Fact]
    public void IndexPutInPlaceWritesThroughAViewAndLeavesXUntouchedOnError()
    {
        var baseT = Tensor.Zeros<int>(3, 4);
        var view = baseT.MT; // (4, 3)
        view.IndexPutInPlace([Tensor.FromArray(new long[] { 3 }), Tensor.FromArray(new long[] { 1 })], Tensor.Scalar(9));
        Assert.Equal(9, baseT[1, 3]);
        var ex = Assert.Throws<IndexOutOfRangeException>(() =>
            baseT.IndexPutInPlace([Tensor.FromArray(new long[] { 0, 3 })], Tensor.Scalar(1)));
        Assert.Contains("IndexPut", ex.Message);
        Assert.Contains("index 3", ex.Message);
        Assert.Contains("axis 0 of size 3", ex.Message);
        Assert.Equal(9, baseT.ToArray().Sum());
    }

    [Fact]
    public void BadIndexListsFailByName()
    {
        var x = Tensor.Zeros<float>(3, 4);
        Assert.Throws<ArgumentException>(() => x.Index());
        Assert.Throws<ArgumentException>(() => x.Index(Tensor.Zeros<long>(1), Tensor.Zeros<long>(1), Tensor.Zeros<long>(1)));
        var ex = Assert.Throws<ArgumentException>(() => x.Index(Tensor.Zeros<long>(2), Tensor.Zeros<long>(3)));
        Assert.Contains("(2,)", ex.Message);
        Assert.Contains("(3,)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => x.IndexPut([Tensor.Zeros<long>(2)], Tensor.Zeros<float>(3, 4)));
        Assert.Contains("(2, 4)", ex.Message);
        Assert.Throws<IndexOutOfRangeException>(() => x.Index(Tensor.FromArray(new long[] { -4 })));
    }
}
