using Scratch.ML.NN;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Optim;

/// <summary>Gradient clipping against torch.nn.utils.clip_grad_norm_/clip_grad_value_ (fixture clipping.json).</summary>
public class GradClipTests
{
    /// <summary>float64 norms of 17 numbers: summation order differs from ATen's, a few ulps.</summary>
    private static readonly Tolerance Clip = new("ClipVsTorch64", 1e-14, 1e-13);

    private static (Parameter<double> A, Parameter<double> B) WithGrads()
    {
        var root = OptimFixtures.Load("clipping");
        var a = new Parameter<double>(Tensor.Zeros<double>(4, 3));
        var b = new Parameter<double>(Tensor.Zeros<double>(5));
        a.Grad = Tensor.FromArray(OptimFixtures.Doubles(root.GetProperty("g1")), 4, 3);
        b.Grad = Tensor.FromArray(OptimFixtures.Doubles(root.GetProperty("g2")), 5);
        return (a, b);
    }

    [Fact]
    public void ClipGradNormMatchesTorch()
    {
        int checkedCases = 0;
        foreach (var c in OptimFixtures.Load("clipping").GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("kind").GetString() != "norm") continue;
            var (a, b) = WithGrads();
            var nt = c.GetProperty("norm_type");
            double normType = nt.ValueKind == System.Text.Json.JsonValueKind.String ? double.PositiveInfinity : nt.GetDouble();
            double total = GradClip.ClipGradNorm([a, b], c.GetProperty("max_norm").GetDouble(), normType);
            Assert.True(Clip.IsClose(total, c.GetProperty("total_norm").GetDouble()), $"norm {normType}: {total} vs {c.GetProperty("total_norm").GetDouble()}");
            TensorAssert.Close(Tensor.FromArray(OptimFixtures.Doubles(c.GetProperty("g1")), 4, 3), a.Grad!, Clip);
            TensorAssert.Close(Tensor.FromArray(OptimFixtures.Doubles(c.GetProperty("g2")), 5), b.Grad!, Clip);
            checkedCases++;
        }
        Assert.Equal(5, checkedCases);
    }

    [Fact]
    public void ClipGradValueMatchesTorch()
    {
        foreach (var c in OptimFixtures.Load("clipping").GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("kind").GetString() != "value") continue;
            var (a, b) = WithGrads();
            GradClip.ClipGradValue([a, b], c.GetProperty("clip_value").GetDouble());
            TensorAssert.Close(Tensor.FromArray(OptimFixtures.Doubles(c.GetProperty("g1")), 4, 3), a.Grad!, Tolerance.Exact);
            TensorAssert.Close(Tensor.FromArray(OptimFixtures.Doubles(c.GetProperty("g2")), 5), b.Grad!, Tolerance.Exact);
        }
    }

    [Fact]
    public void NonFiniteNormAndBadArguments()
    {
        var (a, b) = WithGrads();
        b.Grad!.AsSpan()[2] = double.NaN;
        Assert.Throws<InvalidOperationException>(() => GradClip.ClipGradNorm([a, b], 1.0, errorIfNonfinite: true));
        Assert.True(double.IsNaN(GradClip.ClipGradNorm([a, b], 1.0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradClip.ClipGradNorm([a], 1.0, normType: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradClip.ClipGradValue([a], -1));
        var none = new Parameter<double>(Tensor.Zeros<double>(2));
        Assert.Equal(0.0, GradClip.ClipGradNorm([none], 1.0));
    }

    [Fact]
    public void FloatGradientsClipToTheRequestedNorm()
    {
        var p = new Parameter<float>(Tensor.Zeros<float>(3));
        p.Grad = Tensor.FromArray([3f, 4f, 0f], 3);
        float total = GradClip.ClipGradNorm([p], 1.0);
        Assert.Equal(5f, total);
        // coef = 1 / (5 + 1e-6): the clipped norm is just under 1.
        Assert.True(Tolerance.Float32Kernel.IsClose(p.Grad[0], 0.6f), $"{p.Grad[0]}");
        Assert.True(Tolerance.Float32Kernel.IsClose(p.Grad[1], 0.8f), $"{p.Grad[1]}");
    }
}
