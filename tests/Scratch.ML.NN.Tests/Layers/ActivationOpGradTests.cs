using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Layers;

/// <summary>
/// Float64 finite-difference checks (<see cref="GradCheck"/>) of the tensor-level activation and normalisation ops,
/// first and second order, plus their values against direct scalar formulas.
/// </summary>
public class ActivationOpGradTests
{
    // Points kept away from the kinks at 0 and at the hardtanh bounds, where central differences straddle a corner.
    private static Tensor<double> Away(ulong seed, params int[] shape)
    {
        var x = Tensor.Uniform<double>(-2.5, 2.5, new Generator(seed), shape);
        var s = x.AsSpan();
        for (int i = 0; i < s.Length; i++) if (Math.Abs(s[i]) < 0.05) s[i] += 0.1;
        return x;
    }

    public static TheoryData<string> Unary => ["leaky_relu", "elu", "selu", "silu", "mish", "hardtanh", "softplus", "softplus_beta"];

    private static Tensor<double> Apply(string op, Tensor<double> x) => op switch
    {
        "leaky_relu" => x.LeakyRelu(0.2),
        "elu" => x.Elu(0.7),
        "selu" => x.Selu(),
        "silu" => x.Silu(),
        "mish" => x.Mish(),
        "hardtanh" => x.Hardtanh(-0.55, 1.3),
        "softplus" => x.SoftplusBeta(),
        "softplus_beta" => x.SoftplusBeta(2.0, 3.0),
        _ => throw new ArgumentException(op),
    };

    private static double Scalar(string op, double x)
    {
        double sig(double v) => 1 / (1 + Math.Exp(-v));
        double sp(double v, double b, double t) => b * v > t ? v : Math.Log(1 + Math.Exp(b * v)) / b;
        const double a = 1.6732632423543772848170429916717, l = 1.0507009873554804934193349852946;
        return op switch
        {
            "leaky_relu" => x > 0 ? x : 0.2 * x,
            "elu" => x > 0 ? x : 0.7 * (Math.Exp(x) - 1),
            "selu" => l * (x > 0 ? x : a * (Math.Exp(x) - 1)),
            "silu" => x * sig(x),
            "mish" => x * Math.Tanh(sp(x, 1, 20)),
            "hardtanh" => Math.Clamp(x, -0.55, 1.3),
            "softplus" => sp(x, 1, 20),
            "softplus_beta" => sp(x, 2, 3),
            _ => throw new ArgumentException(op),
        };
    }

    [Theory]
    [MemberData(nameof(Unary))]
    public void ValuesMatchScalarFormula(string op)
    {
        var x = Away(1, 4, 7);
        var y = Apply(op, x);
        var expected = Tensor.FromArray(x.ToArray().Select(v => Scalar(op, v)).ToArray(), 4, 7);
        TensorAssert.Close(expected, y, new Tolerance("ScalarFormula", 1e-14, 1e-13)); // expm1/log1p forms vs naive formulas: a few ulp
    }

    [Theory]
    [MemberData(nameof(Unary))]
    public void FirstDerivativesMatchFiniteDifferences(string op)
        => GradCheck.Check(v => Apply(op, v[0]), [Away(2, 3, 5)]);

    [Theory]
    [MemberData(nameof(Unary))]
    public void SecondDerivativesMatchFiniteDifferences(string op)
        => GradCheck.CheckSecondOrder(v => Apply(op, v[0]), [Away(3, 3, 5)]);

    [Fact]
    public void PreluGradientsForSharedAndPerChannelSlopes()
    {
        var x = Away(4, 2, 3, 4);
        GradCheck.Check(v => v[0].Prelu(v[1]), [x, Tensor.FromArray([0.3, -0.2, 1.5], 3)]);
        GradCheck.Check(v => v[0].Prelu(v[1]), [x, Tensor.FromArray([0.25], 1)]);
        GradCheck.CheckSecondOrder(v => v[0].Prelu(v[1]), [x, Tensor.FromArray([0.3, -0.2, 1.5], 3)]);
        var ex = Assert.Throws<ArgumentException>(() => x.Prelu(Tensor.FromArray([0.1, 0.2], 2)));
        Assert.Contains("(N, 2, …)", ex.Message);
    }

    // The slow reference twins of the fused normalisation kernel are the composites written out in these tests.
    [Fact]
    public void LayerNormMatchesCompositeReferenceAndGradChecks()
    {
        var x = Tensor.Normal<double>(0.5, 2, new Generator(5), 2, 3, 4);
        var w = Tensor.Normal<double>(1, 0.5, new Generator(6), 3, 4);
        var b = Tensor.Normal<double>(0, 0.5, new Generator(7), 3, 4);
        var fused = x.LayerNorm([3, 4], w, b, 1e-5);
        var xc = x - x.Mean([1, 2], keepDims: true);
        var reference = xc / (xc.Square().Mean([1, 2], keepDims: true) + 1e-5).Sqrt() * w + b;
        TensorAssert.Close(reference, fused, Tolerance.Float64Reduction);
        GradCheck.Check(v => v[0].LayerNorm([3, 4], v[1], v[2]), [x, w, b]);
        GradCheck.Check(v => v[0].LayerNorm([4]), [x]);
        GradCheck.CheckSecondOrder(v => v[0].LayerNorm([4], v[1], v[2]), [x, w.Select(0, 0).Contiguous(), b.Select(0, 1).Contiguous()]);
    }

