using FsCheck;
using FsCheck.Fluent;
using Scratch.ML.Testing;
using Xunit;
using R = Scratch.ML.Testing.ReferenceReductions;

namespace Scratch.ML.Tests.Reductions;

/// <summary>Mathematical properties of reductions over generated inputs, and thread-count independence.</summary>
public class ReductionPropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(50);

    private static Arbitrary<int> Lengths => Arb.From(Gen.Choose(1, 3000));
    private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, 100_000));

    [Fact]
    public void SumIsInvariantUnderPermutationOfTheInput()
    {
        Check.One(Quick, Prop.ForAll(Lengths, Seeds, (n, seed) =>
        {
            var v = ReductionTestData.Values<float>(n, seed);
            var shuffled = (float[])v.Clone();
            new Random(seed + 1).Shuffle(shuffled);
            double a = Tensor.FromArray(v, n).Sum().ToScalar(), b = Tensor.FromArray(shuffled, n).Sum().ToScalar();
            double scale = R.SumAbs(v.Select(x => (double)x).ToArray());
            return Math.Abs(a - b) <= 2 * Tolerance.Float32Reduction.Relative * scale;
        }));
    }

    [Fact]
    public void SoftmaxRowsSumToOneAndIgnoreAConstantShift()
    {
        Check.One(Quick, Prop.ForAll(Arb.From(Gen.Choose(1, 300)), Seeds, (n, seed) =>
        {
            var v = ReductionTestData.Values<double>(3 * n, seed).Select(x => 20 * x).ToArray();
            var x = Tensor.FromArray(v, 3, n);
            var s = x.Softmax();
            var shifted = Tensor.FromArray(v.Select(t => t + 1000.0).ToArray(), 3, n).Softmax();
            var rowSums = s.Sum(1).ToArray();
            return rowSums.All(r => Math.Abs(r - 1) <= 1e-12) && s.ToArray().Zip(shifted.ToArray()).All(p => Math.Abs(p.First - p.Second) <= 1e-12);
        }));
    }

    [Fact]
    public void LogSumExpIsAtLeastTheMaxAndVarianceIsNonNegative()
    {
        Check.One(Quick, Prop.ForAll(Lengths, Seeds, (n, seed) =>
        {
            var v = ReductionTestData.Values<float>(n, seed).Select(x => 50 * x + 3).ToArray();
            var x = Tensor.FromArray(v, n);
            // A constant vector is the hardest case for var ≥ 0 (cancellation).
            var c = Tensor.Full(v[0], n);
            return x.LogSumExp().ToScalar() >= x.Max().ToScalar() && x.Var().ToScalar() >= 0 && c.Var().ToScalar() >= 0 && c.Std().ToScalar() >= 0;
        }));
    }

    public static TheoryData<string> LargeCases() => ["sum-all", "sum-axis0", "sum-axis1", "sum-transposed", "mean-axis0", "max-all", "max-axis0", "var-axis1", "var-axis0", "var-all", "norm2-axis0", "softmax", "softmax-axis0", "lse-axis0", "cumsum-axis0", "argmax-axis1"];

    [Theory]
    [MemberData(nameof(LargeCases))]
    public void ResultsAreBitwiseIdenticalForOneAndTwoThreads(string op)
    {
        var x = Tensor.FromArray(ReductionTestData.Values<float>(300 * 1100, 7), 300, 1100);
        var big = Tensor.FromArray(ReductionTestData.Values<float>(1 << 18, 8), 1 << 18);
        Func<float[]> run = op switch
        {
            "sum-all" => () => big.Sum().ToArray(),
            "sum-axis0" => () => x.Sum(0).ToArray(),
            "sum-axis1" => () => x.Sum(1).ToArray(),
            "sum-transposed" => () => x.MT.Sum(1).ToArray(),
            "mean-axis0" => () => x.Mean(0).ToArray(),
            "max-all" => () => big.Max().ToArray(),
            "max-axis0" => () => x.Max(0).ToArray(),
            "var-axis1" => () => x.Var(1).ToArray(),
            "var-all" => () => big.Var().ToArray(),
            "var-axis0" => () => x.Std(0, ddof: 1).ToArray(),
            "norm2-axis0" => () => x.Norm(2, 0).ToArray(),
            "softmax" => () => x.Softmax().ToArray(),
            "softmax-axis0" => () => x.Softmax(0).ToArray(),
            "lse-axis0" => () => x.LogSumExp(0).ToArray(),
            "cumsum-axis0" => () => x.CumSum(0).ToArray(),
            "argmax-axis1" => () => x.ArgMax(1).ToArray().Select(i => (float)i).ToArray(),
            _ => throw new ArgumentException(op),
        };
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            var one = run();
            Parallelism.MaxThreads = 2;
            var two = run();
            Parallelism.MaxThreads = 4;
            var four = run();
            Assert.Equal(one.Select(BitConverter.SingleToInt32Bits), two.Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(one.Select(BitConverter.SingleToInt32Bits), four.Select(BitConverter.SingleToInt32Bits));
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void LargeFloatSumIsAccurate()
    {
        // 2^22 values in [0, 1): a naive float32 loop loses ~3 digits; pairwise keeps ~1e-6 relative.
        int n = 1 << 22;
        var v = ReductionTestData.Values<float>(n, 3).Select(Math.Abs).ToArray();
        double exact = 0;
        foreach (float f in v) exact += f;
        Assert.True(Tolerance.Float32Reduction.IsClose(Tensor.FromArray(v, n).Sum().ToScalar(), exact));
        var m = Tensor.FromArray(v, 4096, 1024);
        var col = m.Sum(0).ToArray();
        var reference = new double[1024];
        for (int i = 0; i < 4096; i++)
            for (int j = 0; j < 1024; j++) reference[j] += v[i * 1024 + j];
        for (int j = 0; j < col.Length; j++) Assert.True(Tolerance.Float32Reduction.IsClose(col[j], reference[j]), $"column {j}");
    }
}
