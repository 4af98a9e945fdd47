using System.Text.Json;
using Scratch.ML.Learn;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;

namespace Scratch.ML.Tests.Learn.Core;

/// <summary>StandardScaler and LinearRegression against scikit-learn 1.2 (tests/reference/sklearn_core.py) and the conformance suite.</summary>
public class CoreEstimatorTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "core", "core.json"))).RootElement;

    // Both sides compute in float64 with different summation orders / factorisations (numpy pairwise sums and LAPACK
    // gelsd vs our loops and SVD): agreement to ~1e-13 relative on these well-conditioned problems; 1e-10 leaves margin.
    private static readonly Tolerance VsSklearn = new("Float64VsSklearn", 1e-10, 1e-10);

    private static Tensor<double> Matrix(JsonElement e)
    {
        int rows = e.GetArrayLength(), cols = e[0].GetArrayLength();
        var data = new double[rows * cols];
        int k = 0;
        foreach (var row in e.EnumerateArray())
            foreach (var v in row.EnumerateArray()) data[k++] = v.GetDouble();
        return Tensor.FromArray(data, rows, cols);
    }

    private static Tensor<double> Vector(JsonElement e)
    {
        var data = e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return Tensor.FromArray(data, data.Length);
    }

    [Fact]
    public void StandardScalerMatchesSklearn()
    {
        var f = Fixture.GetProperty("scaler");
        var x = Matrix(f.GetProperty("x"));
        var model = new StandardScaler().Fit(x);
        TensorAssert.Close(Vector(f.GetProperty("mean")), model.Mean, VsSklearn);
        TensorAssert.Close(Vector(f.GetProperty("var")), model.Variance, VsSklearn);
        TensorAssert.Close(Vector(f.GetProperty("scale")), model.Scale, VsSklearn);
        Assert.Equal(1.0, model.Scale[2]);   // the constant column
        TensorAssert.Close(Matrix(f.GetProperty("transform")), model.Transform(x), VsSklearn);
        TensorAssert.Close(Matrix(Fixture.GetProperty("scaler_no_mean").GetProperty("transform")), new StandardScaler(WithMean: false).Fit(x).Transform(x), VsSklearn);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("no_intercept")]
    [InlineData("weighted")]
    public void LinearRegressionMatchesSklearn(string name)
    {
        var f = Fixture.GetProperty("linreg");
        var c = f.GetProperty("cases").GetProperty(name);
        var x = Matrix(f.GetProperty("x"));
        var y = Vector(f.GetProperty("y"));
        var model = new LinearRegression(FitIntercept: name != "no_intercept").Fit(x, y, name == "weighted" ? Vector(f.GetProperty("w")) : null);
        TensorAssert.Close(Vector(c.GetProperty("coef")), model.Coef, VsSklearn);
        Assert.Equal(c.GetProperty("intercept").GetDouble(), model.Intercept.ToScalar(), 1e-10);
        TensorAssert.Close(Vector(c.GetProperty("pred")), model.Predict(x), VsSklearn);
    }

    [Fact]
    public void LinearRegressionMultiOutputAndRankDeficientMatchSklearn()
    {
        var f = Fixture.GetProperty("linreg");
        var x = Matrix(f.GetProperty("x"));
        var multi = f.GetProperty("cases").GetProperty("multi");
        var m = new LinearRegression().Fit(x, Matrix(multi.GetProperty("y")));
        TensorAssert.Close(Matrix(multi.GetProperty("coef")), m.Coef, VsSklearn);
        TensorAssert.Close(Vector(multi.GetProperty("intercept")), m.Intercept, VsSklearn);
        TensorAssert.Close(Matrix(multi.GetProperty("pred")), m.Predict(x), VsSklearn);

        var rd = f.GetProperty("cases").GetProperty("rank_deficient");
        var r = new LinearRegression().Fit(Matrix(rd.GetProperty("x")), Vector(f.GetProperty("y")));
        Assert.Equal(rd.GetProperty("rank").GetInt32(), r.Rank);
        TensorAssert.Close(Vector(rd.GetProperty("coef")), r.Coef, new Tolerance("MinimumNormVsGelsd", 1e-8, 1e-8));
    }

    [Fact]
    public void StandardScalerPassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckTransformer(new StandardScaler(), StandardScalerModel<double>.Load, StandardScalerModel<float>.Load);
        Assert.Contains("save and load round-trip exactly", checks);
        Assert.Contains("inverse transform undoes transform", checks);
        EstimatorConformance.CheckTransformer(new StandardScaler(WithMean: false), StandardScalerModel<double>.Load, StandardScalerModel<float>.Load);
    }

    [Fact]
    public void LinearRegressionPassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckRegressor(new LinearRegression(), LinearRegressionModel<double>.Load, LinearRegressionModel<float>.Load);
        Assert.Contains("integer weights equal repeated rows", checks);
        Assert.Contains("multi-output shape", checks);
        EstimatorConformance.CheckRegressor(new LinearRegression(FitIntercept: false), LinearRegressionModel<double>.Load, LinearRegressionModel<float>.Load);
    }

    [Fact]
    public void TheSuiteCatchesABrokenEstimator()
    {
        // A scaler whose saved file loses the scale: the round-trip check must fail and name itself.
        var ex = Assert.Throws<ConformanceException>(() => EstimatorConformance.CheckTransformer(new StandardScaler(),
            s => { var m = StandardScalerModel<double>.Load(s); return new StandardScaler(WithStd: false).Fit(Tensor.Ones<double>(2, m.FeatureCount)); },
            StandardScalerModel<float>.Load));
        Assert.Contains("save and load round-trip exactly", ex.Message);
    }

    [Fact]
    public void LoadingTheWrongKindFailsClearly()
    {
        using var stream = new MemoryStream();
        new StandardScaler().Fit(Tensor.Ones<double>(3, 2)).Save(stream);
        stream.Position = 0;
        Assert.Contains("Expected a saved LinearRegression", Assert.Throws<InvalidDataException>(() => LinearRegressionModel<double>.Load(stream)).Message);
        stream.Position = 0;
        Assert.Contains("load it as that element type", Assert.Throws<InvalidDataException>(() => StandardScalerModel<float>.Load(stream)).Message);
    }
}

