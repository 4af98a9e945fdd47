using System.Numerics;
using Scratch.ML.Testing;
using Xunit;
using R = Scratch.ML.Testing.ReferenceReductions;

namespace Scratch.ML.Tests.Reductions;

/// <summary>
/// Every reduction against its float64 twin over generated shapes × every axis subset × keepDims × layouts
/// (contiguous, transposed, strided, reversed, stride-0 broadcast) × float and double.
/// </summary>
public class ReduceVsReferenceTests
{
    public static readonly string[] Ops = ["sum", "mean", "min", "max", "prod", "var0", "var1", "std1", "norm1", "norm2", "norminf", "norm-inf", "norm3", "norm0.5", "norm0", "logsumexp"];

    public static TheoryData<string, string> Rows()
    {
        var data = new TheoryData<string, string>();
        foreach (var op in Ops) foreach (var layout in ReductionTestData.Layouts) data.Add(op, layout);
        return data;
    }

    /// <summary>float64 runs the same kernels as float32 (generic code), so three layouts suffice there.</summary>
    public static TheoryData<string, string> DoubleRows()
    {
        var data = new TheoryData<string, string>();
        foreach (var op in Ops) foreach (var layout in new[] { "contiguous", "transposed", "broadcast" }) data.Add(op, layout);
        return data;
    }

    private static bool NeedsNonEmpty(string op) => op is "min" or "max" or "norminf" or "norm-inf";

    private static Tensor<T> Ours<T>(string op, Tensor<T> x, int[] axes, bool keep) where T : unmanaged, IFloatingPointIeee754<T> => op switch
    {
        "sum" => x.Sum(axes, keep),
        "mean" => x.Mean(axes, keep),
        "min" => x.Min(axes, keep),
        "max" => x.Max(axes, keep),
        "prod" => x.Prod(axes, keep),
        "var0" => x.Var(axes, keep),
        "var1" => x.Var(axes, keep, ddof: 1),
        "std1" => x.Std(axes, keep, ddof: 1),
        "norm1" => x.Norm(1, axes, keep),
        "norm2" => x.Norm(2, axes, keep),
        "norminf" => x.Norm(double.PositiveInfinity, axes, keep),
        "norm-inf" => x.Norm(double.NegativeInfinity, axes, keep),
        "norm3" => x.Norm(3, axes, keep),
        "norm0.5" => x.Norm(0.5, axes, keep),
        "norm0" => x.Norm(0, axes, keep),
        "logsumexp" => x.LogSumExp(axes, keep),
        _ => throw new ArgumentException(op),
    };

    private static double Reference(string op, double[] g) => op switch
    {
        "sum" => R.Sum(g),
        "mean" => R.Mean(g),
        "min" => R.Min(g),
        "max" => R.Max(g),
        "prod" => R.Prod(g),
        "var0" => R.Var(g, 0),
        "var1" => R.Var(g, 1),
        "std1" => Math.Sqrt(R.Var(g, 1)),
        "norm1" => R.Norm(g, 1),
        "norm2" => R.Norm(g, 2),
        "norminf" => R.Norm(g, double.PositiveInfinity),
        "norm-inf" => R.Norm(g, double.NegativeInfinity),
        "norm3" => R.Norm(g, 3),
        "norm0.5" => R.Norm(g, 0.5),
        "norm0" => R.Norm(g, 0),
        "logsumexp" => R.LogSumExp(g),
        _ => throw new ArgumentException(op),
    };

