using Scratch.ML.Learn;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Learn.Preprocessing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Core;

public sealed class ArrayOverloadsTests
{
    private static readonly double[,] X = { { 0, 1 }, { 1, 0 }, { 2, 1 }, { 3, 0 }, { 4, 1 }, { 5, 0 } };

    [Fact]
    public void RegressorFitsAndPredictsOnArrays()
    {
        double[] y = { 1, 3, 5, 7, 9, 11 };                   // y = 2·x0 + 1
        var model = new LinearRegression().Fit(X, y);
        var p = model.Predict(new double[,] { { 10, 0 } });   // double[,] → Tensor<double> implicitly
        Assert.Equal(21.0, p[0], 10);
        var weighted = new Ridge(Alpha: 0).Fit(X, y, new double[] { 1, 1, 1, 1, 1, 2 });
        Assert.Equal(21.0, weighted.Predict(new double[,] { { 10, 0 } })[0], 8);
    }

    [Fact]
    public void ClassifierTakesIntAndStringLabels()
    {
        var ints = new GaussianNB().Fit(X, new[] { 0, 0, 0, 1, 1, 1 });
        Assert.Equal([0, 1], ints.Predict(new double[,] { { 0.5, 0.5 }, { 4.5, 0.5 } }).Ints!);
        var strings = new GaussianNB().Fit(X, new[] { "low", "low", "low", "high", "high", "high" });
        Assert.Equal(["low", "high"], strings.Predict(new double[,] { { 0.5, 0.5 }, { 4.5, 0.5 } }).Strings!);
    }

    [Fact]
    public void TransformerAndFloatArrays()
    {
        var scaled = new StandardScaler().Fit(new float[,] { { 1 }, { 3 } }).Transform(new float[,] { { 1 }, { 3 } });
        Assert.Equal(-1f, scaled[0, 0]);
        Assert.Equal(1f, scaled[1, 0]);
        Assert.Throws<ArgumentException>(() => new LinearRegression().Fit(X, new double[] { 1, 2 }));
    }
}
