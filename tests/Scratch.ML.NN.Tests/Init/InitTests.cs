using Scratch.ML.NN;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Initializers;

/// <summary>
/// The initialisers: moments and bounds on large tensors (bounds stated per test, 5 standard errors unless noted),
/// PyTorch's gain and fan tables, orthogonality, and determinism for a seed.
/// </summary>
public class InitTests
{
    private const int N = 400 * 500; // 2e5 samples: sd(mean) = σ/447, sd(var) ≈ σ²·√(2/n) = σ²/316

    private static (double Mean, double Var, double Min, double Max) Moments(Tensor<float> x)
    {
        var v = x.ToArray().Select(f => (double)f).ToArray();
        double m = v.Average();
        return (m, v.Select(a => (a - m) * (a - m)).Average(), v.Min(), v.Max());
    }

    [Fact]
    public void CalculateGainFollowsPyTorchTable()
    {
        Assert.Equal(1.0, Init.CalculateGain(Nonlinearity.Linear));
        Assert.Equal(1.0, Init.CalculateGain(Nonlinearity.Conv));
        Assert.Equal(1.0, Init.CalculateGain(Nonlinearity.Sigmoid));
        Assert.Equal(5.0 / 3, Init.CalculateGain(Nonlinearity.Tanh));
        Assert.Equal(Math.Sqrt(2), Init.CalculateGain(Nonlinearity.Relu));
        Assert.Equal(0.75, Init.CalculateGain(Nonlinearity.Selu));
        Assert.Equal(Math.Sqrt(2 / (1 + 0.01 * 0.01)), Init.CalculateGain(Nonlinearity.LeakyRelu));
        Assert.Equal(Math.Sqrt(2 / (1 + 0.2 * 0.2)), Init.CalculateGain(Nonlinearity.LeakyRelu, 0.2));
        // torch.nn.init.calculate_gain('leaky_relu', 5 ** 0.5) = sqrt(2/6) — the value behind Linear's default init.
        Assert.Equal(Math.Sqrt(1.0 / 3), Init.CalculateGain(Nonlinearity.LeakyRelu, Math.Sqrt(5)), 15);
    }

    [Fact]
    public void FansUseTheReceptiveField()
    {
        Assert.Equal((5, 3), Init.CalculateFans([3, 5]));
        Assert.Equal((4 * 9, 8 * 9), Init.CalculateFans([8, 4, 3, 3]));
        Assert.Equal((2 * 5, 6 * 5), Init.CalculateFans([6, 2, 5]));
        Assert.Contains("at least 2 dimensions", Assert.Throws<ArgumentException>(() => Init.CalculateFans([4])).Message);
        Assert.Throws<ArgumentException>(() => Init.XavierUniform(Tensor.Zeros<float>(4)));
    }

    [Fact]
    public void BasicFillsHaveTheirMoments()
    {
        var x = Tensor.Zeros<float>(400, 500);
        var (m, v, lo, hi) = Moments(Init.Uniform(x, -2, 3, new Generator(1)));
        Assert.InRange(lo, -2, 3);
        Assert.InRange(hi, -2, 3);
        Assert.InRange(m, 0.5 - 5 * 1.44 / 447, 0.5 + 5 * 1.44 / 447);       // σ = 5/√12 = 1.44
        Assert.InRange(v, 25.0 / 12 * (1 - 0.02), 25.0 / 12 * (1 + 0.02));    // uniform: sd(var)/var = √(0.8/n) = 0.002; 10 sd
        (m, v, _, _) = Moments(Init.Normal(x, 1.5, 0.5, new Generator(2)));
        Assert.InRange(m, 1.5 - 5 * 0.5 / 447, 1.5 + 5 * 0.5 / 447);
        Assert.InRange(v, 0.25 * (1 - 5 / 316.0), 0.25 * (1 + 5 / 316.0));
        Assert.All(Init.Constant(x, 0.3).ToArray(), f => Assert.Equal(0.3f, f));
        Assert.All(Init.Ones(x).ToArray(), f => Assert.Equal(1f, f));
        Assert.All(Init.Zeros(x).ToArray(), f => Assert.Equal(0f, f));
    }

    [Fact]
    public void XavierScalesByBothFans()
    {
        var x = Tensor.Zeros<float>(400, 500);
        double std = 1.5 * Math.Sqrt(2.0 / 900), a = Math.Sqrt(3) * std;
        var (m, v, lo, hi) = Moments(Init.XavierUniform(x, 1.5, new Generator(3)));
        Assert.True(lo >= -a && hi <= a, $"range [{lo}, {hi}] outside ±{a}");
        Assert.True(hi > 0.99 * a && lo < -0.99 * a, "the bounds are reached");
        Assert.InRange(v, std * std * 0.98, std * std * 1.02);
        Assert.InRange(m, -5 * std / 447, 5 * std / 447);
        (m, v, _, _) = Moments(Init.XavierNormal(x, 1.0, new Generator(4)));
        std = Math.Sqrt(2.0 / 900);
        Assert.InRange(v, std * std * (1 - 5 / 316.0), std * std * (1 + 5 / 316.0));
    }

