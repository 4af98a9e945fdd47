using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.AutogradPerf;

/// <summary>
/// The fused relu-backward kernel (<c>y &gt; 0 ? g : 0</c>) against the composite mask multiply it replaces, its
/// special values, strided layouts, and gradients of gradients through it.
/// </summary>
public class ReluBackwardTests
{
    private static float[] RandArray(int seed, int n)
    {
        var rng = new System.Random(seed);
        var d = new float[n];
        for (int i = 0; i < n; i++) d[i] = (float)(rng.NextDouble() * 2 - 1);
        return d;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1000)]
    public void EqualsMaskMultiplyForEveryLength(int n)
    {
        var xd = RandArray(n, n);
        for (int i = 0; i < n; i += 7) xd[i] = 0; // exact zeros: derivative 0, like PyTorch
        var x = Tensor.FromArray(xd).RequireGrad();
        var g = Tensor.FromArray(RandArray(n + 1, n));
        x.Relu().Backward(g);
        var y = x.Detach().Relu();
        var expected = g * y.Gt(0f).Cast<float>();
        TensorAssert.Close(expected, x.Grad!, Tolerance.Exact);
        Assert.Equal("ReluBackward", x.Relu().GradFn!.Name);
    }

    [Fact]
    public void KernelMatchesScalarReferenceIncludingSpecialValues()
    {
        float[] y = [1f, 0f, -0f, -2f, float.NaN, float.PositiveInfinity, 3f, 0.5f, 0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, -1f, 2f];
        float[] g = [2f, float.NaN, float.PositiveInfinity, 5f, 1f, -1f, float.NaN, 4f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, float.NegativeInfinity, 9f];
        var r = new float[y.Length];
        ReluBackwardOperator<float>.Invoke(g, y, r);
        for (int i = 0; i < y.Length; i++)
            Assert.Equal(ReluBackwardOperator<float>.Invoke(g[i], y[i]), r[i]);
        // y ≤ 0 or NaN: exactly 0 whatever g is (PyTorch's threshold_backward); y > 0: g itself, NaN included.
        Assert.Equal(0f, r[1]);
        Assert.Equal(0f, r[2]);
        Assert.Equal(0f, r[4]);
        Assert.True(float.IsNaN(r[6]));
        Assert.Equal(-1f, r[5]);
        Assert.Equal(0f, r[16]);
    }

    [Fact]
    public void DoubleAndStridedInputs()
    {
        var rng = new System.Random(3);
        var d = new double[6 * 5];
        for (int i = 0; i < d.Length; i++) d[i] = rng.NextDouble() * 2 - 1;
        var x = Tensor.FromArray(d, 6, 5).RequireGrad();
        var xt = x.MT;                                  // (5, 6), transposed strides
        var g = Tensor.FromArray(d.Select(v => v * 3 + 1).ToArray(), 6, 5).MT;
        xt.Relu().Backward(g);
        var expected = (g * xt.Detach().Gt(0.0).Cast<double>()).MT;
        TensorAssert.Close(expected.Contiguous(), x.Grad!, Tolerance.Exact);
    }

    [Fact]
    public void GradientsOfGradientsFlowThroughTheFusedBackward()
    {
        // f(x, w) = Σ relu(x·w)²: its gradient runs the relu-backward op, whose own VJP is the same mask.
        var x = Tensor.FromArray(new[] { 0.7, -0.4, 1.3, 0.2, -1.1, 0.9 }, 2, 3);
        var w = Tensor.FromArray(new[] { 0.5, -0.8, 0.3, 1.2, -0.6, 0.4 }, 3, 2);
        GradCheck.CheckSecondOrder(t => t[0].MatMul(t[1]).Relu().Square().Sum(), [x, w]);
        GradCheck.Check(t => t[0].MatMul(t[1]).Relu(), [x, w]);
    }
}
