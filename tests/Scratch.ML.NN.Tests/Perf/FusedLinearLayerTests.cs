using Scratch.ML.NN;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Perf;

/// <summary>
/// The <see cref="Linear{T}"/> layer runs the fused <c>Tensor.Linear</c>: its outputs and parameter gradients must equal
/// the composite <c>x·Wᵀ + b</c> built from MatMul and Add, over several training steps of a small ReLU MLP.
/// </summary>
public class FusedLinearLayerTests
{
    private sealed class ReluLayer : Layer<double>
    {
        public override Tensor<double> Forward(Tensor<double> input) => input.Relu();
    }

    private static Tensor<double> Composite(Linear<double> l, Tensor<double> x) => x.MatMul(l.Weight.Value.MT) + l.Bias!.Value;

    [Fact]
    public void MlpGradientsEqualCompositeOpsOverSeveralSteps()
    {
        var g = new Generator(5);
        var l1 = new Linear<double>(6, 16, generator: g);
        var l2 = new Linear<double>(16, 3, generator: g);
        var net = new Sequential<double>(l1, new ReluLayer(), l2);
        var x = Tensor.Uniform<double>(-1, 1, g, 8, 6);
        for (int step = 0; step < 3; step++)
        {
            net.ZeroGrad(setToNone: step % 2 == 0);
            var y = net.Call(x);
            var loss = (y * y).Mean();
            loss.Backward();

            // The same function from the composite ops, differentiated with Autograd.Grad.
            var p = new[] { l1.Weight.Value, l1.Bias!.Value, l2.Weight.Value, l2.Bias!.Value };
            var yc = Composite(l2, Composite(l1, x).Relu());
            TensorAssert.Close(yc.Detach(), y.Detach(), Tolerance.Float64Gemm);
            var grads = Autograd.Grad([(yc * yc).Mean()], p);
            var ours = new[] { l1.Weight.Grad!, l1.Bias.Grad!, l2.Weight.Grad!, l2.Bias.Grad! };
            for (int i = 0; i < p.Length; i++) TensorAssert.Close(grads[i]!, ours[i], Tolerance.Float64Gemm);

            using (Autograd.NoGrad())
                foreach (var q in net.Parameters()) q.Value.SubInPlace(q.Grad! * 0.1);
        }
    }

    [Fact]
    public void InputGradientOfBatchedInputEqualsComposite()
    {
        var g = new Generator(6);
        var l = new Linear<double>(4, 5, generator: g);
        var x = Tensor.Uniform<double>(-1, 1, g, 2, 3, 4).RequireGrad();
        var y = l.Call(x);
        Assert.Equal([2, 3, 5], y.ShapeArray());
        var gx = Autograd.Grad([y.Square().Sum()], [x])[0]!;
        var xc = x.Detach().RequireGrad();
        var gxc = Autograd.Grad([Composite(l, xc).Square().Sum()], [xc])[0]!;
        TensorAssert.Close(gxc, gx, Tolerance.Float64Gemm);
    }

    [Fact]
    public void WithoutBiasHasNoBiasGradient()
    {
        var g = new Generator(7);
        var l = new Linear<double>(3, 2, bias: false, generator: g);
        var x = Tensor.Uniform<double>(-1, 1, g, 4, 3);
        l.Call(x).Sum().Backward();
        Assert.Null(l.Bias);
        TensorAssert.Close(x.Sum(0).Unsqueeze(0).Expand(2, 3).Contiguous(), l.Weight.Grad!, Tolerance.Float64Reduction);
    }
}