    [Fact]
    public void KaimingUsesGainOverRootFan()
    {
        // Conv-shaped weight (out 50, in 40, 10×10): fan_in = 4000, fan_out = 5000.
        var x = Tensor.Zeros<float>(50, 40, 10, 10);
        double std = Math.Sqrt(2) / Math.Sqrt(4000), bound = Math.Sqrt(3) * std;
        var (_, v, lo, hi) = Moments(Init.KaimingUniform(x, generator: new Generator(5)));
        Assert.True(lo >= -bound && hi <= bound);
        Assert.InRange(v, std * std * 0.98, std * std * 1.02);
        std = Math.Sqrt(2) / Math.Sqrt(5000);
        (_, v, _, _) = Moments(Init.KaimingNormal(x, mode: FanMode.FanOut, nonlinearity: Nonlinearity.Relu, generator: new Generator(6)));
        Assert.InRange(v, std * std * (1 - 5 / 316.0), std * std * (1 + 5 / 316.0));
        std = Init.CalculateGain(Nonlinearity.LeakyRelu, Math.Sqrt(5)) / Math.Sqrt(4000);
        (_, v, _, hi) = Moments(Init.KaimingUniform(x, a: Math.Sqrt(5), generator: new Generator(7)));
        Assert.True(hi <= 1 / Math.Sqrt(4000) + 1e-7, "a = √5 gives PyTorch Linear's U(±1/√fan_in)");
        Assert.InRange(v, std * std * 0.98, std * std * 1.02);
    }

    [Fact]
    public void TruncNormalStaysInBoundsWithTheTruncatedVariance()
    {
        var x = Tensor.Zeros<float>(400, 500);
        var (m, v, lo, hi) = Moments(Init.TruncNormal(x, generator: new Generator(8)));
        Assert.True(lo >= -2 && hi <= 2);
        // Var of N(0,1) truncated to [−2, 2]: 1 − 2·2·φ(2)/(Φ(2) − Φ(−2)) = 1 − 4·0.0539909665/0.9544997361 = 0.7737413;
        // sd(var) ≈ 0.77·√(2/n)·0.8 (lighter tails) < 0.0025; 5 sd ≈ 0.012.
        Assert.InRange(v, 0.7737413 - 0.012, 0.7737413 + 0.012);
        Assert.InRange(m, -5 * 0.88 / 447, 5 * 0.88 / 447);
        // Absolute bounds with a shifted mean: N(1, 3²) on [0.5, 2].
        (_, _, lo, hi) = Moments(Init.TruncNormal(x, 1, 3, 0.5, 2, new Generator(9)));
        Assert.True(lo >= 0.5 && hi <= 2, $"[{lo}, {hi}]");
        Assert.Throws<ArgumentException>(() => Init.TruncNormal(x, a: 1, b: 1));
    }

    [Theory]
    [InlineData(30, 50)]
    [InlineData(50, 30)]
    [InlineData(40, 40)]
    public void OrthogonalRowsOrColumnsAreOrthonormal(int rows, int cols)
    {
        var w = Init.Orthogonal(Tensor.Zeros<double>(rows, cols), 2.0, new Generator(10));
        var gram = rows <= cols ? w.MatMul(w.MT) : w.MT.MatMul(w);
        int k = Math.Min(rows, cols);
        TensorAssert.Close(Tensor.Eye<double>(k) * 4.0, gram, Tolerance.Float64Decomposition);
    }

    [Fact]
    public void OrthogonalFlattensTrailingAxesAndIsDeterministic()
    {
        var w = Init.Orthogonal(Tensor.Zeros<float>(6, 2, 3, 3), generator: new Generator(11));
        var m = w.Reshape(6, 18);
        TensorAssert.Close(Tensor.Eye<float>(6), m.MatMul(m.MT), Tolerance.Float32Decomposition);
        var again = Init.Orthogonal(Tensor.Zeros<float>(6, 2, 3, 3), generator: new Generator(11));
        TensorAssert.Close(w, again, Tolerance.Exact);
        Assert.Throws<ArgumentException>(() => Init.Orthogonal(Tensor.Zeros<float>(5)));
    }

    [Fact]
    public void AGeneratorSeedMakesInitialisationReproducible()
    {
        var a = Init.KaimingNormal(Tensor.Zeros<float>(8, 8), generator: new Generator(12));
        var b = Init.KaimingNormal(Tensor.Zeros<float>(8, 8), generator: new Generator(12));
        TensorAssert.Close(a, b, Tolerance.Exact);
    }

    [Fact]
    public void FillsParametersInPlaceOutsideTheGraph()
    {
        var lin = new Linear<float>(4, 3, generator: new Generator(13));
        var slot = lin.Weight.Value;
        Init.XavierNormal(lin.Weight.Value, generator: new Generator(14));
        Init.Zeros(lin.Bias!.Value);
        Assert.Same(slot, lin.Weight.Value);
        Assert.True(slot.IsLeaf && slot.RequiresGrad);
        Assert.All(lin.Bias.Value.ToArray(), f => Assert.Equal(0f, f));
    }
}

/// <summary>Runs alone: it resets the library-wide generator, which parallel tests constructing layers also draw from.</summary>
[CollectionDefinition(nameof(GlobalInitSeed), DisableParallelization = true)]
public sealed class GlobalInitSeed;

/// <summary><see cref="Init.ManualSeed"/> makes default-generator initialisation reproducible.</summary>
[Collection(nameof(GlobalInitSeed))]
public class InitManualSeedTests
{
    [Fact]
    public void ManualSeedMakesInitialisationReproducible()
    {
        Init.ManualSeed(42);
        var c = Init.XavierUniform(Tensor.Zeros<float>(8, 8));
        var c2 = Init.XavierUniform(Tensor.Zeros<float>(8, 8));
        Init.ManualSeed(42);
        TensorAssert.Close(c, Init.XavierUniform(Tensor.Zeros<float>(8, 8)), Tolerance.Exact);
        Assert.NotEqual(c.ToArray(), c2.ToArray());
    }
}