    /// <summary>
    /// The error scale of one output: sums are compared relative to Σ|x| (their condition), means to Σ|x|/n,
    /// everything else relative to the result itself.
    /// </summary>
    private static double Scale(string op, double[] g) => op switch
    {
        "sum" => R.SumAbs(g),
        "mean" => g.Length == 0 ? 0 : R.SumAbs(g) / g.Length,
        "prod" => 0,
        _ => 1,
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void FloatMatchesTwin(string op, string layout) => Check<float>(op, layout, Tolerance.Float32Reduction);

    [Theory]
    [MemberData(nameof(DoubleRows))]
    public void DoubleMatchesTwin(string op, string layout) => Check<double>(op, layout, Tolerance.Float64Reduction);

    private static void Check<T>(string op, string layout, Tolerance tol) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int seed = 1;
        // Long products of values in [-1, 1) underflow: allow the smallest normal number of T as absolute slack.
        double underflow = op == "prod" ? double.CreateTruncating(T.CreateTruncating(typeof(T) == typeof(float) ? 1.2e-38 : 2.3e-308)) : 0;
        foreach (var shape in ReductionTestData.Shapes)
        {
            var x = ReductionTestData.Make<T>(shape, layout, seed++);
            foreach (var axes in ReductionTestData.AxisSubsets(shape.Length))
                foreach (bool keep in new[] { false, true })
                {
                    bool empty = (axes.Length == 0 ? shape : axes.Select(a => shape[a])).Any(d => d == 0);
                    bool noOutputs = shape.Where((_, i) => axes.Length > 0 && !axes.Contains(i)).Any(d => d == 0);
                    if (NeedsNonEmpty(op) && empty && !noOutputs)
                    {
                        Assert.ThrowsAny<ArgumentException>(() => Ours(op, x, axes, keep));
                        continue;
                    }
                    var y = Ours(op, x, axes, keep);
                    var (expected, expectedShape) = R.Reduce(x, axes, keep, g => Reference(op, g));
                    var (scale, _) = R.Reduce(x, axes, keep, g => Scale(op, g));
                    Assert.Equal(expectedShape, y.ShapeArray());
                    var actual = y.ToArray();
                    for (int i = 0; i < expected.Length; i++)
                    {
                        double a = double.CreateTruncating(actual[i]), e = expected[i];
                        bool ok = double.IsNaN(e) ? double.IsNaN(a)
                            : double.IsInfinity(e) ? a == e
                            : Math.Abs(a - e) <= tol.Absolute * scale[i] + tol.Relative * Math.Abs(e) + (scale[i] == 1 ? tol.Absolute : 0) + underflow;
                        Assert.True(ok, $"{op} {layout} {typeof(T).Name} shape {Shapes.Format(shape)} axes {Shapes.Format(axes)} keepDims {keep}: element {i} expected {e:R}, got {a:R} ({tol.Name}).");
                    }
                }
        }
    }

    [Theory]
    [InlineData("contiguous")]
    [InlineData("transposed")]
    [InlineData("strided")]
    [InlineData("broadcast")]
    public void IntegerReductionsAreExact(string layout)
    {
        int seed = 100;
        foreach (var shape in ReductionTestData.Shapes)
        {
            var xi = ReductionTestData.Make<int>(shape, layout, seed);
            var xl = ReductionTestData.Make<long>(shape, layout, seed++);
            foreach (var axes in ReductionTestData.AxisSubsets(shape.Length))
            {
                Assert.Equal(R.Reduce(xi, axes, false, R.Sum).Values, xi.Sum(axes).ToArray().Select(v => (double)v));
                Assert.Equal(R.Reduce(xl, axes, true, R.Sum).Values, xl.Sum(axes, true).ToArray().Select(v => (double)v));
                if (shape.Length > 0 && shape.All(d => d <= 5))
                    Assert.Equal(R.Reduce(xl, axes, false, R.Prod).Values, xl.Prod(axes).ToArray().Select(v => (double)v));
                if (shape.All(d => d > 0))
                {
                    Assert.Equal(R.Reduce(xi, axes, false, R.Max).Values, xi.Max(axes).ToArray().Select(v => (double)v));
                    Assert.Equal(R.Reduce(xl, axes, false, R.Min).Values, xl.Min(axes).ToArray().Select(v => (double)v));
                }
            }
        }
    }

