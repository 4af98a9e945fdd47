using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.AutogradPerf;

/// <summary>
/// The fused <c>Tensor.Linear</c> (addmm forward, one backward node) against the composite <c>x.MatMul(W.MT) + b</c>
/// it replaces: same values, same three gradients, gradients of gradients, and the leaf accumulator's adoption of
/// the fresh weight/bias gradients never aliasing two Grads.
/// </summary>
public class FusedLinearOpTests
{
    private static Tensor<double> Rand(int seed, params int[] shape)
    {
        var rng = new System.Random(seed);
        var d = new double[Shapes.Numel(shape)];
        for (int i = 0; i < d.Length; i++) d[i] = rng.NextDouble() * 2 - 1;
        return Tensor.FromArray(d, shape);
    }

    private static Tensor<float> RandF(int seed, params int[] shape)
    {
        var rng = new System.Random(seed);
        var d = new float[Shapes.Numel(shape)];
        for (int i = 0; i < d.Length; i++) d[i] = (float)(rng.NextDouble() * 2 - 1);
        return Tensor.FromArray(d, shape);
    }

    [Theory]
    [InlineData(new[] { 5, 7 }, 3, true)]
    [InlineData(new[] { 5, 7 }, 3, false)]
    [InlineData(new[] { 2, 4, 7 }, 6, true)]
    [InlineData(new[] { 7 }, 4, true)]
    [InlineData(new[] { 33, 70 }, 40, true)]
    public void ValuesAndGradientsEqualMatMulPlusBias(int[] xShape, int outF, bool withBias)
    {
        int inF = xShape[^1];
        var x = Rand(1, xShape);
        var w = Rand(2, outF, inF);
        var b = Rand(3, outF);
        var gy = Rand(4, [.. xShape[..^1], outF]);

        var (x1, w1, b1) = (x.Clone().RequireGrad(), w.Clone().RequireGrad(), b.Clone().RequireGrad());
        var fused = x1.Linear(w1, withBias ? b1 : null);
        fused.Backward(gy);

        var (x2, w2, b2) = (x.Clone().RequireGrad(), w.Clone().RequireGrad(), b.Clone().RequireGrad());
        var composite = x2.MatMul(w2.MT);
        if (withBias) composite = composite + b2;
        composite.Backward(gy);

        Assert.Equal("LinearBackward", fused.GradFn!.Name);
        TensorAssert.Close(composite.Detach(), fused.Detach(), Tolerance.Float64Gemm);
        TensorAssert.Close(x2.Grad!, x1.Grad!, Tolerance.Float64Gemm);
        TensorAssert.Close(w2.Grad!, w1.Grad!, Tolerance.Float64Gemm);
        if (withBias) TensorAssert.Close(b2.Grad!, b1.Grad!, Tolerance.Float64Gemm);
        else Assert.Null(b1.Grad);
    }

    [Fact]
    public void Float32MatchesCompositeWithinGemmTolerance()
    {
        var x = RandF(5, 16, 40).RequireGrad();
        var w = RandF(6, 24, 40).RequireGrad();
        var b = RandF(7, 24).RequireGrad();
        var y = x.Linear(w, b);
        var reference = x.Detach().MatMul(w.Detach().MT) + b.Detach();
        TensorAssert.Close(reference, y.Detach(), Tolerance.Float32Gemm);
        y.Sum().Backward();
        // ∂/∂b of Σy = number of rows; ∂/∂W = column sums of x broadcast over out rows.
        TensorAssert.Close(Tensor.Full(16f, 24), b.Grad!, Tolerance.Float32Reduction);
        TensorAssert.Close(x.Detach().Sum(0).Unsqueeze(0).Expand(24, 40).Contiguous(), w.Grad!, Tolerance.Float32Reduction);
    }

