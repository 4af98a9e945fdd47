using Scratch.ML.Learn.ModelSelection;
using Xunit;

namespace Scratch.ML.Tests.Learn.ModelSelection;

/// <summary>Properties of the shuffled splitters (partition, sizes, balance, determinism per seed) and argument checks.</summary>
public class SplitterPropertyTests
{
    private static readonly int[] Labels = [2, 0, 0, 1, 2, 2, 0, 1, 1, 2, 2, 2, 0, 1, 2, 0, 0, 2, 1, 2, 1, 1, 0];

    private static void AssertPartition(IReadOnlyList<(int[] Train, int[] Test)> splits, int n)
    {
        var tested = splits.SelectMany(s => s.Test).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, n), tested);
        foreach (var (train, test) in splits)
            Assert.Equal(Enumerable.Range(0, n), train.Concat(test).Order());
    }

    private static void AssertSame(IReadOnlyList<(int[] Train, int[] Test)> a, IReadOnlyList<(int[] Train, int[] Test)> b)
    {
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++) { Assert.Equal(a[i].Train, b[i].Train); Assert.Equal(a[i].Test, b[i].Test); }
    }

    private static bool Differ(IReadOnlyList<(int[] Train, int[] Test)> a, IReadOnlyList<(int[] Train, int[] Test)> b) =>
        a.Zip(b).Any(p => !p.First.Test.SequenceEqual(p.Second.Test));

    [Fact]
    public void ShuffledKFoldIsAPartitionWithSklearnSizesAndDeterministicPerSeed()
    {
        var splits = new KFold(4, Shuffle: true, Seed: 7).Split(23);
        AssertPartition(splits, 23);
        Assert.Equal([6, 6, 6, 5], splits.Select(s => s.Test.Length));
        Assert.All(splits, s => Assert.Equal(s.Test.Order(), s.Test));
        AssertSame(splits, new KFold(4, Shuffle: true, Seed: 7).Split(23));
        Assert.True(Differ(splits, new KFold(4, Shuffle: true, Seed: 8).Split(23)));
        Assert.True(Differ(splits, new KFold(4).Split(23)));
    }

    [Fact]
    public void ShuffledStratifiedKFoldKeepsTheUnshuffledAllocation()
    {
        var plain = new StratifiedKFold(3).Split(Labels.Length, Labels);
        var shuffled = new StratifiedKFold(3, Shuffle: true, Seed: 5).Split(Labels.Length, Labels);
        AssertPartition(shuffled, Labels.Length);
        for (int f = 0; f < 3; f++)
            foreach (int c in new[] { 0, 1, 2 })
                Assert.Equal(plain[f].Test.Count(i => Labels[i] == c), shuffled[f].Test.Count(i => Labels[i] == c));
        // Balance: each class's count per fold differs by at most one across folds.
        foreach (int c in new[] { 0, 1, 2 })
        {
            var perFold = shuffled.Select(s => s.Test.Count(i => Labels[i] == c)).ToArray();
            Assert.InRange(perFold.Max() - perFold.Min(), 0, 1);
        }
        AssertSame(shuffled, new StratifiedKFold(3, Shuffle: true, Seed: 5).Split(Labels.Length, Labels));
        Assert.True(Differ(shuffled, plain));
    }

    [Fact]
    public void GroupKFoldNeverSplitsAGroup()
    {
        var groups = Enumerable.Range(0, 40).Select(i => (i * 7) % 11).ToArray();
        var splits = new GroupKFold(3).Split(40, default, groups);
        AssertPartition(splits, 40);
        foreach (var (train, test) in splits)
            Assert.Empty(train.Select(i => groups[i]).Intersect(test.Select(i => groups[i])));
    }

    [Fact]
    public void RepeatedKFoldIsRepeatMajorPartitionsThatDiffer()
    {
        var splits = new RepeatedKFold(3, 4, Seed: 2).Split(10);
        Assert.Equal(12, splits.Count);
        for (int r = 0; r < 4; r++) AssertPartition(splits.Skip(3 * r).Take(3).ToArray(), 10);
        Assert.True(Differ(splits.Take(3).ToArray(), splits.Skip(3).Take(3).ToArray()));
        AssertSame(splits, new RepeatedKFold(3, 4, Seed: 2).Split(10));
    }

    [Fact]
    public void ShuffleSplitSizesAndDisjointness()
    {
        var splits = new ShuffleSplit(5, TestSize: 0.25, TrainSize: 0.5, Seed: 1).Split(11);
        Assert.Equal(5, splits.Count);
        Assert.All(splits, s =>
        {
            Assert.Equal(3, s.Test.Length);   // ⌈0.25 · 11⌉
            Assert.Equal(5, s.Train.Length);  // ⌊0.5 · 11⌋
            Assert.Empty(s.Train.Intersect(s.Test));
            Assert.Equal(s.Test.Length, s.Test.Distinct().Count());
        });
        Assert.Equal(2, new ShuffleSplit(3).Split(11)[0].Test.Length); // default 0.1 → ⌈1.1⌉
        AssertSame(splits, new ShuffleSplit(5, TestSize: 0.25, TrainSize: 0.5, Seed: 1).Split(11));
        Assert.True(Differ(splits.Take(1).ToArray(), splits.Skip(1).Take(1).ToArray()));
    }

    [Fact]
    public void StratifiedTrainTestSplitKeepsProportions()
    {
        var y = Enumerable.Repeat(0, 30).Concat(Enumerable.Repeat(1, 20)).Concat(Enumerable.Repeat(2, 10)).ToArray();
        var (train, test) = TrainTestSplit.Indices(y.Length, 0.25, seed: 9, stratify: y);
        Assert.Equal(45, train.Length);
        Assert.Equal(15, test.Length);
        Assert.Equal(Enumerable.Range(0, 60), train.Concat(test).Order());
        // Exact proportions: 30·0.25, 20·0.25, 10·0.25 rounded by the approximate mode (7.5, 5, 2.5 → sizes summing to 15).
        Assert.Equal(5, test.Count(i => y[i] == 1));
        Assert.InRange(test.Count(i => y[i] == 0), 7, 8);
        Assert.InRange(test.Count(i => y[i] == 2), 2, 3);
        var again = TrainTestSplit.Indices(y.Length, 0.25, seed: 9, stratify: y);
        Assert.Equal(train, again.Train);
        Assert.Equal(test, again.Test);
    }

    [Fact]
    public void InvalidArgumentsAreRejectedWithNames()
    {
        Assert.Equal("NSplits", Assert.Throws<ArgumentOutOfRangeException>(() => new KFold(1)).ParamName);
        Assert.Equal("NRepeats", Assert.Throws<ArgumentOutOfRangeException>(() => new RepeatedKFold(2, 0)).ParamName);
        Assert.Equal("Gap", Assert.Throws<ArgumentOutOfRangeException>(() => new TimeSeriesSplit(Gap: -1)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentException>(() => new KFold(5).Split(4)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => new StratifiedKFold(3).Split(5)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => new StratifiedKFold(3).Split(4, [0, 0, 1, 1])).ParamName);
        Assert.Equal("groups", Assert.Throws<ArgumentException>(() => new GroupKFold(3).Split(4, default, [0, 0, 1, 1])).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentException>(() => new TimeSeriesSplit(3, Gap: 5).Split(8)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentException>(() => new LeaveOneOut().Split(1)).ParamName);
        Assert.Equal("fraction", Assert.Throws<ArgumentOutOfRangeException>(() => SplitSize.Fraction(1.0)).ParamName);
        Assert.Equal("testSize", Assert.Throws<ArgumentException>(() => TrainTestSplit.Indices(5, 5)).ParamName);
        Assert.Equal("trainSize", Assert.Throws<ArgumentException>(() => TrainTestSplit.Indices(10, 0.6, 0.6)).ParamName);
        Assert.Equal("stratify", Assert.Throws<ArgumentException>(() => TrainTestSplit.Indices(4, 0.5, stratify: [0, 0, 0, 1])).ParamName);
    }

    [Fact]
    public void WithCopiesAreRevalidatedWhenSplitting()
    {
        Assert.Equal("NSplits", Assert.Throws<ArgumentOutOfRangeException>(() => (new KFold(3) with { NSplits = 1 }).Split(5)).ParamName);
        Assert.Equal("Gap", Assert.Throws<ArgumentOutOfRangeException>(() => (new TimeSeriesSplit() with { Gap = -2 }).Split(20)).ParamName);
        Assert.Equal("NSplits", Assert.Throws<ArgumentOutOfRangeException>(() => (new GroupKFold(2) with { NSplits = 0 }).Split(3, default, [0, 1, 2])).ParamName);
    }
}
