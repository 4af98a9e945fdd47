using System.Text.Json;
using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;

namespace Scratch.ML.Tests.Learn.Preprocessing;

/// <summary>Reads tests/reference/fixtures/learn/preprocessing2/preprocessing2.json (tests/reference/sklearn_preprocessing2.py).</summary>
internal static class Preprocessing2Fixture
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "preprocessing2", "preprocessing2.json"))).RootElement;

    public static Tensor<double> X => PreprocessingFixture.Matrix(Root.GetProperty("x"));

    public static Tensor<double> XNew => PreprocessingFixture.Matrix(Root.GetProperty("x_new"));
}

/// <summary>KBinsDiscretizer against scikit-learn 1.2 and the conformance suite.</summary>
public class KBinsDiscretizerTests
{
    // Edges are one linspace step or one NumPy 'linear' percentile lerp per value, computed the same way in float64:
    // agreement to an ulp; bin indices are compared exactly (1e-10 on integers).
    private static readonly Tolerance VsSklearn = PreprocessingFixture.VsSklearn;

    [Theory]
    [InlineData("uniform5", 5, BinStrategy.Uniform)]
    [InlineData("uniform3", 3, BinStrategy.Uniform)]
    [InlineData("quantile5", 5, BinStrategy.Quantile)]
    [InlineData("quantile4", 4, BinStrategy.Quantile)]
    [InlineData("kmeans3", 3, BinStrategy.KMeans)]
    [InlineData("kmeans5", 5, BinStrategy.KMeans)]
    public void MatchesSklearn(string tag, int nBins, BinStrategy strategy)
    {
        var f = Preprocessing2Fixture.Root.GetProperty("kbins").GetProperty(tag);
        var m = new KBinsDiscretizer(nBins, strategy).Fit(Preprocessing2Fixture.X);
        Assert.Equal(f.GetProperty("n_bins").EnumerateArray().Select(v => v.GetInt32()).ToArray(), m.BinCounts);
        var edges = f.GetProperty("edges");
        for (int j = 0; j < m.FeatureCount; j++)
        {
            var expected = edges[j].EnumerateArray().Select((v, i) => v.ValueKind == JsonValueKind.Null ? (i == 0 ? double.NegativeInfinity : double.PositiveInfinity) : v.GetDouble()).ToArray();
            var actual = m.BinEdges[j].ToArray();
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                if (double.IsInfinity(expected[i])) Assert.Equal(expected[i], actual[i]);
                else Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-10 + 1e-10 * Math.Abs(expected[i]), $"edge {i} of feature {j}: expected {expected[i]}, got {actual[i]}");
            }
        }
        TensorAssert.Close(PreprocessingFixture.Matrix(f.GetProperty("transform")), m.Transform(Preprocessing2Fixture.X), Tolerance.Exact);
        TensorAssert.Close(PreprocessingFixture.Matrix(f.GetProperty("transform_new")), m.Transform(Preprocessing2Fixture.XNew), Tolerance.Exact);
        PreprocessingFixture.CloseWithNaN(PreprocessingFixture.Matrix(f.GetProperty("inverse")), m.InverseTransform(m.Transform(Preprocessing2Fixture.X)));
    }

    [Fact]
    public void OneHotMatchesSklearn()
    {
        var f = Preprocessing2Fixture.Root.GetProperty("kbins").GetProperty("onehot");
        var m = new KBinsDiscretizer(4, BinStrategy.Quantile, BinEncoding.OneHotDense).Fit(Preprocessing2Fixture.X);
        var t = m.Transform(Preprocessing2Fixture.X);
        TensorAssert.Close(PreprocessingFixture.Matrix(f.GetProperty("transform")), t, Tolerance.Exact);
        TensorAssert.Close(PreprocessingFixture.Matrix(f.GetProperty("transform_new")), m.Transform(Preprocessing2Fixture.XNew), Tolerance.Exact);
        PreprocessingFixture.CloseWithNaN(PreprocessingFixture.Matrix(f.GetProperty("inverse")), m.InverseTransform(t));
        var bad = t.Clone();
        bad[0, 0] = 1.0; bad[0, 1] = 1.0;
        Assert.Contains("one-hot blocks", Assert.Throws<ArgumentException>(() => m.InverseTransform(bad)).Message);
    }

    [Fact]
    public void RepeatedValuesDropQuantileEdges()
    {
        var m = new KBinsDiscretizer(5, BinStrategy.Quantile).Fit(Preprocessing2Fixture.X);
        Assert.Equal(3, m.BinCounts[3]);          // column 3 is mostly zeros: coinciding edges removed
        Assert.Equal(1, m.BinCounts[2]);          // constant column: one bin (−∞, ∞)
        Assert.All(m.Transform(Preprocessing2Fixture.XNew).ToArray().Where((_, i) => i % 4 == 2), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckTransformer(new KBinsDiscretizer(), KBinsDiscretizerModel<double>.Load, KBinsDiscretizerModel<float>.Load);
        Assert.Contains("save and load round-trip exactly", checks);
        EstimatorConformance.CheckTransformer(new KBinsDiscretizer(4, Encoding: BinEncoding.OneHotDense), KBinsDiscretizerModel<double>.Load, KBinsDiscretizerModel<float>.Load);
        EstimatorConformance.CheckTransformer(new KBinsDiscretizer(4, BinStrategy.KMeans), KBinsDiscretizerModel<double>.Load, KBinsDiscretizerModel<float>.Load);
        EstimatorConformance.CheckTransformer(new KBinsDiscretizer(3, BinStrategy.Uniform), KBinsDiscretizerModel<double>.Load, KBinsDiscretizerModel<float>.Load);
    }

    [Fact]
    public void BadInputFailsClearly()
    {
        Assert.Contains("NBins must be at least 2", Assert.Throws<ArgumentOutOfRangeException>(() => new KBinsDiscretizer(1)).Message);
        Assert.Contains("Encoding must be", Assert.Throws<ArgumentOutOfRangeException>(() => new KBinsDiscretizer(3, BinStrategy.Uniform, (BinEncoding)4)).Message);
        Assert.Contains("Strategy must be", Assert.Throws<ArgumentOutOfRangeException>(() => new KBinsDiscretizer(3, (BinStrategy)7)).Message);
        var m = new KBinsDiscretizer(3, BinStrategy.Uniform).Fit(Preprocessing2Fixture.X);
        Assert.Contains("bin indices in [0, 2]", Assert.Throws<ArgumentException>(() => m.InverseTransform(Tensor.FromArray([0.0, 3, 0, 0], 1, 4))).Message);
        Assert.Throws<ArgumentException>(() => m.InverseTransform(Tensor.FromArray([0.5, 0, 0, 0], 1, 4)));
        Assert.Throws<ArgumentException>(() => m.Transform(Tensor.FromArray([0.0, 1, 2], 1, 3)));
    }
}
