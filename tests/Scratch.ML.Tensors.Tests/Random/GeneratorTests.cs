using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.Rng;

/// <summary>Reproducibility: seeds, streams, state, forks, thread-count and chunk-boundary independence.</summary>
[Collection("Parallelism")]
public class GeneratorTests
{
    private static double[] D<T>(Tensor<T> t) where T : unmanaged, System.Numerics.INumberBase<T> => RandomStats.ToDoubles(t);

    /// <summary>Every factory, at a size that spans many parallel chunks.</summary>
    public static TheoryData<string, Func<Generator, double[]>> Factories => new()
    {
        { "rand f32", g => D(Tensor.Rand<float>(g, 100_000)) },
        { "rand f64", g => D(Tensor.Rand<double>(g, 100_001)) },
        { "uniform f32", g => D(Tensor.Uniform<float>(-3, 5, g, 100_003)) },
        { "randn f32", g => D(Tensor.Randn<float>(g, 100_007)) },
        { "randn f64", g => D(Tensor.Normal<double>(1, 2, g, 100_000)) },
        { "exponential f32", g => D(Tensor.Exponential<float>(2, g, 100_000)) },
        { "exponential f64", g => D(Tensor.Exponential<double>(2, g, 100_000)) },
        { "bernoulli", g => Tensor.Bernoulli(0.3, g, 200_000).ToArray().Select(b => b ? 1.0 : 0.0).ToArray() },
        { "bernoulli tensor", g => Tensor.Bernoulli(Tensor.Linspace(0.0, 1.0, 100_000), g).ToArray().Select(b => b ? 1.0 : 0.0).ToArray() },
        { "randint i32", g => D(Tensor.RandInt<int>(-5, 17, g, 100_000)) },
        { "randint i64", g => D(Tensor.RandInt<long>(0, 1L << 40, g, 100_000)) },
        { "gamma", g => D(Tensor.Gamma<double>(0.7, 2, g, 20_000)) },
        { "beta", g => D(Tensor.Beta<float>(2, 3, g, 20_000)) },
        { "poisson", g => D(Tensor.Poisson(30, g, 20_000)) },
        { "truncated normal", g => D(Tensor.TruncatedNormal<double>(0, 1, 1, 3, g, 20_000)) },
        { "dirichlet", g => D(Tensor.Dirichlet<double>([0.5, 1, 2], 10_000, g)) },
        { "multinomial with replacement", g => D(Tensor.Multinomial(Tensor.FromArray([0.1, 0.2, 0.7, 0.0]), 20_000, true, g)) },
        { "multinomial without replacement", g => D(Tensor.Multinomial(Tensor.Full(1.0, 3000, 10), 5, false, g)) },
        { "multivariate normal", g => D(Tensor.MultivariateNormal(Tensor.FromArray([1.0, 2.0]), Tensor.FromArray(new double[,] { { 2, 0.5 }, { 0.5, 1 } }), 50_000, g)) },
        { "permutation", g => g.Permutation(10_000).Select(i => (double)i).ToArray() },
    };

