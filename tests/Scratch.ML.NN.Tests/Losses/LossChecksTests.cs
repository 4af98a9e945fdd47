using Scratch.ML.NN;
using Xunit;

namespace Scratch.ML.Tests.NN.Losses;

/// <summary>The opt-in NaN/∞ check on loss values.</summary>
public class LossChecksTests
{
    [Fact]
    public void FiniteLossPassesThroughUnchanged()
    {
        var loss = new MseLoss<float>().Forward(Tensor.FromArray(new[] { 1f, 2f }, 2), Tensor.FromArray(new[] { 0f, 0f }, 2));
        Assert.Same(loss, LossChecks.ThrowIfNotFinite(loss));
        Assert.True(LossChecks.IsFinite(loss));
    }

    [Fact]
    public void NanLossThrowsWithCountsAndPosition()
    {
        // log(0) inside a rate-parameterised Poisson loss with eps = 0 gives −∞·y → NaN/∞ losses.
        var loss = new PoissonNllLoss<double>(logInput: false, eps: 0, reduction: Reduction.None)
            .Forward(Tensor.FromArray(new[] { 1.0, 0.0, double.NaN }, 3), Tensor.FromArray(new[] { 1.0, 2.0, 1.0 }, 3));
        Assert.False(LossChecks.IsFinite(loss));
        var e = Assert.Throws<NonFiniteLossException>(() => LossChecks.ThrowIfNotFinite(loss, "Poisson at step 3"));
        Assert.Equal(1, e.NanCount);
        Assert.Equal(1, e.InfinityCount);
        Assert.Equal(1, e.FirstIndex);
        Assert.Contains("Poisson at step 3", e.Message);
        Assert.Contains("(3,)", e.Message);
    }

    [Fact]
    public void MeanOverFullyIgnoredBatchIsNaNAndDetected()
    {
        // As PyTorch: the weighted mean divides by Σ w over non-ignored targets, here 0/0.
        var loss = new CrossEntropyLoss<float>(ignoreIndex: 1).Forward(Tensor.Zeros<float>(2, 3), Tensor.FromArray(new long[] { 1, 1 }, 2));
        Assert.True(float.IsNaN(loss.ToScalar()));
        var e = Assert.Throws<NonFiniteLossException>(() => LossChecks.ThrowIfNotFinite(loss));
        Assert.Equal((1, 0, 0), (e.NanCount, e.InfinityCount, e.FirstIndex));
    }
}
