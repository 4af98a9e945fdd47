using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Elementwise;

/// <summary>Comparisons, predicates, logical ops and where: exact against scalar twins over lengths, layouts and broadcasting.</summary>
public class CompareTests
{
    public static TheoryData<string> Comparisons() => ["eq", "ne", "lt", "le", "gt", "ge"];

    private static Func<double, double, bool> Twin(string op) => op switch
    {
        "eq" => (a, b) => a == b,
        "ne" => (a, b) => a != b,
        "lt" => (a, b) => a < b,
        "le" => (a, b) => a <= b,
        "gt" => (a, b) => a > b,
        _ => (a, b) => a >= b,
    };

    private static Tensor<bool> Op<T>(string op, Tensor<T> a, Tensor<T> b) where T : unmanaged, System.Numerics.INumber<T> => op switch
    {
        "eq" => a.Eq(b),
        "ne" => a.Ne(b),
        "lt" => a.Lt(b),
        "le" => a.Le(b),
        "gt" => a.Gt(b),
        _ => a.Ge(b),
    };

    private static Tensor<bool> OpScalar<T>(string op, Tensor<T> a, T b) where T : unmanaged, System.Numerics.INumber<T> => op switch
    {
        "eq" => a.Eq(b),
        "ne" => a.Ne(b),
        "lt" => a.Lt(b),
        "le" => a.Le(b),
        "gt" => a.Gt(b),
        _ => a.Ge(b),
    };

