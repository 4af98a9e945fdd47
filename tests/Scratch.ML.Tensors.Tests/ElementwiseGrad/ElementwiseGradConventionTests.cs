using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.ElementwiseGrad;

/// <summary>
/// Gradients at the points finite differences cannot check — kinks, ties, bounds, zeros of pow — against PyTorch's
/// conventions (values derived from torch/csrc/autograd/FunctionsManual.cpp and derivatives.yaml, PyTorch 1.13), and
/// the gradients of casts.
/// </summary>
public class ElementwiseGradConventionTests
{
    private static Tensor<double> T(params double[] v) => Tensor.FromArray(v, v.Length);

    /// <summary>∂(Σ y)/∂x for each input.</summary>
    private static Tensor<double>?[] Grads(Tensor<double> y, params Tensor<double>[] xs) => Autograd.Grad([y.Sum()], xs, allowUnused: true);

    [Theory]
    [InlineData("floor")]
    [InlineData("ceil")]
    [InlineData("round")]
    [InlineData("trunc")]
    [InlineData("sign")]
    public void PiecewiseConstantOpsHaveZeroGradient(string name)
    {
        var x = T(-1.5, -0.5, 0.0, 0.4, 2.5).RequireGrad();
        Tensor<double> Op() => name switch
        {
            "floor" => x.Floor(),
            "ceil" => x.Ceil(),
            "round" => x.Round(),
            "trunc" => x.Trunc(),
            _ => x.Sign(),
        };
        var y = Op();
        Assert.True(y.RequiresGrad);
        Assert.Equal(char.ToUpperInvariant(name[0]) + name[1..] + "Backward", y.GradFn!.Name);
        TensorAssert.Close(T(0, 0, 0, 0, 0), Grads(y, x)[0]!, Tolerance.Exact);
        // Through a product the constant factor still carries: ∂(Σ y·x)/∂x = y.
        var y2 = Op();
        TensorAssert.Close(y2.Detach(), Grads(y2 * x, x)[0]!, Tolerance.Exact);
    }

    [Fact]
    public void MaximumAndMinimumSplitTiesHalfAndHalf()
    {
        // −0 and +0 tie (they compare equal), as in PyTorch; a NaN operand passes the gradient to both sides.
        var a = T(1, 2, 3, -0.0, double.NaN).RequireGrad();
        var b = T(1, 0, 5, 0.0, 1).RequireGrad();
        var g = Grads(a.Maximum(b), a, b);
        TensorAssert.Close(T(0.5, 1, 0, 0.5, 1), g[0]!, Tolerance.Exact);
        TensorAssert.Close(T(0.5, 0, 1, 0.5, 1), g[1]!, Tolerance.Exact);
        g = Grads(a.Minimum(b), a, b);
        TensorAssert.Close(T(0.5, 0, 1, 0.5, 1), g[0]!, Tolerance.Exact);
        TensorAssert.Close(T(0.5, 1, 0, 0.5, 1), g[1]!, Tolerance.Exact);

        var x = T(1, 2, 0).RequireGrad();
        TensorAssert.Close(T(0.5, 1, 0), Grads(x.Maximum(1.0), x)[0]!, Tolerance.Exact);
        TensorAssert.Close(T(0.5, 0, 1), Grads(x.Minimum(1.0), x)[0]!, Tolerance.Exact);
    }

    [Fact]
    public void MaximumTieGradientsSumOverBroadcastAxes()
    {
        // a: (2, 1) against b: (3,): a[0] = 1 ties once and wins twice → 2.5; b[0] = 1 ties with a[0] and loses to 2.
        var a = Tensor.FromArray([1.0, 2.0], 2, 1).RequireGrad();
        var b = T(1, 0, 5).RequireGrad();
        var g = Grads(a.Maximum(b), a, b);
        TensorAssert.Close(Tensor.FromArray([1.5, 2.0], 2, 1), g[0]!, Tolerance.Exact);
        TensorAssert.Close(T(0.5, 0, 2), g[1]!, Tolerance.Exact);
    }

