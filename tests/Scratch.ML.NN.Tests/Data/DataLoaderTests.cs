using Scratch.ML.NN;
using Scratch.ML.NN.Data;
using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.NN.Data;

public class DataLoaderTests
{
    /// <summary>X row i = [i, 10·i], y = i: the batch contents reveal which items were visited.</summary>
    private static TensorDataset<float, int> Numbered(int n)
    {
        var x = new float[n * 2];
        var y = new int[n];
        for (int i = 0; i < n; i++) { x[2 * i] = i; x[2 * i + 1] = 10 * i; y[i] = i; }
        return new TensorDataset<float, int>(Tensor.FromArray(x, n, 2), Tensor.FromArray(y, n));
    }

    private static List<int[]> Epoch<TItem>(DataLoader<TItem, (Tensor<float> X, Tensor<int> Y)> loader)
    {
        var batches = new List<int[]>();
        foreach (var (x, y) in loader)
        {
            var ids = y.ToArray();
            Assert.Equal(new[] { ids.Length, 2 }, x.ShapeArray());
            for (int i = 0; i < ids.Length; i++)
            {
                Assert.Equal(ids[i], x[i, 0]);
                Assert.Equal(10 * ids[i], x[i, 1]);
            }
            batches.Add(ids);
        }
        return batches;
    }

