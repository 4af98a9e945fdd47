using Scratch.ML.NN;
using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.NN.Losses;

/// <summary>
/// End-to-end: a linear classifier / regressor trained with plain SGD through each training loss drives the loss of a
/// tiny separable batch towards its minimum — the gradients point the right way at the scale that matters.
/// </summary>
public class OverfitTinyBatchTests
{
    private static double Train(Linear<double> net, Func<Tensor<double>, Tensor<double>> loss, Tensor<double> x, int steps, double lr)
    {
        double last = double.NaN;
        for (int s = 0; s < steps; s++)
        {
            net.ZeroGrad();
            var l = LossChecks.ThrowIfNotFinite(loss(net.Call(x)), $"step {s}");
            last = l.ToScalar();
            l.Backward();
            using (Autograd.NoGrad())
                foreach (var p in net.Parameters())
                    p.Value.SubInPlace(p.Grad! * lr);
        }
        return last;
    }

    private static Tensor<double> Inputs() => Tensor.Normal<double>(0, 1, new Generator(7), 6, 8);

    [Fact]
    public void CrossEntropyFitsSixPoints()
    {
        var net = new Linear<double>(8, 3, generator: new Generator(1));
        var y = Tensor.FromArray(new long[] { 0, 1, 2, 0, 1, 2 }, 6);
        var ce = new CrossEntropyLoss<double>();
        double first = ce.Forward(net.Call(Inputs()), y).ToScalar();
        double final = Train(net, z => ce.Forward(z, y), Inputs(), 400, 1.0);
        Assert.True(final < 0.05 && final < first / 10, $"cross-entropy {first} → {final}");
        Assert.Equal(y.ToArray(), net.Call(Inputs()).ArgMax(1).ToArray());
    }

    [Fact]
    public void BceWithLogitsAndFocalFitSixPoints()
    {
        var t = Tensor.FromArray(new[] { 1.0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0 }, 6, 3);
        var bce = new BceWithLogitsLoss<double>();
        var net = new Linear<double>(8, 3, generator: new Generator(2));
        double b = Train(net, z => bce.Forward(z, t), Inputs(), 400, 1.0);
        Assert.True(b < 0.05, $"bce {b}");
        Assert.Equal(t.ToArray(), net.Call(Inputs()).Gt(0.0).Cast<double>().ToArray());
        var focal = new SigmoidFocalLoss<double>(reduction: Reduction.Mean);
        net = new Linear<double>(8, 3, generator: new Generator(3));
        double f = Train(net, z => focal.Forward(z, t), Inputs(), 400, 2.0);
        Assert.True(f < 0.01, $"focal {f}");
    }

    [Fact]
    public void MseAndHuberRecoverALinearMap()
    {
        var x = Inputs();
        var target = x.MatMul(Tensor.FromArray(new[] { 1.0, -2.0, 0.5, 3.0, 0.0, -1.0, 1.5, 0.25 }, 8, 1)) + 0.25;
        var net = new Linear<double>(8, 1, generator: new Generator(4));
        double m = Train(net, z => new MseLoss<double>().Forward(z, target), x, 300, 0.2);
        Assert.True(m < 1e-8, $"mse {m}");
        net = new Linear<double>(8, 1, generator: new Generator(5));
        double h = Train(net, z => new HuberLoss<double>(delta: 0.5).Forward(z, target), x, 1500, 0.5);
        Assert.True(h < 1e-8, $"huber {h}");
    }
}
