using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.LinearExtra.LinearExtraFixture;

namespace Scratch.ML.Tests.Learn.LinearExtra;

/// <summary>QuantileRegressor (our interior-point LP) against scikit-learn 1.2 with SciPy 1.10's HiGHS.</summary>
public class QuantileRegressorTests
{
    // Objective values: both are LP optima (HiGHS's vertex to its 1e-7 feasibility tolerances; ours after purification
    // to rounding), so they agree to ~1e-12 relative; 1e-9 leaves margin.
    private const double ObjectiveRelative = 1e-9;

    // Coefficients where the optimum is unique: both return the same vertex, solved exactly on the interpolated rows
    // (HiGHS to its primal feasibility tolerance 1e-7 absolute on residuals, which moves coefficients of the diabetes
    // fit — features of norm 1, coefficients ~10³ — by up to ~1e-6 relative); 1e-6 relative bounds that.
    private static readonly Tolerance Coefficients = new("QuantileVsHighs", 1e-6, 1e-6);

    public static TheoryData<string> Tags => ["median", "default", "q90", "q20_weighted", "no_intercept", "diabetes", "diabetes_l1"];

    private static (QuantileRegressorModel<double> Model, double TotalWeight) Fit(string tag)
    {
        var (x, y) = tag.StartsWith("diabetes") ? (DiabetesX, DiabetesY) : Synthetic;
        var options = tag switch
        {
            "median" => new QuantileRegressor(Alpha: 0),
            "default" => new QuantileRegressor(),
            "q90" => new QuantileRegressor(0.9, 0.01),
            "q20_weighted" => new QuantileRegressor(0.2, 0.005),
            "no_intercept" => new QuantileRegressor(0.7, 0, FitIntercept: false),
            "diabetes" => new QuantileRegressor(Alpha: 0),
            _ => new QuantileRegressor(0.75, 0.01),
        };
        var w = tag == "q20_weighted" ? DataTensor("w") : null;
        return (options.Fit(x, y, w), w is null ? x.Shape[0] : w.Sum().ToScalar());
    }

    [Theory]
    [MemberData(nameof(Tags))]
    public void MatchesSklearnObjectiveAndCoefficients(string tag)
    {
        var (m, total) = Fit(tag);
        var f = Get("quantile", tag);
        double expected = f.GetProperty("objective").GetDouble(), actual = m.Objective * total;
        Assert.True(Math.Abs(expected - actual) <= ObjectiveRelative * expected, $"objective {actual:R} vs HiGHS {expected:R}");
        Assert.True(m.Converged);
        // Unique optima (τn non-integer, data in general position): the same vertex. The exception is "default": α = 1
        // zeroes w and the intercept is then any median of 60 values (an interval), so only w and the objective compare.
        TensorAssert.Close(Read(f.GetProperty("coef")), m.Coef, Coefficients);
        if (tag != "default") TensorAssert.Close(Read(f.GetProperty("intercept")), m.Intercept, Coefficients);
    }

    public static TheoryData<int> RandomCases => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void MatchesHighsOnRandomSmallPrograms(int index)
    {
        // Heavy-tailed noise, random τ ∈ (0.05, 0.95), α ∈ {0, 0.001, 0.05, 0.5}, with or without intercept and weights.
        var c = Root.GetProperty("quantile_random")[index];
        var x = Read(c.GetProperty("x"));
        if (x.Rank == 1) x = x.Reshape(x.Shape[0], 1);
        var y = Read(c.GetProperty("y"));
        var w = c.GetProperty("w").ValueKind == System.Text.Json.JsonValueKind.Null ? null : Read(c.GetProperty("w"));
        var m = new QuantileRegressor(c.GetProperty("tau").GetDouble(), c.GetProperty("alpha").GetDouble(), c.GetProperty("fit_intercept").GetBoolean()).Fit(x, y, w);
        double total = w is null ? x.Shape[0] : w.Sum().ToScalar();
        double expected = c.GetProperty("objective").GetDouble(), actual = m.Objective * total;
        Assert.True(Math.Abs(expected - actual) <= ObjectiveRelative * expected, $"case {index}: objective {actual:R} vs HiGHS {expected:R}");
        Assert.True(m.Converged);
    }