    [Theory]
    [InlineData(10, 3, false, false)]
    [InlineData(10, 3, true, false)]
    [InlineData(10, 5, true, false)]
    [InlineData(7, 10, true, false)]
    [InlineData(1, 1, true, true)]
    public void EveryIndexExactlyOncePerEpoch(int n, int batch, bool shuffle, bool _)
    {
        var loader = DataLoader.Create(Numbered(n), batch, shuffle: shuffle, generator: new Generator(1));
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var batches = Epoch(loader);
            Assert.Equal(loader.BatchCount, batches.Count);
            Assert.Equal((n + batch - 1) / batch, batches.Count);
            Assert.Equal(Enumerable.Range(0, n), batches.SelectMany(b => b).Order());
            Assert.All(batches.SkipLast(1), b => Assert.Equal(batch, b.Length));
            if (!shuffle) Assert.Equal(Enumerable.Range(0, n), batches.SelectMany(b => b));
        }
        Assert.Equal(3, loader.Epoch);
    }

    [Fact]
    public void ShuffleIsDeterministicPerSeedAndNewEachEpoch()
    {
        List<int[]>[] Run(ulong seed)
        {
            var loader = DataLoader.Create(Numbered(50), 8, shuffle: true, generator: new Generator(seed));
            return [Epoch(loader), Epoch(loader), Epoch(loader)];
        }
        var a = Run(42);
        var b = Run(42);
        var c = Run(43);
        for (int e = 0; e < 3; e++)
            Assert.Equal(a[e].SelectMany(x => x), b[e].SelectMany(x => x));
        Assert.NotEqual(a[0].SelectMany(x => x), a[1].SelectMany(x => x));
        Assert.NotEqual(a[0].SelectMany(x => x), c[0].SelectMany(x => x));
        Assert.NotEqual(Enumerable.Range(0, 50), a[0].SelectMany(x => x));
    }

    [Theory]
    [InlineData(10, 3, 3)]
    [InlineData(9, 3, 3)]
    [InlineData(2, 3, 0)]
    [InlineData(0, 4, 0)]
    public void DropLastCounts(int n, int batch, int expectedBatches)
    {
        var loader = DataLoader.Create(Numbered(n), batch, shuffle: true, dropLast: true, generator: new Generator(3));
        var batches = Epoch(loader);
        Assert.Equal(expectedBatches, loader.BatchCount);
        Assert.Equal(expectedBatches, batches.Count);
        Assert.All(batches, b => Assert.Equal(batch, b.Length));
        Assert.Equal(batches.Sum(b => b.Length), batches.SelectMany(b => b).Distinct().Count());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    public void PrefetchYieldsTheSameBatchesAsNoPrefetch(int prefetch)
    {
        var plain = DataLoader.Create(Numbered(37), 4, shuffle: true, generator: new Generator(9));
        var ahead = DataLoader.Create(Numbered(37), 4, shuffle: true, generator: new Generator(9), prefetch: prefetch);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var p = Epoch(plain);
            var q = Epoch(ahead);
            Assert.Equal(p.Count, q.Count);
            for (int i = 0; i < p.Count; i++) Assert.Equal(p[i], q[i]);
        }
        Assert.True(ahead.LastWorker!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AsyncEnumerationMatchesSyncWithAndWithoutPrefetch()
    {
        foreach (int prefetch in new[] { 0, 3 })
        {
            var sync = DataLoader.Create(Numbered(23), 5, shuffle: true, generator: new Generator(5));
            var async = DataLoader.Create(Numbered(23), 5, shuffle: true, generator: new Generator(5), prefetch: prefetch);
            var expected = Epoch(sync).SelectMany(b => b).ToArray();
            var got = new List<int>();
            await foreach (var (_, y) in async) got.AddRange(y.ToArray());
            Assert.Equal(expected, got);
        }
    }

    [Fact]
    public void CustomCollateAndPerItemDataset()
    {
        var ds = new TensorDataset<double>(Tensor.Arange(12.0).Reshape(6, 2), Tensor.Arange(6.0));
        var loader = DataLoader.Create(ds, 4, items => items.Count + ":" + string.Join(",", items.Select(it => it[1].ToScalar())));
        Assert.Equal(new[] { "4:0,1,2,3", "2:4,5" }, loader.ToArray());
        var stacked = DataLoader.Create<Tensor<double>[], Tensor<double>[]>(ds, 4, Collate.Stack).First();
        Assert.Equal(new[] { 4, 2 }, stacked[0].ShapeArray());
        Assert.Equal(new[] { 4 }, stacked[1].ShapeArray());
        Assert.Equal(new[] { 0.0, 1, 2, 3, 4, 5, 6, 7 }, stacked[0].ToArray());
        var fast = DataLoader.Create(ds, 4).First();
        Assert.Equal(stacked[0].ToArray(), fast[0].ToArray());
    }

    [Fact]
    public void PrefetchBuildsTheNextBatchWhileTheConsumerWorks()
    {
        // While the consumer holds batch 0, the worker must start building batch 1 on its own: the consumer waits
        // (with a generous timeout) for the collate call of batch 1. Without prefetch this could never happen.
        using var secondStarted = new ManualResetEventSlim();
        int calls = 0;
        var ds = new TensorDataset<double>(Tensor.Arange(6.0));
        var loader = DataLoader.Create<Tensor<double>[], int>(ds, 2, items =>
        {
            if (Interlocked.Increment(ref calls) == 2) secondStarted.Set();
            return calls;
        }, prefetch: 1);
        bool overlapped = false;
        foreach (var b in loader)
            if (b == 1) overlapped = secondStarted.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(overlapped);
        Assert.Equal(3, calls);
    }

    [Fact]
    public void BreakingOutEarlyStopsTheWorker()
    {
        int produced = 0;
        var ds = new TensorDataset<double>(Tensor.Arange(1000.0));
        var loader = DataLoader.Create<Tensor<double>[], int>(ds, 1, items => Interlocked.Increment(ref produced), prefetch: 2);
        int consumed = 0;
        foreach (var _ in loader) if (++consumed == 3) break;
        var worker = loader.LastWorker!;
        Assert.True(worker.IsCompleted);     // the enumerator's Dispose waited for it
        int after = Volatile.Read(ref produced);
        Thread.Sleep(50);
        Assert.Equal(after, Volatile.Read(ref produced));
        Assert.InRange(after, 3, 3 + 2 + 1); // at most prefetch + 1 batches ahead of the consumer
    }

    [Fact]
    public void CancellationTokenStopsEnumerationAndWorker()
    {
        int produced = 0;
        var ds = new TensorDataset<double>(Tensor.Arange(1000.0));
        var loader = DataLoader.Create<Tensor<double>[], int>(ds, 1, items => Interlocked.Increment(ref produced), prefetch: 4);
        using var cts = new CancellationTokenSource();
        int consumed = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var _ in loader.Batches(cts.Token))
                if (++consumed == 5) cts.Cancel();
        });
        Assert.True(loader.LastWorker!.IsCompleted);
        Assert.InRange(Volatile.Read(ref produced), 5, 5 + 4 + 1);
    }

    [Fact]
    public async Task AsyncCancellationStopsTheWorker()
    {
        int produced = 0;
        var ds = new TensorDataset<double>(Tensor.Arange(1000.0));
        var loader = DataLoader.Create<Tensor<double>[], int>(ds, 1, items => Interlocked.Increment(ref produced), prefetch: 3);
        using var cts = new CancellationTokenSource();
        int consumed = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in loader.WithCancellation(cts.Token))
                if (++consumed == 4) await cts.CancelAsync();
        });
        Assert.True(loader.LastWorker!.IsCompleted);
        Assert.InRange(Volatile.Read(ref produced), 4, 4 + 3 + 1);
    }

    [Fact]
    public void WorkerFailureReachesTheConsumerAfterEarlierBatches()
    {
        var ds = new TensorDataset<double>(Tensor.Arange(10.0));
        var loader = DataLoader.Create<Tensor<double>[], double>(ds, 2,
            items => items[0][0].ToScalar() >= 6 ? throw new InvalidDataException("bad row") : items[0][0].ToScalar(), prefetch: 3);
        var seen = new List<double>();
        var e = Assert.Throws<InvalidDataException>(() => { foreach (var b in loader) seen.Add(b); });
        Assert.Equal("bad row", e.Message);
        Assert.Equal(new[] { 0.0, 2, 4 }, seen);
    }

    [Fact]
    public void InvalidArguments()
    {
        var ds = Numbered(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => DataLoader.Create(ds, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataLoader.Create(ds, 2, prefetch: -1));
        Assert.Throws<ArgumentException>(() => new TensorDataset<float, int>(Tensor.Zeros<float>(3, 2), Tensor.Zeros<int>(4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.Get(4));
    }
}
