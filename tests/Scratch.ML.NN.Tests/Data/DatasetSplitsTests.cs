using Scratch.ML.NN.Data;
using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.NN.Data;

public class DatasetSplitsTests
{
    private static TensorDataset<int> Ids(int n) => new(Tensor.FromArray(Enumerable.Range(0, n).ToArray(), n));

    [Fact]
    public void RandomSplitByCountsPartitionsDeterministically()
    {
        var ds = Ids(20);
        var parts = DatasetSplits.RandomSplit(ds, [12, 5, 3], new Generator(4));
        Assert.Equal(new[] { 12, 5, 3 }, parts.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(0, 20), parts.SelectMany(p => p.Indices).Order());
        var again = DatasetSplits.RandomSplit(ds, [12, 5, 3], new Generator(4));
        Assert.Equal(parts[1].Indices, again[1].Indices);
        Assert.Equal(parts[1].Indices[2], parts[1].Get(2)[0].ToScalar());
        Assert.Throws<ArgumentException>(() => DatasetSplits.RandomSplit(ds, [10, 5], new Generator(4)));
    }

    [Fact]
    public void FractionsFollowPyTorchRounding()
    {
        // 11·0.5 = 5.5 → 5, 11·0.3 = 3.3 → 3, 11·0.2 = 2.2 → 2; the 1 left over goes to part 0 (torch.utils.data.random_split)
        var parts = DatasetSplits.RandomSplit(Ids(11), [0.5, 0.3, 0.2], new Generator(1));
        Assert.Equal(new[] { 6, 3, 2 }, parts.Select(p => p.Count));
        Assert.Throws<ArgumentException>(() => DatasetSplits.RandomSplit(Ids(11), [0.5, 0.6], new Generator(1)));
    }

    [Fact]
    public void StratifiedSplitKeepsClassProportions()
    {
        // 60 items of class 0, 30 of class 1, 10 of class 2; 20% validation → 12, 6, 2
        var labels = Enumerable.Range(0, 100).Select(i => i < 60 ? 0 : i < 90 ? 1 : 2).ToArray();
        var ds = Ids(100);
        var (train, val) = DatasetSplits.TrainValidationSplit(ds, 0.2, new Generator(8), labels);
        Assert.Equal(20, val.Count);
        Assert.Equal(80, train.Count);
        Assert.Equal(new[] { 12, 6, 2 }, val.Indices.GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Empty(train.Indices.Intersect(val.Indices));
        var (_, val2) = DatasetSplits.TrainValidationSplit(ds, 0.2, new Generator(8), labels);
        Assert.Equal(val.Indices, val2.Indices);
        var (_, val3) = DatasetSplits.TrainValidationSplit(ds, 0.2, new Generator(9), labels);
        Assert.NotEqual(val.Indices, val3.Indices);
    }

    [Fact]
    public void StratifiedRoundingUsesLargestRemainders()
    {
        // classes of 5, 3, 2 items, 3 validation items: exact shares 1.5, 0.9, 0.6 → floors 1, 0, 0, then +1 to the
        // classes with remainders 0.9 and 0.6
        var labels = new[] { 0, 0, 0, 0, 0, 1, 1, 1, 2, 2 };
        var (_, val) = DatasetSplits.TrainValidationSplit(Ids(10), 3, new Generator(2), labels);
        Assert.Equal(new[] { 1, 1, 1 }, val.Indices.Select(i => labels[i]).GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void UnstratifiedTrainValidationSplit()
    {
        var (train, val) = DatasetSplits.TrainValidationSplit(Ids(10), 0.25, new Generator(3));
        Assert.Equal(3, val.Count); // round(2.5) away from zero
        Assert.Equal(Enumerable.Range(0, 10), train.Indices.Concat(val.Indices).Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSplits.TrainValidationSplit(Ids(10), 1.5));
        Assert.Throws<ArgumentException>(() => DatasetSplits.TrainValidationSplit(Ids(10), 0.5, new Generator(1), [1, 2]));
    }
}
