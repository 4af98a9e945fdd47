using Scratch.ML.NN;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Layers;

/// <summary>Behaviour the PyTorch fixtures do not pin down: randomness, modes, validation, containers, naming.</summary>
public class LayerBehaviourTests
{
    [Fact]
    public void DropoutKeepsTheExpectationAndUsesOneMaskForValueAndGradient()
    {
        const double p = 0.3;
        var drop = new Dropout<double>(p, new Generator(11));
        var x = Tensor.Ones<double>(200_000).RequireGrad();
        var y = drop.Call(x);
        var values = y.ToArray();
        double scale = 1 / (1 - p);
        int kept = values.Count(v => v != 0);
        Assert.All(values, v => Assert.True(v == 0 || Math.Abs(v - scale) < 1e-15));
        // Kept fraction ~ Binomial(n, 0.7)/n: sd = √(0.21/n) ≈ 0.001; allow 5 sd.
        Assert.InRange(kept / 200_000.0, 0.7 - 0.005, 0.7 + 0.005);
        y.Sum().Backward();
        Assert.Equal(values, x.Grad!.ToArray());
    }

    [Fact]
    public void DropoutIsDeterministicForASeedAndIdentityInEval()
    {
        var x = Tensor.Normal<float>(0, 1, new Generator(1), 64);
        var a = new Dropout<float>(0.5, new Generator(5)).Call(x).ToArray();
        var b = new Dropout<float>(0.5, new Generator(5)).Call(x).ToArray();
        Assert.Equal(a, b);
        var d = new Dropout<float>(0.5, new Generator(5));
        var first = d.Call(x).ToArray();
        Assert.NotEqual(first, d.Call(x).ToArray()); // the generator advances between calls
        d.Eval();
        Assert.Same(x, d.Call(x));
        Assert.All(new Dropout<float>(1.0).Call(x).ToArray(), v => Assert.Equal(0f, v));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<float>(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<float>(double.NaN));
    }

    [Fact]
    public void EmbeddingPaddingRowIsZeroAndGetsNoGradient()
    {
        var emb = new Embedding<double>(6, 3, paddingIdx: -1, generator: new Generator(2));
        Assert.Equal(5, emb.PaddingIdx);
        Assert.All(emb.Weight.Value.Select(0, 5).ToArray(), v => Assert.Equal(0.0, v));
        var idx = Tensor.FromArray([5, 1, 1, 0], 2, 2);
        var y = emb.Forward(idx);
        Assert.Equal([2, 2, 3], y.ShapeArray());
        TensorAssert.Close(emb.Weight.Value.Select(0, 1), y.Select(0, 1).Select(0, 0), Tolerance.Exact);
        y.Sum().Backward();
        var g = emb.Weight.Grad!;
        Assert.Equal([0.0, 0.0, 0.0], g.Select(0, 5).ToArray());
        Assert.Equal([2.0, 2.0, 2.0], g.Select(0, 1).ToArray()); // repeated index accumulates
        Assert.Equal([1.0, 1.0, 1.0], g.Select(0, 0).ToArray());
        Assert.Equal([0.0, 0.0, 0.0], g.Select(0, 2).ToArray());
    }

    [Fact]
    public void EmbeddingRejectsOutOfRangeIndicesByPosition()
    {
        var emb = new Embedding<float>(4, 2, generator: new Generator(3));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => emb.Forward(Tensor.FromArray([0, 1, 2, 4], 2, 2)));
        Assert.Contains("index 4 at position (1, 1)", ex.Message);
        Assert.Contains("4 embeddings", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => emb.Forward(Tensor.FromArray([-1L], 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding<float>(4, 2, paddingIdx: 4));
    }

    [Fact]
    public void EmbeddingInitialisationIsStandardNormal()
    {
        var w = new Embedding<double>(1000, 100, generator: new Generator(4)).Weight.Value.ToArray();
        double mean = w.Average(), var = w.Select(v => (v - mean) * (v - mean)).Average();
        // n = 1e5: sd(mean) = 0.0032, sd(var) ≈ √(2/n) = 0.0045; 5 sd bounds.
        Assert.InRange(mean, -0.016, 0.016);
        Assert.InRange(var, 1 - 0.023, 1 + 0.023);
    }

    [Fact]
    public void EmbeddingGradientsMatchFiniteDifferencesToSecondOrder()
    {
        // y² makes the second derivative non-zero, so the recorded backward scatter is differentiated too. The padding
        // row (0) is not looked up here: by design (PyTorch's) it gets no gradient even though the forward reads it,
        // which finite differences would flag; EmbeddingPaddingRowIsZeroAndGetsNoGradient covers it.
        var emb = new Embedding<double>(5, 2, paddingIdx: 0, generator: new Generator(6));
        var idx = Tensor.FromArray([1, 1, 3, 4], 4);
        Tensor<double> F(Tensor<double>[] v) { emb.Weight.Value = v[0]; return emb.Forward(idx).Square(); }
        var w = Tensor.Normal<double>(0, 1, new Generator(7), 5, 2);
        GradCheck.Check(F, [w]);
        GradCheck.CheckSecondOrder(F, [w]);
    }

    [Fact]
    public void BilinearMatchesTheExplicitSum()
    {
        var bl = new Bilinear<double>(3, 2, 4, generator: new Generator(7));
        var x1 = Tensor.Normal<double>(0, 1, new Generator(8), 2, 5, 3);
        var x2 = Tensor.Normal<double>(0, 1, new Generator(9), 2, 5, 2);
        var y = bl.Forward(x1, x2);
        Assert.Equal([2, 5, 4], y.ShapeArray());
        var w = bl.Weight.Value;
        var b = bl.Bias!.Value;
        for (int n = 0; n < 2; n++)
            for (int t = 0; t < 5; t++)
                for (int o = 0; o < 4; o++)
                {
                    double s = b[o];
                    for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) s += x1[n, t, i] * w[o, i, j] * x2[n, t, j];
                    Assert.Equal(s, y[n, t, o], 12);
                }
        GradCheck.Check(v => { bl.Weight.Value = v[2]; return bl.Forward(v[0], v[1]); },
            [x1.Select(0, 0).Contiguous(), x2.Select(0, 0).Contiguous(), w.Clone()]);
        Assert.Throws<ArgumentException>(() => bl.Forward(x1, x2.Select(0, 0)));
    }

