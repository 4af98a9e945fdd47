using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Differentiation;

public class AutogradCoreTests
{
    private static Tensor<double> Rand(ulong seed, params int[] shape)
    {
        var rng = new System.Random((int)seed);
        var d = new double[Shapes.Numel(shape)];
        for (int i = 0; i < d.Length; i++) d[i] = rng.NextDouble() * 2 - 1;
        return Tensor.FromArray(d, shape);
    }

    [Fact]
    public void ScalarChainRuleMatchesHandDerivative()
    {
        // y = exp(a·b) + a/b at a = 0.5, b = 2: ∂y/∂a = b·e^{ab} + 1/b, ∂y/∂b = a·e^{ab} − a/b².
        var a = Tensor.Scalar(0.5).RequireGrad();
        var b = Tensor.Scalar(2.0).RequireGrad();
        var y = (a * b).Exp() + a / b;
        y.Backward();
        Assert.Equal(2 * Math.Exp(1) + 0.5, a.Grad!.ToScalar(), 12);
        Assert.Equal(0.5 * Math.Exp(1) - 0.5 / 4, b.Grad!.ToScalar(), 12);
        Assert.Equal("AddBackward", y.GradFn!.Name);
        Assert.True(a.IsLeaf);
        Assert.False(y.IsLeaf);
    }

    [Fact]
    public void BroadcastGradientsAreSummedBackToInputShape()
    {
        GradCheck.Check(x => x[0] * x[1] + x[0] / (x[1] * x[1] + 2.0), [Rand(1, 3, 4), Rand(2, 4)]);
        GradCheck.Check(x => (x[0] - x[1]).Sum(0), [Rand(3, 2, 1, 3), Rand(4, 5, 1)]);
    }

    [Fact]
    public void MatMulGradientsCoverAllRankCases()
    {
        GradCheck.Check(x => x[0].MatMul(x[1]), [Rand(1, 3, 4), Rand(2, 4, 5)]);
        GradCheck.Check(x => x[0].MatMul(x[1]), [Rand(1, 4), Rand(2, 4)]);
        GradCheck.Check(x => x[0].MatMul(x[1]), [Rand(1, 4), Rand(2, 4, 2)]);
        GradCheck.Check(x => x[0].MatMul(x[1]), [Rand(1, 3, 4), Rand(2, 4)]);
        GradCheck.Check(x => x[0].MatMul(x[1]), [Rand(1, 2, 1, 3, 4), Rand(2, 3, 4, 2)]);
        GradCheck.Check(x => x[0].MatMul(x[1].MT), [Rand(1, 3, 4), Rand(2, 5, 4)]);
    }

    [Fact]
    public void ViewsAndReductionsHaveGradients()
    {
        var x = Rand(5, 3, 4, 2);
        GradCheck.Check(v => v[0].Reshape(4, 6).Permute(1, 0).Sum(1), [x]);
        GradCheck.Check(v => v[0].Slice(1, 3, 0, -2).Mean(), [x]);
        GradCheck.Check(v => v[0][TensorIndex.Ellipsis, 1] * 2.0, [x]);
        GradCheck.Check(v => v[0].Select(0, 1).Diagonal(), [x]);
        GradCheck.Check(v => v[0].Unsqueeze(1).Expand(3, 5, 4, 2).Mean([0, 1]), [x]);
        GradCheck.Check(v => v[0].Transpose(0, 2).Flatten().Narrow(0, 2, 7), [x]);
        GradCheck.Check(v => v[0].Transpose(0, 1).Contiguous() * v[0].Clone().Transpose(0, 1), [x]);
    }

    [Fact]
    public void SoftmaxAndActivationsHaveGradients()
    {
        var x = Rand(6, 3, 5);
        GradCheck.Check(v => v[0].Softmax(), [x]);
        GradCheck.Check(v => v[0].Softmax(0), [x]);
        GradCheck.Check(v => v[0].LogSoftmax(), [x]);
        GradCheck.Check(v => v[0].LogSoftmax(0), [x]);
        GradCheck.Check(v => v[0].Tanh() + v[0].Sigmoid() + v[0].Relu(), [x]);
        GradCheck.Check(v => (v[0] * v[0] + 1.0).Log(), [x]);
    }

    [Fact]
    public void SecondOrderGradientsMatchFiniteDifferences()
    {
        GradCheck.CheckSecondOrder(v => (v[0].MatMul(v[1])).Tanh().Sum(1), [Rand(1, 3, 4), Rand(2, 4, 2)]);
        GradCheck.CheckSecondOrder(v => v[0].Exp().Softmax() * v[0], [Rand(3, 2, 3)]);
    }

    [Fact]
    public void GradientPenaltyCanBeBackpropagated()
    {
        // d/dx of ‖∂(x³)/∂x‖² = Σ (3x²)² → 36 x³.
        var x = Tensor.FromArray([1.0, -2.0, 0.5], 3).RequireGrad();
        var y = (x * x * x).Sum();
        var g = Autograd.Grad([y], [x], createGraph: true)[0]!;
        (g * g).Sum().Backward();
        TensorAssert.Close(Tensor.FromArray([36.0, 36 * -8.0, 36 * 0.125], 3), x.Grad!, Tolerance.Float64Kernel);
    }

