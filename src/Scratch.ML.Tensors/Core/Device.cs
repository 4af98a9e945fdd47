namespace Scratch.ML;

/// <summary>The kind of hardware a <see cref="Device"/> computes on.</summary>
public enum DeviceKind
{
    /// <summary>The host CPU, with the managed SIMD backend. The default and the reference for every other device.</summary>
    Cpu,
    /// <summary>An OpenCL device (a GPU, or pocl on the CPU).</summary>
    OpenCL,
    /// <summary>An NVIDIA GPU through the CUDA driver API.</summary>
    Cuda,
}

/// <summary>
/// Where a tensor's storage lives and which backend computes on it. Every tensor has exactly one device; the inputs of
/// an op must share it, and moving data between devices is explicit (<see cref="Tensor{T}.To(Device)"/>).
/// </summary>
/// <remarks>
/// A device is a thin identity object: the work is done by its <see cref="Backend"/>. GPU packages create their own
/// devices (one per physical device and queue) and register nothing globally; <see cref="Cpu"/> always exists.
/// </remarks>
public sealed class Device : IEquatable<Device>
{
    /// <summary>Creates a device description.</summary>
    /// <param name="kind">The hardware kind.</param>
    /// <param name="index">The ordinal among devices of the same kind (0 for the CPU).</param>
    /// <param name="name">A human-readable name, e.g. <c>"cpu"</c> or <c>"cuda:0 (NVIDIA H100)"</c>.</param>
    /// <param name="backend">The backend that allocates storage and runs kernels for this device.</param>
    public Device(DeviceKind kind, int index, string name, ITensorBackend backend)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(backend);
        Kind = kind;
        Index = index;
        Name = name;
        Backend = backend;
    }

    /// <summary>The host CPU: the default device of every tensor created without one.</summary>
    public static Device Cpu { get; } = new(DeviceKind.Cpu, 0, "cpu", ML.Cpu.CpuBackend.Instance);

    /// <summary>The hardware kind.</summary>
    public DeviceKind Kind { get; }

    /// <summary>The ordinal among devices of the same kind.</summary>
    public int Index { get; }

    /// <summary>A human-readable name used in messages.</summary>
    public string Name { get; }

    /// <summary>The backend that implements the primitive ops for this device.</summary>
    public ITensorBackend Backend { get; }

    /// <inheritdoc />
    public bool Equals(Device? other) => ReferenceEquals(this, other) || (other is not null && other.Kind == Kind && other.Index == Index && ReferenceEquals(other.Backend, Backend));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Device);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Index);

    /// <inheritdoc />
    public override string ToString() => Name;
}