/// <summary>GaussianNB against scikit-learn 1.2 and the classifier conformance suite.</summary>
public class GaussianNBTests
{
    private static readonly JsonElement Nb = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "core", "core.json"))).RootElement.GetProperty("gaussian_nb");

    // float64 on both sides; sums in a different order: ~1e-14 relative; probabilities pass through exp/logsumexp.
    private static readonly Tolerance VsSklearn = new("Float64VsSklearn", 1e-10, 1e-10);

    private static Tensor<double> Matrix(JsonElement e)
    {
        int rows = e.GetArrayLength(), cols = e[0].GetArrayLength();
        var data = e.EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray();
        return Tensor.FromArray(data, rows, cols);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("weighted")]
    [InlineData("priors")]
    public void MatchesSklearn(string tag)
    {
        var x = Matrix(Nb.GetProperty("x"));
        var y = Nb.GetProperty("y").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var w = Nb.GetProperty("w").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var options = tag == "priors" ? new Scratch.ML.Learn.NaiveBayes.GaussianNB([0.5, 0.3, 0.2], 1e-3) : new Scratch.ML.Learn.NaiveBayes.GaussianNB();
        var m = options.Fit(x, y, tag == "weighted" ? Tensor.FromArray(w, w.Length) : null);
        var f = Nb.GetProperty(tag);
        Assert.Equal([2, 5, 9], m.Classes.Ints!);
        TensorAssert.Close(Matrix(f.GetProperty("theta")), m.Theta, VsSklearn);
        TensorAssert.Close(Matrix(f.GetProperty("var")), m.Variance, VsSklearn);
        TensorAssert.Close(Matrix(f.GetProperty("proba")), m.PredictProba(x), VsSklearn);
        Assert.Equal(f.GetProperty("pred").EnumerateArray().Select(v => v.GetInt32()), m.Predict(x).Ints!);
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckClassifier(new Scratch.ML.Learn.NaiveBayes.GaussianNB(),
            Scratch.ML.Learn.NaiveBayes.GaussianNBModel<double>.Load, Scratch.ML.Learn.NaiveBayes.GaussianNBModel<float>.Load);
        Assert.Contains("probabilities are consistent", checks);
        Assert.Contains("integer weights equal repeated rows", checks);
        Assert.Contains("string labels behave like integer labels", checks);
    }

    [Fact]
    public void BadOptionsAndLabelsFailClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Scratch.ML.Learn.NaiveBayes.GaussianNB(VarSmoothing: -1));
        Assert.Throws<ArgumentException>(() => new Scratch.ML.Learn.NaiveBayes.GaussianNB([0.5, 0.6]));
        var m = new Scratch.ML.Learn.NaiveBayes.GaussianNB().Fit(Tensor.FromArray([0.0, 1, 2, 3], 4, 1), new[] { 0, 0, 1, 1 });
        Assert.Contains("not one of the 2 classes", Assert.Throws<ArgumentException>(() => m.Classes.Encode(new[] { 7 })).Message);
    }
}
