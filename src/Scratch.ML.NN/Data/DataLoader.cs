using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Scratch.ML.Rng;

namespace Scratch.ML.NN.Data;

/// <summary>
/// Iterates a dataset in mini-batches (PyTorch's <c>DataLoader</c>): each enumeration is one epoch. Optional
/// shuffling draws a fresh permutation per epoch from a <see cref="Generator"/> (deterministic for a given seed);
/// optional drop-last discards a final short batch; optional prefetch builds the next batches on a worker task while
/// the caller computes on the current one.
/// </summary>
/// <typeparam name="TItem">The dataset's item type.</typeparam>
/// <typeparam name="TBatch">The batch type produced by the collate function.</typeparam>
/// <remarks>
/// <para>Epoch order: the permutation is drawn when enumeration starts, on the calling thread, so the sequence of
/// epochs is the same with or without prefetch and regardless of timing.</para>
/// <para>Prefetch (<c>prefetch = N ≥ 1</c>): a worker task collates batches into a bounded channel of capacity N; it
/// blocks when N batches are waiting, so at most N + 1 batches exist ahead of the consumer. Breaking out of the loop,
/// disposing the enumerator or cancelling the token stops the worker and waits for it to finish; an exception in the
/// dataset or collate function is rethrown to the consumer after the batches before it.</para>
/// </remarks>
public sealed class DataLoader<TItem, TBatch> : IEnumerable<TBatch>, IAsyncEnumerable<TBatch>
{
    private readonly Func<int[], TBatch> fetch;
    private readonly Generator? generator;
    private readonly Lock gate = new();

    /// <summary>Creates a loader that reads items one by one and collates them.</summary>
    /// <param name="dataset">The data.</param>
    /// <param name="batchSize">Items per batch (≥ 1).</param>
    /// <param name="collate">Turns the list of a batch's items into the batch (e.g. <see cref="Collate.Stack{T}"/>).</param>
    /// <param name="shuffle">Visit items in a new random order every epoch.</param>
    /// <param name="dropLast">Drop the last batch when it has fewer than <paramref name="batchSize"/> items.</param>
    /// <param name="generator">Shuffling randomness (default: a fork of the library-wide generator, see <see cref="Init.ManualSeed"/>).</param>
    /// <param name="prefetch">Batches to prepare ahead on a worker task (0 = none, synchronous).</param>
    /// <exception cref="ArgumentOutOfRangeException">batchSize &lt; 1 or prefetch &lt; 0.</exception>
    public DataLoader(Dataset<TItem> dataset, int batchSize, Func<IReadOnlyList<TItem>, TBatch> collate,
        bool shuffle = false, bool dropLast = false, Generator? generator = null, int prefetch = 0)
        : this(dataset?.Count ?? throw new ArgumentNullException(nameof(dataset)), ItemFetch(dataset, collate), batchSize, shuffle, dropLast, generator, prefetch)
    {
    }

    /// <summary>Creates a loader from a batch function that receives the indices of each batch.</summary>
    internal DataLoader(int count, Func<int[], TBatch> fetch, int batchSize, bool shuffle, bool dropLast, Generator? generator, int prefetch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(prefetch);
        this.fetch = fetch;
        Count = count;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        Prefetch = prefetch;
        if (shuffle) this.generator = Init.Resolve(generator);
    }

    private static Func<int[], TBatch> ItemFetch(Dataset<TItem> dataset, Func<IReadOnlyList<TItem>, TBatch> collate)
    {
        ArgumentNullException.ThrowIfNull(collate);
        return indices =>
        {
            var items = new TItem[indices.Length];
            for (int i = 0; i < items.Length; i++) items[i] = dataset.Get(indices[i]);
            return collate(items);
        };
    }

    /// <summary>The number of items in the dataset.</summary>
    public int Count { get; }

    /// <summary>Items per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch uses a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether a final short batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>Batches prepared ahead on a worker task (0 = synchronous).</summary>
    public int Prefetch { get; }

    /// <summary>The number of epochs started so far (enumerations begun).</summary>
    public int Epoch { get; private set; }

    /// <summary>Batches per epoch: ⌊N / B⌋ with drop-last, else ⌈N / B⌉.</summary>
    public int BatchCount => DropLast ? Count / BatchSize : (Count + BatchSize - 1) / BatchSize;

    /// <summary>The worker task of the most recent prefetching enumeration (for tests and diagnostics).</summary>
    internal Task? LastWorker { get; private set; }

    /// <summary>Starts an epoch: draws its item order (identity without shuffling).</summary>
    private int[] NextOrder()
    {
        lock (gate)
        {
            Epoch++;
            if (!Shuffle) return Enumerable.Range(0, Count).ToArray();
            return generator!.Permutation(Count);
        }
    }

    private TBatch MakeBatch(int[] order, int b)
    {
        int start = b * BatchSize;
        int len = Math.Min(BatchSize, Count - start);
        return fetch(order.AsSpan(start, len).ToArray());
    }

