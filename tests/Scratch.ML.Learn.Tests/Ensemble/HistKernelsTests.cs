using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>
/// The histogram-boosting fast kernels against their plain twins: the vector bin search against
/// <see cref="HistBinMapper.Bin"/>, the chunked branch-free row partition against a LINQ filter, and the fused
/// parallel histogram + subtraction + split search against <see cref="HistHistograms.Build"/> and
/// <see cref="HistSplitter.Find"/>.
/// </summary>
public class HistKernelsTests
{
    [Theory]
    [InlineData(255)]
    [InlineData(16)]
    [InlineData(2)]
    public void TransformEqualsBinEverywhere(int maxBins)
    {
        const int n = 20_000, d = 6;
        var rng = new Generator(5);
        var cols = new double[d * n];
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble();
            cols[i] = u * 100 - 50;                                                   // continuous
            cols[n + i] = Math.Floor(u * 9);                                          // 9 distinct values (ties)
            cols[2 * n + i] = i % 17 == 0 ? double.NaN : Math.Round(u * 300) / 3;     // NaN + many ties
            cols[3 * n + i] = i % 101 == 0 ? double.PositiveInfinity : i % 103 == 0 ? double.NegativeInfinity : 1e305 * (u - 0.5);
            cols[4 * n + i] = Math.Floor(u * 12);                                     // categorical codes
            cols[5 * n + i] = 7.0;                                                    // constant
        }
        var mapper = HistBinMapper.Fit(cols, n, d, maxBins, [false, false, false, false, true, false], new Generator(0));
        Assert.All(mapper.Thresholds, t => Assert.DoesNotContain(t, double.IsNaN));
        // Values exactly on every threshold, and just either side of it.
        var probe = new double[d * n];
        Array.Copy(cols, probe, cols.Length);
        for (int f = 0; f < d; f++)
        {
            var t = mapper.Thresholds[f];
            for (int k = 0; k < t.Length && 3 * k + 2 < n; k++)
            {
                probe[f * n + 3 * k] = t[k];
                probe[f * n + 3 * k + 1] = Math.BitDecrement(t[k]);
                probe[f * n + 3 * k + 2] = Math.BitIncrement(t[k]);
            }
        }
        foreach (var data in (double[][])[cols, probe])
        {
            var binned = mapper.Transform(data, n);
            for (int f = 0; f < d; f++)
                for (int i = 0; i < n; i++)
                    if (binned[f * n + i] != mapper.Bin(f, data[f * n + i]))
                        Assert.Fail($"feature {f}, row {i}, x = {data[f * n + i]:R}: Transform gave {binned[f * n + i]}, Bin gives {mapper.Bin(f, data[f * n + i])}");
        }
    }

    public static TheoryData<int, int, int> PartitionCases() => new()
    {
        { 0, 100_000, 0 }, { 0, 100_000, 1 }, { 0, 100_000, 2 }, { 0, 100_000, 3 },
        { 12_345, 70_001, 0 }, { 12_345, 70_001, 2 }, { 3, 40_000, 3 }, { 500, 1_000, 0 }, { 500, 1_000, 3 },
    };

    [Theory]
    [MemberData(nameof(PartitionCases))]
    public void PartitionIsTheStableFilter(int start, int count, int splitKind)
    {
        const int n = 100_000;
        var rng = new Generator((ulong)(start + count + splitKind));
        var binned = new byte[2 * n];
        for (int i = 0; i < 2 * n; i++) binned[i] = (byte)(rng.NextUInt32() % 40 == 0 ? 255 : rng.NextUInt32() % 200);
        // A node's rows: an ascending random subset of the rows, placed at [start, start + count).
        var partition = new int[n];
        var rows = Enumerable.Range(0, n).Where(_ => rng.NextDouble() < 0.9).Take(count).ToArray();
        count = rows.Length;
        rows.CopyTo(partition, start);
        var set = new uint[8];
        for (int b = 0; b < 256; b += 3) HistSplitter.Set(set, b);
        var split = new HistSplit { Feature = 1, Bin = 77, IsCategorical = splitKind == 3, LeftBins = splitKind == 3 ? set : null };
        bool missingLeft = splitKind == 1;
        bool GoesLeft(int row)
        {
            int v = binned[n + row];
            return split.IsCategorical ? HistSplitter.InSet(set, v) : v <= split.Bin || (missingLeft && v == 255);
        }
        var expected = rows.Where(GoesLeft).Concat(rows.Where(r => !GoesLeft(r))).ToArray();
        int rightStart = new HistPartition(binned, n, 255).Divide(partition, start, count, split, missingLeft);
        Assert.Equal(start + rows.Count(GoesLeft), rightStart);
        Assert.Equal(expected, partition.AsSpan(start, count).ToArray());
        Assert.All(partition.AsSpan(0, start).ToArray(), v => Assert.Equal(0, v));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void FusedSearchEqualsBuildThenFind(bool withHessians, bool constrained)
    {
        const int n = 60_000, d = 9, stride = 256;
        var rng = new Generator(withHessians ? 1UL : 2UL);
        var binned = new byte[d * n];
        var binsNonMissing = new int[d];
        var hasMissing = new bool[d];
        var categorical = new bool[d];
        for (int f = 0; f < d; f++)
        {
            binsNonMissing[f] = f == 2 ? 6 : 5 + f * 20;
            hasMissing[f] = f % 3 == 0;
            categorical[f] = f == 2;
            for (int i = 0; i < n; i++)
                binned[f * n + i] = (byte)(hasMissing[f] && rng.NextDouble() < 0.05 ? 255 : rng.NextUInt32() % binsNonMissing[f]);
        }
        var g = new float[n];
        var h = new float[n];
        for (int i = 0; i < n; i++)
        {
            // The gradient depends on features 1 and 4, so the splits are not ties.
            g[i] = (float)(binned[n + i] * 0.01 - (binned[4 * n + i] > 40 ? 1 : 0) + rng.NextDouble() - 0.5);
            h[i] = (float)(0.1 + rng.NextDouble());
        }
        float[]? hess = withHessians ? h : null;
        var splitter = new HistSplitter(binsNonMissing, hasMissing, categorical, new sbyte[d], 255, 0.5, 1e-3, 20, !withHessians);
        var histograms = new HistHistograms(binned, n, d, stride);
        var search = new HistNodeSearch(histograms, splitter, d);
        int[]? allowed = constrained ? [1, 2, 4, 7] : null;
        var partition = Enumerable.Range(0, n).ToArray();
        double sumG = g.Sum(v => (double)v), sumH = withHessians ? h.Sum(v => (double)v) : n;
        var root = new HistNode { Count = n, SumG = sumG, SumH = sumH, Allowed = allowed };
        search.Root(root, partition, g, hess);
        var reference = histograms.Build(partition, 0, n, true, g, hess, allowed);
        foreach (int f in allowed ?? Enumerable.Range(0, d).ToArray())
            for (int b = 0; b < stride; b++)
            {
                Assert.Equal(reference[f * stride + b].G, root.Hist![f * stride + b].G);
                Assert.Equal(reference[f * stride + b].H, root.Hist![f * stride + b].H);
                Assert.Equal(reference[f * stride + b].Count, root.Hist![f * stride + b].Count);
            }
        var expectedRoot = splitter.Find(reference, stride, n, sumG, sumH, 0, double.NegativeInfinity, double.PositiveInfinity, allowed);
        AssertSameSplit(expectedRoot, root.Split);
        Assert.True(root.Split.Gain > 0);

        // The children: the smaller one summed, the larger one by subtraction, both searched.
        var s = root.Split;
        int rightStart = new HistPartition(binned, n, 255).Divide(partition, 0, n, s, s.MissingGoesLeft);
        var left = new HistNode { Start = 0, Count = rightStart, SumG = s.GradientLeft, SumH = s.HessianLeft, Value = s.ValueLeft, Allowed = allowed };
        var right = new HistNode { Start = rightStart, Count = n - rightStart, SumG = s.GradientRight, SumH = s.HessianRight, Value = s.ValueRight, Allowed = allowed };
        search.Children(root, left, right, partition, g, hess);
        foreach (var child in (HistNode[])[left, right])
        {
            var direct = histograms.Build(partition, child.Start, child.Count, false, g, hess, allowed);
            foreach (int f in allowed ?? Enumerable.Range(0, d).ToArray())
                for (int b = 0; b < stride; b++)
                {
                    // parent − sibling equals the direct sum up to rounding of the parent's sums.
                    Assert.Equal(direct[f * stride + b].Count, child.Hist![f * stride + b].Count);
                    Assert.Equal(direct[f * stride + b].G, child.Hist![f * stride + b].G, 1e-9 * n);
                    Assert.Equal(direct[f * stride + b].H, child.Hist![f * stride + b].H, 1e-9 * n);
                }
            var expected = splitter.Find(child.Hist!, stride, child.Count, child.SumG, child.SumH, child.Value, double.NegativeInfinity, double.PositiveInfinity, allowed);
            AssertSameSplit(expected, child.Split);
        }
    }

    private static void AssertSameSplit(HistSplit expected, HistSplit actual)
    {
        Assert.Equal(expected.Gain, actual.Gain);
        Assert.Equal(expected.Feature, actual.Feature);
        Assert.Equal(expected.Bin, actual.Bin);
        Assert.Equal(expected.MissingGoesLeft, actual.MissingGoesLeft);
        Assert.Equal(expected.CountLeft, actual.CountLeft);
        Assert.Equal(expected.GradientLeft, actual.GradientLeft);
        Assert.Equal(expected.HessianLeft, actual.HessianLeft);
    }
}
