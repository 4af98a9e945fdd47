using Scratch.ML.Learn;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Preprocessing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Compose;

/// <summary>EstimatorParameters (get/with/clone by dotted name) through Pipeline, ColumnTransformer and FeatureUnion.</summary>
public sealed class CompositionParameterTests
{
    private static Pipeline ScalerRidge() => new(("scaler", new StandardScaler()), ("ridge", new Ridge(Alpha: 1)));

    [Fact]
    public void GetListsStepParametersUnderDottedNames()
    {
        var p = EstimatorParameters.Get(ScalerRidge());
        Assert.Equal(["Steps", "scaler", "scaler.WithMean", "scaler.WithStd", "ridge", "ridge.Alpha", "ridge.FitIntercept", "ridge.PerTargetAlpha", "ridge.Solver", "ridge.Tol", "ridge.MaxIter"], p.Keys);
        Assert.Equal(1.0, p["ridge.Alpha"]);
        Assert.Equal(["Steps"], EstimatorParameters.Names(ScalerRidge()));
    }

    [Fact]
    public void WithChangesAStepParameterAndRevalidates()
    {
        var original = ScalerRidge();
        var changed = EstimatorParameters.With(original, "ridge.Alpha", 2.0);
        Assert.Equal(2.0, ((Ridge)changed["ridge"]).Alpha);
        Assert.Equal(1.0, ((Ridge)original["ridge"]).Alpha);
        var both = (Pipeline)EstimatorParameters.With(original, new Dictionary<string, object?> { ["scaler.WithMean"] = false, ["ridge.Alpha"] = 3 });
        Assert.Equal(new Pipeline(("scaler", new StandardScaler(WithMean: false)), ("ridge", new Ridge(Alpha: 3))), both);
        Assert.Throws<ArgumentOutOfRangeException>(() => EstimatorParameters.With(original, "ridge.Alpha", -1.0));
        Assert.Contains("scaler, ridge", Assert.Throws<ArgumentException>(() => EstimatorParameters.With(original, "lasso.Alpha", 1.0)).Message);
    }

    [Fact]
    public void AWholeStepCanBeReplaced()
    {
        var original = ScalerRidge();
        var withLasso = original.WithStep("ridge", new Lasso(Alpha: 0.1));
        Assert.IsType<Lasso>(withLasso["ridge"]);
        Assert.Equal(0.1, EstimatorParameters.Get(withLasso)["ridge.Alpha"]);
        var viaSteps = EstimatorParameters.With(original, "Steps", new (string, IEstimator)[] { ("minmax", new MinMaxScaler()), ("ridge", new Ridge()) });
        Assert.Equal(["minmax", "ridge"], viaSteps.Steps.Select(s => s.Name).ToArray());
        Assert.Throws<ArgumentException>(() => original.WithStep("scaler", new Ridge())); // a regressor cannot precede the last step
        Assert.Throws<ArgumentException>(() => original.WithStep("nope", new Ridge()));
        var x = Tensor.Uniform<double>(-1, 1, new Scratch.ML.Rng.Generator(3), 30, 2);
        var lassoModel = withLasso.Fit(x, x.Sum(1));
        Assert.IsType<ElasticNetModel<double>>(lassoModel["ridge"]);
    }

    [Fact]
    public void DottedNamesReachColumnTransformerAndFeatureUnionChildren()
    {
        var ct = new ColumnTransformer([("num", new StandardScaler(), ColumnSelector.At(0, 1)), ("rest", new Passthrough(), 2)], ColumnRemainder.Drop);
        var changed = (ColumnTransformer)EstimatorParameters.With(ct, "num.WithStd", false);
        Assert.False(((StandardScaler)changed.Transformers[0].Transformer).WithStd);
        Assert.Equal(ColumnSelector.At(0, 1), changed.Transformers[0].Columns);
        Assert.Equal(false, EstimatorParameters.Get(changed)["num.WithStd"]);
        Assert.Equal(ct, EstimatorParameters.Clone(ct));

        var union = new FeatureUnion(("std", new StandardScaler()), ("poly", new PolynomialFeatures(2)));
        var deeper = (FeatureUnion)EstimatorParameters.With(union, "poly.Degree", 3);
        Assert.Equal(3, ((PolynomialFeatures)deeper.Transformers[1].Transformer).Degree);

        // Nested: a pipeline inside a column transformer inside a pipeline.
        var nested = new Pipeline(("prep", new ColumnTransformer([("p", new Pipeline(("s", new StandardScaler()), ("poly", new PolynomialFeatures())), ColumnSelector.At(0))], ColumnRemainder.Passthrough)), ("ridge", new Ridge()));
        var n2 = EstimatorParameters.With(nested, "prep.p.poly.Degree", 4);
        Assert.Equal(4, EstimatorParameters.Get(n2)["prep.p.poly.Degree"]);
    }
}
