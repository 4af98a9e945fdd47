using Scratch.ML.Rng;

namespace Scratch.ML.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc />
    public void RandomFill<T>(Tensor<T> destination, PhiloxFill fill) where T : unmanaged
    {
        if (!destination.IsContiguous)
            throw new ArgumentException($"RandomFill: the destination must be contiguous, got shape {Shapes.Format(destination.Shape)} with strides {Shapes.Format(destination.Strides)}.", nameof(destination));
        T[] a = destination.HostArray("RandomFill");
        FixedRateFill.Run(fill, a.AsSpan(destination.offset, destination.Length), a, destination.offset);
    }
}
