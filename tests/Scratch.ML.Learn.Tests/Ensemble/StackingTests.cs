using Scratch.ML.Learn;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.ModelSelection;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Ensemble.EnsembleFixture;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>
/// StackingClassifier and StackingRegressor against scikit-learn 1.2 (unshuffled folds, so the cross-fitted
/// meta-features are the same rows' predictions on both sides), properties, bad input and conformance.
/// </summary>
public class StackingTests
{
    private static LogisticRegression TightLr() => new(Tol: 1e-10, MaxIter: 100000);

    private static (string, IEstimator)[] Bases() => [("gnb", new GaussianNB()), ("knn", new KNeighborsClassifier(5))];

    public static TheoryData<string> MultiCases => new() { "multi", "multi_predict", "multi_passthrough", "multi_kfold3" };

    [Theory]
    [MemberData(nameof(MultiCases))]
    public void MulticlassMatchesSklearn(string name)
    {
        var (x, y) = Wine();
        var c = Root.GetProperty("stacking").GetProperty(name);
        var s = name switch
        {
            "multi_predict" => new StackingClassifier(Bases(), TightLr(), StackMethod: StackMethod.Predict),
            "multi_passthrough" => new StackingClassifier(Bases(), TightLr(), Passthrough: true),
            "multi_kfold3" => new StackingClassifier(Bases(), TightLr(), new KFold(3)),
            _ => new StackingClassifier(Bases(), TightLr()),
        };
        var model = Assert.IsType<StackingProbabilisticModel<double>>(s.Fit(x, y));
        // The base models refit on all rows are closed forms, so the test-time meta-features agree to rounding; the
        // probabilities go through the final L-BFGS fit on the cross-fitted features.
        TensorAssert.Close(Matrix(c.GetProperty("transform")), model.Transform(Rows(x, 5)), ClosedForm);
        TensorAssert.Close(Matrix(c.GetProperty("proba")), model.PredictProba(x), Lbfgs);
        Assert.Equal(Ints(c.GetProperty("pred")), model.Predict(x).Ints!.ToArray());
        Assert.All(model.StackMethods, m => Assert.Equal(name == "multi_predict" ? StackMethod.Predict : StackMethod.PredictProba, m));
    }

    [Fact]
    public void BinaryProbabilitiesDropTheFirstColumn()
    {
        var (xa, ya) = Cancer();
        var x = Rows(xa, 300);
        var y = ya[..300];
        var c = Root.GetProperty("stacking").GetProperty("binary");
        var model = (StackingProbabilisticModel<double>)new StackingClassifier([("gnb", new GaussianNB()), ("lr", TightLr())], TightLr()).Fit(x, y);
        var t = model.Transform(Rows(x, 5));
        Assert.Equal([5, 2], t.Shape.ToArray());
        TensorAssert.Close(Matrix(c.GetProperty("transform")), t, Lbfgs);
        TensorAssert.Close(Vector(c.GetProperty("proba1")), model.PredictProba(x).Narrow(1, 1, 1).Reshape(300), Lbfgs);
        Assert.Equal(Ints(c.GetProperty("pred")), model.Predict(x).Ints!.ToArray());
    }

    [Fact]
    public void ClosedFormFinalEstimatorMatchesSklearnToRounding()
    {
        var (x, y) = Wine();
        var c = Root.GetProperty("stacking").GetProperty("multi_gnb_final");
        var model = (StackingProbabilisticModel<double>)new StackingClassifier(Bases(), new GaussianNB()).Fit(x, y);
        TensorAssert.Close(Matrix(c.GetProperty("proba")), model.PredictProba(x), ClosedForm);
        Assert.Equal(Ints(c.GetProperty("pred")), model.Predict(x).Ints!.ToArray());
        var (xa, ya) = Cancer();
        var xb = Rows(xa, 300);
        var b = Root.GetProperty("stacking").GetProperty("binary_gnb_final");
        var binary = (StackingProbabilisticModel<double>)new StackingClassifier(Bases(), new GaussianNB()).Fit(xb, ya[..300]);
        TensorAssert.Close(Matrix(b.GetProperty("transform")), binary.Transform(Rows(xb, 5)), ClosedForm);
        TensorAssert.Close(Vector(b.GetProperty("proba1")), binary.PredictProba(xb).Narrow(1, 1, 1).Reshape(300), ClosedForm);
    }