    [Theory]
    [InlineData("contiguous")]
    [InlineData("transposed")]
    [InlineData("reversed")]
    [InlineData("broadcast")]
    public void ArgMaxArgMinMatchNumPySemantics(string layout)
    {
        int seed = 200;
        foreach (var shape in ReductionTestData.Shapes.Where(s => s.All(d => d > 0)))
        {
            var xf = ReductionTestData.Make<float>(shape, layout, seed);
            var xi = ReductionTestData.Make<int>(shape, layout, seed++);
            Assert.Equal(R.Reduce(xf, [], false, R.ArgMax).Values, xf.ArgMax().ToArray().Select(v => (double)v));
            Assert.Equal(R.Reduce(xi, [], false, R.ArgMin).Values, xi.ArgMin().ToArray().Select(v => (double)v));
            for (int a = 0; a < shape.Length; a++)
            {
                Assert.Equal(R.Reduce(xf, [a], false, R.ArgMax).Values, xf.ArgMax(a).ToArray().Select(v => (double)v));
                Assert.Equal(R.Reduce(xf, [a], true, R.ArgMin).Values, xf.ArgMin(a, true).ToArray().Select(v => (double)v));
                Assert.Equal(R.Reduce(xi, [a], false, R.ArgMax).Values, xi.ArgMax(a).ToArray().Select(v => (double)v));
            }
        }
    }

