using Scratch.ML.Tests.Copying;
using Xunit;

namespace Scratch.ML.Tests.Indexing;

public class MaskTests
{
    public static IEnumerable<object[]> Rows()
    {
        var cases = new (int[] X, int[] M)[]
        {
            ([5], [5]), ([3, 4], [3, 4]), ([3, 4], [4]), ([3, 4], [3, 1]), ([3, 1], [3, 4]), ([2, 3, 4], [3, 1]),
            ([], [2, 2]), ([0, 3], [3]), ([2, 3], []),
        };
        int row = 0;
        foreach (var (x, m) in cases)
            foreach (var layout in TestTensors.Layouts)
                yield return [x, m, layout, TestTensors.DTypes[row++ % TestTensors.DTypes.Length]];
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void MaskedSelectAndFillMatchReferenceLoops(int[] xShape, int[] mShape, Layout layout, DType dtype)
        => TestTensors.ForDType(dtype, new MaskCase(xShape, mShape, layout));

    private sealed record MaskCase(int[] XShape, int[] MShape, Layout Layout) : ITypedTest
    {
        public void Run<T>() where T : unmanaged
        {
            var x = TestTensors.Make<T>(XShape, Layout, 4);
            var rng = new Random(XShape.Length * 31 + MShape.Length);
            var mv = Enumerable.Range(0, Shapes.Numel(MShape)).Select(_ => rng.Next(3) == 0).ToArray();
            var mask = IndexTensors.WithLayout(mv, MShape, Layout == Layout.Broadcast ? Layout.Transposed : Layout);
            var shape = Shapes.Broadcast(XShape, MShape);
            var xd = x.ToArray();
            var selected = new List<T>();
            var filled = new T[Shapes.Numel(shape)];
            T value = TestTensors.V<T>(100);
            for (int f = 0; f < filled.Length; f++)
            {
                var p = TestTensors.Unravel(f, shape);
                // Broadcasting by index: drop leading axes, clamp size-1 axes to 0.
                int xi = TestTensors.Ravel(Project(p, XShape), XShape);
                bool m = mv[TestTensors.Ravel(Project(p, MShape), MShape)];
                if (m) selected.Add(xd[xi]);
                filled[f] = m ? value : xd[xi];
            }
            TestTensors.AssertSame([selected.Count], selected.ToArray(), x.MaskedSelect(mask), "MaskedSelect");
            TestTensors.AssertSame(shape, filled, x.MaskedFill(mask, value), "MaskedFill");
            if (Shapes.Equal(shape, XShape) && Layout != Layout.Broadcast)
            {
                var target = x.Clone();
                Assert.Same(target, target.MaskedFillInPlace(mask, value));
                TestTensors.AssertSame(shape, filled, target, "MaskedFillInPlace");
            }
        }

        private static int[] Project(int[] p, int[] shape)
        {
            int lead = p.Length - shape.Length;
            return shape.Select((n, d) => n == 1 ? 0 : p[d + lead]).ToArray();
        }
    }

    [Fact]
    public void MaskedFillInPlaceWritesThroughAView()
    {
        var x = Tensor.Arange(0.0, 6.0, 1.0).Reshape(2, 3);
        var column = x[TensorIndex.All, 1];
        column.MaskedFillInPlace(Tensor.FromArray(new[] { true, false }), -1.0);
        Assert.Equal(new[] { 0.0, -1, 2, 3, 4, 5 }, x.ToArray());
    }

    [Fact]
    public void MaskShapeMismatchNamesBothShapes()
    {
        var x = Tensor.Zeros<int>(3, 4);
        var ex = Assert.Throws<ArgumentException>(() => x.MaskedSelect(Tensor.Zeros<bool>(3)));
        Assert.Contains("(3, 4)", ex.Message);
        Assert.Contains("(3,)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => x.MaskedFill(Tensor.Zeros<bool>(2, 4), 1));
        Assert.Contains("MaskedFill", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => x.MaskedFillInPlace(Tensor.Zeros<bool>(2, 3, 4), 1));
        Assert.Contains("(2, 3, 4)", ex.Message);
        Assert.Contains("(3, 4)", ex.Message);
    }

    [Theory]
    [MemberData(nameof(CopyingCases.ShapeLayout), MemberType = typeof(CopyingCases))]
    public void NonzeroMatchesReferenceLoop(int[] shape, Layout layout, DType dtype)
        => TestTensors.ForDType(dtype, new NonzeroCase(shape, layout));

    private sealed record NonzeroCase(int[] Shape, Layout Layout) : ITypedTest
    {
        public void Run<T>() where T : unmanaged
        {
            var x = TestTensors.Make<T>(Shape, Layout, 12);
            var xd = x.ToArray();
            var coords = new List<long>();
            int count = 0;
            for (int f = 0; f < xd.Length; f++)
            {
                if (EqualityComparer<T>.Default.Equals(xd[f], default)) continue;
                count++;
                coords.AddRange(TestTensors.Unravel(f, Shape).Select(v => (long)v));
            }
            var nz = x.Nonzero();
            TestTensors.AssertSame([count, Shape.Length], coords.ToArray(), nz, "Nonzero");
            var tuple = x.NonzeroAsTuple();
            Assert.Equal(Math.Max(1, Shape.Length), tuple.Length);
            if (Shape.Length > 0)
                for (int k = 0; k < Shape.Length; k++)
                    TestTensors.AssertSame([count], coords.Where((_, i) => i % Shape.Length == k).ToArray(), tuple[k], $"NonzeroAsTuple[{k}]");
        }
    }

    [Fact]
    public void NonzeroSpecialFloats()
    {
        var x = Tensor.FromArray(new[] { 0.0, -0.0, double.NaN, 1e-300, double.NegativeInfinity });
        Assert.Equal(new long[] { 2, 3, 4 }, x.Nonzero().ToArray());
        var scalar = Tensor.Scalar(5f);
        Assert.Equal([1, 0], scalar.Nonzero().ShapeArray());
        Assert.Equal(new long[] { 0 }, scalar.NonzeroAsTuple()[0].ToArray());
    }

    [Fact]
    public void OneHotMatchesDefinition()
    {
        var labels = Tensor.FromArray(new long[] { 2, 0, 1, 2 }, 2, 2);
        var y = Tensor.OneHot<float>(labels, 3);
        Assert.Equal([2, 2, 3], y.ShapeArray());
        Assert.Equal(new float[] { 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1 }, y.ToArray());
        Assert.Equal(new long[] { 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1 }, Tensor.OneHot<long>(labels).ToArray());
        var fromInt = Tensor.OneHot<double>(Tensor.FromArray(new[] { 1, 0 }).FlipView(), 2);
        Assert.Equal(new[] { 1.0, 0, 0, 1 }, fromInt.ToArray());
        Assert.Equal([3], Tensor.OneHot<float>(Tensor.Scalar(1L), 3).ShapeArray());
        Assert.Equal([0, 4], Tensor.OneHot<float>(Tensor.Zeros<long>(0), 4).ShapeArray());
        var ex = Assert.Throws<IndexOutOfRangeException>(() => Tensor.OneHot<float>(labels, 2));
        Assert.Contains("[0, 2)", ex.Message);
        Assert.Contains("index 2", ex.Message);
        Assert.Throws<IndexOutOfRangeException>(() => Tensor.OneHot<float>(Tensor.FromArray(new long[] { -1 }), 3));
        Assert.Throws<ArgumentException>(() => Tensor.OneHot<float>(Tensor.Zeros<long>(0)));
        Assert.Throws<ArgumentException>(() => Tensor.OneHot<float>(labels, -2));
    }
}
