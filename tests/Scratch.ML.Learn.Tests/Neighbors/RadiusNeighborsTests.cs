using Scratch.ML.Learn;
using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Neighbors.Neighbors2Fixture;

namespace Scratch.ML.Tests.Learn.Neighbors;

public class RadiusNeighborsTests
{
    private static readonly NeighborAlgorithm[] Algorithms = [NeighborAlgorithm.Brute, NeighborAlgorithm.KDTree, NeighborAlgorithm.BallTree, NeighborAlgorithm.Auto];

    public static IEnumerable<object[]> ClassifierCases() =>
        Root.GetProperty("radius_classifier").EnumerateObject().SelectMany(p => Algorithms.Select(a => new object[] { p.Name, a }));

    public static IEnumerable<object[]> RegressorCases() =>
        Root.GetProperty("radius_regressor").EnumerateObject().SelectMany(p => Algorithms.Select(a => new object[] { p.Name, a }));

    [Theory]
    [MemberData(nameof(ClassifierCases))]
    public void ClassifierMatchesScikitLearn(string name, NeighborAlgorithm algorithm)
    {
        // name = metric_weights_outlier; "none" cases use radius 1.55 (no outliers), the others radius 0.65 and two far queries.
        var parts = name.Split('_', 3);
        var metric = parts[0] == "euclidean" ? NeighborMetric.Euclidean : NeighborMetric.Manhattan;
        var weights = parts[1] == "uniform" ? NeighborWeights.Uniform : NeighborWeights.Distance;
        string? outlier = parts[2] == "none" ? null : parts[2];
        var (x, q) = Data("iris");
        if (outlier is not null) q = NeighborsFixture.Matrix(Root.GetProperty("iris_queries_with_outliers"));
        var y = NeighborsFixture.Ints(Root.GetProperty("iris_y"));
        var m = new RadiusNeighborsClassifier(outlier is null ? 1.55 : 0.65, weights, metric, 2, algorithm, 30, outlier).Fit(x, y);
        var c = Root.GetProperty("radius_classifier").GetProperty(name);
        TensorAssert.Close(NeighborsFixture.Matrix(c.GetProperty("proba")), m.PredictProba(q), NeighborsFixture.VsSklearn);
        Assert.Equal(NeighborsFixture.Ints(c.GetProperty("pred")), m.Predict(q).Ints!);
    }

    [Theory]
    [MemberData(nameof(RegressorCases))]
    public void RegressorMatchesScikitLearnIncludingNaNForEmptyNeighbourhoods(string name, NeighborAlgorithm algorithm)
    {
        var (metric, p) = NeighborsFixture.Metric(name.Split('_')[0] + "_x");
        var weights = name.EndsWith("uniform", StringComparison.Ordinal) ? NeighborWeights.Uniform : NeighborWeights.Distance;
        var (x, q) = Data("synthetic");
        var syn = Root.GetProperty("synthetic");
        var c = Root.GetProperty("radius_regressor").GetProperty(name);
        var reg = new RadiusNeighborsRegressor(0.35, weights, metric, p, algorithm);
        var pred = reg.Fit(x, NeighborsFixture.Vector(syn.GetProperty("t"))).Predict(q);
        var pred2 = reg.Fit(x, NeighborsFixture.Matrix(syn.GetProperty("t2"))).Predict(q);
        var expected = NullableDoubles(c.GetProperty("pred"));
        Assert.Contains(expected, double.IsNaN);
        TensorAssert.Close(Tensor.FromArray(expected, expected.Length), pred, NeighborsFixture.VsSklearn);
        Assert.Equal(expected.Select(double.IsNaN), pred.ToArray().Select(double.IsNaN));
        var expected2 = NullableDoubles(c.GetProperty("pred2"));
        TensorAssert.Close(Tensor.FromArray(expected2, expected.Length, 2), pred2, NeighborsFixture.VsSklearn);
        Assert.Equal(expected2.Select(double.IsNaN), pred2.ToArray().Select(double.IsNaN));
    }

