using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Elementwise;

/// <summary>
/// Every binary op of <see cref="BinaryCases"/>: every length 0..256, broadcast pairs (row, column, scalar, leading
/// axes), scalar operands, strided views, in place on a view, aliasing (x op x), special-value pairs, float and double.
/// </summary>
public class BinaryTests
{
    private static double[] Draw(Func<Random, double> d, int n, int seed)
    {
        var r = new Random(seed);
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = d(r);
        return v;
    }

    private static void Check(BinaryCase c, double[] a, double[] b, double[] actual, Tolerance tol, string where, bool single = false)
    {
        Assert.Equal(a.Length, actual.Length);
        for (int i = 0; i < a.Length; i++)
        {
            double e = c.Twin(a[i], b[i]);
            if (single) e = (float)e;
            if (!tol.IsClose(actual[i], e))
                Assert.Fail($"{c.Name} {where}: a[{i}] = {a[i]:R}, b[{i}] = {b[i]:R}: expected {e:R}, actual {actual[i]:R} ({tol.Name}).");
        }
    }

    [Theory]
    [MemberData(nameof(BinaryCases.Names), MemberType = typeof(BinaryCases))]
    public void EveryLengthContiguousMatchesTwin(string name)
    {
        var c = BinaryCases.Get(name);
        for (int n = 0; n <= 256; n++)
        {
            var a = Draw(c.DomainA, n, 10 + n);
            var b = Draw(c.DomainB, n, 5000 + n);
            Check(c, a, b, c.F64(Tensor.FromArray(a), Tensor.FromArray(b)).ToArray(), c.Tol64, $"float64 length {n}");
            var af = Array.ConvertAll(a, v => (float)v);
            var bf = Array.ConvertAll(b, v => (float)v);
            var yf = c.F32(Tensor.FromArray(af), Tensor.FromArray(bf)).ToArray();
            Check(c, Array.ConvertAll(af, v => (double)v), Array.ConvertAll(bf, v => (double)v), Array.ConvertAll(yf, v => (double)v), c.Tol32, $"float32 length {n}", single: true);
        }
    }

    [Theory]
    [MemberData(nameof(BinaryCases.Names), MemberType = typeof(BinaryCases))]
    public void BroadcastPairsMatchTwin(string name)
    {
        var c = BinaryCases.Get(name);
        int seed = 0;
        foreach (var (sa, sb) in BinaryCases.BroadcastPairs)
        {
            var a = Tensor.FromArray(Draw(c.DomainA, Shapes.Numel(sa), ++seed)).Reshape(sa);
            var b = Tensor.FromArray(Draw(c.DomainB, Shapes.Numel(sb), ++seed)).Reshape(sb);
            var shape = Shapes.Broadcast(sa, sb);
            var y = c.F64(a, b);
            Assert.Equal(shape, y.ShapeArray());
            Check(c, a.BroadcastTo(shape).ToArray(), b.BroadcastTo(shape).ToArray(), y.ToArray(), c.Tol64, $"broadcast {Shapes.Format(sa)} with {Shapes.Format(sb)}");
            // Swapped operand order exercises the scalar-left row kernel.
            var y2 = c.F64(b, a);
            Check(c, b.BroadcastTo(shape).ToArray(), a.BroadcastTo(shape).ToArray(), y2.ToArray(), c.Tol64, $"broadcast {Shapes.Format(sb)} with {Shapes.Format(sa)}");
        }
    }

    [Theory]
    [MemberData(nameof(BinaryCases.Names), MemberType = typeof(BinaryCases))]
    public void ScalarOperandMatchesTwin(string name)
    {
        var c = BinaryCases.Get(name);
        var a = Draw(c.DomainA, 77, 1);
        double s = Draw(c.DomainB, 1, 2)[0];
        Check(c, a, Enumerable.Repeat(s, a.Length).ToArray(), c.Scalar64(Tensor.FromArray(a), s).ToArray(), c.Tol64, "tensor-scalar");
    }

    [Theory]
    [MemberData(nameof(BinaryCases.Names), MemberType = typeof(BinaryCases))]
    public void StridedOperandsMatchTwin(string name)
    {
        var c = BinaryCases.Get(name);
        var a = Tensor.FromArray(Draw(c.DomainA, 29 * 31, 3)).Reshape(29, 31);
        var b = Tensor.FromArray(Draw(c.DomainB, 31 * 29, 4)).Reshape(31, 29);
        var pairs = new (string, Tensor<double>, Tensor<double>)[]
        {
            ("transposed b", a, b.MT),
            ("both transposed", a.MT, b),
            ("negative step", a.Slice(1, null, null, -1), b.MT.Slice(0, null, null, -1)),
            ("step 2", a.Slice(1, null, null, 2), b.MT.Slice(1, null, null, 2)),
        };
        foreach (var (label, x, y) in pairs)
            Check(c, x.ToArray(), y.ToArray(), c.F64(x, y).ToArray(), c.Tol64, label);
    }

