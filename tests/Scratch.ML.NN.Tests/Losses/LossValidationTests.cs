using Scratch.ML.NN;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Losses;

/// <summary>Bad input gives clear errors naming what is wrong; options are validated in the constructors.</summary>
public class LossValidationTests
{
    // A few float64 operations on unit-scale values: Float64Reduction (1e−12 abs/rel).
    private static void Near(double expected, double actual)
        => Assert.True(Tolerance.Float64Reduction.IsClose(actual, expected), $"expected {expected:R}, actual {actual:R}");

    private static Tensor<double> T(params int[] shape) => Tensor.Zeros<double>(shape) + 0.5;

    [Fact]
    public void MismatchedShapesNameBothShapes()
    {
        var a = T(2, 3);
        var b = T(2, 4);
        foreach (Func<Tensor<double>> f in new Func<Tensor<double>>[]
        {
            () => new MseLoss<double>().Forward(a, b),
            () => new L1Loss<double>().Forward(a, b),
            () => new SmoothL1Loss<double>().Forward(a, b),
            () => new HuberLoss<double>().Forward(a, b),
            () => new BceLoss<double>().Forward(a, b),
            () => new BceWithLogitsLoss<double>().Forward(a, b),
            () => new SigmoidFocalLoss<double>().Forward(a, b),
            () => new KLDivLoss<double>().Forward(a, b),
            () => new HingeEmbeddingLoss<double>().Forward(a, b),
            () => new PoissonNllLoss<double>().Forward(a, b),
            () => new CrossEntropyLoss<double>().Forward(a, b),
            () => new GaussianNllLoss<double>().Forward(a, b, a),
            () => new CosineEmbeddingLoss<double>().Forward(a, b, T(2)),
            () => new TripletMarginLoss<double>().Forward(a, a, b),
        })
        {
            var e = Assert.Throws<ArgumentException>(f);
            Assert.Contains("(2, 3)", e.Message);
            Assert.Contains("(2, 4)", e.Message);
        }
    }

    [Fact]
    public void LabelOutOfRangeNamesTheLabelAndClassCount()
    {
        var logits = T(3, 4);
        var labels = Tensor.FromArray(new long[] { 0, 7, 1 }, 3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss<double>().Forward(logits, labels));
        Assert.Contains("label 7", e.Message);
        Assert.Contains("C = 4", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new NllLoss<double>().Forward(logits, Tensor.FromArray(new[] { -1, 0, 0 }, 3)));
        Assert.Contains("label -1", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new MultiMarginLoss<double>().Forward(logits, Tensor.FromArray(new long[] { 0, 4, 1 }, 3)));
        Assert.Contains("label 4", e.Message);
        Assert.Contains("C = 4", e.Message);
        // ignore_index may lie outside [0, C)
        var ok = new CrossEntropyLoss<double>(ignoreIndex: 7).Forward(logits, labels);
        Near(Math.Log(4), ok.ToScalar());
    }

    [Fact]
    public void ClassIndexTargetShapeIsChecked()
    {
        var e = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss<double>().Forward(T(3, 4, 2), Tensor.Zeros<long>(3, 3)));
        Assert.Contains("(3, 4, 2)", e.Message);
        Assert.Contains("(3, 2)", e.Message);
        Assert.Contains("(3, 3)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss<double>(weight: T(3)).Forward(T(3, 4), Tensor.Zeros<long>(3)));
        Assert.Contains("(4)", e.Message);
    }

    [Fact]
    public void EmptyBatchesFollowPyTorch()
    {
        // mean over nothing is NaN (0/0), sum is 0 — PyTorch's results for empty inputs
        var e = Tensor.Zeros<double>(0, 3);
        Assert.True(double.IsNaN(new MseLoss<double>().Forward(e, e).ToScalar()));
        Assert.Equal(0.0, new MseLoss<double>(Reduction.Sum).Forward(e, e).ToScalar());
        Assert.True(double.IsNaN(new CrossEntropyLoss<double>().Forward(e, Tensor.Zeros<long>(0)).ToScalar()));
        Assert.Equal(0.0, new CrossEntropyLoss<double>(reduction: Reduction.Sum).Forward(e, Tensor.Zeros<long>(0)).ToScalar());
        Assert.Equal([0], new NllLoss<double>(reduction: Reduction.None).Forward(e, Tensor.Zeros<long>(0)).ShapeArray());
    }

