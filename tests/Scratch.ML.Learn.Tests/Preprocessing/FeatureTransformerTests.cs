using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Preprocessing.PreprocessingFixture;

namespace Scratch.ML.Tests.Learn.Preprocessing;

/// <summary>Normalizer against scikit-learn 1.2 and the conformance suite.</summary>
public class NormalizerTests
{
    [Theory]
    [InlineData(NormKind.L1, "l1")]
    [InlineData(NormKind.L2, "l2")]
    [InlineData(NormKind.Max, "max")]
    public void MatchesSklearn(NormKind norm, string tag)
    {
        var f = Root.GetProperty("normalizer");
        var x = Matrix(f.GetProperty("x"));
        var z = new Normalizer(norm).Fit(x).Transform(x);
        TensorAssert.Close(Matrix(f.GetProperty(tag)), z, VsSklearn);
        for (int j = 0; j < x.Shape[1]; j++) Assert.Equal(0.0, z[4, j]);   // the zero row stays zero
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        foreach (var norm in new[] { NormKind.L1, NormKind.L2, NormKind.Max })
            EstimatorConformance.CheckTransformer(new Normalizer(norm), NormalizerModel<double>.Load, NormalizerModel<float>.Load);
    }

    [Fact]
    public void BadOptionsAndInputsFailClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Normalizer((NormKind)7));
        var m = new Normalizer().Fit(X);
        Assert.Equal(4, m.FeatureCount);
        Assert.Contains("fitted with 4", Assert.Throws<ArgumentException>(() => m.Transform(Tensor.Ones<double>(2, 3))).Message);
    }
}

/// <summary>Binarizer against scikit-learn 1.2 and the conformance suite.</summary>
public class BinarizerTests
{
    [Fact]
    public void MatchesSklearn()
    {
        var f = Root.GetProperty("binarizer");
        TensorAssert.Close(Matrix(f.GetProperty("default")), new Binarizer().Fit(X).Transform(X), Tolerance.Exact);
        TensorAssert.Close(Matrix(f.GetProperty("t1_5")), new Binarizer(1.5).Fit(X).Transform(X), Tolerance.Exact);
        // Strictly greater: the threshold itself maps to 0.
        Assert.Equal([0.0, 1.0], new Binarizer(1.5).Fit(Tensor.FromArray([1.5, 1.6], 1, 2)).Transform(Tensor.FromArray([1.5, 1.6], 1, 2)).ToArray());
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        EstimatorConformance.CheckTransformer(new Binarizer(), BinarizerModel<double>.Load, BinarizerModel<float>.Load);
        EstimatorConformance.CheckTransformer(new Binarizer(0.75), BinarizerModel<double>.Load, BinarizerModel<float>.Load);
    }

    [Fact]
    public void BadOptionsFailClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Binarizer(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Binarizer(double.NegativeInfinity));
    }
}

/// <summary>PolynomialFeatures against scikit-learn 1.2 (column order, powers, names, values) and the conformance suite.</summary>
public class PolynomialFeaturesTests
{
    [Theory]
    [InlineData("default", 2, false, true, 0)]
    [InlineData("deg3", 3, false, true, 0)]
    [InlineData("interaction", 3, true, true, 0)]
    [InlineData("no_bias", 2, false, false, 0)]
    [InlineData("range", 3, false, false, 2)]
    [InlineData("range_bias", 3, false, true, 2)]
    [InlineData("deg0", 0, false, true, 0)]
    public void MatchesSklearn(string tag, int degree, bool interactionOnly, bool bias, int minDegree)
    {
        var f = Root.GetProperty("poly");
        var x = Matrix(f.GetProperty("x"));
        var c = f.GetProperty(tag);
        var m = new PolynomialFeatures(degree, interactionOnly, bias, minDegree).Fit(x);
        var powers = c.GetProperty("powers").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        Assert.Equal(powers.Length, m.OutputCount);
        var actual = m.Powers;
        for (int k = 0; k < powers.Length; k++)
            for (int i = 0; i < 3; i++) Assert.Equal(powers[k][i], actual[k, i]);
        Assert.Equal(c.GetProperty("names").EnumerateArray().Select(v => v.GetString()), m.FeatureNames());
        TensorAssert.Close(Matrix(c.GetProperty("transform")), m.Transform(x), VsSklearn);
    }

    [Fact]
    public void CustomNamesAndCounts()
    {
        var f = Root.GetProperty("poly");
        var m = new PolynomialFeatures(3).Fit(Matrix(f.GetProperty("x")));
        Assert.Equal(f.GetProperty("names_abc").EnumerateArray().Select(v => v.GetString()), m.FeatureNames(["a", "b", "c"]));
        Assert.Equal(20, m.OutputCount);   // C(3 + 3, 3)
        Assert.Contains("2 input names given for 3 features", Assert.Throws<ArgumentException>(() => m.FeatureNames(["a", "b"])).Message);
        // Interaction-only of degree beyond d stops at the product of all features.
        Assert.Equal(["x0", "x1", "x0 x1"], new PolynomialFeatures(5, InteractionOnly: true, IncludeBias: false).Fit(Tensor.Ones<double>(2, 2)).FeatureNames());
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        EstimatorConformance.CheckTransformer(new PolynomialFeatures(), PolynomialFeaturesModel<double>.Load, PolynomialFeaturesModel<float>.Load);
        EstimatorConformance.CheckTransformer(new PolynomialFeatures(3, InteractionOnly: true, IncludeBias: false), PolynomialFeaturesModel<double>.Load, PolynomialFeaturesModel<float>.Load);
    }

    [Fact]
    public void BadOptionsFailClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolynomialFeatures(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolynomialFeatures(2, MinDegree: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolynomialFeatures(2, MinDegree: -1));
        Assert.Contains("no output columns", Assert.Throws<ArgumentException>(() => new PolynomialFeatures(0, IncludeBias: false)).Message);
        // Interaction-only with MinDegree above d leaves nothing for 2 features.
        Assert.Contains("no output column for 2", Assert.Throws<ArgumentException>(() => new PolynomialFeatures(3, true, false, 3).Fit(Tensor.Ones<double>(2, 2))).Message);
    }
}
