using Scratch.ML.Learn;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Compose.ComposeFixture;

namespace Scratch.ML.Tests.Learn.Compose;

/// <summary>Pipeline against scikit-learn 1.2 (tests/reference/sklearn_compose.py), its typed models, save/load and the conformance suite.</summary>
public sealed class PipelineTests
{
    private static Pipeline ScalerPolyRidge() => new(("scaler", new StandardScaler()), ("poly", new PolynomialFeatures(2)), ("ridge", new Ridge(Alpha: 0.5)));

    [Fact]
    public void ScalerPolynomialRidgeMatchesSklearn()
    {
        var f = Root.GetProperty("pipeline");
        var model = ScalerPolyRidge().Fit(Matrix(f.GetProperty("x")), Vector(f.GetProperty("y")));
        TensorAssert.Close(Vector(f.GetProperty("pred")), model.Predict(Matrix(f.GetProperty("x_test"))), VsSklearn);
        var ridge = Assert.IsType<RidgeModel<double>>(model["ridge"]);
        TensorAssert.Close(Vector(f.GetProperty("coef")), ridge.Coef.Reshape(ridge.Coef.Shape[^1]), VsSklearn);
        Assert.Equal(f.GetProperty("intercept").GetDouble(), ridge.Intercept.ToScalar(), 1e-10);
        Assert.Equal(10, model.TransformPrefix(Matrix(f.GetProperty("x_test"))).Shape[1]); // C(3 + 2, 2) polynomial columns
    }

    [Fact]
    public void ScalerLogisticRegressionProbabilitiesMatchSklearn()
    {
        var f = Root.GetProperty("classifier");
        var x = Matrix(f.GetProperty("x"));
        var pipeline = new Pipeline(("scaler", new StandardScaler()), ("logreg", new LogisticRegression(C: 0.7, Tol: 1e-10, MaxIter: 100000)));
        var model = pipeline.Fit(x, Ints(f.GetProperty("y")));
        var proba = Assert.IsType<PipelineProbabilisticModel<double>>(model);
        // Both fits run L-BFGS to gradient tolerance 1e-10, so both sit at the same optimum (measured: 3e-16 apart).
        TensorAssert.Close(Matrix(f.GetProperty("proba")), proba.PredictProba(x), VsSklearn);
        Assert.Equal(Ints(f.GetProperty("pred")), model.Predict(x).Ints!.ToArray());
        Assert.Equal([0, 1, 2], model.Classes.Ints!.ToArray());
    }

    [Fact]
    public void MakeNamesStepsLikeMakePipeline()
    {
        var names = Root.GetProperty("pipeline").GetProperty("names").EnumerateArray().Select(e => e.GetString()).ToArray();
        var p = Pipeline.Make(new StandardScaler(), new PolynomialFeatures(), new Ridge());
        Assert.Equal(names, p.Steps.Select(s => s.Name).ToArray());
        var twice = Pipeline.Make(new StandardScaler(), new MinMaxScaler(), new StandardScaler(WithMean: false));
        Assert.Equal(["standardscaler-1", "minmaxscaler", "standardscaler-2"], twice.Steps.Select(s => s.Name).ToArray());
    }

    [Fact]
    public void CapabilitiesFollowTheSteps()
    {
        var reg = ScalerPolyRidge().Capabilities;
        Assert.Equal(EstimatorKind.Regressor, reg.Kind);
        Assert.True(reg.Supervised);
        Assert.False(reg.SupportsSampleWeight);          // weights reach Ridge only; the scaler is fitted unweighted
        Assert.False(reg.HandlesMissingValues);
        Assert.True(new Pipeline(("id", new Passthrough()), ("ridge", new Ridge())).Capabilities.SupportsSampleWeight);
        Assert.True(new Pipeline(("impute", new SimpleImputer()), ("ridge", new Ridge())).Capabilities.HandlesMissingValues);
        var t = new Pipeline(("a", new StandardScaler()), ("b", new MinMaxScaler())).Capabilities;
        Assert.Equal(EstimatorKind.Transformer, t.Kind);
        Assert.True(t.HasInverseTransform);
        Assert.False(new Pipeline(("a", new StandardScaler()), ("p", new PolynomialFeatures())).Capabilities.HasInverseTransform);
        Assert.True(new Pipeline(("nb", new MultinomialNB())).Capabilities.RequiresNonNegativeInput);
    }

