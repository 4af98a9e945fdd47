using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.StructuralGrad.Inputs;

namespace Scratch.ML.Tests.StructuralGrad;

/// <summary>Gradient checks of the cumulative ops, including zeros in cumprod and a large-range logcumsumexp.</summary>
public class ScanGradTests
{
    [Fact]
    public void CumSumGradientIsTheReverseCumSum()
    {
        GradCheck.Check(x => x[0].CumSum(-1), [Rand(1, 3, 4)]);
        GradCheck.Check(x => x[0].CumSum(0), [Transposed(2, 4, 3)]);
        // The slab-by-slab path (outer axis, inner slab ≥ 64 elements).
        GradCheck.Check(x => x[0].CumSum(0), [Rand(3, 3, 70)]);
        GradCheck.Check(x => x[0].CumSum(0), [Tensor.Scalar(0.5)]);
        var v = Tensor.FromArray([1.0, 2.0, 3.0], 3).RequireGrad();
        v.CumSum(0).Sum().Backward();
        Assert.Equal([3.0, 2.0, 1.0], v.Grad!.ToArray());
    }

    [Fact]
    public void CumSumSecondOrder()
        => GradCheck.CheckSecondOrder(x => (x[0] * x[0]).CumSum(1).Exp(), [Rand(4, 2, 4)]);

    [Fact]
    public void CumProdGradientWithoutZeros()
    {
        GradCheck.Check(x => x[0].CumProd(-1), [Rand(5, 3, 4)]);
        GradCheck.Check(x => x[0].CumProd(0), [Transposed(6, 4, 2)]);
        GradCheck.CheckSecondOrder(x => x[0].CumProd(1), [Rand(7, 2, 4)]);
    }

    [Fact]
    public void CumProdGradientIsExactAtZeros()
    {
        // One zero, two zeros in a row, a zero first and a zero last: the division-free recurrence is exact.
        var x = Tensor.FromArray(new[,] { { 0.5, 0.0, 2.0, -1.5 }, { 0.0, 0.7, 0.0, 1.2 }, { 1.1, 0.9, -0.8, 0.0 } });
        GradCheck.Check(v => v[0].CumProd(1), [x]);
        GradCheck.Check(v => v[0].CumProd(0), [x]);
        GradCheck.CheckSecondOrder(v => v[0].CumProd(1), [x]);
        // By hand: y = [a, ab, abc] at (a, b, c) = (2, 0, 3): ∂Σy/∂a = 1 + b + bc = 1, ∂/∂b = a + ac = 8, ∂/∂c = ab = 0.
        var w = Tensor.FromArray([2.0, 0.0, 3.0], 3).RequireGrad();
        w.CumProd(0).Sum().Backward();
        Assert.Equal([1.0, 8.0, 0.0], w.Grad!.ToArray());
    }

    [Fact]
    public void LogCumSumExpGradient()
    {
        GradCheck.Check(x => x[0].LogCumSumExp(-1), [Rand(8, 3, 5)]);
        GradCheck.Check(x => x[0].LogCumSumExp(0), [Transposed(9, 4, 3)]);
        GradCheck.CheckSecondOrder(x => x[0].LogCumSumExp(1), [Rand(10, 2, 4)]);
    }

    [Fact]
    public void LogCumSumExpGradientOverAHugeRangeUsesTheMaskedForm()
    {
        // The row spans 700 in log space: exp(c − y) would overflow, so the masked (n × n) form runs.
        var x = Tensor.FromArray([-400.0, -399.5, 0.0, 300.0, 300.2], 1, 5);
        GradCheck.Check(v => v[0].LogCumSumExp(1), [x]);
        GradCheck.CheckSecondOrder(v => v[0].LogCumSumExp(1), [x]);
        var g = x.Detach().RequireGrad();
        g.LogCumSumExp(1).Sum().Backward();
        foreach (var d in g.Grad!.ToArray()) Assert.True(double.IsFinite(d));
        // The float path agrees with the double one.
        var f = x.Cast<float>().RequireGrad();
        f.LogCumSumExp(1).Sum().Backward();
        TensorAssert.Close(g.Grad!.Cast<float>(), f.Grad!, Tolerance.Float32VsTorch);
    }
}
