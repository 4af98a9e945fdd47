using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Preprocessing.PreprocessingFixture;

namespace Scratch.ML.Tests.Learn.Preprocessing;

/// <summary>MinMaxScaler against scikit-learn 1.2 and the conformance suite.</summary>
public class MinMaxScalerTests
{
    [Theory]
    [InlineData("default", 0.0, 1.0, false)]
    [InlineData("range", -2.0, 3.5, false)]
    [InlineData("clip", -1.0, 1.0, true)]
    public void MatchesSklearn(string tag, double lo, double hi, bool clip)
    {
        var f = Root.GetProperty("minmax").GetProperty(tag);
        var m = new MinMaxScaler(lo, hi, clip).Fit(X);
        TensorAssert.Close(Vector(f.GetProperty("data_min")), m.DataMin, VsSklearn);
        TensorAssert.Close(Vector(f.GetProperty("data_max")), m.DataMax, VsSklearn);
        TensorAssert.Close(Vector(f.GetProperty("scale")), m.Scale, VsSklearn);
        TensorAssert.Close(Vector(f.GetProperty("min")), m.Min, VsSklearn);
        TensorAssert.Close(Matrix(f.GetProperty("transform")), m.Transform(X), VsSklearn);
        TensorAssert.Close(Matrix(f.GetProperty("transform_new")), m.Transform(XNew), VsSklearn);
        var t = m.Transform(XNew).ToArray();
        if (clip) Assert.All(t, v => Assert.InRange(v, lo, hi));
        else Assert.Contains(t, v => v < lo || v > hi);   // the new rows leave the training range
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckTransformer(new MinMaxScaler(), MinMaxScalerModel<double>.Load, MinMaxScalerModel<float>.Load);
        Assert.Contains("inverse transform undoes transform", checks);
        EstimatorConformance.CheckTransformer(new MinMaxScaler(-3, 0.5), MinMaxScalerModel<double>.Load, MinMaxScalerModel<float>.Load);
        // Clipping is a no-op on the training data, so the inverse still holds there.
        EstimatorConformance.CheckTransformer(new MinMaxScaler(Clip: true), MinMaxScalerModel<double>.Load, MinMaxScalerModel<float>.Load);
    }

    [Fact]
    public void BadOptionsFailClearly()
    {
        Assert.Contains("smaller than its maximum", Assert.Throws<ArgumentException>(() => new MinMaxScaler(1, 1)).Message);
        Assert.Contains("smaller than its maximum", Assert.Throws<ArgumentException>(() => new MinMaxScaler(2, 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinMaxScaler(double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinMaxScaler(0, double.PositiveInfinity));
    }
}

/// <summary>MaxAbsScaler against scikit-learn 1.2 and the conformance suite.</summary>
public class MaxAbsScalerTests
{
    [Fact]
    public void MatchesSklearn()
    {
        var f = Root.GetProperty("maxabs");
        var m = new MaxAbsScaler().Fit(X);
        TensorAssert.Close(Vector(f.GetProperty("max_abs")), m.MaxAbs, VsSklearn);
        TensorAssert.Close(Vector(f.GetProperty("scale")), m.Scale, VsSklearn);
        TensorAssert.Close(Matrix(f.GetProperty("transform")), m.Transform(X), VsSklearn);
        TensorAssert.Close(Matrix(f.GetProperty("transform_new")), m.Transform(XNew), VsSklearn);

        var xz = X.Clone();
        for (int i = 0; i < xz.Shape[0]; i++) xz[i, 2] = 0.0;
        TensorAssert.Close(Vector(f.GetProperty("zero_col_scale")), new MaxAbsScaler().Fit(xz).Scale, VsSklearn);
        Assert.Equal(1.0, new MaxAbsScaler().Fit(xz).Scale[2]);
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckTransformer(new MaxAbsScaler(), MaxAbsScalerModel<double>.Load, MaxAbsScalerModel<float>.Load);
        Assert.Contains("inverse transform undoes transform", checks);
    }
}

/// <summary>RobustScaler against scikit-learn 1.2 (NumPy 'linear' percentiles) and the conformance suite.</summary>
public class RobustScalerTests
{
    [Theory]
    [InlineData("default", true, true, 25.0, 75.0)]
    [InlineData("q10_80", true, true, 10.0, 80.0)]
    [InlineData("no_center", false, true, 25.0, 75.0)]
    [InlineData("no_scale", true, false, 25.0, 75.0)]
    [InlineData("unit_variance", true, true, 10.0, 90.0, true)]
    public void MatchesSklearn(string tag, bool center, bool scale, double qmin, double qmax, bool unitVariance = false)
    {
        var f = Root.GetProperty("robust").GetProperty(tag);
        var m = new RobustScaler(center, scale, qmin, qmax, unitVariance).Fit(X);
        if (center) TensorAssert.Close(Vector(f.GetProperty("center")), m.Center, VsSklearn);
        if (scale) TensorAssert.Close(Vector(f.GetProperty("scale")), m.Scale, VsSklearn);
        TensorAssert.Close(Matrix(f.GetProperty("transform")), m.Transform(X), VsSklearn);
        Assert.Equal(unitVariance ? 1.0 / 2.5631031310892007 : 1.0, m.Scale[2], 1e-15);   // the constant column (or scaling off)
    }

    [Fact]
    public void IgnoresNaNLikeNanPercentile()
    {
        var f = Root.GetProperty("robust").GetProperty("nan");
        var xn = Matrix(f.GetProperty("x"));
        var m = new RobustScaler().Fit(xn);
        TensorAssert.Close(Vector(f.GetProperty("center")), m.Center, VsSklearn);
        TensorAssert.Close(Vector(f.GetProperty("scale")), m.Scale, VsSklearn);
        CloseWithNaN(Matrix(f.GetProperty("transform")), m.Transform(xn));
        var allNaN = Tensor.FromArray([double.NaN, 1, double.NaN, 2], 2, 2);
        Assert.Contains("column 0 of x is all NaN", Assert.Throws<ArgumentException>(() => new RobustScaler().Fit(allNaN)).Message);
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckTransformer(new RobustScaler(), RobustScalerModel<double>.Load, RobustScalerModel<float>.Load);
        Assert.Contains("inverse transform undoes transform", checks);
        Assert.DoesNotContain("NaN features are rejected", checks);   // HandlesMissingValues
        EstimatorConformance.CheckTransformer(new RobustScaler(false, true, 5, 95), RobustScalerModel<double>.Load, RobustScalerModel<float>.Load);
        EstimatorConformance.CheckTransformer(new RobustScaler(WithScaling: false), RobustScalerModel<double>.Load, RobustScalerModel<float>.Load);
        EstimatorConformance.CheckTransformer(new RobustScaler(UnitVariance: true), RobustScalerModel<double>.Load, RobustScalerModel<float>.Load);
    }

    [Fact]
    public void BadOptionsFailClearly()
    {
        Assert.Contains("0 ≤ QuantileMin ≤ QuantileMax ≤ 100", Assert.Throws<ArgumentOutOfRangeException>(() => new RobustScaler(QuantileMin: 80, QuantileMax: 20)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RobustScaler(QuantileMin: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RobustScaler(QuantileMax: 101));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RobustScaler(QuantileMin: double.NaN));
        Assert.Contains("UnitVariance needs", Assert.Throws<ArgumentException>(() => new RobustScaler(QuantileMin: 0, UnitVariance: true)).Message);
        Assert.Contains("UnitVariance needs", Assert.Throws<ArgumentException>(() => new RobustScaler(QuantileMin: 50, QuantileMax: 50, UnitVariance: true)).Message);
    }
}