    [Fact]
    public void BinaryDecisionFunctionIsOneColumn()
    {
        var (xa, ya) = Cancer();
        var x = Rows(xa, 300);
        var y = ya[..300];
        var c = Root.GetProperty("stacking").GetProperty("binary_decision");
        var model = (StackingProbabilisticModel<double>)new StackingClassifier([("lr", TightLr())], TightLr(), StackMethod: StackMethod.DecisionFunction).Fit(x, y);
        var t = model.Transform(Rows(x, 5));
        Assert.Equal([5, 1], t.Shape.ToArray());
        TensorAssert.Close(Matrix(c.GetProperty("transform")), t, Lbfgs);
        TensorAssert.Close(Vector(c.GetProperty("proba1")), model.PredictProba(x).Narrow(1, 1, 1).Reshape(300), Lbfgs);
    }

    public static TheoryData<string> RegressorCases => new() { "regressor", "regressor_passthrough", "regressor_linear_kfold3" };

    [Theory]
    [MemberData(nameof(RegressorCases))]
    public void RegressorMatchesSklearn(string name)
    {
        var (x, y) = Diabetes();
        var c = Root.GetProperty("stacking").GetProperty(name);
        (string, IEstimator)[] bases = [("ridge", new Ridge(1.0)), ("knn", new KNeighborsRegressor(5))];
        var s = name switch
        {
            "regressor_passthrough" => new StackingRegressor(bases, Passthrough: true),
            "regressor_linear_kfold3" => new StackingRegressor(bases, new LinearRegression(), new KFold(3)),
            _ => new StackingRegressor(bases),
        };
        var model = s.Fit(x, y);
        TensorAssert.Close(Vector(c.GetProperty("pred")), model.Predict(x), name == "regressor_linear_kfold3" ? ClosedForm : RidgeCv);
        TensorAssert.Close(Matrix(c.GetProperty("transform")), model.Transform(Rows(x, 5)), ClosedForm);
    }

    [Fact]
    public void MetaFeaturesAreCrossFitted()
    {
        // With 1-NN bases, in-sample predictions are the labels themselves; the cross-fitted ones are not. A final
        // estimator trained on in-sample features would see a perfect base; the stacked model must not.
        var (x, y) = Wine();
        var model = new StackingClassifier([("nn", new KNeighborsClassifier(1))], TightLr(), StackMethod: StackMethod.Predict).Fit(x, y);
        var insample = model.Transform(x).ToArray();
        Assert.Equal(y.Select(v => (double)v), insample);
        var folds = new StratifiedKFold(5).Split(y.Length, y);
        int wrong = 0;
        foreach (var (train, test) in folds)
        {
            var nn = new KNeighborsClassifier(1).Fit(CrossValidation.Rows(x, train), CrossValidation.Subset(y, train));
            var p = nn.Predict(CrossValidation.Rows(x, test)).Ints!;
            for (int i = 0; i < test.Length; i++) if (p[i] != y[test[i]]) wrong++;
        }
        Assert.InRange(wrong, 1, y.Length / 5);   // the out-of-fold 1-NN makes some mistakes
    }