    [Fact]
    public void ConstructionIsValidated()
    {
        Assert.Contains("at least one step", Assert.Throws<ArgumentException>(() => new Pipeline()).Message);
        Assert.Contains("must be a transformer", Assert.Throws<ArgumentException>(() => new Pipeline(("ridge", new Ridge()), ("scaler", new StandardScaler()))).Message);
        Assert.Contains("used twice", Assert.Throws<ArgumentException>(() => new Pipeline(("a", new StandardScaler()), ("a", new Ridge()))).Message);
        Assert.Contains("'.'", Assert.Throws<ArgumentException>(() => new Pipeline(("a.b", new Ridge()))).Message);
        Assert.Throws<ArgumentException>(() => new Pipeline(("d", new Drop())));
    }

    [Fact]
    public void FittingAsTheWrongKindIsAClearError()
    {
        var x = Tensor.Uniform<double>(0, 1, new Scratch.ML.Rng.Generator(1), 10, 2);
        var e = Assert.Throws<InvalidOperationException>(() => ScalerPolyRidge().Fit(x, new[] { 0, 1, 0, 1, 0, 1, 0, 1, 0, 1 }));
        Assert.Contains("\"ridge\"", e.Message);
        Assert.Contains("Regressor", e.Message);
        Assert.Throws<InvalidOperationException>(() => ScalerPolyRidge().Fit(x));
        Assert.Throws<InvalidOperationException>(() => ScalerPolyRidge().FitOutlierDetector(x));
    }

    [Fact]
    public void SavedPipelinesLoadExactlyAndAsTheRightType()
    {
        var f = Root.GetProperty("pipeline");
        var x = Matrix(f.GetProperty("x"));
        var model = ScalerPolyRidge().Fit(x, Vector(f.GetProperty("y")));
        var loaded = RoundTrip(model, PipelineRegressionModel<double>.Load);
        TensorAssert.Close(model.Predict(x), loaded.Predict(x), Tolerance.Exact);
        Assert.Equal(["scaler", "poly", "ridge"], loaded.Steps.Select(s => s.Name).ToArray());
        Assert.IsType<PipelineRegressionModel<double>>(RoundTrip(model, PipelineModel<double>.Load));
        Assert.IsType<PipelineRegressionModel<double>>(RoundTrip(model, ModelLoaders.Load<double>));
        var wrong = Assert.Throws<InvalidDataException>(() => RoundTrip(model, PipelineClassificationModel<double>.Load));
        Assert.Contains("Regressor", wrong.Message);
        Assert.Throws<InvalidDataException>(() => RoundTrip(model, PipelineRegressionModel<float>.Load));
        Assert.Throws<InvalidDataException>(() => RoundTrip(model, StandardScalerModel<double>.Load));

        // Hostile edits: a final-kind claim that the last step does not back, a regressor in the middle, duplicate names.
        var file = Scratch.ML.Serialization.SafeTensors.Load(Bytes(model));
        PipelineModel<double> Edited(Action<Dictionary<string, string>> edit)
        {
            var meta = new Dictionary<string, string>(file.Metadata);
            edit(meta);
            var tensors = file.Names.ToDictionary(n => n, n => Scratch.ML.Serialization.SafeTensorValue.From(file.Get<double>(n)));
            return PipelineModel<double>.Load(new MemoryStream(Scratch.ML.Serialization.SafeTensors.Serialize(tensors, meta)));
        }
        Assert.IsType<PipelineRegressionModel<double>>(Edited(_ => { }));
        Assert.Contains("not a Classifier", Assert.Throws<InvalidDataException>(() => Edited(m => m["pipeline.kind"] = "Classifier")).Message);
        Assert.Throws<InvalidDataException>(() => Edited(m => m["pipeline.kind"] = "Spaceship"));
        Assert.Contains("two children", Assert.Throws<InvalidDataException>(() => Edited(m => m["compose.1.name"] = "scaler")).Message);
        Assert.Throws<InvalidDataException>(() => Edited(m => m["compose.children"] = "2")); // step 2's entries belong to no child
    }

