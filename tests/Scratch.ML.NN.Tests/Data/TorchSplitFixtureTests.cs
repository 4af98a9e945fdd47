using System.Text.Json;
using Scratch.ML.NN.Data;
using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.NN.Data;

/// <summary>
/// fixtures/nn/data/splits.json (tests/reference/torch_data.py, torch 1.13): the part lengths torch.utils.data.random_split
/// gives for fractions, and len(DataLoader) with and without drop_last.
/// </summary>
public class TorchSplitFixtureTests
{
    private static JsonDocument Fixture()
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "nn", "data", "splits.json")));

    [Fact]
    public void FractionLengthsMatchTorchRandomSplit()
    {
        using var doc = Fixture();
        foreach (var c in doc.RootElement.GetProperty("random_split").EnumerateArray())
        {
            int n = c.GetProperty("n").GetInt32();
            var fractions = c.GetProperty("fractions").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var expected = c.GetProperty("lengths").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var ds = new TensorDataset<int>(Tensor.Zeros<int>(n));
            var parts = DatasetSplits.RandomSplit(ds, fractions, new Generator(0));
            Assert.Equal(expected, parts.Select(p => p.Count));
        }
    }

    [Fact]
    public void BatchCountsMatchTorchDataLoaderLen()
    {
        using var doc = Fixture();
        foreach (var c in doc.RootElement.GetProperty("dataloader_len").EnumerateArray())
        {
            int n = c.GetProperty("n").GetInt32(), b = c.GetProperty("batch_size").GetInt32();
            var ds = new TensorDataset<int>(Tensor.Zeros<int>(n));
            var keep = DataLoader.Create(ds, b);
            var drop = DataLoader.Create(ds, b, dropLast: true);
            Assert.Equal(c.GetProperty("batches").GetInt32(), keep.BatchCount);
            Assert.Equal(c.GetProperty("batches_drop_last").GetInt32(), drop.BatchCount);
            Assert.Equal(keep.BatchCount, keep.Count());
            Assert.Equal(drop.BatchCount, drop.Count());
        }
    }
}
