using Scratch.ML.Learn;
using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Neighbors.NeighborsFixture;

namespace Scratch.ML.Tests.Learn.Neighbors;

public class KNeighborsEstimatorTests
{
    public static IEnumerable<object[]> CasesAndWeights() =>
        Cases().SelectMany(c => new[] { new object[] { c[0], NeighborWeights.Uniform }, [c[0], NeighborWeights.Distance] });

    [Theory]
    [MemberData(nameof(CasesAndWeights))]
    public void ClassifierMatchesScikitLearn(string name, NeighborWeights weights)
    {
        var (metric, p) = Metric(name);
        var c = Case(name).GetProperty(weights == NeighborWeights.Uniform ? "uniform" : "distance");
        var q = Queries(name);
        var m = new KNeighborsClassifier(K, weights, metric, p).Fit(X, Y);
        Assert.Equal([2, 5, 9], m.Classes.Ints!);
        TensorAssert.Close(Matrix(c.GetProperty("proba")), m.PredictProba(q), VsSklearn);
        Assert.Equal(Ints(c.GetProperty("pred")), m.Predict(q).Ints!);
    }

    [Theory]
    [MemberData(nameof(CasesAndWeights))]
    public void RegressorMatchesScikitLearn(string name, NeighborWeights weights)
    {
        var (metric, p) = Metric(name);
        var c = Case(name).GetProperty(weights == NeighborWeights.Uniform ? "uniform" : "distance");
        var q = Queries(name);
        var reg = new KNeighborsRegressor(K, weights, metric, p);
        TensorAssert.Close(Vector(c.GetProperty("reg")), reg.Fit(X, Vector(Data.GetProperty("t"))).Predict(q), VsSklearn);
        TensorAssert.Close(Matrix(c.GetProperty("reg2")), reg.Fit(X, Matrix(Data.GetProperty("t2"))).Predict(q), VsSklearn);
    }

    [Fact]
    public void ExactMatchDecidesAloneWithDistanceWeights()
    {
        // Query set "xm" starts with copies of training rows 3 and 17: the zero-distance rule gives them all the weight.
        var q = Queries("manhattan_xm");
        var m = new KNeighborsRegressor(K, NeighborWeights.Distance, NeighborMetric.Manhattan).Fit(X, Vector(Data.GetProperty("t")));
        var t = Vector(Data.GetProperty("t")).ToArray();
        var pred = m.Predict(q).ToArray();
        Assert.Equal(t[3], pred[0]);
        Assert.Equal(t[17], pred[1]);
        var proba = new KNeighborsClassifier(K, NeighborWeights.Distance, NeighborMetric.Manhattan).Fit(X, Y).PredictProba(q).ToArray();
        Assert.Equal(1.0, proba[Array.IndexOf([2, 5, 9], Y[3])]);
    }

