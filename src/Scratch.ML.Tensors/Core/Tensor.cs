using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;

namespace Scratch.ML;

/// <summary>
/// An N-dimensional array: a <see cref="TensorStorage{T}"/> buffer seen through a shape, per-axis strides (in
/// elements, possibly zero or negative) and an element offset. Views (reshape, transpose, slice, expand, …) share
/// storage and copy nothing; copying ops return fresh contiguous tensors.
/// </summary>
/// <typeparam name="T">The element type: <see cref="float"/>, <see cref="double"/>, <see cref="int"/>,
/// <see cref="long"/>, <see cref="byte"/> or <see cref="bool"/>. Math ops are extension members constrained to the
/// numeric interfaces they need (e.g. <c>Exp</c> needs <see cref="System.Numerics.IExponentialFunctions{TSelf}"/>).</typeparam>
/// <remarks>
/// CPU tensors are plain managed objects: no <c>Dispose</c> is needed. Element <c>(i₀, …, iₙ₋₁)</c> lives at
/// <c>storage[Offset + Σ iₖ·Strides[k]]</c>.
/// </remarks>
public sealed partial class Tensor<T> where T : unmanaged
{
    internal readonly TensorStorage<T> storage;
    internal readonly int[] shape;
    internal readonly int[] strides;
    internal readonly int offset;
    private readonly int length;