    [Fact]
    public void IgnoreIndexIsRefusedWithProbabilityTargets()
    {
        var e = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss<double>(ignoreIndex: 1).Forward(T(2, 3), T(2, 3)));
        Assert.Contains("ignore_index (1)", e.Message);
    }

    [Fact]
    public void MultiMarginTakesIntAndLongLabels()
    {
        var x = Tensor.FromArray(new[] { 0.1, 0.9, 0.3, 0.8, 0.2, 0.4 }, 2, 3);
        var mm = new MultiMarginLoss<double>(reduction: Reduction.None);
        var a = mm.Forward(x, Tensor.FromArray(new[] { 1, 0 }, 2));
        TensorAssert.Close(a, mm.Forward(x, Tensor.FromArray(new long[] { 1, 0 }, 2)), Tolerance.Exact);
        // sample 0, y = 1: (max(0, 1 − 0.9 + 0.1) + max(0, 1 − 0.9 + 0.3)) / 3
        Near((0.2 + 0.4) / 3, a[0]);
        var e = Assert.Throws<ArgumentException>(() => mm.Forward(x, Tensor.FromArray(new[] { 1, 0, 2 }, 3)));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(3,)", e.Message);
    }

    [Fact]
    public void BceRejectsInputsOutsideTheUnitInterval()
    {
        var x = Tensor.FromArray(new[] { 0.2, 1.5, 0.3 }, 3);
        var e = Assert.Throws<ArgumentException>(() => new BceLoss<double>().Forward(x, T(3)));
        Assert.Contains("[0, 1]", e.Message);
        Assert.Contains("1.5", e.Message);
        Assert.Throws<ArgumentException>(() => new BceLoss<double>().Forward(Tensor.FromArray(new[] { double.NaN }, 1), T(1)));
        var t = T(3).RequireGrad();
        Assert.Throws<NotSupportedException>(() => new BceLoss<double>().Forward(Tensor.FromArray(new[] { 0.2, 0.5, 0.3 }, 3), t));
    }

    [Fact]
    public void BceLogClampKeepsSaturatedProbabilitiesFinite()
    {
        // x = 0 with y = 1: −log 0 clamped to 100 (PyTorch's convention), not ∞.
        var loss = new BceLoss<double>(reduction: Reduction.None).Forward(Tensor.FromArray(new[] { 0.0, 1.0 }, 2), Tensor.FromArray(new[] { 1.0, 1.0 }, 2));
        Assert.Equal([100.0, 0.0], loss.ToArray());
    }

    [Fact]
    public void BceWithLogitsIsStableForHugeLogits()
    {
        var x = Tensor.FromArray(new[] { 500.0, -500.0, 500.0, -500.0 }, 4).RequireGrad();
        var y = Tensor.FromArray(new[] { 1.0, 0.0, 0.0, 1.0 }, 4);
        var loss = new BceWithLogitsLoss<double>(reduction: Reduction.None).Forward(x, y);
        Assert.Equal([0.0, 0.0, 500.0, 500.0], loss.ToArray());
        loss.Sum().Backward();
        // σ(500) − 1 = −e^(−500) ≈ −7.1e−218: tiny but exact, never NaN
        TensorAssert.Close(Tensor.FromArray(new[] { -Math.Exp(-500), Math.Exp(-500), 1.0, -1.0 }, 4), x.Grad!, Tolerance.Float64Kernel);
    }

    [Fact]
    public void GaussianNllChecksVarShapeAndSign()
    {
        var x = T(3, 4);
        var e = Assert.Throws<ArgumentException>(() => new GaussianNllLoss<double>().Forward(x, x, T(3, 2)));
        Assert.Contains("(3, 2)", e.Message);
        Assert.Contains("(3, 4)", e.Message);
        var v = T(3, 4);
        v[1, 2] = -0.5;
        e = Assert.Throws<ArgumentException>(() => new GaussianNllLoss<double>().Forward(x, x, v));
        Assert.Contains("negative", e.Message);
    }

    [Fact]
    public void ConstructorsValidateOptions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MseLoss<float>((Reduction)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KLDivLoss<float>((KLDivReduction)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmoothL1Loss<float>(beta: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss<float>(delta: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss<float>(labelSmoothing: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss<float>(weight: Tensor.Zeros<float>(2, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiMarginLoss<float>(p: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineEmbeddingLoss<float>(margin: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TripletMarginLoss<float>(margin: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TripletMarginLoss<float>(p: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonNllLoss<float>(eps: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNllLoss<float>(eps: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SigmoidFocalLoss<float>(gamma: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SigmoidFocalLoss<float>(alpha: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HingeEmbeddingLoss<float>(margin: double.NaN));
        var ce = new CrossEntropyLoss<float>(ignoreIndex: 3, reduction: Reduction.Sum, labelSmoothing: 0.1);
        Assert.Equal((3L, Reduction.Sum, 0.1), (ce.IgnoreIndex, ce.Reduction, ce.LabelSmoothing));
    }
}