    /// <summary>Values on a small grid (so ties occur) with NaN, ±0 and ±∞ mixed in.</summary>
    private static double[] Grid(int n, int seed)
    {
        var r = new Random(seed);
        double[] special = [double.NaN, 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity];
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.Next(10) == 0 ? special[r.Next(special.Length)] : r.Next(-3, 4);
        return v;
    }

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void EveryLengthAndTypeMatchesTwin(string op)
    {
        var twin = Twin(op);
        for (int n = 0; n <= 140; n++)
        {
            var a = Grid(n, n);
            var b = Grid(n, 1000 + n);
            var expected = a.Zip(b, twin).ToArray();
            Assert.Equal(expected, Op(op, Tensor.FromArray(a), Tensor.FromArray(b)).ToArray());
            Assert.Equal(expected, Op(op, Tensor.FromArray(a.Select(v => (float)v).ToArray()), Tensor.FromArray(b.Select(v => (float)v).ToArray())).ToArray());
            var ai = a.Select(v => double.IsFinite(v) ? (int)v : 7).ToArray();
            var bi = b.Select(v => double.IsFinite(v) ? (int)v : 7).ToArray();
            Assert.Equal(ai.Zip(bi, (x, y) => twin(x, y)).ToArray(), Op(op, Tensor.FromArray(ai), Tensor.FromArray(bi)).ToArray());
            Assert.Equal(ai.Zip(bi, (x, y) => twin(x, y)).ToArray(), Op(op, Tensor.FromArray(ai.Select(x => (long)x).ToArray()), Tensor.FromArray(bi.Select(x => (long)x).ToArray())).ToArray());
            Assert.Equal(a.Select(x => twin(x, 1.0)).ToArray(), OpScalar(op, Tensor.FromArray(a), 1.0).ToArray());
            Assert.Equal(a.Select(x => twin(x, double.NaN)).ToArray(), OpScalar(op, Tensor.FromArray(a), double.NaN).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void BroadcastAndStridedOperandsMatchTwin(string op)
    {
        var twin = Twin(op);
        foreach (var (sa, sb) in BinaryCases.BroadcastPairs)
        {
            var a = Tensor.FromArray(Grid(Shapes.Numel(sa), 1)).Reshape(sa);
            var b = Tensor.FromArray(Grid(Shapes.Numel(sb), 2)).Reshape(sb);
            var shape = Shapes.Broadcast(sa, sb);
            var expected = a.BroadcastTo(shape).ToArray().Zip(b.BroadcastTo(shape).ToArray(), twin).ToArray();
            var y = Op(op, a, b);
            Assert.Equal(shape, y.ShapeArray());
            Assert.Equal(expected, y.ToArray());
            var expectedSwapped = b.BroadcastTo(shape).ToArray().Zip(a.BroadcastTo(shape).ToArray(), twin).ToArray();
            Assert.Equal(expectedSwapped, Op(op, b, a).ToArray());
        }
        var m = Tensor.FromArray(Grid(23 * 19, 3)).Reshape(23, 19);
        var t = Tensor.FromArray(Grid(19 * 23, 4)).Reshape(19, 23).MT;
        Assert.Equal(m.ToArray().Zip(t.ToArray(), twin).ToArray(), Op(op, m, t).ToArray());
        var s2 = m.Slice(1, null, null, -2);
        Assert.Equal(s2.ToArray().Zip(t.Slice(1, null, null, -2).ToArray(), twin).ToArray(), Op(op, s2, t.Slice(1, null, null, -2)).ToArray());
    }

    [Fact]
    public void PredicatesMatchTwins()
    {
        double[] sp = [0.0, -0.0, 1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, -1e-310];
        for (int n = 0; n <= 70; n++)
        {
            var v = Enumerable.Range(0, n).Select(i => sp[(i * 7 + n) % sp.Length]).ToArray();
            var x = Tensor.FromArray(v);
            var f = Tensor.FromArray(v.Select(d => (float)d).ToArray());
            Assert.Equal(v.Select(double.IsNaN).ToArray(), x.IsNaN().ToArray());
            Assert.Equal(v.Select(double.IsInfinity).ToArray(), x.IsInf().ToArray());
            Assert.Equal(v.Select(double.IsFinite).ToArray(), x.IsFinite().ToArray());
            Assert.Equal(v.Select(d => float.IsNaN((float)d)).ToArray(), f.IsNaN().ToArray());
            Assert.Equal(v.Select(d => float.IsInfinity((float)d)).ToArray(), f.IsInf().ToArray());
            Assert.Equal(v.Select(d => float.IsFinite((float)d)).ToArray(), f.IsFinite().ToArray());
        }
        var m = Tensor.FromArray(sp.Concat(sp).ToArray()).Reshape(2, 9).MT;
        Assert.Equal(m.ToArray().Select(double.IsNaN).ToArray(), m.IsNaN().ToArray());
    }

    [Fact]
    public void LogicalOpsMatchTwinsWithBroadcasting()
    {
        var r = new Random(5);
        for (int n = 0; n <= 140; n += 7)
        {
            var a = Enumerable.Range(0, n).Select(_ => r.Next(2) == 1).ToArray();
            var b = Enumerable.Range(0, n).Select(_ => r.Next(2) == 1).ToArray();
            var ta = Tensor.FromArray(a);
            var tb = Tensor.FromArray(b);
            Assert.Equal(a.Zip(b, (x, y) => x & y).ToArray(), ta.And(tb).ToArray());
            Assert.Equal(a.Zip(b, (x, y) => x | y).ToArray(), (ta | tb).ToArray());
            Assert.Equal(a.Zip(b, (x, y) => x ^ y).ToArray(), (ta ^ tb).ToArray());
            Assert.Equal(a.Select(x => !x).ToArray(), (!ta).ToArray());
            Assert.Equal(a.Select(x => !x).ToArray(), ta.Clone().NotInPlace().ToArray());
        }
        var col = Tensor.FromArray([true, false, true]).Reshape(3, 1);
        var row = Tensor.FromArray([true, false]).Reshape(1, 2);
        Assert.Equal([true, false, false, false, true, false], (col & row).ToArray());
        Assert.Equal([false, true, true, false, false, true], col.Xor(row).ToArray());
        Assert.Equal([true, true, false, false, true, true], col.Expand(3, 2).Or(Tensor.Scalar(false)).ToArray());
        var v = Tensor.FromArray([true, false, true, false]).Slice(0, null, null, -1);
        Assert.Equal([true, false, true, false], v.Not().ToArray());
    }

    [Fact]
    public void WhereBroadcastsThreeWays()
    {
        var cond = Tensor.FromArray([true, false, true]).Reshape(3, 1);   // (3, 1)
        var a = Tensor.FromArray([10.0, 20.0, 30.0, 40.0]);                 // (4,)
        var b = Tensor.FromArray([-1.0, -2.0]).Reshape(2, 1, 1);           // (2, 1, 1)
        var y = Tensor.Where(cond, a, b);
        Assert.Equal([2, 3, 4], y.ShapeArray());
        var c3 = cond.BroadcastTo(2, 3, 4).ToArray();
        var a3 = a.BroadcastTo(2, 3, 4).ToArray();
        var b3 = b.BroadcastTo(2, 3, 4).ToArray();
        Assert.Equal(c3.Select((c, i) => c ? a3[i] : b3[i]).ToArray(), y.ToArray());
        Assert.Equal([1.0, 0.0, 3.0], Tensor.Where(Tensor.FromArray([1.0, -2.0, 3.0]).Gt(0.0), Tensor.FromArray([1.0, -2.0, 3.0]), 0.0).ToArray());
        Assert.Equal([5.0, -2.0], Tensor.Where(Tensor.FromArray([true, false]), 5.0, Tensor.FromArray([1.0, -2.0])).ToArray());
        // Strided condition and operands, large enough to take the parallel path.
        var x = Tensor.Arange(0.0, 200_000, 1.0).Reshape(400, 500);
        var mask = x.MT.Fmod(3.0).Eq(0.0);
        var w = Tensor.Where(mask, x.MT, x.MT.Neg());
        var xs = x.MT.ToArray();
        Assert.Equal(xs.Select(v => v % 3 == 0 ? v : -v).ToArray(), w.ToArray());
    }

    [Fact]
    public void WhereNamesTheShapesThatDoNotBroadcast()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Where(Tensor.Zeros<bool>(3), Tensor.Zeros<double>(4), Tensor.Zeros<double>(4)));
        Assert.Contains("(3,)", ex.Message);
        Assert.Contains("(4,)", ex.Message);
        var ex2 = Assert.Throws<ArgumentException>(() => Tensor.Where(Tensor.Zeros<bool>(4), Tensor.Zeros<double>(2, 4), Tensor.Zeros<double>(3, 4)));
        Assert.Contains("(2, 4)", ex2.Message);
        Assert.Contains("(3, 4)", ex2.Message);
    }

    [Fact]
    public void ClampRejectsMinAboveMax()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.FromArray([1.0]).Clamp(2.0, 1.0));
        Assert.Contains("min", ex.Message);
        Assert.Throws<ArgumentException>(() => Tensor.FromArray([1.0f]).Clamp(float.NaN, 1f));
        Assert.Equal([0, 0, 1, 2, 2], Tensor.FromArray([-5, 0, 1, 2, 9]).Clamp(0, 2).ToArray());
    }
}