    [Fact]
    public void StridedInputAndWeightAreReadThroughTheirStrides()
    {
        // x and W as transposed views (no contiguous copy is made by the caller).
        var xs = Rand(40, 7, 5);                  // x = xsᵀ: (5, 7)
        var ws = Rand(41, 7, 3);                  // W = wsᵀ: (3, 7)
        var b = Rand(42, 3);
        var x = xs.MT;
        var w = ws.MT;
        var expected = x.Contiguous().MatMul(w.Contiguous().MT) + b;
        TensorAssert.Close(expected, x.Linear(w, b), Tolerance.Float64Gemm);
        GradCheck.Check(t => t[0].MT.Linear(t[1].MT, t[2]), [xs, ws, b]);
    }

    [Fact]
    public void GradCheckFirstAndSecondOrder()
    {
        GradCheck.Check(t => t[0].Linear(t[1], t[2]), [Rand(8, 3, 4), Rand(9, 5, 4), Rand(10, 5)]);
        GradCheck.Check(t => t[0].Linear(t[1]), [Rand(11, 2, 3, 4), Rand(12, 2, 4)]);
        // Second order through a nonlinearity of the output (the fused VJP is itself built from differentiable ops).
        GradCheck.CheckSecondOrder(t => t[0].Linear(t[1], t[2]).Tanh(), [Rand(13, 3, 4), Rand(14, 2, 4), Rand(15, 2)]);
    }

    [Fact]
    public void RepeatedBackwardAccumulatesIntoAdoptedGradient()
    {
        var x = Rand(16, 4, 3);
        var w = Rand(17, 2, 3).RequireGrad();
        var b = Rand(18, 2).RequireGrad();
        x.Linear(w, b).Sum().Backward();
        var once = w.Grad!.Clone();
        var onceB = b.Grad!.Clone();
        x.Linear(w, b).Sum().Backward();
        TensorAssert.Close(once * 2.0, w.Grad!, Tolerance.Float64Kernel);
        TensorAssert.Close(onceB * 2.0, b.Grad!, Tolerance.Float64Kernel);
    }

    [Fact]
    public void GradientPassedThroughToTwoLeavesIsNotShared()
    {
        // W = A + B: AddBackward hands the same fresh gW to both leaves; each must get its own buffer.
        var a = Rand(19, 2, 3).RequireGrad();
        var c = Rand(20, 2, 3).RequireGrad();
        var x = Rand(21, 4, 3);
        x.Linear(a + c).Sum().Backward();
        Assert.NotSame(a.Grad!.Storage, c.Grad!.Storage);
        TensorAssert.Close(a.Grad!, c.Grad!, Tolerance.Exact);
        var before = c.Grad!.Clone();
        a.Grad!.AsSpan().Fill(7);
        TensorAssert.Close(before, c.Grad!, Tolerance.Exact);
    }

    [Fact]
    public void CallerGradientIsNeverAdoptedAsGrad()
    {
        // y = w (a leaf through a reshape view): the root gradient the caller passes must be copied, not adopted.
        var w = Rand(22, 2, 3).RequireGrad();
        var g = Rand(23, 6);
        w.Reshape(6).Backward(g);
        Assert.NotSame(g.Storage, w.Grad!.Storage);
    }

    [Fact]
    public void AutogradGradReturnsFreshTensorsThatStayIndependent()
    {
        var x = Rand(24, 4, 3);
        var w = Rand(25, 2, 3).RequireGrad();
        var y = x.Linear(w).Sum();
        var g = Autograd.Grad([y], [w])[0]!;
        Assert.Null(w.Grad);
        TensorAssert.Close(x.Sum(0).Unsqueeze(0).Expand(2, 3).Contiguous(), g, Tolerance.Float64Reduction);
    }

    [Fact]
    public void BadShapesNameBothOperands()
    {
        var x = Rand(26, 4, 3);
        var ex = Assert.Throws<ArgumentException>(() => x.Linear(Rand(27, 2, 5)));
        Assert.Contains("(2, 5)", ex.Message);
        Assert.Contains("(4, 3)", ex.Message);
        Assert.Throws<ArgumentException>(() => x.Linear(Rand(28, 2, 3), Rand(29, 3)));
        Assert.Throws<ArgumentException>(() => x.Linear(Rand(30, 6)));
        Assert.Throws<ArgumentException>(() => Tensor.Scalar(1.0).Linear(Rand(31, 2, 1)));
    }
}
