using Scratch.ML.NN;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Losses;

/// <summary>
/// The class-index cross-entropy is one fused node: checks the graph shape, both backward paths (the host fast path
/// of plain backward and the differentiable path under createGraph), second derivatives, and agreement with the
/// composite log_softmax → pick → mean formula.
/// </summary>
public class CrossEntropyFusedTests
{
    // A few float64 operations on unit-scale values: Float64Reduction (1e−12 abs/rel).
    private static void Near(double expected, double actual)
        => Assert.True(Tolerance.Float64Reduction.IsClose(actual, expected), $"expected {expected:R}, actual {actual:R}");

    private static Tensor<double> Logits(int n, int c, ulong seed, params int[] extra)
        => Tensor.Normal<double>(0, 2, new Generator(seed), [n, c, .. extra]);

    [Fact]
    public void RecordsOneNodeWhoseOnlyInputIsTheLogits()
    {
        var x = Logits(4, 3, 1).RequireGrad();
        var loss = new CrossEntropyLoss<double>().Forward(x, Tensor.FromArray(new long[] { 0, 2, 1, 2 }, 4));
        Assert.Equal("CrossEntropyBackward", loss.GradFn!.Name);
        Assert.Equal(1, ((OpNode<double>)loss.GradFn).InputCount);
        Assert.Same(x, ((OpNode<double>)loss.GradFn).Input(0));
        var nll = new NllLoss<double>().Forward(x, Tensor.FromArray(new long[] { 0, 2, 1, 2 }, 4));
        Assert.Equal("NllLossBackward", nll.GradFn!.Name);
    }

    [Theory]
    [InlineData(Reduction.Mean, 0.0)]
    [InlineData(Reduction.Sum, 0.2)]
    [InlineData(Reduction.None, 0.1)]
    public void MatchesCompositeFormulaWithIntAndLongTargets(Reduction reduction, double smoothing)
    {
        var x = Logits(5, 4, 2, 3);
        var w = Tensor.FromArray(new[] { 0.5, 1.0, 2.0, 1.5 }, 4);
        int[] labels = [0, 3, 1, 2, 1, 1, 2, 0, 0, 3, 2, 1, 3, 3, 1];
        var yInt = Tensor.FromArray(labels, 5, 3);
        var yLong = Tensor.FromArray(labels.Select(v => (long)v).ToArray(), 5, 3);
        var ce = new CrossEntropyLoss<double>(w, ignoreIndex: 2, reduction, smoothing);
        var a = ce.Forward(x, yInt);
        TensorAssert.Close(a, ce.Forward(x, yLong), Tolerance.Exact);
        // Composite: y' = (1 − ε)·onehot + ε/C over non-ignored positions, ℓ = −Σ_c w_c·y'_c·log p_c, mean over Σ w_t.
        var logp = x.LogSoftmax(1).ToArray();
        var expected = new double[15];
        double total = 0, denom = 0;
        for (int i = 0; i < 5; i++)
            for (int s = 0; s < 3; s++)
            {
                int t = labels[i * 3 + s];
                if (t == 2) continue;
                double l = 0;
                for (int c = 0; c < 4; c++)
                    l -= w[c] * ((c == t ? 1 - smoothing : 0) + smoothing / 4) * logp[i * 12 + c * 3 + s];
                expected[i * 3 + s] = l;
                total += l;
                denom += w[t];
            }
        var exp = reduction switch
        {
            Reduction.None => Tensor.FromArray(expected, 5, 3),
            Reduction.Sum => Tensor.Scalar(total),
            _ => Tensor.Scalar(total / denom),
        };
        TensorAssert.Close(exp, a, Tolerance.Float64Reduction);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void CreateGraphPathEqualsFastPath(int spatial)
    {
        // spatial = 1: (N, C) rows (vectorised host path); 3: (N, C, 3) (strided host path)
        var x = (spatial == 1 ? Logits(6, 5, 3) : Logits(6, 5, 3, spatial)).RequireGrad();
        long[] labels = [0, 4, 1, 4, 2, 3, 1, 1, 0, 2, 3, 4, 4, 0, 2, 1, 3, 3];
        var y = spatial == 1 ? Tensor.FromArray(labels[..6], 6) : Tensor.FromArray(labels, 6, 3);
        var ce = new CrossEntropyLoss<double>(Tensor.FromArray(new[] { 1.0, 2.0, 0.5, 1.0, 3.0 }, 5), ignoreIndex: 1, labelSmoothing: 0.15);
        var fast = Autograd.Grad([ce.Forward(x, y)], [x])[0]!;
        var slow = Autograd.Grad([ce.Forward(x, y)], [x], createGraph: true)[0]!;
        Assert.NotNull(slow.GradFn);
        TensorAssert.Close(fast, slow.Detach(), Tolerance.Float64Kernel.Scaled(100, "softmax recomputed vs exp(log_softmax)"));
    }

    [Theory]
    [InlineData(Reduction.Mean, 0.0)]
    [InlineData(Reduction.None, 0.2)]
    public void SecondDerivativesMatchFiniteDifferences(Reduction reduction, double smoothing)
    {
        var y = Tensor.FromArray(new long[] { 0, 2, 1, 2, 0, 1, 1, 0 }, 4, 2);
        var ce = new CrossEntropyLoss<double>(Tensor.FromArray(new[] { 1.0, 2.0, 0.5 }, 3), ignoreIndex: -100, reduction, smoothing);
        GradCheck.CheckSecondOrder(xs => ce.Forward(xs[0], y), [Logits(4, 3, 4, 2)]);
        var nll = new NllLoss<double>(reduction: reduction);
        GradCheck.CheckSecondOrder(xs => nll.Forward(xs[0].LogSoftmax(1), y), [Logits(4, 3, 5, 2)]);
    }

    [Fact]
    public void UnbatchedInputTakesScalarTarget()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0, 3.0 }, 3).RequireGrad();
        var loss = new CrossEntropyLoss<double>(reduction: Reduction.None).Forward(x, Tensor.Scalar(2L));
        Assert.Equal(0, loss.Rank);
        double lse = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3));
        Near(lse - 3, loss.ToScalar());
        loss.Backward();
        Assert.Equal([3], x.Grad!.ShapeArray());
        Near(Math.Exp(3 - lse) - 1, x.Grad[2]);
    }

    [Fact]
    public void ExtremeLogitsStayFinite()
    {
        var x = Tensor.FromArray(new[] { 1000.0, -1000.0, 0.0, -1000.0, 1000.0, 0.0 }, 2, 3).RequireGrad();
        var loss = new CrossEntropyLoss<double>(reduction: Reduction.Sum).Forward(x, Tensor.FromArray(new long[] { 1, 1 }, 2));
        Near(2000.0, loss.ToScalar());
        loss.Backward();
        Assert.Equal([1.0, -1.0, 0.0, 0.0, 0.0, 0.0], x.Grad!.ToArray());
    }
}
