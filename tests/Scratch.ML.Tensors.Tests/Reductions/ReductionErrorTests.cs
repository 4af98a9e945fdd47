using Xunit;

namespace Scratch.ML.Tests.Reductions;

/// <summary>Bad input fails loudly and by name; empty reductions follow NumPy.</summary>
public class ReductionErrorTests
{
    [Fact]
    public void AxisOutOfRangeNamesTheAxisAndTheRank()
    {
        var x = Tensor.Zeros<float>(2, 3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum(2));
        Assert.Contains("Axis 2", e.Message);
        Assert.Contains("rank 2", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Max(-3));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Softmax(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Sort(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.ArgMax(-3));
    }

    [Fact]
    public void RepeatedAxisIsRejected()
    {
        var x = Tensor.Zeros<double>(2, 3);
        var e = Assert.Throws<ArgumentException>(() => x.Sum([1, -1]));
        Assert.Contains("more than once", e.Message);
        Assert.Throws<ArgumentException>(() => x.Var([0, 0]));
    }

    [Fact]
    public void EmptyReductionsFollowNumPy()
    {
        var empty = Tensor.Zeros<float>(0);
        Assert.Equal(0f, empty.Sum().ToScalar());
        Assert.Equal(1f, empty.Prod().ToScalar());
        Assert.True(float.IsNaN(empty.Mean().ToScalar()));
        Assert.Equal(0f, empty.Norm().ToScalar());
        Assert.Equal(float.NegativeInfinity, empty.LogSumExp().ToScalar());
        Assert.False(Tensor.Zeros<bool>(0).Any().ToScalar());
        Assert.True(Tensor.Zeros<bool>(0).All().ToScalar());
        var e = Assert.Throws<ArgumentException>(() => empty.Max());
        Assert.Contains("no identity", e.Message);
        Assert.Throws<ArgumentException>(() => empty.Min());
        Assert.Throws<ArgumentException>(() => empty.ArgMax());
        Assert.Throws<ArgumentException>(() => empty.Norm(double.PositiveInfinity));
        // Reducing a non-empty axis of an empty tensor gives an empty result, not an error.
        Assert.Equal([0], Tensor.Zeros<float>(0, 3).Max(1).ShapeArray());
        Assert.Equal(new float[] { 0, 0, 0 }, Tensor.Zeros<float>(0, 3).Sum(0).ToArray());
    }

    [Fact]
    public void NaNPropagatesLikeNumPy()
    {
        var x = Tensor.FromArray(new[] { 1f, float.NaN, 3f, float.NaN }, 4);
        Assert.True(float.IsNaN(x.Max().ToScalar()));
        Assert.True(float.IsNaN(x.Min().ToScalar()));
        Assert.True(float.IsNaN(x.Sum().ToScalar()));
        Assert.Equal(1L, x.ArgMax().ToScalar());
        Assert.Equal(1L, x.ArgMin().ToScalar());
        var z = Tensor.FromArray(new[] { -0.0, 0.0, -0.0 }, 3);
        Assert.Equal(0L, z.ArgMax().ToScalar());
        Assert.Equal(0L, z.ArgMin().ToScalar());
        var ties = Tensor.FromArray(new[] { 1, 5, 2, 5, 5 }, 5);
        Assert.Equal(1L, ties.ArgMax().ToScalar());
        var inf = Tensor.FromArray(new[] { float.NegativeInfinity, float.NegativeInfinity }, 2);
        Assert.Equal(float.NegativeInfinity, inf.LogSumExp().ToScalar());
        Assert.Equal(float.PositiveInfinity, Tensor.FromArray(new[] { 1f, float.PositiveInfinity }, 2).LogSumExp().ToScalar());
    }

    [Fact]
    public void VarianceRejectsNegativeDdofAndGivesNaNWithoutDegreesOfFreedom()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0 }, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Var(0, ddof: -1));
        Assert.True(double.IsNaN(x.Var(0, ddof: 2).ToScalar()));
        Assert.Equal(0.5, x.Var(0, ddof: 1).ToScalar());
    }

    [Fact]
    public void NormRejectsNaNOrder() =>
        Assert.Throws<ArgumentException>(() => Tensor.Zeros<double>(3).Norm(double.NaN));
}