    [Fact]
    public void RmsNormMatchesCompositeReferenceAndGradChecks()
    {
        var x = Tensor.Normal<double>(0.5, 2, new Generator(8), 2, 3, 4);
        var w = Tensor.Normal<double>(1, 0.5, new Generator(9), 4);
        var fused = x.RmsNorm([4], w, 1e-6);
        var reference = x / (x.Square().Mean([2], keepDims: true) + 1e-6).Sqrt() * w;
        TensorAssert.Close(reference, fused, Tolerance.Float64Reduction);
        GradCheck.Check(v => v[0].RmsNorm([4], v[1], 1e-6), [x, w]);
        GradCheck.Check(v => v[0].RmsNorm([3, 4]), [x]);
        GradCheck.CheckSecondOrder(v => v[0].RmsNorm([4], v[1], 1e-6), [x, w]);
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, true)]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, true)]
    public void FusedNormalizationBackwardMatchesTheDifferentiableVjp(bool withWeight, bool withBias, bool center)
    {
        // Backward without createGraph takes the fused sweep; Autograd.Grad with createGraph takes the composite VJP
        // (its reference twin). 300 rows × (3, 4) spans several parallel chunks.
        var x = Tensor.Normal<double>(1, 2, new Generator(20), 300, 3, 4).RequireGrad();
        var w = withWeight ? Tensor.Normal<double>(1, 0.5, new Generator(21), 3, 4).RequireGrad() : null;
        var b = withBias ? Tensor.Normal<double>(0, 0.5, new Generator(22), 3, 4).RequireGrad() : null;
        var g = Tensor.Normal<double>(0, 1, new Generator(23), 300, 3, 4);
        Tensor<double> F() => center ? x.LayerNorm([3, 4], w, b) : x.RmsNorm([3, 4], w, 1e-6);
        Tensor<double>[] inputs = [x, .. w is null ? Array.Empty<Tensor<double>>() : [w], .. b is null ? Array.Empty<Tensor<double>>() : [b]];
        var composite = Autograd.Grad([F()], inputs, [g], createGraph: true);
        F().Backward(g);
        for (int i = 0; i < inputs.Length; i++)
            TensorAssert.Close(composite[i]!.Detach(), inputs[i].Grad!, Tolerance.Float64Reduction);
    }

    [Fact]
    public void NormalizationValidatesShapes()
    {
        var x = Tensor.Zeros<double>(2, 3, 4);
        Assert.Contains("must end with normalizedShape (3,)", Assert.Throws<ArgumentException>(() => x.LayerNorm([3])).Message);
        Assert.Contains("weight must have shape (4,)", Assert.Throws<ArgumentException>(() => x.LayerNorm([4], Tensor.Zeros<double>(3))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.RmsNorm([4], null, -1));
    }

    [Fact]
    public void RmsNormDefaultEpsIsMachineEpsilonLikePyTorch()
    {
        Assert.Equal(Math.Pow(2, -23), Tensor.MachineEpsilon<float>());
        Assert.Equal(Math.Pow(2, -52), Tensor.MachineEpsilon<double>());
        // A zero row: y = 0·(0 + eps)^(-1/2)·w = 0 — finite only because eps > 0.
        var y = Tensor.Zeros<float>(1, 4).RmsNorm([4]);
        Assert.All(y.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ParameterValidation()
    {
        var x = Tensor.Zeros<double>(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.LeakyRelu(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Elu(double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => x.Hardtanh(1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.SoftplusBeta(0));
    }

    [Fact]
    public void KinksFollowPyTorchConventions()
    {
        // At x = 0: leaky_relu' = slope, elu' = α (x ≤ 0 branch), hardtanh' = 0 at the bounds.
        var x = Tensor.FromArray([0.0, -1.0, 1.0], 3).RequireGrad();
        x.LeakyRelu(0.2).Sum().Backward();
        Assert.Equal([0.2, 0.2, 1.0], x.Grad!.ToArray());
        x.Grad = null;
        x.Elu(0.7).Sum().Backward();
        Assert.Equal(0.7, x.Grad!.ToArray()[0], 15);
        x.Grad = null;
        x.Hardtanh(-1, 1).Sum().Backward();
        Assert.Equal([1.0, 0.0, 0.0], x.Grad!.ToArray());
    }
}
