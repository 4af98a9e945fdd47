namespace Scratch.ML;

/// <summary>
/// A flat buffer of elements owned by one <see cref="Device"/>. Tensors are views over storage: several tensors may
/// share one storage with different shapes, strides and offsets.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>
/// GPU storage follows the (buffer, element offset) model of GPU.md: kernels receive the buffer and the view's element
/// offset, never a pointer into the middle of a buffer.
/// </remarks>
public abstract class TensorStorage<T> where T : unmanaged
{
    /// <summary>Creates storage of <paramref name="length"/> elements on <paramref name="device"/>.</summary>
    protected TensorStorage(Device device, int length)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Device = device;
        Length = length;
    }

    /// <summary>The device that owns this buffer.</summary>
    public Device Device { get; }

    /// <summary>The number of elements in the buffer.</summary>
    public int Length { get; }
}

/// <summary>Host memory storage: a managed array. Needs no <c>Dispose</c>; the GC owns it.</summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class CpuStorage<T> : TensorStorage<T> where T : unmanaged
{
    /// <summary>Wraps an existing array without copying it.</summary>
    /// <param name="array">The backing array; later writes to it are visible through every tensor over it.</param>
    public CpuStorage(T[] array) : base(ML.Device.Cpu, (array ?? throw new ArgumentNullException(nameof(array))).Length)
        => Array = array;

    /// <summary>The backing array.</summary>
    public T[] Array { get; }
}
