namespace Scratch.ML.NN.Data;

/// <summary>
/// Tensors that share their first axis (PyTorch's <c>TensorDataset</c>); item <c>i</c> is row <c>i</c> of each,
/// as views (no copy). Shapes: tensors[k]: (N, …) → item[k]: (…).
/// </summary>
/// <typeparam name="T">The element type shared by all tensors.</typeparam>
public sealed class TensorDataset<T> : Dataset<Tensor<T>[]> where T : unmanaged
{
    private readonly Tensor<T>[] tensors;

    /// <summary>Creates the dataset.</summary>
    /// <exception cref="ArgumentException">No tensors, a 0-d tensor, or first axes of different lengths.</exception>
    public TensorDataset(params Tensor<T>[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0) throw new ArgumentException("TensorDataset: expected at least one tensor.", nameof(tensors));
        Count = TensorDatasetChecks.CommonLength(tensors, nameof(tensors));
        this.tensors = (Tensor<T>[])tensors.Clone();
    }

    /// <summary>The tensors (N, …).</summary>
    public IReadOnlyList<Tensor<T>> Tensors => tensors;

    /// <inheritdoc />
    public override int Count { get; }

    /// <inheritdoc />
    public override Tensor<T>[] Get(int index)
    {
        CheckIndex(index);
        var row = new Tensor<T>[tensors.Length];
        for (int k = 0; k < row.Length; k++) row[k] = tensors[k].Select(0, index);
        return row;
    }

    /// <summary>The rows at <paramref name="indices"/> of every tensor in one gather each: tensors[k]: (N, …) → (B, …).</summary>
    public Tensor<T>[] GetBatch(ReadOnlySpan<int> indices)
    {
        var idx = TensorDatasetChecks.IndexTensor(indices, Count);
        var batch = new Tensor<T>[tensors.Length];
        for (int k = 0; k < batch.Length; k++) batch[k] = tensors[k].IndexSelect(0, idx);
        return batch;
    }
}

/// <summary>
/// Features and targets of different element types sharing their first axis, e.g. X: (N, D) float and y: (N) int;
/// item <c>i</c> is <c>(X[i], Y[i])</c> as views.
/// </summary>
/// <typeparam name="TX">Feature element type.</typeparam>
/// <typeparam name="TY">Target element type.</typeparam>
public sealed class TensorDataset<TX, TY> : Dataset<(Tensor<TX> X, Tensor<TY> Y)> where TX : unmanaged where TY : unmanaged
{
    /// <summary>Creates the dataset.</summary>
    /// <exception cref="ArgumentException">A 0-d tensor, or first axes of different lengths.</exception>
    public TensorDataset(Tensor<TX> x, Tensor<TY> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank == 0 || y.Rank == 0)
            throw new ArgumentException($"TensorDataset: tensors need a first axis, got shapes {Shapes.Format(x.Shape)} and {Shapes.Format(y.Shape)}.");
        if (x.Shape[0] != y.Shape[0])
            throw new ArgumentException($"TensorDataset: X has {x.Shape[0]} rows (shape {Shapes.Format(x.Shape)}) but Y has {y.Shape[0]} (shape {Shapes.Format(y.Shape)}).", nameof(y));
        X = x;
        Y = y;
    }

    /// <summary>Features (N, …).</summary>
    public Tensor<TX> X { get; }

    /// <summary>Targets (N, …).</summary>
    public Tensor<TY> Y { get; }

    /// <inheritdoc />
    public override int Count => X.Shape[0];

    /// <inheritdoc />
    public override (Tensor<TX> X, Tensor<TY> Y) Get(int index)
    {
        CheckIndex(index);
        return (X.Select(0, index), Y.Select(0, index));
    }

    /// <summary>The rows at <paramref name="indices"/>: X (B, …), Y (B, …), one gather each.</summary>
    public (Tensor<TX> X, Tensor<TY> Y) GetBatch(ReadOnlySpan<int> indices)
    {
        var idx = TensorDatasetChecks.IndexTensor(indices, Count);
        return (X.IndexSelect(0, idx), Y.IndexSelect(0, idx));
    }
}

internal static class TensorDatasetChecks
{
    internal static int CommonLength<T>(Tensor<T>[] tensors, string param) where T : unmanaged
    {
        for (int k = 0; k < tensors.Length; k++)
        {
            ArgumentNullException.ThrowIfNull(tensors[k], $"{param}[{k}]");
            if (tensors[k].Rank == 0)
                throw new ArgumentException($"TensorDataset: {param}[{k}] is 0-d; every tensor needs a first axis.", param);
            if (tensors[k].Shape[0] != tensors[0].Shape[0])
                throw new ArgumentException($"TensorDataset: {param}[{k}] has shape {Shapes.Format(tensors[k].Shape)} but {param}[0] has {Shapes.Format(tensors[0].Shape)}; first axes must match.", param);
        }
        return tensors[0].Shape[0];
    }

    internal static Tensor<long> IndexTensor(ReadOnlySpan<int> indices, int count)
    {
        var idx = new long[indices.Length];
        for (int i = 0; i < idx.Length; i++)
        {
            if ((uint)indices[i] >= (uint)count)
                throw new ArgumentOutOfRangeException(nameof(indices), $"TensorDataset: indices[{i}] = {indices[i]} is outside [0, {count}).");
            idx[i] = indices[i];
        }
        return Tensor.Wrap(idx, idx.Length);
    }
}