    [Fact]
    public void ClampPassesTheGradientAtItsBounds()
    {
        var x = T(-0.5, 0.7, 0.0, 1.0, -1.0, double.NaN).RequireGrad();
        TensorAssert.Close(T(1, 1, 1, 0, 0, 0), Grads(x.Clamp(-0.5, 0.7), x)[0]!, Tolerance.Exact);
        var z = T(0.3, 0.2, 0.5).RequireGrad();
        TensorAssert.Close(T(1, 0, 1), Grads(z.ClampMin(0.3), z)[0]!, Tolerance.Exact);
        TensorAssert.Close(T(1, 1, 0), Grads(z.ClampMax(0.3), z)[0]!, Tolerance.Exact);
    }

    [Fact]
    public void AbsAndCopySignUseZeroAtZero()
    {
        var x = T(-2, 0, 3).RequireGrad();
        TensorAssert.Close(T(-1, 0, 1), Grads(x.Abs(), x)[0]!, Tolerance.Exact);

        var a = T(0, 1.5, -2, 4).RequireGrad();
        var b = T(-1, -1, 3, -0.0).RequireGrad();
        var g = Grads(a.CopySign(b), a, b);
        TensorAssert.Close(T(0, -1, -1, -1), g[0]!, Tolerance.Exact);
        TensorAssert.Close(T(0, 0, 0, 0), g[1]!, Tolerance.Exact); // zeros, not "no gradient", as PyTorch
        // copysign(a, −0) = −|a|, so ∂(−y)/∂a = sign(a).
        TensorAssert.Close(T(0, 1, -1, 1), Grads(a.CopySign(-0.0) * -1.0, a)[0]!, Tolerance.Exact);
    }

    [Fact]
    public void PowFollowsPyTorchAtZero()
    {
        // ∂/∂a = 0 where b = 0 (even at a = 0, where b·a^(b−1) would be 0·∞); ∂/∂b = 0 where a = 0 and b ≥ 0.
        var a = T(0, 0, 2, 0).RequireGrad();
        var b = T(0, 2, 0, 0.5).RequireGrad();
        var g = Grads(a.Pow(b), a, b);
        TensorAssert.Close(T(0, 0, 0, double.PositiveInfinity), g[0]!, Tolerance.Exact);
        TensorAssert.Close(T(0, 0, Math.Log(2), 0), g[1]!, Tolerance.Float64Kernel);

        var x = T(0, 2).RequireGrad();
        TensorAssert.Close(T(0, 0), Grads(x.Pow(0.0), x)[0]!, Tolerance.Exact);
        TensorAssert.Close(T(0, 4), Grads(x.Pow(2.0), x)[0]!, Tolerance.Exact);

        var e = T(0, 1, 2).RequireGrad();
        TensorAssert.Close(T(0, 0, 0), Grads(Tensor.Pow(0.0, e), e)[0]!, Tolerance.Exact);
        TensorAssert.Close(T(Math.Log(2), 2 * Math.Log(2), 4 * Math.Log(2)), Grads(Tensor.Pow(2.0, e), e)[0]!, Tolerance.Float64Kernel);
    }

    [Fact]
    public void SoftplusIsLinearAboveTheThreshold()
    {
        var x = T(30, 0, -1).RequireGrad();
        TensorAssert.Close(T(1, 0.5, 1 / (1 + Math.E)), Grads(x.Softplus(), x)[0]!, Tolerance.Float64Kernel);
        var z = T(1, 0).RequireGrad(); // β·x = 2 > threshold 1 → 1; at 0, σ(0) = ½
        TensorAssert.Close(T(1, 0.5), Grads(z.Softplus(2, 1), z)[0]!, Tolerance.Float64Kernel);
    }

