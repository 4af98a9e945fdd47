using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Elementwise;

/// <summary>
/// Every unary op of <see cref="UnaryCases"/> against its Math twin: every length 0..256 (all SIMD tails) contiguous,
/// strided views (transposed, negative step, step 2), in place on a view, special values; float and double.
/// </summary>
public class UnaryTests
{
    private static double[] Draw(UnaryCase c, int n, int seed)
    {
        var r = new Random(seed);
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = c.Domain(r);
        return v;
    }

    private static void Check64(UnaryCase c, double[] input, Tensor<double> actual, string where, Tolerance? tol = null)
    {
        var t = tol ?? c.Tol64;
        var a = actual.ToArray();
        Assert.Equal(input.Length, a.Length);
        for (int i = 0; i < input.Length; i++)
            if (!t.IsClose(a[i], c.Twin(input[i])))
                Assert.Fail($"{c.Name} float64 {where}: x[{i}] = {input[i]:R}: expected {c.Twin(input[i]):R}, actual {a[i]:R} ({t.Name}).");
    }

    private static void Check32(UnaryCase c, float[] input, Tensor<float> actual, string where)
    {
        var a = actual.ToArray();
        Assert.Equal(input.Length, a.Length);
        for (int i = 0; i < input.Length; i++)
        {
            double e = c.Twin(input[i]);
            // The float result of an exact function is the twin rounded to float: compare against that rounding so that
            // overflow to ±∞ in float32 (e.g. exp(89)) is expected, not a failure.
            double expected = (float)e;
            if (!c.Tol32.IsClose(a[i], expected))
                Assert.Fail($"{c.Name} float32 {where}: x[{i}] = {input[i]:R}: expected {expected:R}, actual {a[i]:R} ({c.Tol32.Name}).");
        }
    }

    [Theory]
    [MemberData(nameof(UnaryCases.Names), MemberType = typeof(UnaryCases))]
    public void EveryLengthContiguousMatchesTwin(string name)
    {
        var c = UnaryCases.Get(name);
        for (int n = 0; n <= 256; n++)
        {
            var v = Draw(c, n, 1000 + n);
            Check64(c, v, c.F64(Tensor.FromArray(v)), $"length {n}");
            var f = Array.ConvertAll(v, d => (float)d);
            Check32(c, f, c.F32(Tensor.FromArray(f)), $"length {n}");
        }
    }

    [Theory]
    [MemberData(nameof(UnaryCases.Names), MemberType = typeof(UnaryCases))]
    public void StridedViewsMatchTwin(string name)
    {
        var c = UnaryCases.Get(name);
        var v = Draw(c, 37 * 41, 7);
        var x = Tensor.FromArray(v).Reshape(37, 41);
        var views = new (string, Tensor<double>)[]
        {
            ("transposed", x.MT),
            ("negative step", x.Slice(1, null, null, -1)),
            ("step 2", x.Slice(1, 1, null, 2)),
            ("step 3 rows, reversed columns", x.Slice(0, null, null, 3).Slice(1, null, null, -2)),
            ("3-d permuted", Tensor.FromArray(v).Reshape(37, 41, 1).Permute(2, 1, 0)),
        };
        foreach (var (label, view) in views)
        {
            Check64(c, view.ToArray(), c.F64(view), label);
            var vf = view.Cast<float>();
            var tf = vf.MT.Contiguous().MT; // a float view with non-unit strides
            Check32(c, tf.ToArray(), c.F32(tf), label);
        }
    }

    [Theory]
    [MemberData(nameof(UnaryCases.Names), MemberType = typeof(UnaryCases))]
    public void InPlaceOnAViewTouchesOnlyTheView(string name)
    {
        var c = UnaryCases.Get(name);
        var v = Draw(c, 20 * 30, 11);
        var x = Tensor.FromArray((double[])v.Clone()).Reshape(20, 30);
        var view = x.Slice(1, 1, null, 2).Slice(0, null, null, -1); // columns 1,3,5…, rows reversed
        var before = view.ToArray();
        var same = c.InPlace64(view);
        Assert.Same(view, same);
        Check64(c, before, view, "in place on a view");
        var after = x.ToArray();
        for (int i = 0; i < 20; i++)
            for (int j = 0; j < 30; j += 2)
                Assert.Equal(BitConverter.DoubleToInt64Bits(v[i * 30 + j]), BitConverter.DoubleToInt64Bits(after[i * 30 + j]));
    }

    [Theory]
    [MemberData(nameof(UnaryCases.Names), MemberType = typeof(UnaryCases))]
    public void SpecialValuesMatchTwin(string name)
    {
        var c = UnaryCases.Get(name);
        // Repeat the specials so that they pass through both the vector body and the scalar tail.
        var v = UnaryCases.Special.Concat(UnaryCases.Special).Concat(UnaryCases.Special.Take(5)).ToArray();
        Check64(c, v, c.F64(Tensor.FromArray(v)), "special values", c.Special64);
        var f = Array.ConvertAll(v, d => (float)d);
        Check32(c, f, c.F32(Tensor.FromArray(f)), "special values");
    }

    [Fact]
    public void LargeTensorIsIdenticalForOneAndTwoThreads()
    {
        var r = new Random(3);
        var v = new float[300_000];
        for (int i = 0; i < v.Length; i++) v[i] = (float)(r.NextDouble() * 10 - 5);
        var x = Tensor.FromArray(v);
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            var one = x.Gelu().ToArray();
            var oneT = x.Reshape(1000, 300).Slice(1, null, null, 2).Tanh().ToArray();
            Parallelism.MaxThreads = 2;
            Assert.Equal(one, x.Gelu().ToArray());
            Assert.Equal(oneT, x.Reshape(1000, 300).Slice(1, null, null, 2).Tanh().ToArray());
        }
        finally { Parallelism.MaxThreads = saved; }
    }

    [Fact]
    public void SignsOfZeroAndRoundingHalfwayCasesAreExact()
    {
        var x = Tensor.FromArray([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.0, -0.0]);
        Assert.Equal([0.0, 2.0, 2.0, -0.0, -2.0, -2.0, 0.0, -0.0], x.Round().ToArray());
        Assert.True(double.IsNegative(x.Round()[3]));
        Assert.True(double.IsNegative(x.Neg()[6]));
        Assert.False(double.IsNegative(x.Relu()[7]));
        Assert.True(double.IsNegative(x.Sign()[7]));
        Assert.Equal([1, -1, 0, 1], Tensor.FromArray([7, -3, 0, 2]).Sign().ToArray());
        Assert.Equal([7, 3, 0, 2], Tensor.FromArray([7, -3, 0, 2]).Abs().ToArray());
        Assert.Equal([-7L, 3, 0, -2], (-Tensor.FromArray([7L, -3, 0, 2])).ToArray());
    }
}
