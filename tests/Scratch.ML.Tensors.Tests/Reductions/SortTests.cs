using FsCheck;
using FsCheck.Fluent;
using Xunit;
using R = Scratch.ML.Testing.ReferenceReductions;

namespace Scratch.ML.Tests.Reductions;

/// <summary>Sort, ArgSort and TopK: sortedness, permutation, stability, NaN order and layouts.</summary>
public class SortTests
{
    [Fact]
    public void SortIsSortedAndAPermutationOfTheInput()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(50), Prop.ForAll(Arb.From(Gen.Choose(1, 200)), Arb.From(Gen.Choose(0, 1000)), (n, seed) =>
        {
            var rng = new Random(seed);
            // Few distinct values, so ties are common.
            var v = Enumerable.Range(0, n).Select(_ => (double)rng.Next(0, 8)).ToArray();
            var x = Tensor.FromArray(v, n);
            var s = x.Sort().ToArray();
            var idx = x.ArgSort().ToArray();
            bool sorted = s.Zip(s.Skip(1)).All(p => p.First <= p.Second);
            bool permutation = idx.OrderBy(i => i).SequenceEqual(Enumerable.Range(0, n).Select(i => (long)i));
            bool gathers = idx.Select(i => v[i]).SequenceEqual(s);
            bool stable = idx.SequenceEqual(R.ArgSort(v, false).Select(i => (long)i));
            bool stableDescending = x.ArgSort(descending: true).ToArray().SequenceEqual(R.ArgSort(v, true).Select(i => (long)i));
            return sorted && permutation && gathers && stable && stableDescending;
        }));
    }

    [Fact]
    public void NaNsSortLastAscendingAndFirstDescending()
    {
        var x = Tensor.FromArray(new[] { 3f, float.NaN, -1f, float.NaN, 2f }, 5);
        var s = x.Sort().ToArray();
        Assert.Equal(new[] { -1f, 2f, 3f }, s[..3]);
        Assert.True(float.IsNaN(s[3]) && float.IsNaN(s[4]));
        Assert.Equal(new long[] { 2, 4, 0, 1, 3 }, x.ArgSort().ToArray());
        Assert.Equal(new long[] { 1, 3, 0, 4, 2 }, x.ArgSort(descending: true).ToArray());
    }

    [Theory]
    [InlineData("contiguous")]
    [InlineData("transposed")]
    [InlineData("reversed")]
    [InlineData("broadcast")]
    public void ArgsortMatchesTwinAlongEveryAxis(string layout)
    {
        int seed = 5;
        foreach (var shape in ReductionTestData.Shapes.Where(s => s.Length > 0))
        {
            var x = ReductionTestData.Make<float>(shape, layout, seed++);
            for (int axis = 0; axis < shape.Length; axis++)
                foreach (bool desc in new[] { false, true })
                {
                    var expected = R.Transform(x, axis, row => R.ArgSort(row, desc).Select(i => (double)i).ToArray());
                    Assert.Equal(expected, x.ArgSort(axis, desc).ToArray().Select(i => (double)i));
                    var sortedExpected = R.Transform(x, axis, row => R.ArgSort(row, desc).Select(i => row[i]).ToArray());
                    Assert.Equal(sortedExpected, x.Sort(axis, desc).ToArray().Select(v => (double)v));
                }
        }
    }

    [Fact]
    public void TopKMatchesTheHeadOfTheSort()
    {
        var x = ReductionTestData.Make<double>([6, 9], "transposed", 3);
        foreach (int axis in new[] { 0, 1 })
            foreach (bool largest in new[] { true, false })
                for (int k = 0; k <= x.Size(axis); k++)
                {
                    var (values, indices) = x.TopK(k, axis, largest);
                    var sorted = x.Sort(axis, descending: largest).Narrow(axis, 0, k);
                    var order = x.ArgSort(axis, descending: largest).Narrow(axis, 0, k);
                    Assert.Equal(sorted.ToArray(), values.ToArray());
                    Assert.Equal(order.ToArray(), indices.ToArray());
                }
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x.TopK(10, 0));
        Assert.Contains("k = 10", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.TopK(-1));
    }

    [Fact]
    public void KeySortMatchesTheComparerTwinWithTiesNaNAndSignedZeros()
    {
        var rng = new Random(9);
        double[] pool = [0.0, -0.0, 1.5, -1.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 3.0];
        for (int trial = 0; trial < 20; trial++)
        {
            int n = rng.Next(1, 300);
            var v = Enumerable.Range(0, n).Select(_ => pool[rng.Next(pool.Length)]).ToArray();
            foreach (bool desc in new[] { false, true })
            {
                var entries = v.Select((x, i) => new Scratch.ML.Cpu.SortDriver.Entry<double>(x, i)).ToArray();
                if (desc) entries.AsSpan().Sort(new Scratch.ML.Cpu.SortDriver.Descending<double>());
                else entries.AsSpan().Sort(new Scratch.ML.Cpu.SortDriver.Ascending<double>());
                var twin = entries.Select(e => (long)e.Index).ToArray();
                Assert.Equal(twin, Tensor.FromArray(v, n).ArgSort(descending: desc).ToArray());
                Assert.Equal(twin, Tensor.FromArray(v.Select(x => (float)x).ToArray(), n).ArgSort(descending: desc).ToArray());
            }
        }
        Assert.Equal(new long[] { 0, 1, 2 }, Tensor.FromArray(new[] { 0f, -0f, 0f }, 3).ArgSort().ToArray());
    }

    [Fact]
    public void IntegerSortAndTopK()
    {
        var x = Tensor.FromArray(new long[] { 5, -2, 7, 7, 0 }, 5);
        Assert.Equal(new long[] { -2, 0, 5, 7, 7 }, x.Sort().ToArray());
        var (v, i) = x.TopK(2);
        Assert.Equal(new long[] { 7, 7 }, v.ToArray());
        Assert.Equal(new long[] { 2, 3 }, i.ToArray());
    }
}
