namespace Scratch.ML.NN.Data;

/// <summary>
/// Default collate functions: they turn a list of items into one batch by stacking along a new first axis
/// (PyTorch's <c>default_collate</c>): B items of shape S → one tensor (B, S…).
/// </summary>
public static class Collate
{
    /// <summary>Stacks each position of the items: items[b][k]: S_k → batch[k]: (B, S_k…).</summary>
    /// <exception cref="ArgumentException">No items, or items with different tensor counts or shapes.</exception>
    public static Tensor<T>[] Stack<T>(IReadOnlyList<Tensor<T>[]> items) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0) throw new ArgumentException("Collate.Stack: the batch has no items.", nameof(items));
        int k = items[0].Length;
        var result = new Tensor<T>[k];
        var column = new Tensor<T>[items.Count];
        for (int j = 0; j < k; j++)
        {
            for (int b = 0; b < items.Count; b++)
            {
                if (items[b].Length != k)
                    throw new ArgumentException($"Collate.Stack: item {b} has {items[b].Length} tensors but item 0 has {k}.", nameof(items));
                column[b] = items[b][j];
            }
            result[j] = Tensor.Stack<T>(column);
        }
        return result;
    }

    /// <summary>Stacks features and targets separately: (x_b, y_b) → (X (B, …), Y (B, …)).</summary>
    /// <exception cref="ArgumentException">No items, or items of different shapes.</exception>
    public static (Tensor<TX> X, Tensor<TY> Y) Stack<TX, TY>(IReadOnlyList<(Tensor<TX> X, Tensor<TY> Y)> items) where TX : unmanaged where TY : unmanaged
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0) throw new ArgumentException("Collate.Stack: the batch has no items.", nameof(items));
        var xs = new Tensor<TX>[items.Count];
        var ys = new Tensor<TY>[items.Count];
        for (int b = 0; b < items.Count; b++) (xs[b], ys[b]) = items[b];
        return (Tensor.Stack<TX>(xs), Tensor.Stack<TY>(ys));
    }
}