    [Fact]
    public void OutliersWithoutALabelAreAnErrorLikeScikitLearn()
    {
        var (x, _) = Data("iris");
        var y = NeighborsFixture.Ints(Root.GetProperty("iris_y"));
        var q = NeighborsFixture.Matrix(Root.GetProperty("iris_queries_with_outliers"));
        var m = new RadiusNeighborsClassifier(0.6).Fit(x, y);
        var e = Assert.Throws<ArgumentException>(() => m.Predict(q));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("no training row within Radius = 0.6", e.Message);
        Assert.Throws<ArgumentException>(() => m.PredictProba(q));
        Assert.Equal(-1, m.OutlierClass);
        Assert.Throws<ArgumentException>(() => new RadiusNeighborsClassifier(0.6, OutlierLabel: "seven").Fit(x, y));
    }

    [Fact]
    public void StringLabelsTakeAStringOutlierLabel()
    {
        var (x, _) = Data("iris");
        var names = NeighborsFixture.Ints(Root.GetProperty("iris_y")).Select(v => new[] { "setosa", "versicolor", "virginica" }[v]).ToArray();
        var q = NeighborsFixture.Matrix(Root.GetProperty("iris_queries_with_outliers"));
        var unknown = new RadiusNeighborsClassifier(0.6, OutlierLabel: "unknown").Fit(x, names);
        var pred = unknown.Predict(q).Strings!;
        Assert.Equal(["unknown", "unknown"], pred.Skip(30));
        Assert.Equal(0.0, unknown.PredictProba(q).ToArray().Skip(30 * 3).Sum());
        var frequent = new RadiusNeighborsClassifier(0.6, OutlierLabel: RadiusNeighborsClassifier.MostFrequent).Fit(x, names);
        Assert.Equal(0, frequent.OutlierClass); // 40 rows of each class: the smallest class wins the tie
        Assert.Equal(["setosa", "setosa"], frequent.Predict(q).Strings!.Skip(30));
    }

    [Fact]
    public void SaveAndLoadRoundTripExactly()
    {
        var (x, _) = Data("iris");
        var y = NeighborsFixture.Ints(Root.GetProperty("iris_y"));
        var q = NeighborsFixture.Matrix(Root.GetProperty("iris_queries_with_outliers"));
        var clf = new RadiusNeighborsClassifier(0.6, NeighborWeights.Distance, NeighborMetric.Minkowski, 3, NeighborAlgorithm.BallTree, 5, "-4").Fit(x, y);
        using var s = new MemoryStream();
        clf.Save(s);
        s.Position = 0;
        var back = RadiusNeighborsClassifierModel<double>.Load(s);
        Assert.Equal(clf.Options, back.Options);
        Assert.Equal(clf.Predict(q).Ints!, back.Predict(q).Ints!);
        Assert.Equal(-4, back.Predict(q).Ints![31]);
        Assert.Equal(clf.PredictProba(q).ToArray(), back.PredictProba(q).ToArray());

        var reg = new RadiusNeighborsRegressor(0.5, Algorithm: NeighborAlgorithm.KDTree).Fit(x.Cast<float>(), Tensor.FromArray(y.Select(v => (float)v).ToArray(), y.Length));
        using var r = new MemoryStream();
        reg.Save(r);
        r.Position = 0;
        var regBack = RadiusNeighborsRegressorModel<float>.Load(r);
        Assert.Equal(reg.Options, regBack.Options);
        Assert.True(regBack.VectorTarget);
        Assert.Equal(reg.Predict(q.Cast<float>()).ToArray(), regBack.Predict(q.Cast<float>()).ToArray());
        r.Position = 0;
        Assert.Throws<InvalidDataException>(() => RadiusNeighborsClassifierModel<float>.Load(r));
    }

