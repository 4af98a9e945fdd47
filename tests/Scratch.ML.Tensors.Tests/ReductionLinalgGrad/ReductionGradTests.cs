using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.ReductionLinalgGrad.GradData;

namespace Scratch.ML.Tests.ReductionLinalgGrad;

/// <summary>VJPs of prod, max/min, var/std and log-sum-exp against central differences and hand-derived values.</summary>
public class ReductionGradTests
{
    [Fact]
    public void ProdGradientsMatchFiniteDifferences()
    {
        var x = Randn(1, 2, 3, 4);
        GradCheck.Check(v => v[0].Prod(), [x]);
        GradCheck.Check(v => v[0].Prod(1), [x]);
        GradCheck.Check(v => v[0].Prod(-1, keepDims: true), [x]);
        GradCheck.Check(v => v[0].Prod([0, 2]), [x]);
        GradCheck.Check(v => v[0].Prod([-3, -1], keepDims: true), [x]);
        GradCheck.Check(v => v[0].Prod(0), [x.Permute(2, 0, 1)]);          // strided input
        GradCheck.Check(v => v[0].Prod(1), [x.Slice(2, 0, 4, 2)]);          // step-2 slice
    }

    [Fact]
    public void ProdWithOneZeroSendsTheProductOfTheOthersToTheZero()
    {
        // prod([2, 0, 3]) = 0: ∂/∂x₀ = 0·3 = 0, ∂/∂x₁ = 2·3 = 6, ∂/∂x₂ = 0 (PyTorch: [0, 6, 0]).
        var x = Of([2, 0, 3]).RequireGrad();
        x.Prod().Backward();
        Assert.Equal([0.0, 6.0, 0.0], x.Grad!.ToArray());
        GradCheck.Check(v => v[0].Prod(), [Of([2, 0, 3])]);
        GradCheck.Check(v => v[0].Prod(1), [Of([1.5, 0, -2, 4, 0.5, 3], 2, 3)]);
    }

    [Fact]
    public void ProdWithTwoZerosHasZeroGradient()
    {
        var x = Of([0, 5, 0, 1.5, 2, 3], 2, 3).RequireGrad();
        x.Prod(1).Sum().Backward();
        // Row 0 has two zeros: every Π_{j≠i} contains a zero. Row 1: y/x = (9/1.5, 9/2, 9/3).
        Assert.Equal([0.0, 0, 0, 6, 4.5, 3], x.Grad!.ToArray());
        GradCheck.Check(v => v[0].Prod(1), [Of([0, 5, 0, 1.5, 2, 3], 2, 3)]);
    }

    [Fact]
    public void ProdSecondOrderThroughAZero()
    {
        // The zero-safe product of the others is itself differentiable: ∂²prod/∂x₀∂x₁ = x₂ even at x₁ = 0.
        GradCheck.CheckSecondOrder(v => v[0].Prod(), [Of([2, 0, 3])]);
        GradCheck.CheckSecondOrder(v => v[0].Prod(0), [Randn(2, 3, 2)]);
    }

    [Fact]
    public void ProdOfALongRowWithAZeroUsesTheMaskedForm()
    {
        // 2100² > 2²² elements: the masked first-order form is used; the gradient must still be exact.
        var data = new double[2100];
        for (int i = 0; i < data.Length; i++) data[i] = 1 + (i % 7 == 0 ? 1e-3 : 0);
        data[10] = 0;
        var x = Of(data).RequireGrad();
        x.Prod().Backward();
        var g = x.Grad!.ToArray();
        double others = 1;
        for (int i = 0; i < data.Length; i++) if (i != 10) others *= data[i];
        Assert.Equal(others, g[10], 12);
        for (int i = 0; i < data.Length; i++) if (i != 10) Assert.Equal(0.0, g[i]);
    }

    [Fact]
    public void MaxMinGradientsMatchFiniteDifferences()
    {
        var x = Randn(3, 3, 4, 5);
        GradCheck.Check(v => v[0].Max(), [x]);
        GradCheck.Check(v => v[0].Min(), [x]);
        GradCheck.Check(v => v[0].Max(1), [x]);
        GradCheck.Check(v => v[0].Min(-1, keepDims: true), [x]);
        GradCheck.Check(v => v[0].Max([0, 2], keepDims: true), [x]);
        GradCheck.Check(v => v[0].Min([-1, 0]), [x.MT]);
    }

    [Fact]
    public void MaxMinSplitTiesEvenlyLikeAmax()
    {
        // torch.amax / torch.max() on [1, 3, 3] give [0, 0.5, 0.5] (torch.max(x, dim) would give [0, 1, 0]).
        var x = Of([1, 3, 3]).RequireGrad();
        x.Max().Backward();
        Assert.Equal([0.0, 0.5, 0.5], x.Grad!.ToArray());
        var y = Of([2, -1, 5, -1, -1, 0], 2, 3).RequireGrad();
        y.Min(1).Sum().Backward();
        Assert.Equal([0.0, 1, 0, 0.5, 0.5, 0], y.Grad!.ToArray());
        var z = Of([4, 4, 4, 4], 2, 2).RequireGrad();
        (z.Max([0, 1]) * 2.0).Backward();
        Assert.Equal([0.5, 0.5, 0.5, 0.5], z.Grad!.ToArray());
    }