    [Fact]
    public void SqrtAndRsqrtAtZeroAreInfiniteLikePyTorch()
    {
        var x = T(0, 4).RequireGrad();
        TensorAssert.Close(T(double.PositiveInfinity, 0.25), Grads(x.Sqrt(), x)[0]!, Tolerance.Exact);
        TensorAssert.Close(T(double.NegativeInfinity, -1.0 / 16), Grads(x.Rsqrt(), x)[0]!, Tolerance.Exact);
    }

    [Fact]
    public void WhereRoutesTheGradientThroughTheCondition()
    {
        var cond = Tensor.FromArray([true, false, true], 3);
        var a = T(1, 2, 3).RequireGrad();
        var b = Tensor.Scalar(4.0).RequireGrad(); // broadcast: receives the sum over the false positions
        var y = Tensor.Where(cond, a, b);
        Assert.Equal("WhereBackward", y.GradFn!.Name);
        var g = Autograd.Grad([y], [a, b], [T(10, 20, 30)]);
        TensorAssert.Close(T(10, 0, 30), g[0]!, Tolerance.Exact);
        TensorAssert.Close(Tensor.Scalar(20.0), g[1]!, Tolerance.Exact);
        TensorAssert.Close(T(0, 20, 0), Autograd.Grad([Tensor.Where(cond, 0.0, a)], [a], [T(10, 20, 30)])[0]!, Tolerance.Exact);
        // The same tensor on both sides gets the whole gradient (the two halves accumulate).
        TensorAssert.Close(T(10, 20, 30), Autograd.Grad([Tensor.Where(cond, a, a)], [a], [T(10, 20, 30)])[0]!, Tolerance.Exact);
    }

    [Fact]
    public void FloatDoubleCastsPassTheGradientBackInTheInputType()
    {
        var x = T(0.5, -1.25).RequireGrad();
        var y = x.Cast<float>();
        Assert.Equal("CastBackward", y.GradFn!.Name);
        (y * 3f).Sum().Backward();
        TensorAssert.Close(T(3, 3), x.Grad!, Tolerance.Exact);

        var xf = Tensor.FromArray([0.5f, -1.25f], 2).RequireGrad();
        xf.Cast<double>().Square().Sum().Backward();
        TensorAssert.Close(Tensor.FromArray([1f, -2.5f], 2), xf.Grad!, Tolerance.Exact);

        // Second order through a double → float → double round trip: f = (x as float)², f′ = 2x, f″ = 2.
        var s = Tensor.Scalar(0.75).RequireGrad();
        var f = s.Cast<float>().Square().Cast<double>();
        var g1 = Autograd.Grad([f], [s], createGraph: true)[0]!;
        Assert.Equal(1.5, g1.ToScalar());
        Assert.Equal(2.0, Autograd.Grad([g1], [s])[0]!.ToScalar());
    }

    [Fact]
    public void IntegerCastsOfGradTensorsThrowClearly()
    {
        var x = T(0.5, -1.25).RequireGrad();
        var e = Assert.Throws<NotSupportedException>(() => x.Cast<int>());
        Assert.Contains("cast from Double to Int32", e.Message);
        Assert.Contains("not differentiable", e.Message);
        Assert.Throws<NotSupportedException>(() => x.Cast<long>());
        Assert.Throws<NotSupportedException>(() => x.Cast<byte>());
        Assert.Throws<NotSupportedException>(() => x.Cast<bool>());
        Assert.Throws<NotSupportedException>(() => Tensor.FromArray([1f], 1).RequireGrad().Cast<int>());

        // Without a gradient to lose, integer casts work as before.
        Assert.Equal([0, -1], x.Detach().Cast<int>().ToArray());
        using (Autograd.NoGrad()) Assert.Equal([0L, -1L], x.Cast<long>().ToArray());
        Assert.Equal([true, false], Tensor.FromArray([2.0, 0.0], 2).Cast<bool>().ToArray());
        var fromBool = Tensor.FromArray([true, false], 2).Cast<double>();
        Assert.False(fromBool.RequiresGrad);
        Assert.Equal([1.0, 0.0], fromBool.ToArray());
    }
}
