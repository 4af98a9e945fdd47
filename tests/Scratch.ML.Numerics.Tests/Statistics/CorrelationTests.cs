using Scratch.ML.Statistics;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Statistics;

public class CorrelationTests
{
    private static readonly Tolerance Tol = Tolerance.Float64Reduction;

    private static Tensor<double> Data(out System.Text.Json.JsonElement root)
    {
        root = Fixtures.Load("correlation.json");
        return Tensor.FromArray(root.Doubles("data"), root.GetProperty("rows").GetInt32(), root.GetProperty("cols").GetInt32());
    }

    private static void Matrix(double[] expected, Tensor<double> actual, string what)
    {
        double[] a = actual.ToArray();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.True(Tol.IsClose(a[i], expected[i]), $"{what}[{i}]: got {a[i]:R}, NumPy {expected[i]:R}");
    }

    [Fact]
    public void Matrices_MatchNumpyAndScipy()
    {
        var x = Data(out var root);
        Matrix(root.Doubles("cov"), Correlation.CovarianceMatrix(x), "cov");
        Matrix(root.Doubles("cov0"), Correlation.CovarianceMatrix(x, ddof: 0), "cov ddof=0");
        Matrix(root.Doubles("pearson"), Correlation.PearsonMatrix(x), "corrcoef");
        Matrix(root.Doubles("spearman"), Correlation.SpearmanMatrix(x), "spearmanr");
    }

    [Fact]
    public void PairwiseCoefficientsAndPValues_MatchScipy()
    {
        var x = Data(out var root);
        double[] c0 = x[.., 0].ToArray(), c1 = x[.., 1].ToArray(), c2 = x[.., 2].ToArray(), c3 = x[.., 3].ToArray();
        var pr = root.GetProperty("pearson01");
        double r = Correlation.Pearson(c0, c1);
        Assert.True(Tol.IsClose(r, pr.D("r")));
        Assert.True(Tolerance.SpecialFunction.IsClose(Correlation.PearsonPValue(r, c0.Length), pr.D("p")), $"{Correlation.PearsonPValue(r, c0.Length)} vs {pr.D("p")}");
        var sr = root.GetProperty("spearman23");
        Assert.True(Tol.IsClose(Correlation.Spearman(c2, c3), sr.D("r")));
        Assert.True(Tol.IsClose(Correlation.Covariance(c0, c1), Correlation.CovarianceMatrix(x)[0, 1]));
    }

    [Fact]
    public void Ranks_AverageTies_MatchScipy()
    {
        var root = Fixtures.Load("correlation.json");
        double[] ties = Fixtures.Load("descriptive.json").GetProperty("samples").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == "ties").Doubles("data");
        Assert.Equal(root.Doubles("ranks_ties"), Correlation.Ranks(ties));
    }

    [Fact]
    public void Properties_Hold()
    {
        double[] x = [1, 2, 3, 4, 5], y = [2, 4, 6, 8, 10.5];
        Assert.Equal(1.0, Correlation.Spearman(x, y));                       // monotone ⇒ ρ = 1
        Assert.Equal(-1.0, Correlation.Pearson(x, x.Select(v => -3 * v + 1).ToArray()), 14);
        Assert.True(double.IsNaN(Correlation.Pearson(x, [1, 1, 1, 1, 1])));   // constant sample, as SciPy
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => Correlation.Pearson([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => Correlation.Pearson([1.0], [1.0]));
        Assert.Throws<ArgumentException>(() => Correlation.Spearman([1.0, double.NaN], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => Correlation.CovarianceMatrix(Tensor.FromArray(new[] { 1.0, 2.0, 3.0 })));
        Assert.Throws<ArgumentException>(() => Correlation.PearsonMatrix(Tensor.FromArray(new[] { 1.0, 2.0 }, 1, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Correlation.PearsonPValue(0.5, 2));
    }
}
