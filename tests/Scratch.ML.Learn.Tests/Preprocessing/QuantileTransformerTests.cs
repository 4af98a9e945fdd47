using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Preprocessing.PreprocessingFixture;

namespace Scratch.ML.Tests.Learn.Preprocessing;

/// <summary>QuantileTransformer against scikit-learn 1.2 and the conformance suite.</summary>
public class QuantileTransformerTests
{
    // Quantiles are NumPy 'linear' percentiles and the transform is NumPy's interp, both reproduced operation by
    // operation in float64 (agreement to an ulp). Normal output adds Φ⁻¹ and Φ (Scratch.ML's vs SciPy's ndtri/ndtr,
    // both accurate to ~1e-15 relative): 1e-10 leaves margin.
    private static readonly Tolerance Tol = VsSklearn;

    [Theory]
    [InlineData("uniform", 1000, QuantileOutput.Uniform, "x")]
    [InlineData("normal", 1000, QuantileOutput.Normal, "x")]
    [InlineData("uniform10", 10, QuantileOutput.Uniform, "x")]
    [InlineData("normal7", 7, QuantileOutput.Normal, "x")]
    [InlineData("nan", 12, QuantileOutput.Uniform, "x_nan")]
    public void MatchesSklearn(string tag, int nQuantiles, QuantileOutput output, string data)
    {
        var root = Preprocessing2Fixture.Root.GetProperty("quantile");
        var f = root.GetProperty(tag);
        var x = Matrix(root.GetProperty(data));
        var m = new QuantileTransformer(nQuantiles, output).Fit(x);
        TensorAssert.Close(Matrix(f.GetProperty("quantiles")), m.Quantiles, Tol);
        TensorAssert.Close(Vector(f.GetProperty("references")), m.ReferenceValues, Tol);
        var t = m.Transform(x);
        CloseWithNaN(Matrix(f.GetProperty("transform")), t);
        CloseWithNaN(Matrix(f.GetProperty("transform_new")), m.Transform(Matrix(root.GetProperty("x_new"))));
        CloseWithNaN(Matrix(f.GetProperty("inverse")), m.InverseTransform(t));
        CloseWithNaN(Matrix(f.GetProperty("inverse_z")), m.InverseTransform(Matrix(f.GetProperty("z"))));
    }

    [Fact]
    public void NormalOutputIsClippedAtTheBoundsThreshold()
    {
        var root = Preprocessing2Fixture.Root.GetProperty("quantile");
        var clip = Vector(root.GetProperty("clip")).ToArray();
        var x = Matrix(root.GetProperty("x"));
        var t = new QuantileTransformer(OutputDistribution: QuantileOutput.Normal).Fit(x).Transform(Matrix(root.GetProperty("x_new")));
        var a = t.ToArray();
        Assert.Contains(a, v => Math.Abs(v - clip[0]) <= 1e-10 * 6);
        Assert.Contains(a, v => Math.Abs(v - clip[1]) <= 1e-10 * 6);
        Assert.All(a, v => Assert.InRange(v, clip[0] - 1e-9, clip[1] + 1e-9));
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckTransformer(new QuantileTransformer(), QuantileTransformerModel<double>.Load, QuantileTransformerModel<float>.Load);
        Assert.Contains("inverse transform undoes transform", checks);
        Assert.DoesNotContain("NaN features are rejected", checks);   // HandlesMissingValues
        EstimatorConformance.CheckTransformer(new QuantileTransformer(OutputDistribution: QuantileOutput.Normal), QuantileTransformerModel<double>.Load, QuantileTransformerModel<float>.Load);
    }

    [Fact]
    public void BadInputFailsClearly()
    {
        Assert.Contains("NQuantiles must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileTransformer(0)).Message);
        Assert.Contains("OutputDistribution must be", Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileTransformer(10, (QuantileOutput)5)).Message);
        Assert.Contains("Subsample must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileTransformer(Subsample: 0)).Message);
        var x = Matrix(Preprocessing2Fixture.Root.GetProperty("quantile").GetProperty("x"));
        Assert.Contains("subsampling is not implemented", Assert.Throws<ArgumentException>(() => new QuantileTransformer(Subsample: 10).Fit(x)).Message);
        var allNaN = Tensor.FromArray([double.NaN, 1, double.NaN, 2], 2, 2);
        Assert.Contains("column 0 of x is all NaN", Assert.Throws<ArgumentException>(() => new QuantileTransformer().Fit(allNaN)).Message);
    }
}
