using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Preprocessing.PreprocessingFixture;

namespace Scratch.ML.Tests.Learn.Preprocessing;

/// <summary>SimpleImputer against scikit-learn 1.2 (all strategies, empty columns dropped or kept) and the conformance suite.</summary>
public class SimpleImputerTests
{
    [Theory]
    [InlineData(ImputeStrategy.Mean, "mean")]
    [InlineData(ImputeStrategy.Median, "median")]
    [InlineData(ImputeStrategy.MostFrequent, "most_frequent")]
    [InlineData(ImputeStrategy.Constant, "constant")]
    public void MatchesSklearn(ImputeStrategy strategy, string name)
    {
        var f = Root.GetProperty("imputer");
        var xNew = Matrix(f.GetProperty("x_new"));
        foreach (var (tag, data, keep) in new[] { ("", "x", false), ("_empty", "x_empty", false), ("_keep", "x_empty", true) })
        {
            var c = f.GetProperty(name + tag);
            var x = Matrix(f.GetProperty(data));
            var m = new SimpleImputer(strategy, strategy == ImputeStrategy.Constant ? -3.5 : 0, keep).Fit(x);
            CloseWithNaN(Matrix(Wrap(c.GetProperty("statistics"))), m.Statistics.Reshape(1, m.FeatureCount));
            TensorAssert.Close(Matrix(c.GetProperty("transform")), m.Transform(x), VsSklearn);
            TensorAssert.Close(Matrix(c.GetProperty("transform_new")), m.Transform(xNew), VsSklearn);
            Assert.Equal(tag == "_empty" && strategy != ImputeStrategy.Constant ? 3 : 4, m.OutputCount);
        }
    }

    private static System.Text.Json.JsonElement Wrap(System.Text.Json.JsonElement row)
        => System.Text.Json.JsonDocument.Parse("[" + row.GetRawText() + "]").RootElement;

    [Fact]
    public void MostFrequentTiesGoToTheSmallestValue()
    {
        var x = Tensor.FromArray([2.0, double.NaN, 2, 1, 1, 3], 6, 1);
        Assert.Equal(1.0, new SimpleImputer(ImputeStrategy.MostFrequent).Fit(x).Statistics[0]);
        Assert.Equal([2.0, 1, 2, 1, 1, 3], new SimpleImputer(ImputeStrategy.MostFrequent).Fit(x).Transform(x).ToArray());
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        foreach (var s in new[] { ImputeStrategy.Mean, ImputeStrategy.Median, ImputeStrategy.MostFrequent, ImputeStrategy.Constant })
        {
            var checks = EstimatorConformance.CheckTransformer(new SimpleImputer(s), SimpleImputerModel<double>.Load, SimpleImputerModel<float>.Load);
            Assert.DoesNotContain("NaN features are rejected", checks);   // HandlesMissingValues
            Assert.Contains("infinite features are rejected", checks);
        }
    }

    [Fact]
    public void BadOptionsFailClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimpleImputer((ImputeStrategy)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimpleImputer(ImputeStrategy.Constant, double.NaN));
        var m = new SimpleImputer().Fit(Tensor.FromArray([1.0, double.NaN, 3, 4], 2, 2));
        Assert.Contains("infinite", Assert.Throws<ArgumentException>(() => m.Transform(Tensor.FromArray([double.PositiveInfinity, 1], 1, 2))).Message);
    }
}