    [Fact]
    public void CrossValidatingARegressionPipelineWorks()
    {
        var f = Root.GetProperty("pipeline");
        var x = Matrix(f.GetProperty("x"));
        var cv = Scratch.ML.Learn.ModelSelection.CrossValidation.CrossValidate(ScalerPolyRidge(), x, Vector(f.GetProperty("y")),
            new Scratch.ML.Learn.ModelSelection.KFold(3), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(3, cv.TestScores["r2"].Length);
        Assert.True(cv.Mean("r2") > 0.5, $"R² {cv.Mean("r2")}");   // y = x0·x1 − x2²/2 + noise is quadratic: the pipeline fits it
    }

    [Fact]
    public void NestedCompositesRoundTrip()
    {
        var x = Tensor.Uniform<double>(-1, 2, new Scratch.ML.Rng.Generator(5), 20, 3);
        var y = x.Sum(1);
        var inner = new FeatureUnion(("std", new StandardScaler()), ("poly", new Pipeline(("mm", new MinMaxScaler()), ("p", new PolynomialFeatures(2, IncludeBias: false)))));
        var model = new Pipeline(("union", inner), ("ridge", new Ridge())).Fit(x, y);
        TensorAssert.Close(model.Predict(x), RoundTrip(model, PipelineRegressionModel<double>.Load).Predict(x), Tolerance.Exact);
    }

    [Fact]
    public void PipelinePassesTheConformanceSuiteAsRegressor()
    {
        EstimatorConformance.CheckRegressor(ScalerPolyRidge(), PipelineRegressionModel<double>.Load, PipelineRegressionModel<float>.Load);
        var weighted = EstimatorConformance.CheckRegressor(new Pipeline(("id", new Passthrough()), ("lr", new LinearRegression())),
            PipelineRegressionModel<double>.Load, PipelineRegressionModel<float>.Load);
        Assert.Contains("integer weights equal repeated rows", weighted);
    }

    [Fact]
    public void PipelinePassesTheConformanceSuiteAsClassifier()
    {
        var checks = EstimatorConformance.CheckClassifier(new Pipeline(("scaler", new StandardScaler()), ("logreg", new LogisticRegression())),
            PipelineClassificationModel<double>.Load, PipelineClassificationModel<float>.Load);
        Assert.Contains("probabilities are consistent", checks);
        EstimatorConformance.CheckClassifier(new Pipeline(("scaler", new MinMaxScaler()), ("nb", new GaussianNB())),
            PipelineClassificationModel<double>.Load, PipelineClassificationModel<float>.Load);
    }

    [Fact]
    public void PipelinePassesTheConformanceSuiteAsTransformer()
    {
        var checks = EstimatorConformance.CheckTransformer(new Pipeline(("std", new StandardScaler()), ("mm", new MinMaxScaler())),
            PipelineTransformModel<double>.Load, PipelineTransformModel<float>.Load);
        Assert.Contains("inverse transform undoes transform", checks);
        EstimatorConformance.CheckTransformer(new Pipeline(("std", new StandardScaler()), ("poly", new PolynomialFeatures(2))),
            PipelineTransformModel<double>.Load, PipelineTransformModel<float>.Load);
        EstimatorConformance.CheckTransformer(new Pipeline(("impute", new SimpleImputer()), ("std", new StandardScaler())),
            PipelineTransformModel<double>.Load, PipelineTransformModel<float>.Load);
        EstimatorConformance.CheckTransformer(new Passthrough(), PassthroughModel<double>.Load, PassthroughModel<float>.Load);
    }
}
