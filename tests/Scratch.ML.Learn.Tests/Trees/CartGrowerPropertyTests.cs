using Scratch.ML.Learn.Trees;
using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.Learn.Trees;

/// <summary>Properties of the CART grower that hold whatever the data: limits, weights, determinism.</summary>
public class CartGrowerPropertyTests
{
    internal static (TreeFeatures X, double[] Xs, double[] Y, int N, int D) RandomData(int seed, int n, int d, int classes, int distinct = 6)
    {
        var r = new Random(seed);
        var cols = new double[n * d];
        for (int j = 0; j < cols.Length; j++) cols[j] = r.Next(distinct) * 0.5;
        var y = new double[n];
        for (int i = 0; i < n; i++)
            y[i] = classes > 0 ? (cols[i] + cols[n + i] > 2 ? 1 : 0) + (r.NextDouble() < 0.2 ? 1 : 0) % classes : cols[i] * 2 - cols[n + i] + r.NextDouble();
        if (classes > 0) for (int i = 0; i < n; i++) y[i] = Math.Min(y[i], classes - 1);
        return (new TreeFeatures(cols, n, d), cols, y, n, d);
    }

    private static TreeTargets Targets(double[] y, int classes) => new(y, 1, classes > 0 ? [classes] : null);

    [Theory]
    [InlineData(SplitCriterion.Gini, SplitStrategy.Best)]
    [InlineData(SplitCriterion.Entropy, SplitStrategy.Random)]
    [InlineData(SplitCriterion.SquaredError, SplitStrategy.Best)]
    [InlineData(SplitCriterion.FriedmanMse, SplitStrategy.Random)]
    [InlineData(SplitCriterion.AbsoluteError, SplitStrategy.Best)]
    public void RespectsLimitsAndPartitionsTheSamples(SplitCriterion criterion, SplitStrategy splitter)
    {
        int classes = criterion is SplitCriterion.Gini or SplitCriterion.Entropy ? 2 : 0;
        var (x, _, y, n, _) = RandomData(1, 200, 5, classes);
        var o = new TreeGrowthOptions(criterion, splitter, MaxDepth: 6, MinSamplesLeaf: 4, MaxFeatures: 3);
        var tree = CartGrower.Grow(x, Targets(y, classes), null, o, new Generator(7), CancellationToken.None);
        Assert.True(tree.MaxDepth <= 6);
        Assert.Equal(n, tree.SampleCount[0]);
        for (int node = 0; node < tree.NodeCount; node++)
        {
            Assert.True(tree.SampleCount[node] >= 4, $"node {node} has {tree.SampleCount[node]} samples");
            if (tree.IsLeaf(node)) continue;
            Assert.Equal(tree.SampleCount[node], tree.SampleCount[tree.LeftChild[node]] + tree.SampleCount[tree.RightChild[node]]);
        }
    }

    [Fact]
    public void ZeroWeightSamplesAreExcluded()
    {
        var (x, xs, y, n, d) = RandomData(2, 120, 4, 2);
        var w = new double[n];
        var keep = new List<int>();
        for (int i = 0; i < n; i++) { w[i] = i % 3 == 0 ? 0 : 1; if (w[i] != 0) keep.Add(i); }
        var o = new TreeGrowthOptions(SplitCriterion.Gini);
        var weighted = CartGrower.Grow(x, Targets(y, 2), w, o, new Generator(3), CancellationToken.None);
        var cols = new double[keep.Count * d];
        for (int f = 0; f < d; f++) for (int k = 0; k < keep.Count; k++) cols[f * keep.Count + k] = xs[f * n + keep[k]];
        var subset = CartGrower.Grow(new TreeFeatures(cols, keep.Count, d), Targets(keep.Select(i => y[i]).ToArray(), 2), null, o,
            new Generator(3), CancellationToken.None);
        Assert.Equal(subset.NodeCount, weighted.NodeCount);
        Assert.Equal(subset.Feature.ToArray(), weighted.Feature.ToArray());
        Assert.Equal(subset.Threshold.ToArray(), weighted.Threshold.ToArray());
        Assert.Equal(subset.SampleCount.ToArray(), weighted.SampleCount.ToArray());
    }

    [Fact]
    public void SameSeedSameTreeAndMaxFeaturesUsesTheGenerator()
    {
        var (x, _, y, _, _) = RandomData(3, 300, 8, 2, distinct: 20);
        var o = new TreeGrowthOptions(SplitCriterion.Gini, MaxFeatures: 2);
        var a = CartGrower.Grow(x, Targets(y, 2), null, o, new Generator(11), CancellationToken.None);
        var b = CartGrower.Grow(x, Targets(y, 2), null, o, new Generator(11), CancellationToken.None);
        var c = CartGrower.Grow(x, Targets(y, 2), null, o, new Generator(12), CancellationToken.None);
        Assert.Equal(a.Feature.ToArray(), b.Feature.ToArray());
        Assert.Equal(a.Threshold.ToArray(), b.Threshold.ToArray());
        Assert.False(a.Feature.SequenceEqual(c.Feature) && a.Threshold.SequenceEqual(c.Threshold), "another seed should draw other features");
    }

    [Fact]
    public void RandomSplitterRefusesMissingValues()
    {
        var (_, xs, y, n, d) = RandomData(4, 50, 3, 2);
        xs[5] = double.NaN;
        var x = new TreeFeatures(xs, n, d);
        var e = Assert.Throws<ArgumentException>(() => CartGrower.Grow(x, Targets(y, 2), null,
            new TreeGrowthOptions(SplitCriterion.Gini, SplitStrategy.Random), new Generator(0), CancellationToken.None));
        Assert.Contains("random splitter", e.Message);
    }
}