    [Fact]
    public void MaxMinKernelHandlesNaNAndSignedZeroAnywhere()
    {
        var rng = new Random(5);
        foreach (int n in new[] { 64, 65, 100, 127, 128, 129, 300, 1000 })
        {
            var v = ReductionTestData.Values<float>(n, n);
            Assert.Equal(R.Max(v.Select(f => (double)f).ToArray()), Tensor.FromArray(v, n).Max().ToScalar());
            Assert.Equal(R.Min(v.Select(f => (double)f).ToArray()), Tensor.FromArray(v, n).Min().ToScalar());
            foreach (int pos in new[] { 0, n / 2, n - 1, rng.Next(n) })
            {
                var w = (float[])v.Clone();
                w[pos] = float.NaN;
                Assert.True(float.IsNaN(Tensor.FromArray(w, n).Max().ToScalar()), $"NaN at {pos} of {n}");
                Assert.True(float.IsNaN(Tensor.FromArray(w, n).Min().ToScalar()), $"NaN at {pos} of {n}");
                Assert.Equal(pos, Tensor.FromArray(w, n).ArgMax().ToScalar());
            }
            var zeros = new double[n];
            Array.Fill(zeros, -0.0);
            zeros[n - 1] = 0.0;
            Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(Tensor.FromArray(zeros, n).Max().ToScalar()));
            zeros[n - 1] = -0.0;
            zeros[0] = 0.0;
            Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(Tensor.FromArray(zeros, n).Min().ToScalar()));
            var ints = Enumerable.Range(0, n).Select(i => (i * 7919) % 1009 - 500).ToArray();
            Assert.Equal(ints.Max(), Tensor.FromArray(ints, n).Max().ToScalar());
            Assert.Equal(ints.Min(), Tensor.FromArray(ints, n).Min().ToScalar());
        }
    }

    [Theory]
    [InlineData("contiguous")]
    [InlineData("transposed")]
    [InlineData("broadcast")]
    public void CountNonzeroMatchesTwin(string layout)
    {
        int seed = 300;
        foreach (var shape in ReductionTestData.Shapes)
        {
            // Round to {-1, 0, 1} and plant -0 and NaN so the special values occur.
            var x = ReductionTestData.Make<double>(shape, layout, seed++).Contiguous().Clone();
            var span = x.AsSpan();
            for (int i = 0; i < span.Length; i++) span[i] = Math.Round(span[i]);
            if (span.Length > 2) { span[0] = -0.0; span[^1] = double.NaN; }
            var xi = Tensor.FromArray(span.ToArray().Select(v => double.IsNaN(v) ? 7 : (int)v).ToArray(), span.Length).Reshape(shape);
            if (layout == "transposed")
            {
                // A strided view of the same values: every axis reversed in order.
                var perm = Enumerable.Range(0, shape.Length).Reverse().ToArray();
                x = x.Permute(perm);
                xi = xi.Permute(perm);
            }
            else if (layout == "broadcast" && shape.Length > 0)
            {
                var big = new[] { 3 }.Concat(x.ShapeArray()).ToArray();
                x = x.Unsqueeze(0).Expand(big);
                xi = xi.Unsqueeze(0).Expand(big);
            }
            foreach (var axes in ReductionTestData.AxisSubsets(x.Rank))
            {
                var expected = R.Reduce(x, axes, false, g => g.Count(v => v != 0)).Values;
                Assert.Equal(expected, x.CountNonzero(axes).ToArray().Select(v => (double)v));
                Assert.Equal(expected, xi.CountNonzero(axes).ToArray().Select(v => (double)v));
            }
        }
    }

    [Fact]
    public void SimdTailLengthsOneToSeventy()
    {
        for (int n = 1; n <= 70; n++)
        {
            var f = Tensor.FromArray(ReductionTestData.Values<float>(n, n), n);
            var d = Tensor.FromArray(ReductionTestData.Values<double>(n, n), n);
            var g = d.ToArray();
            var gf = f.ToArray().Select(v => (double)v).ToArray();
            Assert.True(Math.Abs(f.Sum().ToScalar() - R.Sum(gf)) <= 1e-5 * (1 + R.SumAbs(gf)), $"float sum n={n}");
            Assert.True(Math.Abs(d.Sum().ToScalar() - R.Sum(g)) <= 1e-13 * (1 + R.SumAbs(g)), $"double sum n={n}");
            Assert.Equal(R.Max(gf), f.Max().ToScalar());
            Assert.Equal(R.Min(g), d.Min().ToScalar());
            Assert.Equal(R.ArgMax(g), d.ArgMax().ToScalar());
            Assert.True(Tolerance.Float64Reduction.IsClose(d.Norm().ToScalar(), R.Norm(g, 2)), $"norm n={n}");
            Assert.True(Tolerance.Float64Reduction.IsClose(d.LogSumExp().ToScalar(), R.LogSumExp(g)), $"lse n={n}");
            Assert.True(Tolerance.Float64Reduction.IsClose(d.Var().ToScalar(), R.Var(g, 0)), $"var n={n}");
        }
    }

    [Fact]
    public void AnyAllMatchTwinOverLayoutsAndAxes()
    {
        foreach (var shape in ReductionTestData.Shapes)
        {
            var rng = new Random(shape.Length * 31 + shape.Sum());
            int n = Shapes.Numel(shape);
            // Sparse trues so that both answers occur.
            var b = Tensor.FromArray(Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.1).ToArray(), shape);
            var views = new List<Tensor<bool>> { b };
            if (shape.Length >= 2) views.Add(Tensor.FromArray(b.ToArray(), shape.Reverse().ToArray()).Permute(Enumerable.Range(0, shape.Length).Reverse().ToArray()));
            foreach (var x in views)
                foreach (var axes in ReductionTestData.AxisSubsets(shape.Length))
                {
                    var d = Tensor.FromArray(x.ToArray().Select(v => v ? 1.0 : 0.0).ToArray(), x.ShapeArray());
                    Assert.Equal(R.Reduce(d, axes, false, g => g.Any(v => v != 0) ? 1 : 0).Values, x.Any(axes).ToArray().Select(v => v ? 1.0 : 0.0));
                    Assert.Equal(R.Reduce(d, axes, true, g => g.All(v => v != 0) ? 1 : 0).Values, x.All(axes, true).ToArray().Select(v => v ? 1.0 : 0.0));
                }
        }
    }
}