    [Fact]
    public void ClassifierPassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckClassifier(new RadiusNeighborsClassifier(3.0, OutlierLabel: RadiusNeighborsClassifier.MostFrequent),
            RadiusNeighborsClassifierModel<double>.Load, RadiusNeighborsClassifierModel<float>.Load);
        Assert.Contains("probabilities are consistent", checks);
        Assert.Contains("row order does not matter", checks);
        EstimatorConformance.CheckClassifier(new RadiusNeighborsClassifier(2.5, NeighborWeights.Distance, NeighborMetric.Manhattan, Algorithm: NeighborAlgorithm.BallTree, OutlierLabel: "0"),
            RadiusNeighborsClassifierModel<double>.Load, RadiusNeighborsClassifierModel<float>.Load);
        EstimatorConformance.CheckClassifier(new RadiusNeighborsClassifier(0.5, Metric: NeighborMetric.Cosine, OutlierLabel: "2"),
            RadiusNeighborsClassifierModel<double>.Load, RadiusNeighborsClassifierModel<float>.Load);
    }

    [Fact]
    public void RegressorPassesTheConformanceSuite()
    {
        // Conformance data lie in [−2, 3]^d (d ≤ 5): radii that cover every pair keep the predictions finite.
        var checks = EstimatorConformance.CheckRegressor(new RadiusNeighborsRegressor(12), RadiusNeighborsRegressorModel<double>.Load, RadiusNeighborsRegressorModel<float>.Load);
        Assert.Contains("multi-output shape", checks);
        Assert.Contains("row order does not matter", checks);
        EstimatorConformance.CheckRegressor(new RadiusNeighborsRegressor(26, NeighborWeights.Distance, NeighborMetric.Manhattan, Algorithm: NeighborAlgorithm.KDTree),
            RadiusNeighborsRegressorModel<double>.Load, RadiusNeighborsRegressorModel<float>.Load);
        EstimatorConformance.CheckRegressor(new RadiusNeighborsRegressor(6, NeighborWeights.Distance, NeighborMetric.Chebyshev, Algorithm: NeighborAlgorithm.BallTree, LeafSize: 3),
            RadiusNeighborsRegressorModel<double>.Load, RadiusNeighborsRegressorModel<float>.Load);
    }

    [Fact]
    public void KNeighborsEstimatorsWithTreesPassTheConformanceSuite()
    {
        EstimatorConformance.CheckClassifier(new KNeighborsClassifier(5, NeighborWeights.Distance, Algorithm: NeighborAlgorithm.BallTree, LeafSize: 4),
            KNeighborsClassifierModel<double>.Load, KNeighborsClassifierModel<float>.Load);
        EstimatorConformance.CheckRegressor(new KNeighborsRegressor(3, Metric: NeighborMetric.Manhattan, Algorithm: NeighborAlgorithm.KDTree, LeafSize: 2),
            KNeighborsRegressorModel<double>.Load, KNeighborsRegressorModel<float>.Load);
    }

    [Fact]
    public void KNeighborsEstimatorsMatchTheBruteFixtureWithEveryAlgorithm()
    {
        foreach (var name in NeighborsFixture.Cases().Select(c => (string)c[0]).Where(n => !n.StartsWith("cosine", StringComparison.Ordinal)))
            foreach (var algorithm in new[] { NeighborAlgorithm.KDTree, NeighborAlgorithm.BallTree })
            {
                var (metric, p) = NeighborsFixture.Metric(name);
                var c = NeighborsFixture.Case(name).GetProperty("distance");
                var q = NeighborsFixture.Queries(name);
                var clf = new KNeighborsClassifier(NeighborsFixture.K, NeighborWeights.Distance, metric, p, algorithm, 3).Fit(NeighborsFixture.X, NeighborsFixture.Y);
                TensorAssert.Close(NeighborsFixture.Matrix(c.GetProperty("proba")), clf.PredictProba(q), NeighborsFixture.VsSklearn);
                var reg = new KNeighborsRegressor(NeighborsFixture.K, NeighborWeights.Distance, metric, p, algorithm, 3);
                TensorAssert.Close(NeighborsFixture.Vector(c.GetProperty("reg")), reg.Fit(NeighborsFixture.X, NeighborsFixture.Vector(NeighborsFixture.Data.GetProperty("t"))).Predict(q), NeighborsFixture.VsSklearn);
            }
    }
}