    [Fact]
    public void MaxWithNaNSendsTheGradientToTheNaN()
    {
        var x = Of([1, double.NaN, 3]).RequireGrad();
        x.Max().Backward();
        Assert.Equal([0.0, 1, 0], x.Grad!.ToArray());
    }

    [Fact]
    public void VarianceAndStdGradientsMatchFiniteDifferences()
    {
        var x = Randn(4, 3, 4, 5);
        GradCheck.Check(v => v[0].Var(), [x]);
        GradCheck.Check(v => v[0].Std(), [x]);
        GradCheck.Check(v => v[0].Var(1, keepDims: true, ddof: 1), [x]);
        GradCheck.Check(v => v[0].Std(-1, ddof: 1), [x]);
        GradCheck.Check(v => v[0].Var(0), [x]);                               // outer (non-unit-stride) axis path
        GradCheck.Check(v => v[0].Std(0, keepDims: true), [x]);
        GradCheck.Check(v => v[0].Var([0, 2], ddof: 1), [x]);
        GradCheck.Check(v => v[0].Std([-1, -2], keepDims: true), [x]);
        GradCheck.Check(v => v[0].Var(1, ddof: 2), [x.Permute(2, 1, 0)]);
    }

    [Fact]
    public void VarianceSecondOrder()
    {
        var x = Randn(5, 3, 4);
        GradCheck.CheckSecondOrder(v => v[0].Var(1, ddof: 1), [x]);
        GradCheck.CheckSecondOrder(v => v[0].Var(), [x]);
        GradCheck.CheckSecondOrder(v => v[0].Std(0, keepDims: true), [x]);
    }

    [Fact]
    public void StdOfAConstantHasZeroGradientLikePyTorch()
    {
        // PyTorch 1.13: torch.zeros(3).std().backward() gives [0, 0, 0] (std_backward masks σ = 0).
        var x = Of([2, 2, 2, 1, 5, 3], 2, 3).RequireGrad();
        x.Std(1).Sum().Backward();
        var g = x.Grad!.ToArray();
        Assert.Equal([0.0, 0, 0], g[..3]);
        // Row 1: σ = √(8/3), ∂σ/∂xᵢ = (xᵢ − 3)/(3σ).
        double s = Math.Sqrt(8.0 / 3);
        Assert.Equal(-2 / (3 * s), g[3], 12);
        Assert.Equal(2 / (3 * s), g[4], 12);
        Assert.Equal(0.0, g[5], 12);
    }

    [Fact]
    public void VarianceWithTooFewDegreesOfFreedomHasNaNGradient()
    {
        var x = Of([2.0]).RequireGrad();
        x.Var(0, ddof: 1).Backward();
        Assert.True(double.IsNaN(x.Grad!.ToArray()[0]));
    }

    [Fact]
    public void LogSumExpGradientIsSoftmaxAndMatchesFiniteDifferences()
    {
        var x = Randn(6, 3, 4, 5);
        GradCheck.Check(v => v[0].LogSumExp(), [x]);
        GradCheck.Check(v => v[0].LogSumExp(-1), [x]);
        GradCheck.Check(v => v[0].LogSumExp(0, keepDims: true), [x]);     // outer-axis path
        GradCheck.Check(v => v[0].LogSumExp([0, 2]), [x]);
        GradCheck.Check(v => v[0].LogSumExp(1), [x.Permute(2, 0, 1)]);
        var r = Of([1, 2, 3]).RequireGrad();
        r.LogSumExp().Backward();
        TensorAssert.Close(Of([1, 2, 3]).Softmax(), r.Grad!, Tolerance.GradCheck);
    }

    [Fact]
    public void LogSumExpSecondOrder()
    {
        GradCheck.CheckSecondOrder(v => v[0].LogSumExp(1), [Randn(7, 3, 4)]);
        GradCheck.CheckSecondOrder(v => v[0].LogSumExp([0, 1], keepDims: true), [Randn(8, 2, 3)]);
    }

    [Fact]
    public void LargeLogSumExpDoesNotOverflowInBackward()
    {
        // exp(x − y) with y = 1000 + log 2 stays finite (exp(x) alone would overflow); the rounding of y is ~1e-13.
        var x = Of([1000, 1000]).RequireGrad();
        x.LogSumExp().Backward();
        TensorAssert.Close(Of([0.5, 0.5]), x.Grad!, Tolerance.GradCheck);
    }
}
