using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.Rng;

/// <summary>Integers, permutations and categorical draws: exact supports and frequencies within 6 standard errors.</summary>
public class DiscreteTests
{
    private static void Frequencies(long[] counts, double[] probs, long n, string what)
    {
        for (int k = 0; k < counts.Length; k++)
        {
            double p = probs[k], f = counts[k] / (double)n;
            Assert.True(Math.Abs(f - p) <= 6 * Math.Sqrt(p * (1 - p) / n) + 1e-15, $"{what}: category {k} frequency {f} vs {p}");
        }
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(-5, 5)]
    [InlineData(7, 8)]
    [InlineData(-1000, 1000)]
    public void RandIntIsUniformIncludingTheEdges(int low, int high)
    {
        const int n = 120_000;
        var x = Tensor.RandInt<int>(low, high, new Generator(10), n).ToArray();
        var counts = new long[high - low];
        foreach (int v in x) { Assert.InRange(v, low, high - 1); counts[v - low]++; }
        if (high - low <= 20) Frequencies(counts, Enumerable.Repeat(1.0 / (high - low), high - low).ToArray(), n, "randint");
        if (high - low > 1)
            RandomStats.Moments(x.Select(v => (double)v).ToArray(), (low + high - 1) / 2.0, ((double)(high - low) * (high - low) - 1) / 12, 0, "randint");
    }

    [Fact]
    public void RandIntHasNoModuloBiasForAWideRange()
    {
        // r = 3·2³⁰: a 32-bit "x mod r" would give [0, 2³⁰) probability 1/2; the unbiased answer is 1/3.
        const int n = 200_000;
        long r = 3L << 30;
        var x = Tensor.RandInt<long>(0, r, new Generator(12), n).ToArray();
        Assert.All(x, v => Assert.InRange(v, 0, r - 1));
        Frequencies([x.LongCount(v => v < 1L << 30)], [1.0 / 3], n, "low third");
        // The full int64 range and int32 extremes work.
        var full = Tensor.RandInt<long>(long.MinValue, long.MaxValue, new Generator(13), 1000).ToArray();
        Assert.Contains(full, v => v < 0);
        Assert.Contains(full, v => v > 0);
        var i32 = Tensor.RandInt<int>(int.MinValue, (long)int.MaxValue + 1, new Generator(14), 1000).ToArray();
        Assert.Contains(i32, v => v < -1_000_000_000);
        Assert.Contains(i32, v => v > 1_000_000_000);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(100_000)]
    public void PermutationIsAPermutation(int n)
    {
        var p = new Generator(5).Permutation(n);
        Assert.Equal(Enumerable.Range(0, n), p.Order());
        var t = Tensor.RandPerm(n, new Generator(5)).ToArray();
        Assert.Equal(p.Select(v => (long)v), t);
        var items = Enumerable.Range(0, n).Select(i => $"x{i}").ToArray();
        new Generator(5).Shuffle<string>(items);
        Assert.Equal(p.Select(i => $"x{i}"), items);
    }

    [Fact]
    public void PermutationsOfFourAreUniform()
    {
        const int n = 96_000; // 4! = 24 orders, 4000 expected each
        var g = new Generator(6);
        var counts = new Dictionary<string, long>();
        for (int t = 0; t < n; t++)
        {
            string key = string.Join(",", g.Permutation(4));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(24, counts.Count);
        Frequencies(counts.Values.ToArray(), Enumerable.Repeat(1.0 / 24, 24).ToArray(), n, "orders of 4");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MultinomialFrequenciesMatchProbabilities(bool replacement)
    {
        double[] w = [1, 0, 2, 3, 4]; // unnormalised; category 1 never appears
        double[] p = w.Select(v => v / 10).ToArray();
        if (replacement)
        {
            const int n = 200_000;
            var x = Tensor.Multinomial(Tensor.FromArray(w), n, true, new Generator(20)).ToArray();
            var counts = new long[5];
            foreach (long v in x) counts[v]++;
            Assert.Equal(0, counts[1]);
            Frequencies(counts, p, n, "with replacement");
        }
        else
        {
            // The first draw of each row follows p; all draws of a row are distinct and of positive weight.
            const int rows = 40_000;
            var probs = Tensor.FromArray(Enumerable.Range(0, rows).SelectMany(_ => w).ToArray(), rows, 5);
            var x = Tensor.Multinomial(probs, 4, false, new Generator(21));
            Assert.Equal([rows, 4], x.ShapeArray());
            var first = new long[5];
            for (int r = 0; r < rows; r++)
            {
                var row = Enumerable.Range(0, 4).Select(j => x[r, j]).ToArray();
                Assert.Equal(4, row.Distinct().Count());
                Assert.DoesNotContain(1L, row);
                first[row[0]]++;
            }
            Frequencies(first, p, rows, "first draw without replacement");
            // Second draw given first = 4 (weight 4): remaining weights 1, 0, 2, 3 over 6.
            var second = new long[5]; long m = 0;
            for (int r = 0; r < rows; r++) if (x[r, 0] == 4) { second[x[r, 1]]++; m++; }
            Frequencies(second, [1.0 / 6, 0, 2.0 / 6, 3.0 / 6, 0], m, "second draw given the first");
        }
    }

    [Fact]
    public void MultinomialFromLogitsEqualsSoftmaxProbabilities()
    {
        double[] logits = [0.5, double.NegativeInfinity, -1, 2];
        double max = logits.Max();
        var w = logits.Select(l => Math.Exp(l - max)).ToArray();
        var a = Tensor.MultinomialFromLogits(Tensor.FromArray(logits), 5000, true, new Generator(22)).ToArray();
        var b = Tensor.Multinomial(Tensor.FromArray(w), 5000, true, new Generator(22)).ToArray();
        Assert.Equal(b, a);
        var c = Tensor.MultinomialFromLogits(Tensor.FromArray(logits.Select(v => (float)v).ToArray()), 3, false, new Generator(23)).ToArray();
        Assert.Equal(3, c.Distinct().Count());
        Assert.DoesNotContain(1L, c);
    }
}
