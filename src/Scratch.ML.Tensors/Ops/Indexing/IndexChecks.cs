namespace Scratch.ML;

/// <summary>Argument checks shared by the indexing ops; the messages name the op, the argument and both shapes.</summary>
internal static class IndexChecks
{
    /// <summary>A backend's index error, prefixed with the public op that received the bad index.</summary>
    public static IndexOutOfRangeException Named(string op, IndexOutOfRangeException inner)
        => new($"{op}: {inner.Message}", inner);

    /// <summary>
    /// Requires equal ranks and, on every axis (except <paramref name="exceptAxis"/>, if not −1),
    /// <c>index.Size(d) ≤ other.Size(d)</c> — PyTorch's gather/scatter shape rule.
    /// </summary>
    public static void IndexFits<T>(string op, Tensor<long> index, Tensor<T> other, string otherName, int exceptAxis) where T : unmanaged
    {
        if (index.Rank != other.Rank)
            throw new ArgumentException($"{op}: index of shape {Shapes.Format(index.Shape)} must have the same number of axes as {otherName} of shape {Shapes.Format(other.Shape)}.", nameof(index));
        for (int d = 0; d < index.Rank; d++)
            if (d != exceptAxis && index.shape[d] > other.shape[d])
                throw new ArgumentException($"{op}: index of shape {Shapes.Format(index.Shape)} is larger than {otherName} of shape {Shapes.Format(other.Shape)} on axis {d}.", nameof(index));
    }
}
