using Scratch.ML.Learn;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.NaiveBayes;
using Xunit;

namespace Scratch.ML.Tests.Learn.Core;

public sealed class ModelScoreTests
{
    [Fact]
    public void RegressorScoreIsRSquared()
    {
        var x = Tensor.FromArray(new double[] { 0, 1, 2, 3, 4 }, 5, 1);
        var y = Tensor.FromArray(new double[] { 1, 3, 5, 7, 9 }, 5);
        var model = new LinearRegression().Fit(x, y);
        Assert.Equal(1.0, model.Score(x, y), 12);
        // Predictions 1,3,5,7,9 against 1,3,5,7,10: SSres = 1; SStot from the mean 5.2.
        var y2 = Tensor.FromArray(new double[] { 1, 3, 5, 7, 10 }, 5);
        double mean = 26.0 / 5, ssTot = 0;
        foreach (var v in new double[] { 1, 3, 5, 7, 10 }) ssTot += (v - mean) * (v - mean);
        Assert.Equal(1 - 1.0 / ssTot, model.Score(x, y2), 12);
    }

    [Fact]
    public void ClassifierScoreIsAccuracy()
    {
        var iris = SmallDatasets.LoadIris();
        var model = new GaussianNB().Fit(iris.Data, iris.Labels!);
        var predicted = model.Predict(iris.Data).Ints!;
        double expected = predicted.Zip(iris.Labels!).Count(p => p.First == p.Second) / 150.0;
        Assert.Equal(expected, model.Score(iris.Data, iris.Labels!));
        Assert.InRange(expected, 0.9, 1.0);
        Assert.Throws<ArgumentException>(() => model.Score(iris.Data, new int[3]));
    }
}
