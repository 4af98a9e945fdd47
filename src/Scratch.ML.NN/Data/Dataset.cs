namespace Scratch.ML.NN.Data;

/// <summary>
/// A finite, indexable collection of training examples (PyTorch's map-style <c>Dataset</c>): <see cref="Count"/>
/// items, item <c>i</c> from <see cref="Get"/>. Implementations must be safe to read from a background thread, because
/// <see cref="DataLoader{TItem, TBatch}"/> may prefetch on one.
/// </summary>
/// <typeparam name="TItem">One example, e.g. <c>(Tensor&lt;float&gt; X, Tensor&lt;int&gt; Y)</c>.</typeparam>
public abstract class Dataset<TItem>
{
    /// <summary>The number of items (≥ 0).</summary>
    public abstract int Count { get; }

    /// <summary>Item <paramref name="index"/>, for 0 ≤ index &lt; <see cref="Count"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside [0, Count).</exception>
    public abstract TItem Get(int index);

    /// <summary>Throws the standard out-of-range error for <paramref name="index"/>.</summary>
    protected void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"{GetType().Name}: index must be in [0, {Count}).");
    }
}

/// <summary>The items of another dataset at the given indices (PyTorch's <c>Subset</c>), e.g. one part of a split.</summary>
/// <typeparam name="TItem">The item type.</typeparam>
public sealed class Subset<TItem> : Dataset<TItem>
{
    private readonly int[] indices;

    /// <summary>Creates the view; the indices are copied and validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the source's range.</exception>
    public Subset(Dataset<TItem> source, ReadOnlySpan<int> indices)
    {
        ArgumentNullException.ThrowIfNull(source);
        for (int i = 0; i < indices.Length; i++)
            if ((uint)indices[i] >= (uint)source.Count)
                throw new ArgumentOutOfRangeException(nameof(indices), $"Subset: indices[{i}] = {indices[i]} is outside [0, {source.Count}).");
        Source = source;
        this.indices = indices.ToArray();
    }

    /// <summary>The underlying dataset.</summary>
    public Dataset<TItem> Source { get; }

    /// <summary>The source indices, in subset order.</summary>
    public IReadOnlyList<int> Indices => indices;

    /// <inheritdoc />
    public override int Count => indices.Length;

    /// <inheritdoc />
    public override TItem Get(int index)
    {
        CheckIndex(index);
        return Source.Get(indices[index]);
    }
}