    [Theory]
    [MemberData(nameof(BinaryCases.Names), MemberType = typeof(BinaryCases))]
    public void InPlaceOnAViewWithBroadcastOperand(string name)
    {
        var c = BinaryCases.Get(name);
        var baseArr = Draw(c.DomainA, 12 * 20, 5);
        var x = Tensor.FromArray((double[])baseArr.Clone()).Reshape(12, 20);
        var view = x.Slice(1, 0, null, 2).Slice(0, null, null, -1); // (12, 10), strided and reversed
        var b = Tensor.FromArray(Draw(c.DomainB, 10, 6)); // broadcast along rows
        var before = view.ToArray();
        var bb = b.BroadcastTo(12, 10).ToArray();
        Assert.Same(view, c.InPlace64(view, b));
        Check(c, before, bb, view.ToArray(), c.Tol64, "in place on a view");
        var after = x.ToArray();
        for (int i = 0; i < 12; i++)
            for (int j = 1; j < 20; j += 2)
                Assert.Equal(baseArr[i * 20 + j], after[i * 20 + j]);
    }

    [Theory]
    [MemberData(nameof(BinaryCases.Names), MemberType = typeof(BinaryCases))]
    public void AliasedOperandsMatchTwin(string name)
    {
        var c = BinaryCases.Get(name);
        var v = Draw(c.DomainB, 100, 8);
        var x = Tensor.FromArray((double[])v.Clone());
        Check(c, v, v, c.F64(x, x).ToArray(), c.Tol64, "x op x");
        Assert.Same(x, c.InPlace64(x, x));
        Check(c, v, v, x.ToArray(), c.Tol64, "x op= x");
        // In place where the operand is an overlapping reversed view of the destination: b is read before it is written
        // only when the driver copies it; the result must equal the out-of-place op on the original values.
        var z = Tensor.FromArray((double[])v.Clone()).Reshape(10, 10);
        var expected = c.F64(z.Clone(), z.MT.Contiguous());
        c.InPlace64(z, z.MT.Contiguous());
        TensorAssert.Close(expected, z, Tolerance.Exact);
    }

    [Theory]
    [MemberData(nameof(BinaryCases.Names), MemberType = typeof(BinaryCases))]
    public void SpecialValuePairsMatchTwin(string name)
    {
        var c = BinaryCases.Get(name);
        var sp = BinaryCases.Special;
        var a = new List<double>();
        var b = new List<double>();
        foreach (var p in sp)
            foreach (var q in sp) { a.Add(p); b.Add(q); }
        var aa = a.ToArray();
        var ba = b.ToArray();
        var tol = c.Tol64 == Tolerance.Exact ? Tolerance.Exact : c.Tol64;
        Check(c, aa, ba, c.F64(Tensor.FromArray(aa), Tensor.FromArray(ba)).ToArray(), tol, "special pairs");
    }

    [Fact]
    public void ShapeMismatchNamesBothShapes()
    {
        var a = Tensor.Zeros<double>(3, 4);
        var b = Tensor.Zeros<double>(5);
        var ex = Assert.Throws<ArgumentException>(() => a - b);
        Assert.Contains("(3, 4)", ex.Message);
        Assert.Contains("(5,)", ex.Message);
        Assert.Contains("sub", ex.Message);
        Assert.Contains("(2, 3)", Assert.Throws<ArgumentException>(() => Tensor.Zeros<float>(2, 3).Pow(Tensor.Zeros<float>(3, 2))).Message);
    }

    [Fact]
    public void InPlaceBroadcastThatWouldGrowTheDestinationThrows()
    {
        var a = Tensor.Zeros<double>(1, 4);
        var b = Tensor.Zeros<double>(3, 1);
        var ex = Assert.Throws<ArgumentException>(() => a.MulInPlace(b));
        Assert.Contains("(3, 4)", ex.Message);
        Assert.Contains("(1, 4)", ex.Message);
        Assert.Equal([0.0, 0, 0, 0], a.ToArray());
    }

    [Fact]
    public void OperatorsAndIntegerArithmetic()
    {
        var a = Tensor.FromArray([7, -7, 9]);
        var b = Tensor.FromArray([2, 2, -4]);
        Assert.Equal([3, -3, -2], (a / b).ToArray());
        Assert.Equal([5, -9, 13], (a - b).ToArray());
        Assert.Equal([14, -14, -36], (a * b).ToArray());
        Assert.Equal([3, 3, 1], (10 - a.Abs()).Abs().ToArray());
        Assert.Equal([2.0, 0.5], (1.0 / Tensor.FromArray([0.5, 2.0])).ToArray());
        Assert.Equal([-1.0, 4.0], Tensor.FromArray([1.0, -4.0]).Neg().ToArray());
        Assert.Equal([-1.0, 4.0], (-Tensor.FromArray([1.0, -4.0])).ToArray());
        Assert.Equal([1.0, 2.0, 3.0], Tensor.FromArray([-1.0, 2.0, 5.0]).Remainder(-4.0).Neg().ToArray()); // Python: −1 % −4 = −1, 2 % −4 = −2, 5 % −4 = −3
        Assert.Equal([-1.0, 2.0, 1.0], Tensor.FromArray([-1.0, 2.0, 5.0]).Fmod(-4.0).ToArray());
        Assert.Equal([1.0, 2.0, 8.0, 0.5], Tensor.Pow(2.0, Tensor.FromArray([0.0, 1.0, 3.0, -1.0])).ToArray());
        Assert.Equal([1.0, 9.0], Tensor.FromArray([1.0, 3.0]).Pow(2.0).ToArray());
    }
}