    [Fact]
    public void GradientsAccumulateAcrossBackwardCalls()
    {
        var w = Tensor.FromArray([1.0, 2.0], 2).RequireGrad();
        (w * 3.0).Sum().Backward();
        (w * 3.0).Sum().Backward();
        TensorAssert.Close(Tensor.FromArray([6.0, 6.0], 2), w.Grad!, Tolerance.Exact);
        w.Grad = null;
        (w * w).Sum().Backward();
        TensorAssert.Close(Tensor.FromArray([2.0, 4.0], 2), w.Grad!, Tolerance.Exact);
    }

    [Fact]
    public void NoGradScopeStopsRecordingAndRestores()
    {
        var w = Tensor.FromArray([1.0, 2.0], 2).RequireGrad();
        Tensor<double> y;
        using (Autograd.NoGrad())
        {
            Assert.False(Autograd.IsEnabled);
            y = w * 2.0;
            using (Autograd.EnableGrad()) Assert.True((w * 2.0).RequiresGrad);
        }
        Assert.True(Autograd.IsEnabled);
        Assert.False(y.RequiresGrad);
        Assert.Null(y.GradFn);
    }

    [Fact]
    public async Task NoGradIsScopedToItsAsyncFlow()
    {
        var w = Tensor.FromArray([1.0], 1).RequireGrad();
        var gate = new TaskCompletionSource();
        var other = Task.Run(async () => { await gate.Task; return (w * 2.0).RequiresGrad; });
        using (Autograd.NoGrad())
        {
            gate.SetResult();
            Assert.True(await other);
            Assert.False((w * 2.0).RequiresGrad);
        }
    }

    [Fact]
    public void SecondBackwardWithoutRetainGraphFailsClearly()
    {
        var x = Tensor.FromArray([1.0, 2.0], 2).RequireGrad();
        var y = (x.Exp() * x).Sum();
        y.Backward(retainGraph: true);
        y.Backward();
        TensorAssert.Close((x.Detach().Exp() * (x.Detach() + 1.0)) * 2.0, x.Grad!, Tolerance.Float64Kernel);
        var ex = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("second time", ex.Message);
    }

    [Fact]
    public void BadUsesGiveClearErrors()
    {
        var x = Tensor.FromArray([1.0, 2.0], 2).RequireGrad();
        Assert.Contains("one-element", Assert.Throws<ArgumentException>(() => (x * 2.0).Backward()).Message);
        Assert.Contains("does not require a gradient", Assert.Throws<InvalidOperationException>(() => Tensor.FromArray([1.0], 1).Backward()).Message);
        Assert.Contains("in place", Assert.Throws<InvalidOperationException>(() => x.MulInPlace(2.0)).Message);
        Assert.Contains("floating-point", Assert.Throws<InvalidOperationException>(() => Tensor.FromArray([1, 2], 2).RequiresGrad = true).Message);
        Assert.Throws<InvalidOperationException>(() => (x * 2.0).RequiresGrad = false);
        Assert.Contains("shape", Assert.Throws<ArgumentException>(() => (x * 2.0).Backward(Tensor.FromArray([1.0], 1))).Message);
        using (Autograd.NoGrad()) x.MulInPlace(1.0); // allowed without recording
    }

    [Fact]
    public void DetachAndRetainGrad()
    {
        var x = Tensor.FromArray([1.0, 2.0], 2).RequireGrad();
        var h = (x * 3.0).RetainGrad();
        var d = h.Detach();
        Assert.False(d.RequiresGrad);
        (h * h).Sum().Backward();
        TensorAssert.Close(h.Detach() * 2.0, h.Grad!, Tolerance.Exact);
        TensorAssert.Close(h.Detach() * 6.0, x.Grad!, Tolerance.Exact);
    }

    [Fact]
    public void UserDefinedFunctionParticipatesInTheGraph()
    {
        // A custom cube with a hand-written backward, checked numerically.
        static Tensor<double> Cube(Tensor<double> x) => Autograd.Function("cube", [x],
            xs => xs[0] * xs[0] * xs[0],
            (g, n) => [g * n.Input(0) * n.Input(0) * 3.0]);
        GradCheck.Check(v => Cube(v[0]), [Rand(9, 4)]);
        GradCheck.CheckSecondOrder(v => Cube(v[0]), [Rand(9, 4)]);
        var x = Tensor.FromArray([2.0], 1).RequireGrad();
        Assert.Equal("CubeBackward", Cube(x).GradFn!.Name);
    }

    [Fact]
    public void GradOfIntermediateTensorsAndUnusedInputs()
    {
        var x = Tensor.FromArray([1.0, 2.0], 2).RequireGrad();
        var z = Tensor.FromArray([5.0], 1).RequireGrad();
        var h = x * 2.0;
        var y = (h * h).Sum();
        var grads = Autograd.Grad([y], [h, x, z], retainGraph: true, allowUnused: true);
        TensorAssert.Close(Tensor.FromArray([4.0, 8.0], 2), grads[0]!, Tolerance.Exact);
        TensorAssert.Close(Tensor.FromArray([8.0, 16.0], 2), grads[1]!, Tolerance.Exact);
        Assert.Null(grads[2]);
        Assert.Null(x.Grad); // Grad() returns gradients instead of accumulating
        Assert.Throws<InvalidOperationException>(() => Autograd.Grad([y], [z]));
    }

    [Fact]
    public void FloatGradientsWork()
    {
        var w = Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2).RequireGrad();
        var x = Tensor.FromArray([1f, -1f], 1, 2);
        var loss = x.MatMul(w).Relu().Sum();
        loss.Backward();
        // x·w = [1−3, 2−4] = [−2, −2] → relu kills both.
        TensorAssert.Close(Tensor.Zeros<float>(2, 2), w.Grad!, Tolerance.Exact);
    }
}