    [Fact]
    public void ParametersReachBasesAndTheFinalEstimator()
    {
        var s = new StackingClassifier(Bases(), TightLr());
        var p = EstimatorParameters.Get(s);
        Assert.Equal(5, p["knn.Neighbors"]);
        Assert.Equal(1e-10, p["FinalEstimator.Tol"]);
        var changed = (StackingClassifier)EstimatorParameters.With(s, new Dictionary<string, object?> { ["FinalEstimator.C"] = 0.25, ["gnb.VarSmoothing"] = 1e-6, ["NSplits"] = 3 });
        Assert.Equal(0.25, ((LogisticRegression)changed.FinalEstimator).C);
        Assert.Equal(1e-6, ((GaussianNB)changed.Estimators[0].Estimator).VarSmoothing);
        Assert.Equal(3, changed.NSplits);
        Assert.Equal(s, EstimatorParameters.Clone(s));
        Assert.IsType<LogisticRegression>(new StackingClassifier(Bases()).FinalEstimator);
        Assert.IsType<RidgeCV>(new StackingRegressor([("r", new Ridge())]).FinalEstimator);
    }

    [Fact]
    public void BadInputIsRejectedByName()
    {
        var (x, y) = Wine();
        Assert.Contains("DecisionFunction", Assert.Throws<ArgumentException>(() => new StackingClassifier(Bases(), StackMethod: StackMethod.DecisionFunction).Fit(x, y)).Message);
        Assert.Contains("exactly one test fold", Assert.Throws<ArgumentException>(() => new StackingClassifier(Bases(), Cv: new ShuffleSplit(3)).Fit(x, y)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new StackingClassifier(Bases(), NSplits: 1));
        Assert.Contains("either Cv or NSplits", Assert.Throws<ArgumentException>(() => new StackingClassifier(Bases(), Cv: new KFold(3), NSplits: 4)).Message);
        Assert.Throws<ArgumentException>(() => new StackingClassifier(Bases()).Fit(x, new int[y.Length]));
        Assert.Throws<ArgumentException>(() => new StackingRegressor([("r", new Ridge())]).Fit(Rows(x, 4), Tensor.Zeros<double>(4)));
        var bad = x.Clone();
        bad[0, 0] = double.PositiveInfinity;
        Assert.Contains("infinite", Assert.Throws<ArgumentException>(() => new StackingClassifier(Bases()).Fit(bad, y)).Message);
    }

    [Fact]
    public void SavedModelsLoadExactly()
    {
        var (x, y) = Wine();
        var model = (StackingProbabilisticModel<double>)new StackingClassifier(Bases(), TightLr(), Passthrough: true).Fit(x, y);
        var back = StackingProbabilisticModel<double>.Load(Save(model));
        TensorAssert.Close(model.PredictProba(x), back.PredictProba(x), Tolerance.Exact);
        Assert.Equal(model.StackMethods, back.StackMethods);
        var (xd, yd) = Diabetes();
        var r = new StackingRegressor([("ridge", new Ridge()), ("knn", new KNeighborsRegressor())]).Fit(xd, yd);
        TensorAssert.Close(r.Predict(xd), StackingRegressorModel<double>.Load(Save(r)).Predict(xd), Tolerance.Exact);
    }

    private static MemoryStream Save(IFittedModel m)
    {
        var s = new MemoryStream();
        m.Save(s);
        s.Position = 0;
        return s;
    }

    [Fact]
    public void ClassifierConforms() =>
        EstimatorConformance.CheckClassifier(new StackingClassifier([("gnb", new GaussianNB()), ("knn", new KNeighborsClassifier(3)), ("off", new Drop())], new LogisticRegression(), NSplits: 3),
            s => StackingClassifierModel<double>.Load(s), s => StackingClassifierModel<float>.Load(s));

    [Fact]
    public void RegressorConforms() =>
        EstimatorConformance.CheckRegressor(new StackingRegressor([("ridge", new Ridge(0.5)), ("lin", new LinearRegression())], new LinearRegression(), Passthrough: true),
            s => StackingRegressorModel<double>.Load(s), s => StackingRegressorModel<float>.Load(s));
}
