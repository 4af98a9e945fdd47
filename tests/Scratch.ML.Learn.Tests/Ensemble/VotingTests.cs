using Scratch.ML.Learn;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Learn.Svm;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Ensemble.EnsembleFixture;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>VotingClassifier and VotingRegressor against scikit-learn 1.2, properties, bad input and conformance.</summary>
public class VotingTests
{
    private static LogisticRegression TightLr() => new(Tol: 1e-10, MaxIter: 100000);

    private static (string, IEstimator)[] Members() => [("gnb", new GaussianNB()), ("knn", new KNeighborsClassifier(5)), ("lr", TightLr())];

    [Theory]
    [InlineData("hard", VotingKind.Hard, null)]
    [InlineData("hard_weighted", VotingKind.Hard, new[] { 1.0, 2, 2 })]
    [InlineData("soft", VotingKind.Soft, null)]
    [InlineData("soft_weighted", VotingKind.Soft, new[] { 2.0, 1, 1 })]
    public void ClassifierMatchesSklearn(string name, VotingKind voting, double[]? weights)
    {
        var (x, y) = Wine();
        var c = Root.GetProperty("voting").GetProperty(name);
        var model = new VotingClassifier(Members(), voting, weights).Fit(x, y);
        Assert.Equal(Ints(c.GetProperty("pred")), model.Predict(x).Ints!.ToArray());
        var transform = model.Transform(Rows(x, 10));
        if (voting == VotingKind.Hard)
        {
            TensorAssert.Close(Matrix(c.GetProperty("transform")), transform, Tolerance.Exact);
            Assert.IsNotAssignableFrom<IProbabilisticModel<double>>(model);
        }
        else
        {
            var proba = Assert.IsAssignableFrom<IProbabilisticModel<double>>(model).PredictProba(x);
            TensorAssert.Close(Matrix(c.GetProperty("proba")), proba, Lbfgs);
            TensorAssert.Close(Matrix(c.GetProperty("transform")), transform, Lbfgs);
        }
    }

    [Fact]
    public void DroppedMemberIsIgnoredWithItsWeight()
    {
        var (x, y) = Wine();
        var c = Root.GetProperty("voting").GetProperty("soft_drop");
        var model = (VotingProbabilisticModel<double>)new VotingClassifier([("gnb", new GaussianNB()), ("knn", new KNeighborsClassifier(5)), ("lr", new Drop())],
            VotingKind.Soft, [1, 3, 5]).Fit(x, y);
        Assert.Equal(["gnb", "knn"], model.Estimators.Select(e => e.Name));
        TensorAssert.Close(Matrix(c.GetProperty("proba")), model.PredictProba(x), ClosedForm);
        Assert.Equal(Ints(c.GetProperty("pred")), model.Predict(x).Ints!.ToArray());
    }

    [Fact]
    public void RegressorMatchesSklearn()
    {
        var (x, y) = Diabetes();
        var c = Root.GetProperty("voting").GetProperty("regressor");
        var model = new VotingRegressor([("ridge", new Ridge(1.0)), ("knn", new KNeighborsRegressor(5)), ("lin", new LinearRegression())], [1, 2, 3]).Fit(x, y);
        TensorAssert.Close(Vector(c.GetProperty("pred")), model.Predict(x), ClosedForm);
        TensorAssert.Close(Matrix(c.GetProperty("transform")), model.Transform(Rows(x, 5)), ClosedForm);
    }

    [Fact]
    public void SoftUnflattenedTransformIsMembersByRowsByClasses()
    {
        var (x, y) = Wine();
        var model = new VotingClassifier(Members(), VotingKind.Soft, FlattenTransform: false).Fit(x, y);
        var t = model.Transform(Rows(x, 4));
        Assert.Equal([3, 4, 3], t.Shape.ToArray());
        var gnb = ((IProbabilisticModel<double>)model["gnb"]).PredictProba(Rows(x, 4));
        TensorAssert.Close(gnb, t.Narrow(0, 0, 1).Reshape(4, 3), Tolerance.Exact);
    }

    [Fact]
    public void HardVotingTiesGoToTheFirstClass()
    {
        // Three members each predicting a different class for every row: the tally ties 1–1–1, so class 0 wins.
        var x = Tensor.FromArray(new double[] { 0, 1, 2, 3, 4, 5 }, 6, 1);
        int[] y = [0, 1, 2, 0, 1, 2];
        var members = new (string, IEstimator)[] { ("a", new KNeighborsClassifier(1)), ("b", new KNeighborsClassifier(1)), ("c", new KNeighborsClassifier(1)) };
        var model = new VotingClassifier(members).Fit(x, y);
        Assert.Equal(y, model.Predict(x).Ints!.ToArray());   // unanimous: each row's own label
        var weighted = new VotingClassifier(members, Weights: [0, 0, 1]).Fit(x, y);
        Assert.Equal(y, weighted.Predict(x).Ints!.ToArray());
    }