    [Fact]
    public void QuantileFractionOfResidualsIsBelowTheFit()
    {
        // Optimality of the pinball loss: with p interpolated points, #{r < 0} ≤ τn ≤ #{r ≤ 0}.
        var (x, y) = Synthetic;
        foreach (var tau in new[] { 0.1, 0.5, 0.9 })
        {
            var m = new QuantileRegressor(tau, 0).Fit(x, y);
            var r = (y - m.Predict(x)).ToArray();
            int below = r.Count(v => v < -1e-9), atOrBelow = r.Count(v => v <= 1e-9);
            Assert.InRange(tau * r.Length, below, atOrBelow);
        }
    }

    [Fact]
    public void MedianRegressionResistsGrossOutliers()
    {
        // Six y values shifted by 8–15 in the synthetic set (true slopes 1.5, −2, 0.75): least absolute deviations
        // stays much closer to the truth than least squares.
        var (x, y) = Synthetic;
        var lad = new QuantileRegressor(Alpha: 0).Fit(x, y);
        var ols = new LinearRegression().Fit(x, y);
        double[] truth = [1.5, -2.0, 0.75];
        double ErrorOf(Tensor<double> c) => c.ToArray().Zip(truth, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(ErrorOf(lad.Coef) < 0.5 * ErrorOf(ols.Coef), $"LAD error {ErrorOf(lad.Coef)}, OLS error {ErrorOf(ols.Coef)}");
    }

    [Fact]
    public void NonUniqueMedianGivesAnOptimalObjective()
    {
        // Four points with no feature signal: every b in [2, 3] is a median; any optimal b has objective 0.5·(1+1+... ).
        var x = Tensor.FromArray([0.0, 0.0, 0.0, 0.0], 4, 1);
        var y = Tensor.FromArray([1.0, 2.0, 3.0, 4.0], 4);
        var m = new QuantileRegressor(Alpha: 0).Fit(x, y);
        Assert.InRange(m.Intercept.ToScalar(), 2 - 1e-9, 3 + 1e-9);
        Assert.Equal(0.5, m.Objective, 1e-9);   // (1/4)·0.5·(1.5 + 0.5 + 0.5 + 1.5) at b = 2.5, same for any b in [2, 3]
    }

    [Fact]
    public void ZeroWeightRowsAreDropped()
    {
        var (x, y) = Synthetic;
        var w = Tensor.Ones<double>(60).ToArray();
        for (int i = 0; i < 60; i += 4) w[i] = 0;
        var keep = Enumerable.Range(0, 60).Where(i => i % 4 != 0).Select(i => (long)i).ToArray();
        var index = Tensor.FromArray(keep, keep.Length);
        var weighted = new QuantileRegressor(0.3, 0.001).Fit(x, y, Tensor.FromArray(w, 60));
        var dropped = new QuantileRegressor(0.3, 0.001).Fit(x.IndexSelect(0, index), y.IndexSelect(0, index));
        TensorAssert.Close(dropped.Coef, weighted.Coef, new Tolerance("SameLp", 1e-9, 1e-9));
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckRegressor(new QuantileRegressor(Alpha: 0), QuantileRegressorModel<double>.Load, QuantileRegressorModel<float>.Load);
        Assert.Contains("integer weights equal repeated rows", checks);
        EstimatorConformance.CheckRegressor(new QuantileRegressor(0.8, 0.05, FitIntercept: false), QuantileRegressorModel<double>.Load, QuantileRegressorModel<float>.Load);
        EstimatorConformance.CheckRegressor(new QuantileRegressor(), QuantileRegressorModel<double>.Load, QuantileRegressorModel<float>.Load);
    }

    [Fact]
    public void SaveLoadAndBadOptions()
    {
        var (m, _) = Fit("q90");
        using var s = new MemoryStream();
        m.Save(s);
        s.Position = 0;
        var back = QuantileRegressorModel<double>.Load(s);
        Assert.Equal(m.Options, back.Options);
        Assert.Equal(m.Objective, back.Objective);
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileRegressor(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileRegressor(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileRegressor(0.5, -0.1));
        var (x, y) = Synthetic;
        Assert.Throws<ArgumentException>(() => new QuantileRegressor().Fit(x, Tensor.Stack([y, y], 1)));
    }
}