    [Theory]
    [MemberData(nameof(Factories))]
    public void SameSeedGivesSameValues(string name, Func<Generator, double[]> make)
    {
        double[] first = make(new Generator(42)), again = make(new Generator(42));
        Assert.Equal(first, again);
        Assert.NotEqual(make(new Generator(42)), make(new Generator(43)));
        Assert.NotEqual(make(new Generator(42)), make(new Generator(42, stream: 1)));
        _ = name;
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void ResultsAreBitwiseIdenticalForOneAndTwoThreads(string name, Func<Generator, double[]> make)
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            var one = make(new Generator(7));
            Parallelism.MaxThreads = 2;
            var two = make(new Generator(7));
            Assert.Equal(one, two);
        }
        finally { Parallelism.MaxThreads = saved; }
        _ = name;
    }

    [Theory]
    [InlineData(1000, 256)]
    [InlineData(70_000, 8192)]
    [InlineData(300_000, 65_536 + 256)]
    public void FillingInTwoCallsEqualsOneCallAtTileMultiples(int n, int h)
    {
        // Uniform and normal, float and double: consecutive calls continue the stream when h is a multiple of the tile.
        var g1 = new Generator(99);
        var g2 = new Generator(99);
        Assert.Equal(Tensor.Randn<float>(g1, n).ToArray(), Tensor.Randn<float>(g2, h).ToArray().Concat(Tensor.Randn<float>(g2, n - h).ToArray()));
        Assert.Equal(g1.Offset, g2.Offset);
        Assert.Equal(Tensor.Randn<double>(g1, n).ToArray(), Tensor.Randn<double>(g2, h).ToArray().Concat(Tensor.Randn<double>(g2, n - h).ToArray()));
        Assert.Equal(Tensor.Rand<double>(g1, n).ToArray(), Tensor.Rand<double>(g2, h).ToArray().Concat(Tensor.Rand<double>(g2, n - h).ToArray()));
        Assert.Equal(Tensor.Rand<float>(g1, n).ToArray(), Tensor.Rand<float>(g2, h).ToArray().Concat(Tensor.Rand<float>(g2, n - h).ToArray()));
    }

    [Fact]
    public void SecondHalfCanBeProducedAloneFromItsOffset()
    {
        // Anyone (another thread, a GPU) can compute the elements [h, n) knowing only the seed and offset.
        var full = Tensor.Rand<float>(new Generator(5), 100_000).ToArray();
        var g = new Generator(5) { Offset = 50_000 / 4 };
        Assert.Equal(full[50_000..], Tensor.Rand<float>(g, 50_000).ToArray());
        var span = new float[25_000];
        new Generator(5) { Offset = 75_000 / 4 }.Uniform<float>(span);
        Assert.Equal(full[75_000..], span);
    }

    [Fact]
    public void SpanAndTensorPathsAgree()
    {
        var t = Tensor.Normal<double>(3, 2, new Generator(11), 100_000).ToArray();
        var s = new double[100_000];
        new Generator(11).Normal<double>(s, 3, 2);
        Assert.Equal(t, s);
        var i = Tensor.RandInt<long>(-100, 100, new Generator(12), 1000).ToArray();
        var si = new long[1000];
        new Generator(12).Integers(si, -100, 100);
        Assert.Equal(i, si);
    }

    [Fact]
    public void StateRoundTripsAndReproducesLaterDraws()
    {
        var g = new Generator(123, stream: 4);
        Tensor.Randn<float>(g, 1000);
        GeneratorState saved = g.State;
        var a = Tensor.Gamma<double>(2, 1, g, 500).ToArray();
        var b = Tensor.Rand<float>(g, 500).ToArray();
        g.State = saved;
        Assert.Equal(a, Tensor.Gamma<double>(2, 1, g, 500).ToArray());
        Assert.Equal(b, Tensor.Rand<float>(g, 500).ToArray());
        var h = Generator.FromState(saved);
        Assert.Equal(a, Tensor.Gamma<double>(2, 1, h, 500).ToArray());
        Assert.Equal(new GeneratorState(123, 4, 250), saved);
    }

    [Fact]
    public void ForksAreDistinctDeterministicAndAdvanceTheParent()
    {
        var g = new Generator(1);
        var children = g.Split(4);
        Assert.Equal(4UL, g.Offset);
        var again = new Generator(1).Split(4);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(again[i].Seed, children[i].Seed);
            for (int j = 0; j < i; j++) Assert.NotEqual(children[j].Seed, children[i].Seed);
        }
        var x = Tensor.Rand<double>(children[0], 1000).ToArray();
        var y = Tensor.Rand<double>(children[1], 1000).ToArray();
        // Independent streams: the sample correlation is O(1/√n).
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < 1000; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my); }
        Assert.True(Math.Abs(sxy / Math.Sqrt(sxx * syy)) < 6 / Math.Sqrt(1000));
    }

    [Fact]
    public void ScalarDrawsFollowThePositionLayout()
    {
        var g = new Generator(77);
        uint w = g.NextUInt32();
        Assert.Equal(Philox.At(77, 0, 0, 0).X0, w);
        double d = g.NextDouble();
        var (x0, x1, _, _) = Philox.At(77, 0, 1, 0);
        Assert.Equal(((x0 | ((ulong)x1 << 32)) >> 11) * (1.0 / (1UL << 53)), d);
        Assert.Equal(2UL, g.Offset);
    }
}

/// <summary>In-place fills of existing tensors (contiguous windows and strided views).</summary>
public class TensorFillTests
{
    [Fact]
    public void InPlaceFillsMatchTheFactories()
    {
        var big = Tensor.Zeros<float>(3, 100_000);
        var row = big.Select(0, 1); // a contiguous window at offset 100 000
        new Generator(9).Normal(row, 1, 2);
        Assert.Equal(Tensor.Normal<float>(1, 2, new Generator(9), 100_000).ToArray(), row.ToArray());
        Assert.All(big.Select(0, 0).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(big.Select(0, 2).ToArray(), v => Assert.Equal(0f, v));
        var m = Tensor.Zeros<double>(40, 30);
        var view = m.MT; // strided
        new Generator(9).Uniform(view, -1, 1);
        Assert.Equal(Tensor.Uniform<double>(-1, 1, new Generator(9), 30, 40).ToArray(), view.ToArray());
    }

    [Fact]
    public void BackendSeamReproducesTheFactoriesFromADescription()
    {
        // What a GPU backend receives: kind, parameters and counters. The CPU backend must give the factory's values.
        var t = Tensor.Zeros<float>(70_000);
        Device.Cpu.Backend.RandomFill(t, new PhiloxFill(RandomKind.Normal, Seed: 3, Stream: 0, BasePosition: 0, P0: 0, P1: 1));
        Assert.Equal(Tensor.Randn<float>(new Generator(3), 70_000).ToArray(), t.ToArray());
        var i = Tensor.Zeros<long>(1000);
        Device.Cpu.Backend.RandomFill(i, new PhiloxFill(RandomKind.Integers, 3, 0, 10, 0, 0, IntLow: -5, IntRange: 10));
        Assert.Equal(Tensor.RandInt<long>(-5, 5, new Generator(3) { Offset = 10 }, 1000).ToArray(), i.ToArray());
        Assert.Equal(1, PhiloxFill.WordsPerElement<float>(RandomKind.Uniform));
        Assert.Equal(2, PhiloxFill.WordsPerElement<double>(RandomKind.Normal));
        Assert.Throws<NotSupportedException>(() => Device.Cpu.Backend.RandomFill(Tensor.Zeros<int>(4), new PhiloxFill(RandomKind.Normal, 1, 0, 0, 0, 1)));
        Assert.Throws<ArgumentException>(() => Device.Cpu.Backend.RandomFill(Tensor.Zeros<float>(4, 4).MT, new PhiloxFill(RandomKind.Uniform, 1, 0, 0, 0, 1)));
    }
}
