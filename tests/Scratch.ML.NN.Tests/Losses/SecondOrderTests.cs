using Scratch.ML.NN;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Losses;

/// <summary>
/// The losses are built from differentiable ops (and the few recorded nodes write their VJPs with differentiable ops),
/// so gradients of gradients work: checked with <see cref="GradCheck.CheckSecondOrder"/> in float64.
/// </summary>
public class SecondOrderTests
{
    private static Tensor<double> N(ulong seed, params int[] shape) => Tensor.Normal<double>(0, 1, new Generator(seed), shape);

    private static Tensor<double> U(ulong seed, double lo, double hi, params int[] shape) => Tensor.Uniform<double>(lo, hi, new Generator(seed), shape);

    [Fact]
    public void RegressionLosses()
    {
        GradCheck.CheckSecondOrder(xs => new MseLoss<double>().Forward(xs[0], xs[1]), [N(1, 3, 4), N(2, 3, 4)]);
        GradCheck.CheckSecondOrder(xs => new HuberLoss<double>(Reduction.Sum, 0.7).Forward(xs[0], xs[1]), [N(3, 3, 4), N(4, 3, 4)]);
        GradCheck.CheckSecondOrder(xs => new GaussianNllLoss<double>(full: true).Forward(xs[0], xs[1], xs[2]), [N(5, 3, 4), N(6, 3, 4), U(7, 0.3, 2, 3)]);
        GradCheck.CheckSecondOrder(xs => new PoissonNllLoss<double>(logInput: false, full: true).Forward(xs[0], xs[1]), [U(8, 0.5, 3, 3, 4), U(9, 1.5, 4, 3, 4)]);
    }

    [Fact]
    public void BinaryLosses()
    {
        var y = U(10, 0, 1, 3, 4);
        GradCheck.CheckSecondOrder(xs => new BceLoss<double>(reduction: Reduction.Sum).Forward(xs[0], y), [U(11, 0.1, 0.9, 3, 4)]);
        GradCheck.CheckSecondOrder(xs => new BceWithLogitsLoss<double>(posWeight: U(12, 0.5, 3, 4)).Forward(xs[0], xs[1]), [N(13, 3, 4), y]);
        GradCheck.CheckSecondOrder(xs => new SigmoidFocalLoss<double>(0.3, 2.5, Reduction.Mean).Forward(xs[0], y), [N(14, 3, 4)]);
    }

    [Fact]
    public void DistributionAndEmbeddingLosses()
    {
        var t = N(15, 3, 5).Softmax(1);
        GradCheck.CheckSecondOrder(xs => new KLDivLoss<double>(KLDivReduction.BatchMean).Forward(xs[0].LogSoftmax(1), xs[1]), [N(16, 3, 5), t]);
        GradCheck.CheckSecondOrder(xs => new CrossEntropyLoss<double>(labelSmoothing: 0.2).Forward(xs[0], xs[1]), [N(17, 3, 5), t]);
        var sign = Tensor.FromArray(new[] { 1.0, -1.0, 1.0, -1.0 }, 4);
        GradCheck.CheckSecondOrder(xs => new CosineEmbeddingLoss<double>(-0.5).Forward(xs[0], xs[1], sign), [N(18, 4, 3), N(19, 4, 3)]);
        GradCheck.CheckSecondOrder(xs => new TripletMarginLoss<double>(margin: 3, p: 3, swap: true).Forward(xs[0], xs[1], xs[2]), [N(20, 4, 3), N(21, 4, 3), N(22, 4, 3)]);
    }
}