    [Fact]
    public void ClassifierPassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckClassifier(new KNeighborsClassifier(), KNeighborsClassifierModel<double>.Load, KNeighborsClassifierModel<float>.Load);
        Assert.Contains("probabilities are consistent", checks);
        Assert.DoesNotContain("row order does not matter", checks);
        EstimatorConformance.CheckClassifier(new KNeighborsClassifier(3, NeighborWeights.Distance, NeighborMetric.Manhattan),
            KNeighborsClassifierModel<double>.Load, KNeighborsClassifierModel<float>.Load);
        EstimatorConformance.CheckClassifier(new KNeighborsClassifier(7, NeighborWeights.Uniform, NeighborMetric.Cosine),
            KNeighborsClassifierModel<double>.Load, KNeighborsClassifierModel<float>.Load);
    }

    [Fact]
    public void RegressorPassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckRegressor(new KNeighborsRegressor(), KNeighborsRegressorModel<double>.Load, KNeighborsRegressorModel<float>.Load);
        Assert.Contains("multi-output shape", checks);
        EstimatorConformance.CheckRegressor(new KNeighborsRegressor(3, NeighborWeights.Distance, NeighborMetric.Minkowski, 3),
            KNeighborsRegressorModel<double>.Load, KNeighborsRegressorModel<float>.Load);
        EstimatorConformance.CheckRegressor(new KNeighborsRegressor(4, NeighborWeights.Uniform, NeighborMetric.Chebyshev),
            KNeighborsRegressorModel<double>.Load, KNeighborsRegressorModel<float>.Load);
    }

    [Fact]
    public void FewerRowsThanNeighborsAreRejectedLikeSklearn()
    {
        var x = Tensor.FromArray(new double[] { 0, 1, 2 }, 3, 1);
        var ex = Assert.Throws<ArgumentException>(() => new KNeighborsRegressor(5).Fit(x, Tensor.FromArray(new double[] { 1, 2, 6 }, 3)));
        Assert.Contains("at least Neighbors = 5 training rows", ex.Message);
        Assert.Throws<ArgumentException>(() => new KNeighborsClassifier(5).Fit(x, new[] { 0, 1, 1 }));
        var m = new KNeighborsRegressor(3).Fit(x, Tensor.FromArray(new double[] { 1, 2, 6 }, 3));
        Assert.Equal(3, m.EffectiveNeighbors);
        Assert.Equal(3.0, m.Predict(Tensor.FromArray(new double[] { 10 }, 1, 1)).ToArray()[0], 12);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KNeighborsClassifier(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KNeighborsRegressor(3, (NeighborWeights)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KNeighborsRegressor(3, NeighborWeights.Uniform, NeighborMetric.Minkowski, double.PositiveInfinity));
        var w = Tensor.Ones<double>(30);
        var e = Assert.Throws<ArgumentException>(() => new KNeighborsClassifier().Fit(X, Y, w));
        Assert.Equal("sampleWeight", e.ParamName);
        Assert.Throws<ArgumentException>(() => new KNeighborsRegressor().Fit(X, Vector(Data.GetProperty("t")), w));
        Assert.Throws<ArgumentOutOfRangeException>(() => (new KNeighborsClassifier() with { Neighbors = 0 }).Fit(X, Y));
        Assert.Throws<ArgumentOutOfRangeException>(() => (new KNeighborsRegressor() with { P = 0.5, Metric = NeighborMetric.Minkowski }).Fit(X, Vector(Data.GetProperty("t"))));
        Assert.Throws<ArgumentOutOfRangeException>(() => (new NearestNeighbors() with { Neighbors = -1 }).Fit(X));
        Assert.False(new KNeighborsClassifier().Capabilities.SupportsSampleWeight);
        Assert.False(new KNeighborsRegressor().Capabilities.RowOrderInvariant);
    }

    [Fact]
    public void LoadRejectsTheWrongKind()
    {
        using var s = new MemoryStream();
        new KNeighborsRegressor().Fit(X, Vector(Data.GetProperty("t"))).Save(s);
        s.Position = 0;
        Assert.Throws<InvalidDataException>(() => KNeighborsClassifierModel<double>.Load(s));
    }

    [Fact]
    public void StringLabelsAndMultiOutputTargetsSurviveSaveAndLoad()
    {
        var names = Array.ConvertAll(Y, v => v == 2 ? "two" : v == 5 ? "five" : "nine");
        var clf = new KNeighborsClassifier(3, NeighborWeights.Distance, NeighborMetric.Cosine).Fit(X.Cast<float>(), names);
        using var s = new MemoryStream();
        clf.Save(s);
        s.Position = 0;
        var back = KNeighborsClassifierModel<float>.Load(s);
        Assert.Equal(clf.Options, back.Options);
        Assert.Equal(["five", "nine", "two"], back.Classes.Strings!);
        Assert.Equal(clf.Predict(X.Cast<float>()).Strings!, back.Predict(X.Cast<float>()).Strings!);
        Assert.Equal(clf.PredictProba(X.Cast<float>()).ToArray(), back.PredictProba(X.Cast<float>()).ToArray());

        var reg = new KNeighborsRegressor(2).Fit(X, Matrix(Data.GetProperty("t2")));
        using var r = new MemoryStream();
        reg.Save(r);
        r.Position = 0;
        var regBack = KNeighborsRegressorModel<double>.Load(r);
        Assert.False(regBack.VectorTarget);
        Assert.Equal([30, 2], reg.Predict(X).Shape);
        Assert.Equal(reg.Predict(X).ToArray(), regBack.Predict(X).ToArray());
    }

    [Fact]
    public void LogProbaIsMinusInfinityForClassesWithoutVotes()
    {
        // k = 1 on a training row: its own class gets everything.
        var m = new KNeighborsClassifier(1).Fit(X, Y);
        var lp = m.PredictLogProba(X.Narrow(0, 0, 1)).ToArray();
        int own = Array.IndexOf([2, 5, 9], Y[0]);
        for (int c = 0; c < 3; c++) Assert.Equal(c == own ? 0.0 : double.NegativeInfinity, lp[c]);
    }
}
