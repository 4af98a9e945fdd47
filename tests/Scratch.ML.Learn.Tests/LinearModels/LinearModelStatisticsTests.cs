using Scratch.ML.Learn.LinearModels;
using Xunit;
using static Scratch.ML.Tests.Learn.LinearExtra.LinearExtraFixture;

namespace Scratch.ML.Tests.Learn.LinearExtra;

/// <summary>LinearModelStatistics against statsmodels 0.13.5's OLS (tests/reference/sklearn_linear_extra.py).</summary>
public class LinearModelStatisticsTests
{
    // Closed form on both sides (our SVD vs statsmodels' pinv), then Student t / F tails from our incomplete beta vs
    // SciPy's (cephes): 1e-8 relative is the brief's target and holds for everything, including tail p values down
    // to 1e-60 (relative accuracy of the regularised incomplete beta).
    private const double Relative = 1e-8;

    private static void Close(double expected, double actual, string what, double rel = Relative) =>
        Assert.True(Math.Abs(expected - actual) <= rel * Math.Abs(expected) + 1e-300, $"{what}: expected {expected:R}, got {actual:R}");

    private static void Close(double[] expected, IReadOnlyList<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int j = 0; j < expected.Length; j++) Close(expected[j], actual[j], $"{what}[{j}]");
    }

    [Theory]
    [InlineData("diabetes")]
    [InlineData("synthetic_no_const")]
    public void MatchesStatsmodelsOls(string tag)
    {
        bool intercept = tag == "diabetes";
        var (x, y) = intercept ? (DiabetesX, DiabetesY) : Synthetic;
        var s = LinearModelStatistics.Fit(x, y, addIntercept: intercept);
        var f = Get("ols", tag);
        Close(Doubles(f.GetProperty("params")), s.Coefficients, "coef");
        Close(Doubles(f.GetProperty("bse")), s.StandardErrors, "se");
        Close(Doubles(f.GetProperty("t")), s.TValues, "t");
        Close(Doubles(f.GetProperty("p")), s.PValues, "p");
        var (lo, hi) = s.ConfidenceIntervals();
        Close(Doubles(f.GetProperty("ci_low")), lo, "ci_low");
        Close(Doubles(f.GetProperty("ci_high")), hi, "ci_high");
        Close(Doubles(f.GetProperty("ci90_low")), s.ConfidenceIntervals(0.90).Lower, "ci90_low");
        Close(f.GetProperty("r2").GetDouble(), s.RSquared, "R²");
        Close(f.GetProperty("r2_adj").GetDouble(), s.AdjustedRSquared, "adj R²");
        Close(f.GetProperty("f").GetDouble(), s.FStatistic, "F");
        Close(f.GetProperty("f_p").GetDouble(), s.FPValue, "F p");
        Close(f.GetProperty("rse").GetDouble(), s.ResidualStandardError, "RSE");
        Close(f.GetProperty("llf").GetDouble(), s.LogLikelihood, "llf");
        Close(f.GetProperty("aic").GetDouble(), s.Aic, "AIC");
        Close(f.GetProperty("bic").GetDouble(), s.Bic, "BIC");
        Assert.Equal(f.GetProperty("df_model").GetDouble(), s.ModelDegreesOfFreedom);
        Assert.Equal(f.GetProperty("df_resid").GetDouble(), s.ResidualDegreesOfFreedom);
    }

    [Fact]
    public void AgreesWithLinearRegressionAndCovarianceDiagonalIsSquaredSe()
    {
        var s = LinearModelStatistics.Fit(DiabetesX, DiabetesY);
        var lr = new LinearRegression().Fit(DiabetesX, DiabetesY);
        Close(lr.Intercept.ToScalar(), s.Coefficients[0], "intercept", 1e-10);
        for (int j = 0; j < 10; j++) Close(lr.Coef[j], s.Coefficients[j + 1], $"coef {j}", 1e-10);
        var cov = s.Covariance();
        for (int j = 0; j < 11; j++) Close(s.StandardErrors[j] * s.StandardErrors[j], cov[j, j], $"var {j}", 1e-12);
    }

    [Fact]
    public void SummaryTableNamesEverything()
    {
        string[] names = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"];
        var text = LinearModelStatistics.Fit(DiabetesX, DiabetesY, featureNames: names).ToString();
        foreach (var word in names.Append("const").Concat(["R-squared:", "Adj. R-squared:", "F-statistic:", "P>|t|", "AIC:", "BIC:", "Log-likelihood:"]))
            Assert.Contains(word, text);
        Assert.Contains("152.1335", text);   // the intercept, to 4 decimals
        Assert.Contains("0.5177", text);     // R²
    }

    [Fact]
    public void BadInputsFailClearly()
    {
        var x = DiabetesX;
        var y = DiabetesY;
        var dup = Tensor.Concat([x, x.Narrow(1, 0, 1)], 1);
        Assert.Contains("rank deficient", Assert.Throws<ArgumentException>(() => LinearModelStatistics.Fit(dup, y)).Message);
        var few = x.Narrow(0, 0, 11).Contiguous();
        Assert.Contains("no residual degrees of freedom", Assert.Throws<ArgumentException>(() => LinearModelStatistics.Fit(few, y.Narrow(0, 0, 11).Contiguous())).Message);
        Assert.Throws<ArgumentException>(() => LinearModelStatistics.Fit(x, y, featureNames: ["a"]));
        Assert.Throws<ArgumentException>(() => LinearModelStatistics.Fit(x, Tensor.Ones<double>(442)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearModelStatistics.Fit(x, y).ConfidenceIntervals(1.0));
    }
}
