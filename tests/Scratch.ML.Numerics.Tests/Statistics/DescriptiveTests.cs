using System.Text.Json;
using Scratch.ML.Statistics;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Statistics;

public class DescriptiveTests
{
    private static readonly Tolerance Tol = Tolerance.Float64Reduction;

    public static TheoryData<string> SampleNames() =>
        new(Fixtures.Load("descriptive.json").GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("name").GetString()!));

    private static JsonElement Sample(string name) =>
        Fixtures.Load("descriptive.json").GetProperty("samples").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    private static void Close(double expected, double actual, string what, Tolerance? tol = null) =>
        Assert.True((tol ?? Tol).IsClose(actual, expected), $"{what}: got {actual:R}, NumPy/SciPy {expected:R}");

    [Theory, MemberData(nameof(SampleNames))]
    public void Moments_MatchScipy(string name)
    {
        var s = Sample(name);
        double[] x = s.Doubles("data");
        Close(s.D("mean"), Descriptive.Mean(x), "mean");
        Close(s.D("var0"), Descriptive.Variance(x), "var ddof=0");
        Close(s.D("var1"), Descriptive.Variance(x, ddof: 1), "var ddof=1");
        Close(s.D("std1"), Descriptive.StandardDeviation(x, ddof: 1), "std ddof=1");
        // Higher moments divide small central sums; SciPy's one-pass-per-moment rounding differs by ~1e-14 relative.
        var moment = Tol.Scaled(100, "third/fourth central moments amplify rounding");
        Close(s.D("skew"), Descriptive.Skewness(x), "skew", moment);
        Close(s.D("skew_unbiased"), Descriptive.Skewness(x, bias: false), "skew unbiased", moment);
        Close(s.D("kurtosis"), Descriptive.Kurtosis(x), "kurtosis", moment);
        Close(s.D("kurtosis_unbiased"), Descriptive.Kurtosis(x, bias: false), "kurtosis unbiased", moment);
        Assert.Equal(s.D("median"), Descriptive.Median(x));
        var mode = Descriptive.Mode(x);
        Assert.Equal(s.D("mode"), mode.Value);
        Assert.Equal(s.GetProperty("mode_count").GetInt32(), mode.Count);
    }

    [Fact]
    public void WeightedMean_MatchesNumpyAverage()
    {
        var w = Fixtures.Load("descriptive.json").GetProperty("weighted");
        Close(w.D("value"), Descriptive.WeightedMean(w.Doubles("data"), w.Doubles("weights")), "average");
    }

    public static TheoryData<int> QuantileCases() =>
        new(Enumerable.Range(0, Fixtures.Load("descriptive.json").GetProperty("quantiles").GetArrayLength()));

    [Theory, MemberData(nameof(QuantileCases))]
    public void Quantiles_MatchNumpy(int index)
    {
        var c = Fixtures.Load("descriptive.json").GetProperty("quantiles")[index];
        string m = c.GetProperty("method").GetString()!;
        var method = m switch
        {
            "linear" => QuantileMethod.Linear, "lower" => QuantileMethod.Lower, "higher" => QuantileMethod.Higher,
            "midpoint" => QuantileMethod.Midpoint, "nearest" => QuantileMethod.Nearest, "hazen" => QuantileMethod.Hazen,
            "weibull" => QuantileMethod.Weibull, "median_unbiased" => QuantileMethod.MedianUnbiased,
            "normal_unbiased" => QuantileMethod.NormalUnbiased, "interpolated_inverted_cdf" => QuantileMethod.InterpolatedInvertedCdf,
            _ => throw new ArgumentException(m),
        };
        double[] x = c.Doubles("data"), q = c.Doubles("q"), expected = c.Doubles("values");
        double[] actual = Descriptive.Quantiles(x, q, method);
        for (int i = 0; i < q.Length; i++)
        {
            Close(expected[i], actual[i], $"{m} q={q[i]}", Tolerance.Float64Kernel);
            Close(expected[i], Descriptive.Quantile(x, q[i], method), $"{m} q={q[i]} (single)", Tolerance.Float64Kernel);
        }
        Close(Descriptive.Quantile(x, 0.25, method), Descriptive.Percentile(x, 25, method), "percentile 25", Tolerance.Exact);
    }

    [Fact]
    public void AxisWise_MatchNumpy()
    {
        var t = Fixtures.Load("descriptive.json").GetProperty("tensor");
        int[] shape = t.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var x = Tensor.FromArray(t.Doubles("data"), shape);
        foreach (var a in t.GetProperty("axes").EnumerateArray())
        {
            int axis = a.GetProperty("axis").GetInt32();
            int[] outShape = a.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            Check(a.Doubles("mean"), Descriptive.Mean(x, axis), outShape, $"mean axis {axis}");
            Check(a.Doubles("var1"), Descriptive.Variance(x, axis, ddof: 1), outShape, $"var axis {axis}");
            Check(a.Doubles("median"), Descriptive.Median(x, axis), outShape, $"median axis {axis}");
            Check(a.Doubles("q30"), Descriptive.Quantile(x, 0.3, axis), outShape, $"q30 axis {axis}");
            Check(a.Doubles("mean"), Descriptive.Mean(x, axis - 3), outShape, $"mean axis {axis - 3}");
        }
        // Strided (transposed) input gives the same answer as its contiguous copy.
        var xt = x.Transpose(0, 2);
        Check(Descriptive.Mean(xt.Contiguous(), 1).ToArray(), Descriptive.Mean(xt, 1), [5, 3], "mean of a transposed view");
    }

    [Fact]
    public void AxisWise_RankOne_GivesScalar()
    {
        var m = Descriptive.Mean(Tensor.FromArray(new[] { 1.0, 2.0, 6.0 }), 0);
        Assert.Equal(0, m.Rank);
        Assert.Equal(3.0, m.ToScalar());
    }

    private static void Check(double[] expected, Tensor<double> actual, int[] shape, string what)
    {
        Assert.Equal(shape, actual.ShapeArray());
        double[] a = actual.ToArray();
        for (int i = 0; i < expected.Length; i++) Close(expected[i], a[i], $"{what}[{i}]");
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => Descriptive.Mean(ReadOnlySpan<double>.Empty));
        Assert.Throws<ArgumentException>(() => Descriptive.Mean([1.0, double.NaN]));
        Assert.Throws<ArgumentException>(() => Descriptive.Variance([1.0], ddof: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Descriptive.Variance([1.0, 2.0], ddof: -1));
        Assert.Throws<ArgumentException>(() => Descriptive.Median(ReadOnlySpan<double>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => Descriptive.Quantile([1.0, 2.0], 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Descriptive.Quantile([1.0, 2.0], double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Descriptive.Percentile([1.0, 2.0], 101));
        Assert.Throws<ArgumentException>(() => Descriptive.WeightedMean([1.0, 2.0], [1.0, -1.0]));
        Assert.Throws<ArgumentException>(() => Descriptive.WeightedMean([1.0, 2.0], [0.0, 0.0]));
        Assert.Throws<ArgumentException>(() => Descriptive.WeightedMean([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => Descriptive.Skewness([1.0, 2.0], bias: false));
        Assert.Throws<ArgumentException>(() => Descriptive.Mean(Tensor.FromArray(new[] { 1.0, double.NaN }), 0));
        Assert.Throws<ArgumentException>(() => Descriptive.Variance(Tensor.FromArray(new[] { 1.0 }), 0, ddof: 1));
    }

    [Fact]
    public void Variance_IsStableUnderLargeOffset()
    {
        // Σx² − n·x̄² would lose every digit here; the two-pass algorithm keeps them.
        double[] x = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
        Assert.Equal(30.0, Descriptive.Variance(x, ddof: 1), 1e-6);
    }
}