    [Fact]
    public void ParametersReachMembersByDottedNames()
    {
        var v = new VotingClassifier(Members(), VotingKind.Soft);
        var p = EstimatorParameters.Get(v);
        Assert.Equal(1.0, p["lr.C"]);
        Assert.Equal(5, p["knn.Neighbors"]);
        var changed = (VotingClassifier)EstimatorParameters.With(v, new Dictionary<string, object?> { ["lr.C"] = 0.5, ["Voting"] = VotingKind.Hard });
        Assert.Equal(0.5, ((LogisticRegression)changed.Estimators[2].Estimator).C);
        Assert.Equal(VotingKind.Hard, changed.Voting);
        var replaced = (VotingClassifier)EstimatorParameters.With(v, new Dictionary<string, object?> { ["knn"] = new Drop() });
        Assert.IsType<Drop>(replaced.Estimators[1].Estimator);
        Assert.Equal(v, EstimatorParameters.Clone(v));
    }

    [Fact]
    public void BadInputIsRejectedByName()
    {
        var (x, y) = Wine();
        Assert.Contains("weights", Assert.Throws<ArgumentException>(() => new VotingClassifier(Members(), Weights: [1, 2])).Message);
        Assert.Contains("finite and ≥ 0", Assert.Throws<ArgumentException>(() => new VotingClassifier(Members(), Weights: [1, -2, 1])).Message);
        Assert.Contains("Drop", Assert.Throws<ArgumentException>(() => new VotingClassifier([("a", new Drop())])).Message);
        Assert.Contains("IClassifier", Assert.Throws<ArgumentException>(() => new VotingClassifier([("r", new Ridge())])).Message);
        Assert.Contains("used twice", Assert.Throws<ArgumentException>(() => new VotingClassifier([("a", new GaussianNB()), ("a", new GaussianNB())])).Message);
        Assert.Contains("PredictProba", Assert.Throws<InvalidOperationException>(() => new VotingClassifier([("svc", new SVC())], VotingKind.Soft).Fit(x, y)).Message);
        Assert.Throws<ArgumentException>(() => new VotingClassifier(Members()).Fit(x, new int[y.Length]));
        var bad = x.Clone();
        bad[3, 2] = double.NaN;
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => new VotingClassifier(Members()).Fit(bad, y)).Message);
        Assert.Throws<ArgumentException>(() => new VotingRegressor([("r", new Ridge())]).Fit(x, Tensor.Zeros<double>(5)));
    }

    [Fact]
    public void SavedModelsLoadExactlyAlsoInsideAPipeline()
    {
        var (x, y) = Wine();
        var soft = (VotingProbabilisticModel<double>)new VotingClassifier(Members(), VotingKind.Soft, [1, 2, 3]).Fit(x, y);
        var loaded = Assert.IsType<VotingProbabilisticModel<double>>(RoundTrip(soft, VotingClassifierModel<double>.Load));
        TensorAssert.Close(soft.PredictProba(x), loaded.PredictProba(x), Tolerance.Exact);
        Assert.Equal([1.0, 2, 3], loaded.Weights!);
        var hard = new VotingClassifier(Members()).Fit(x, y);
        Assert.IsNotType<VotingProbabilisticModel<double>>(RoundTrip(hard, VotingClassifierModel<double>.Load));
        Assert.Throws<InvalidDataException>(() => RoundTrip(hard, VotingProbabilisticModel<double>.Load));

        RegisterKinds();
        var pipeline = (PipelineProbabilisticModel<double>)new Pipeline(("scale", new StandardScaler()), ("vote", new VotingClassifier(Members(), VotingKind.Soft))).Fit(x, y);
        var back = (PipelineProbabilisticModel<double>)RoundTrip(pipeline, PipelineClassificationModel<double>.Load);
        TensorAssert.Close(pipeline.PredictProba(x), back.PredictProba(x), Tolerance.Exact);
    }

    [Fact]
    public void Float32AgreesWithFloat64()
    {
        var (x, y) = Wine();
        var v = new VotingClassifier([("gnb", new GaussianNB()), ("knn", new KNeighborsClassifier(5))], VotingKind.Soft);
        var d = v.Fit(x, y);
        var f = (VotingProbabilisticModel<float>)v.Fit(x.Cast<float>(), y);
        TensorAssert.Close(((VotingProbabilisticModel<double>)d).PredictProba(x), f.PredictProba(x.Cast<float>()).Cast<double>(), new Tolerance("Float32Voting", 1e-4, 1e-4));
    }

    [Fact]
    public void ClassifiersConform()
    {
        EstimatorConformance.CheckClassifier(new VotingClassifier([("gnb", new GaussianNB()), ("lr", new LogisticRegression())], VotingKind.Soft, [1, 2]),
            s => VotingClassifierModel<double>.Load(s), s => VotingClassifierModel<float>.Load(s));
        EstimatorConformance.CheckClassifier(new VotingClassifier([("gnb", new GaussianNB()), ("knn", new KNeighborsClassifier(3)), ("lr", new LogisticRegression())]),
            s => VotingClassifierModel<double>.Load(s), s => VotingClassifierModel<float>.Load(s));
    }

    [Fact]
    public void RegressorConforms() =>
        EstimatorConformance.CheckRegressor(new VotingRegressor([("ridge", new Ridge(0.5)), ("lin", new LinearRegression())], [1, 3]),
            s => VotingRegressorModel<double>.Load(s), s => VotingRegressorModel<float>.Load(s));
}