/// <summary>The drivers' tiled gather (StridedTile) on layouts with many rows and long rows, single and multi-threaded.</summary>
public class StridedTileTests
{
    public static TheoryData<int> Threads() => [1, 2];

    [Theory]
    [MemberData(nameof(Threads))]
    public void LargeStridedLayoutsMatchContiguousCopies(int threads)
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = threads;
            var r = new Random(17);
            var data = Enumerable.Range(0, 131 * 263).Select(_ => r.NextDouble() * 4 - 2).ToArray();
            var x = Tensor.FromArray(data).Reshape(131, 263);
            var views = new[] { x.MT, x.Slice(1, null, null, 2), x.Slice(0, null, null, -3).MT, x.Reshape(131, 263, 1).Permute(2, 1, 0) };
            foreach (var v in views)
            {
                var c = v.Contiguous();
                TensorAssert.Close(c.Exp(), v.Exp(), Tolerance.Float64Kernel);
                TensorAssert.Close(c + c.Neg(), v + v.Neg(), Tolerance.Exact);
                TensorAssert.Close(c * c.MT.MT, v * c, Tolerance.Exact);
                TensorAssert.Equal(c.Gt(0.5), v.Gt(0.5));
                TensorAssert.Close(c.Clamp(-1.0, 1.0), v.Clamp(-1.0, 1.0), Tolerance.Exact);
                if (v.Rank != 2) continue;
                // In place through a transposed destination.
                var t = Tensor.Zeros<double>(v.ShapeArray().Reverse().ToArray()).MT;
                t.CopyFrom(v);
                t.TanhInPlace();
                TensorAssert.Close(c.Tanh(), t, Tolerance.Float64Kernel);
            }
        }
        finally { Parallelism.MaxThreads = saved; }
    }
}

/// <summary>The vectorised stride-2 float gather against the scalar twins, at every row length 0..70 and both alignments.</summary>
public class StrideTwoGatherTests
{
    [Fact]
    public void FloatStepTwoViewsMatchTwins()
    {
        var r = new Random(23);
        for (int n = 0; n <= 70; n++)
            for (int start = 0; start < 2; start++)
            {
                var data = Enumerable.Range(0, 3 * (2 * n + 2)).Select(_ => (float)(r.NextDouble() * 4 - 2)).ToArray();
                var x = Tensor.FromArray(data).Reshape(3, 2 * n + 2).Slice(1, start, null, 2);
                var xs = x.ToArray();
                Assert.Equal(xs.Select(v => MathF.Max(v, 0)).ToArray(), x.Relu().ToArray());
                Assert.Equal(xs.Select(v => v + v).ToArray(), (x + x).ToArray());
                var y = Tensor.FromArray((float[])data.Clone()).Reshape(3, 2 * n + 2);
                y.Slice(1, start, null, 2).NegInPlace();
                var ya = y.ToArray();
                for (int i = 0; i < ya.Length; i++)
                    Assert.Equal((i % (2 * n + 2)) % 2 == start ? -data[i] : data[i], ya[i]);
            }
    }
}

/// <summary>The tiled path split into several parallel chunks (more than StridedTile.Grain elements).</summary>
public class StridedChunkTests
{
    [Fact]
    public void MultiChunkTransposedMatchesContiguousForAnyThreadCount()
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            var r = new Random(31);
            var data = new float[1100 * 1000];
            for (int i = 0; i < data.Length; i++) data[i] = (float)(r.NextDouble() * 4 - 2);
            var x = Tensor.FromArray(data).Reshape(1100, 1000).MT; // (1000, 1100): 1.1M elements, 2 chunks
            var c = x.Contiguous();
            Parallelism.MaxThreads = 1;
            var one = (x + c).ToArray();
            var oneU = x.Relu().ToArray();
            Parallelism.MaxThreads = 2;
            Assert.Equal(one, (x + c).ToArray());
            Assert.Equal(oneU, x.Relu().ToArray());
            Assert.Equal((c + c).ToArray(), one);
            Assert.Equal(c.Relu().ToArray(), oneU);
            Assert.Equal(c.Lt(0.5f).ToArray(), x.Lt(0.5f).ToArray());
        }
        finally { Parallelism.MaxThreads = saved; }
    }
}