    [Fact]
    public void ContainersRegisterChildrenUnderPyTorchNames()
    {
        var list = new ModuleList<float>(new Linear<float>(2, 3), new Relu<float>());
        list.Add(new LayerNorm<float>(3));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], list.StateDict().Keys);
        Assert.IsType<LayerNorm<float>>(list[-1]);
        Assert.Equal(3, list.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[3]);

        var dict = new ModuleDict<float>().Add("encoder", new Linear<float>(2, 2)).Add("act", new PRelu<float>(2));
        Assert.Equal(["encoder.weight", "encoder.bias", "act.weight"], dict.StateDict().Keys);
        Assert.IsType<PRelu<float>>(dict["act"]);
        Assert.Contains("keys: encoder, act", Assert.Throws<KeyNotFoundException>(() => dict["nope"]).Message);
        Assert.Throws<ArgumentException>(() => dict.Add("encoder", new Relu<float>()));
        Assert.Throws<ArgumentException>(() => dict.Add("a.b", new Relu<float>()));
        dict.Eval();
        Assert.False(dict["encoder"].Training);
    }

    [Fact]
    public void ShapeLayers()
    {
        var x = Tensor.Normal<float>(0, 1, new Generator(1), 2, 3, 4, 5);
        Assert.Equal([2, 60], new Flatten<float>().Call(x).ShapeArray());
        Assert.Equal([2, 12, 5], new Flatten<float>(1, 2).Call(x).ShapeArray());
        Assert.Equal([2, 3, 2, 2, 5], new Unflatten<float>(2, 2, -1).Call(x).ShapeArray());
        Assert.Equal([2, 3, 4, 5, 1], new Unflatten<float>(-1, 5, 1).Call(x).ShapeArray());
        Assert.Contains("do not multiply to 4", Assert.Throws<ArgumentException>(() => new Unflatten<float>(2, 3, 2).Call(x)).Message);
        Assert.Throws<ArgumentException>(() => new Unflatten<float>(1, -1, -1));
        Assert.Same(x, new Identity<float>().Call(x));
    }

    [Fact]
    public void ActivationLayersValidateAndDescribeThemselves()
    {
        Assert.Throws<ArgumentException>(() => new Gelu<float>("erf"));
        Assert.Throws<ArgumentException>(() => new Hardtanh<float>(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Softplus<float>(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PRelu<float>(0));
        Assert.Throws<ArgumentException>(() => new LayerNorm<float>([]));
        Assert.Throws<ArgumentException>(() => new RmsNorm<float>([0]));
        Assert.Equal("LeakyRelu(negative_slope=0.2)", new LeakyRelu<float>(0.2).ToString().Trim());
        Assert.Equal("LayerNorm((3, 4), eps=1E-05, elementwise_affine=True)", new LayerNorm<float>([3, 4]).ToString().Trim());
        var x = Tensor.Normal<double>(0, 1, new Generator(2), 7);
        TensorAssert.Close(new Silu<double>().Call(x), new Swish<double>().Call(x), Tolerance.Exact);
        Assert.Equal(["weight"], new RmsNorm<float>(4).StateDict().Keys);
        Assert.Empty(new LayerNorm<float>(4, elementwiseAffine: false).StateDict().Keys);
        Assert.Equal(["weight"], new LayerNorm<float>(4, bias: false).StateDict().Keys);
    }

    [Fact]
    public void PReLUPerChannelSlopesAreLearnable()
    {
        var prelu = new PRelu<double>(3);
        Assert.Equal([0.25, 0.25, 0.25], prelu.Weight.Value.ToArray());
        var x = Tensor.FromArray([-1.0, -2, 3, 4, -5, 6], 2, 3);
        var y = prelu.Call(x);
        Assert.Equal([-0.25, -0.5, 3, 4, -1.25, 6], y.ToArray());
        y.Sum().Backward();
        Assert.Equal([-1.0, -7.0, 0.0], prelu.Weight.Grad!.ToArray());
    }
}
