using System.Numerics;

namespace Scratch.ML.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc />
    public void Gather<T>(Tensor<T> source, int axis, Tensor<long> index, Tensor<T> destination) where T : unmanaged
        => IndexingKernels.Gather(source, axis, index, destination);

    /// <inheritdoc />
    public void Scatter<T>(Tensor<T> destination, int axis, Tensor<long> index, Tensor<T> source) where T : unmanaged
        => IndexingKernels.Scatter(destination, axis, index, source);

    /// <inheritdoc />
    public void ScatterAdd<T>(Tensor<T> destination, int axis, Tensor<long> index, Tensor<T> source) where T : unmanaged, IAdditionOperators<T, T, T>
        => IndexingKernels.ScatterAdd(destination, axis, index, source);

    /// <inheritdoc />
    public Tensor<T> MaskedSelect<T>(Tensor<T> source, Tensor<bool> mask) where T : unmanaged
        => IndexingKernels.MaskedSelect(source, mask);

    /// <inheritdoc />
    public void MaskedFill<T>(Tensor<T> destination, Tensor<bool> mask, T value) where T : unmanaged
        => IndexingKernels.MaskedFill(destination, mask, value);

    /// <inheritdoc />
    public Tensor<long> Nonzero<T>(Tensor<T> source) where T : unmanaged
        => IndexingKernels.Nonzero(source);

    /// <inheritdoc />
    public void IndexGather<T>(Tensor<T> source, Tensor<long>[] indices, Tensor<T> destination) where T : unmanaged
        => AdvancedIndexingKernels.Gather(source, indices, destination);

    /// <inheritdoc />
    public void IndexPut<T>(Tensor<T> destination, Tensor<long>[] indices, Tensor<T> values, bool accumulate) where T : unmanaged
        => AdvancedIndexingKernels.Put(destination, indices, values, accumulate);
}