    /// <summary>Enumerates one epoch of batches (starting the epoch now).</summary>
    public IEnumerator<TBatch> GetEnumerator() => Batches(CancellationToken.None).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One epoch of batches, stopping with <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.</summary>
    public IEnumerable<TBatch> Batches(CancellationToken cancellationToken)
    {
        var order = NextOrder();
        return Prefetch == 0 ? Sequential(order, cancellationToken) : Prefetched(order, cancellationToken);
    }

    private IEnumerable<TBatch> Sequential(int[] order, CancellationToken ct)
    {
        int n = BatchCount;
        for (int b = 0; b < n; b++)
        {
            ct.ThrowIfCancellationRequested();
            yield return MakeBatch(order, b);
        }
    }

    private IEnumerable<TBatch> Prefetched(int[] order, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = NewChannel();
        var worker = StartWorker(order, channel.Writer, cts.Token);
        try
        {
            while (channel.Reader.WaitToReadAsync(ct).AsTask().GetAwaiter().GetResult())
                while (channel.Reader.TryRead(out var batch))
                    yield return batch;
            worker.GetAwaiter().GetResult(); // rethrows a dataset/collate failure
        }
        finally
        {
            cts.Cancel();
            WaitQuietly(worker);
        }
    }

    /// <summary>Enumerates one epoch asynchronously (starting the epoch now).</summary>
    public IAsyncEnumerator<TBatch> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var order = NextOrder();
        return AsyncBatches(order, cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    private async IAsyncEnumerable<TBatch> AsyncBatches(int[] order, [EnumeratorCancellation] CancellationToken ct)
    {
        if (Prefetch == 0)
        {
            int n = BatchCount;
            for (int b = 0; b < n; b++)
            {
                ct.ThrowIfCancellationRequested();
                yield return MakeBatch(order, b);
            }
            yield break;
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = NewChannel();
        var worker = StartWorker(order, channel.Writer, cts.Token);
        try
        {
            while (await channel.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
                while (channel.Reader.TryRead(out var batch))
                    yield return batch;
            await worker.ConfigureAwait(false);
        }
        finally
        {
            cts.Cancel();
            try { await worker.ConfigureAwait(false); }
            catch (Exception) { /* cancelled, or a failure already rethrown to the consumer */ }
        }
    }

    private Channel<TBatch> NewChannel() => Channel.CreateBounded<TBatch>(new BoundedChannelOptions(Prefetch)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private Task StartWorker(int[] order, ChannelWriter<TBatch> writer, CancellationToken ct)
    {
        var worker = Task.Run(async () =>
        {
            try
            {
                int n = BatchCount;
                for (int b = 0; b < n; b++)
                {
                    ct.ThrowIfCancellationRequested();
                    await writer.WriteAsync(MakeBatch(order, b), ct).ConfigureAwait(false);
                }
            }
            finally
            {
                writer.TryComplete();
            }
        }, ct);
        LastWorker = worker;
        return worker;
    }

    private static void WaitQuietly(Task worker)
    {
        try { worker.Wait(); }
        catch (AggregateException) { /* cancelled, or a failure already rethrown to the consumer */ }
    }
}

/// <summary>Factories for <see cref="DataLoader{TItem, TBatch}"/> with the default (stacking) collate.</summary>
public static class DataLoader
{
    /// <summary>
    /// Batches of a <see cref="TensorDataset{T}"/>: each batch holds, per tensor, its rows (B, …) gathered in one
    /// IndexSelect (no per-row views).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">batchSize &lt; 1 or prefetch &lt; 0.</exception>
    public static DataLoader<Tensor<T>[], Tensor<T>[]> Create<T>(TensorDataset<T> dataset, int batchSize,
        bool shuffle = false, bool dropLast = false, Generator? generator = null, int prefetch = 0) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new(dataset.Count, idx => dataset.GetBatch(idx), batchSize, shuffle, dropLast, generator, prefetch);
    }

    /// <summary>Batches (X (B, …), Y (B, …)) of a <see cref="TensorDataset{TX, TY}"/>, gathered in one IndexSelect each.</summary>
    /// <exception cref="ArgumentOutOfRangeException">batchSize &lt; 1 or prefetch &lt; 0.</exception>
    public static DataLoader<(Tensor<TX> X, Tensor<TY> Y), (Tensor<TX> X, Tensor<TY> Y)> Create<TX, TY>(TensorDataset<TX, TY> dataset, int batchSize,
        bool shuffle = false, bool dropLast = false, Generator? generator = null, int prefetch = 0) where TX : unmanaged where TY : unmanaged
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new(dataset.Count, idx => dataset.GetBatch(idx), batchSize, shuffle, dropLast, generator, prefetch);
    }

    /// <summary>Batches of any dataset with a custom collate function.</summary>
    /// <exception cref="ArgumentOutOfRangeException">batchSize &lt; 1 or prefetch &lt; 0.</exception>
    public static DataLoader<TItem, TBatch> Create<TItem, TBatch>(Dataset<TItem> dataset, int batchSize, Func<IReadOnlyList<TItem>, TBatch> collate,
        bool shuffle = false, bool dropLast = false, Generator? generator = null, int prefetch = 0)
        => new(dataset, batchSize, collate, shuffle, dropLast, generator, prefetch);
}
