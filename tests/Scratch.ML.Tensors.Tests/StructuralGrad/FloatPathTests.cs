using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.StructuralGrad.Inputs;

namespace Scratch.ML.Tests.StructuralGrad;

/// <summary>
/// The float32 backward paths (the VJPs dispatch on the element type): each op's float gradient equals the float64
/// gradient rounded, and non-float tensors pass through the ops without recording.
/// </summary>
public class FloatPathTests
{
    // Short sums of unit-scale float32 values (≤ 16 terms) and one exp/log: a few ulp, well inside 1e-5.
    private static readonly Tolerance FloatVsDouble = Tolerance.Float32Reduction;

    private static void SameGradient(Func<Tensor<float>, Tensor<float>> f32, Func<Tensor<double>, Tensor<double>> f64, Tensor<double> x)
    {
        var xd = x.Detach().RequireGrad();
        f64(xd).Sum().Backward();
        var xf = x.Cast<float>().RequireGrad();
        f32(xf).Sum().Backward();
        TensorAssert.Close(xd.Grad!.Cast<float>(), xf.Grad!, FloatVsDouble);
    }

    [Fact]
    public void FloatGradientsMatchDouble()
    {
        var x = Rand(1, 3, 4);
        var ix = Tensor.FromArray(new long[,] { { 0, 2, 2, 1 }, { 2, 2, 0, 0 } });
        var w = Rand(2, 3, 4);
        var wf = w.Cast<float>();
        SameGradient(v => v.Gather(0, ix) * wf.Narrow(0, 0, 2), v => v.Gather(0, ix) * w.Narrow(0, 0, 2), x);
        SameGradient(v => v.IndexSelect(1, ix.Select(0, 0)) * wf, v => v.IndexSelect(1, ix.Select(0, 0)) * w, x);
        SameGradient(v => v.Sort(-1, descending: true) * wf, v => v.Sort(-1, descending: true) * w, x);
        SameGradient(v => v.CumProd(1) * wf, v => v.CumProd(1) * w, x);
        SameGradient(v => v.LogCumSumExp(0) * wf, v => v.LogCumSumExp(0) * w, x);
        SameGradient(v => v.Pad([1, 2], PadMode.Reflect).Square(), v => v.Pad([1, 2], PadMode.Reflect).Square(), x);
        SameGradient(v => Tensor.Einsum("ij,ij->j", v, wf), v => Tensor.Einsum("ij,ij->j", v, w), x);
        SameGradient(v => Tensor.Zeros<float>(3, 4).Scatter(0, ix, v) * wf, v => Tensor.Zeros<double>(3, 4).Scatter(0, ix, v) * w, x);
        var zeros = Tensor.FromArray([1.5, 0.0, -2.0, 0.5], 4);
        SameGradient(v => v.CumProd(0), v => v.CumProd(0), zeros);
    }

    [Fact]
    public void IntegerTensorsAreNotRecorded()
    {
        var x = Tensor.FromArray(new long[] { 3, 1, 2 }, 3);
        Assert.Null(x.Gather(0, Tensor.FromArray(new long[] { 2, 2 }, 2)).GradFn);
        Assert.Equal([3L, 4L, 6L], x.CumSum(0).ToArray());
        Assert.Equal([1L, 2L, 3L], x.Sort().ToArray());
    }

    [Fact]
    public void NoGradScopeRecordsNothing()
    {
        var x = Rand(3, 2, 3).RequireGrad();
        using (Autograd.NoGrad())
        {
            Assert.Null(Tensor.Concat([x, x], 0).GradFn);
            Assert.Null(x.Pad([1, 1], PadMode.Circular).GradFn);
            Assert.Null(Tensor.Einsum("ij->j", x).GradFn);
            Assert.Null(x.CumSum(1).GradFn);
        }
    }

    [Fact]
    public void InPlaceWritesIntoTensorsThatRequireGradAreRefused()
    {
        var x = Rand(4, 2, 3).RequireGrad();
        var ix = Tensor.FromArray(new long[,] { { 0, 1, 0 } });
        Assert.Throws<InvalidOperationException>(() => x.ScatterInPlace(0, ix, Rand(5, 1, 3)));
        Assert.Throws<InvalidOperationException>(() => x.ScatterAddInPlace(0, ix, Rand(5, 1, 3)));
        Assert.Throws<InvalidOperationException>(() => x.MaskedFillInPlace(Tensor.FromArray([true, false, true], 3), 0.0));
        Assert.Throws<InvalidOperationException>(() => x.IndexPutInPlace([Tensor.FromArray(new long[] { 1 }, 1)], Rand(6, 3)));
        using (Autograd.NoGrad()) x.ScatterAddInPlace(0, ix, Tensor.Ones<double>(1, 3));
    }
}
