using Scratch.ML.Statistics;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Statistics;

public class HypothesisTestTests
{
    // Statistic: a few reductions (Float64Reduction); p-value: special functions of it (SpecialFunction, scaled for the
    // statistic's own rounding, which the cdf amplifies by |t·pdf/cdf| ~ 10).
    private static readonly Tolerance StatTol = Tolerance.Float64Reduction;
    private static readonly Tolerance PTol = Tolerance.SpecialFunction.Scaled(10, "p-value inherits the statistic's rounding");

    private static Alternative Alt(string s) => s switch
    {
        "two-sided" => Alternative.TwoSided, "less" => Alternative.Less, "greater" => Alternative.Greater,
        _ => throw new ArgumentException(s),
    };

    private static void Check(double stat, double p, double df, System.Text.Json.JsonElement expected, string what)
    {
        Assert.True(StatTol.IsClose(stat, expected.D("statistic")), $"{what} statistic {stat:R} vs {expected.D("statistic"):R}");
        Assert.True(PTol.IsClose(p, expected.D("pvalue")), $"{what} p {p:R} vs {expected.D("pvalue"):R}");
        Assert.True(StatTol.IsClose(df, expected.D("df")), $"{what} df {df:R} vs {expected.D("df"):R}");
    }

    public static TheoryData<int> TTestCases() =>
        new(Enumerable.Range(0, Fixtures.Load("tests.json").GetProperty("ttests").GetArrayLength()));

    [Theory, MemberData(nameof(TTestCases))]
    public void TTests_MatchScipy(int index)
    {
        var c = Fixtures.Load("tests.json").GetProperty("ttests")[index];
        string kind = c.GetProperty("kind").GetString()!;
        var alt = Alt(c.GetProperty("alternative").GetString()!);
        HypothesisTestResult r = kind switch
        {
            "one_sample" => TTest.OneSample(c.Doubles("x"), c.D("mu"), alt),
            "student" => TTest.TwoSample(c.Doubles("x"), c.Doubles("y"), equalVariances: true, alt),
            "welch" => TTest.TwoSample(c.Doubles("x"), c.Doubles("y"), equalVariances: false, alt),
            "paired" => TTest.Paired(c.Doubles("x"), c.Doubles("y"), alt),
            _ => throw new ArgumentException(kind),
        };
        Check(r.Statistic, r.PValue, r.DegreesOfFreedom, c, $"{kind} {alt}");
    }

    [Fact]
    public void ChiSquareGoodnessOfFit_MatchesScipy()
    {
        foreach (var c in Fixtures.Load("tests.json").GetProperty("chisquare").EnumerateArray())
        {
            double[] obs = c.Doubles("observed");
            double[] exp = c.GetProperty("expected").ValueKind == System.Text.Json.JsonValueKind.Null ? [] : c.Doubles("expected");
            var r = ChiSquareTest.GoodnessOfFit(obs, exp, c.GetProperty("ddof").GetInt32());
            Check(r.Statistic, r.PValue, r.DegreesOfFreedom, c, "chisquare");
        }
    }

    [Fact]
    public void ChiSquareContingency_MatchesScipy()
    {
        foreach (var c in Fixtures.Load("tests.json").GetProperty("contingency").EnumerateArray())
        {
            int rows = c.GetProperty("rows").GetInt32(), cols = c.GetProperty("cols").GetInt32();
            double[] flat = c.Doubles("table");
            var table = new double[rows, cols];
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) table[i, j] = flat[i * cols + j];
            var r = ChiSquareTest.Independence(table, c.GetProperty("correction").GetBoolean());
            Check(r.Statistic, r.PValue, r.DegreesOfFreedom, c, $"chi2_contingency {rows}x{cols}");
            double[] expected = c.Doubles("expected");
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                    Assert.True(StatTol.IsClose(r.Expected[i, j], expected[i * cols + j]));
        }
    }

    [Fact]
    public void OneWayAnova_MatchesScipy()
    {
        var c = Fixtures.Load("tests.json").GetProperty("anova");
        double[][] groups = c.GetProperty("groups").EnumerateArray().Select(g => g.Doubles()).ToArray();
        var r = Anova.OneWay(groups);
        Assert.True(StatTol.IsClose(r.Statistic, c.D("statistic")));
        Assert.True(PTol.IsClose(r.PValue, c.D("pvalue")), $"{r.PValue} vs {c.D("pvalue")}");
        Assert.Equal(c.D("df_between"), r.DegreesOfFreedomBetween);
        Assert.Equal(c.D("df_within"), r.DegreesOfFreedomWithin);
    }

    [Fact]
    public void OneSidedPValues_AreComplementary()
    {
        double[] x = [5.1, 4.9, 6.2, 5.8, 6.0, 5.5];
        var less = TTest.OneSample(x, 5, Alternative.Less);
        var greater = TTest.OneSample(x, 5, Alternative.Greater);
        var two = TTest.OneSample(x, 5);
        Assert.True(Tolerance.Float64Kernel.IsClose(less.PValue + greater.PValue, 1));
        Assert.True(Tolerance.Float64Kernel.IsClose(two.PValue, 2 * Math.Min(less.PValue, greater.PValue)));
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => TTest.OneSample([1.0]));
        Assert.Throws<ArgumentException>(() => TTest.OneSample([1.0, double.NaN, 2.0]));
        Assert.Throws<ArgumentException>(() => TTest.TwoSample([1.0, 2.0], ReadOnlySpan<double>.Empty));
        Assert.Throws<ArgumentException>(() => TTest.Paired([1.0, 2.0, 3.0], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => ChiSquareTest.GoodnessOfFit([1.0, -2.0, 3.0]));
        Assert.Throws<ArgumentException>(() => ChiSquareTest.GoodnessOfFit([1.0, 2.0, 3.0], [1.0, 1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => ChiSquareTest.GoodnessOfFit([1.0, 2.0, 3.0], [2.0, 4.0, 0.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChiSquareTest.GoodnessOfFit([1.0, 2.0, 3.0], default, ddof: 2));
        Assert.Throws<ArgumentException>(() => ChiSquareTest.Independence(new double[,] { { 1, 0 }, { 2, 0 } }));
        Assert.Throws<ArgumentException>(() => ChiSquareTest.Independence(new double[0, 0]));
        Assert.Throws<ArgumentException>(() => Anova.OneWay([1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => Anova.OneWay([1.0, 2.0], []));
    }
}