    /// <summary>
    /// Creates a view of <paramref name="storage"/>. The layout is validated: every reachable element must lie
    /// inside the storage.
    /// </summary>
    /// <param name="storage">The buffer.</param>
    /// <param name="shape">The dimensions (copied).</param>
    /// <param name="strides">Per-axis steps in elements (copied); zero and negative steps are allowed.</param>
    /// <param name="offset">The storage index of element (0, …, 0).</param>
    /// <exception cref="ArgumentException">The ranks differ, or the view reaches outside the storage.</exception>
    public Tensor(TensorStorage<T> storage, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, int offset)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _ = ElementType;
        if (shape.Length != strides.Length)
            throw new ArgumentException($"Shape {Shapes.Format(shape)} has rank {shape.Length} but strides {Shapes.Format(strides)} have rank {strides.Length}.", nameof(strides));
        length = Shapes.Numel(shape);
        if (length > 0)
        {
            long lo = offset, hi = offset;
            for (int i = 0; i < shape.Length; i++)
            {
                long span = (long)(shape[i] - 1) * strides[i];
                if (span < 0) lo += span; else hi += span;
            }
            if (lo < 0 || hi >= storage.Length)
                throw new ArgumentException($"A view with shape {Shapes.Format(shape)}, strides {Shapes.Format(strides)} and offset {offset} reaches elements [{lo}, {hi}] outside storage of length {storage.Length}.");
        }
        this.storage = storage;
        this.shape = shape.ToArray();
        this.strides = strides.ToArray();
        this.offset = offset;
    }

    /// <summary>Internal constructor for layouts already known to be valid (no copy of the arrays).</summary>
    internal Tensor(TensorStorage<T> storage, int[] shape, int[] strides, int offset, bool trusted)
    {
        _ = trusted;
        _ = ElementType;
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        length = Shapes.Numel(shape);
    }

    /// <summary>Creates a contiguous tensor of the given shape on <paramref name="device"/>, filled with zeros.</summary>
    internal static Tensor<T> Allocate(int[] shape, Device device)
    {
        int n = Shapes.Numel(shape);
        var st = device.Backend.Allocate<T>(n);
        return new Tensor<T>(st, shape, Shapes.ContiguousStrides(shape), 0, trusted: true);
    }

    /// <summary>
    /// Like <see cref="Allocate"/> but the elements may hold garbage (host buffers may come from the pool uncleared):
    /// only for ops that overwrite every element before anything reads them.
    /// </summary>
    internal static Tensor<T> AllocateUninitialized(int[] shape, Device device)
    {
        if (device.Backend is not Cpu.CpuBackend) return Allocate(shape, device);
        var st = new CpuStorage<T>(Cpu.HostBufferPool<T>.Rent(Shapes.Numel(shape), clear: false));
        return new Tensor<T>(st, shape, Shapes.ContiguousStrides(shape), 0, trusted: true);
    }

    /// <summary>
    /// The element type's <see cref="ML.DType"/>, checked once per closed generic type: a tensor of an unsupported
    /// element type (e.g. <c>Tensor&lt;decimal&gt;</c>) cannot be created, and the error names the type.
    /// </summary>
    private static DType ElementType
    {
        get
        {
            if (elementType is { } known) return known;
            var dtype = DTypes.Of<T>(); // throws NotSupportedException naming T
            elementType = dtype;
            return dtype;
        }
    }

    private static DType? elementType;

    /// <summary>The buffer this tensor views.</summary>
    public TensorStorage<T> Storage => storage;

    /// <summary>The dimensions. A scalar (0-d tensor) has an empty shape.</summary>
    public ReadOnlySpan<int> Shape => shape;

    /// <summary>The per-axis steps through storage, in elements.</summary>
    public ReadOnlySpan<int> Strides => strides;

    /// <summary>The storage index of element (0, …, 0).</summary>
    public int Offset => offset;

    /// <summary>The number of axes.</summary>
    public int Rank => shape.Length;

    /// <summary>The number of elements: the product of <see cref="Shape"/>.</summary>
    public int Length => length;

    /// <summary>The device that holds the storage.</summary>
    public Device Device => storage.Device;

    /// <summary>The element type.</summary>
    public DType DType => ElementType;

    /// <summary>Whether the elements occupy <see cref="Length"/> consecutive storage slots in row-major order.</summary>
    public bool IsContiguous => Shapes.IsContiguous(shape, strides);

    /// <summary>The size of one axis (negative axes count from the end).</summary>
    public int Size(int axis) => shape[Shapes.NormalizeAxis(axis, shape.Length)];

    /// <summary>A copy of the shape as an array.</summary>
    public int[] ShapeArray() => (int[])shape.Clone();

    /// <summary>Gets or sets one element (CPU tensors). Negative indices count from the end of their axis.</summary>
    /// <exception cref="ArgumentException">The number of indices differs from the rank.</exception>
    /// <exception cref="IndexOutOfRangeException">An index is out of range; the message names the axis and its size.</exception>
    public T this[params ReadOnlySpan<int> index]
    {
        get => HostArray("indexer")[ElementOffset(index)];
        set => HostArray("indexer")[ElementOffset(index)] = value;
    }

    /// <summary>The single element of a one-element tensor (PyTorch's <c>item()</c>).</summary>
    /// <exception cref="InvalidOperationException">The tensor does not hold exactly one element.</exception>
    public T ToScalar()
    {
        if (length != 1)
            throw new InvalidOperationException($"ToScalar() needs a tensor with exactly one element, but this tensor has shape {Shapes.Format(shape)} ({length} elements).");
        return HostArray("ToScalar")[offset];
    }

    /// <summary>The storage index of element <paramref name="index"/>, with bounds checks.</summary>
    internal int ElementOffset(ReadOnlySpan<int> index)
    {
        if (index.Length != shape.Length)
            throw new ArgumentException($"Expected {shape.Length} indices for a tensor of shape {Shapes.Format(shape)}, got {index.Length}.", nameof(index));
        int o = offset;
        for (int k = 0; k < index.Length; k++)
        {
            int i = index[k] < 0 ? index[k] + shape[k] : index[k];
            if ((uint)i >= (uint)shape[k])
                throw new IndexOutOfRangeException($"Index {index[k]} is out of range for axis {k} of size {shape[k]} (tensor shape {Shapes.Format(shape)}).");
            o += i * strides[k];
        }
        return o;
    }

    /// <summary>The backing array of a CPU tensor; a clear error on other devices.</summary>
    internal T[] HostArray(string op)
    {
        if (storage is CpuStorage<T> cpu) return cpu.Array;
        throw new InvalidOperationException($"{op} reads elements on the host, but this tensor lives on {storage.Device}; call .To(Device.Cpu) first.");
    }

    /// <summary>
    /// The elements as a writable span (CPU tensors whose layout is contiguous). Writes are visible through every
    /// view of the same storage.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor is not contiguous or not on the CPU.</exception>
    public Span<T> AsSpan()
    {
        if (!IsContiguous)
            throw new InvalidOperationException($"AsSpan() needs a contiguous tensor, but shape {Shapes.Format(shape)} has strides {Shapes.Format(strides)}; call Contiguous() first.");
        return HostArray("AsSpan").AsSpan(offset, length);
    }

    /// <summary>Copies the elements, in row-major order, into a new array.</summary>
    public T[] ToArray()
    {
        var result = new T[length];
        CopyTo(result);
        return result;
    }

    /// <summary>Copies the elements, in row-major order, into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="Length"/>.</exception>
    public void CopyTo(Span<T> destination)
    {
        if (destination.Length < length)
            throw new ArgumentException($"Destination has {destination.Length} elements but the tensor of shape {Shapes.Format(shape)} has {length}.", nameof(destination));
        storage.Device.Backend.Download(this, destination[..length]);
    }

    /// <summary>Copies a 2-d tensor into a new rectangular array.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not 2-d.</exception>
    public T[,] ToArray2D()
    {
        if (Rank != 2)
            throw new InvalidOperationException($"ToArray2D() needs a 2-d tensor, got shape {Shapes.Format(shape)}.");
        var result = new T[shape[0], shape[1]];
        if (length > 0)
            CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference((Array)result)), length));
        return result;
    }

    /// <summary>A contiguous tensor with the same elements: this tensor if already contiguous, else a copy.</summary>
    public Tensor<T> Contiguous() => IsContiguous ? this : Clone();

    /// <summary>A contiguous copy with its own storage (PyTorch's <c>clone()</c>).</summary>
    public Tensor<T> Clone()
    {
        var result = Allocate(ShapeArray(), Device);
        Device.Backend.Copy(this, result);
        // ∂clone(x)/∂x = I: the gradient passes through unchanged.
        return Autograd.Record(result, "clone", this, static (g, _) => g);
    }

    /// <summary>
    /// Copies <paramref name="source"/>, broadcast to this tensor's shape, into this tensor's elements (in place,
    /// respecting this tensor's strides). Both must live on the same device.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast or the devices differ.</exception>
    public void CopyFrom(Tensor<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Devices.RequireSame("CopyFrom", this, source);
        Autograd.CheckInPlace("CopyFrom", this);
        Device.Backend.Copy(source.BroadcastView(shape), this);
    }

    /// <summary>
    /// This tensor on <paramref name="device"/>: itself if already there, else a contiguous copy (an explicit move;
    /// ops never move data implicitly).
    /// </summary>
    public Tensor<T> To(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.Equals(Device)) return this;
        var host = new T[length];
        CopyTo(host);
        var st = device.Backend.Upload<T>(host);
        return new Tensor<T>(st, ShapeArray(), Shapes.ContiguousStrides(shape), 0, trusted: true);
    }
}
