using System.Runtime.InteropServices;

namespace Scratch.ML.Serialization;

/// <summary>
/// A tensor of any element type, as an entry of the dictionary passed to <see cref="SafeTensors.Save(string, IReadOnlyDictionary{string, SafeTensorValue}, IReadOnlyDictionary{string, string}?)"/>.
/// Tensors convert implicitly (<c>["w"] = weights, ["labels"] = intLabels</c>); nothing is copied until the bytes
/// are written, so the value sees later changes to the tensor.
/// </summary>
public sealed class SafeTensorValue
{
    private readonly Action<Stream> write;
    private readonly int[] shape;

    private SafeTensorValue(SafeTensorsDType dtype, int[] shape, Action<Stream> write)
    {
        DType = dtype;
        this.shape = shape;
        this.write = write;
    }

    /// <summary>The element type written to the header.</summary>
    public SafeTensorsDType DType { get; }

    /// <summary>The dimensions written to the header.</summary>
    public IReadOnlyList<int> Shape => shape;

    /// <summary>The number of bytes the tensor occupies in the buffer.</summary>
    public long ByteLength => (long)Shapes.Numel(shape) * SafeTensorsDTypes.SizeOf(DType);

    /// <summary>Wraps a tensor (any device, any layout: non-contiguous views are written in row-major order).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    public static SafeTensorValue From<T>(Tensor<T> tensor) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var dtype = SafeTensorsDTypes.From(tensor.DType);
        return new SafeTensorValue(dtype, tensor.ShapeArray(), stream => WriteLittleEndian(tensor, stream));
    }

    /// <summary>Writes the row-major little-endian bytes of the tensor (booleans as 0/1) to <paramref name="stream"/>.</summary>
    internal void WriteTo(Stream stream) => write(stream);

    private static void WriteLittleEndian<T>(Tensor<T> tensor, Stream stream) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("safetensors writing is implemented for little-endian hosts only.");
        if (tensor.Length == 0) return;
        if (typeof(T) == typeof(bool))
        {
            var bools = (bool[])(object)tensor.ToArray();
            var b = new byte[bools.Length];
            for (int i = 0; i < b.Length; i++) b[i] = bools[i] ? (byte)1 : (byte)0;
            stream.Write(b);
            return;
        }
        // contiguous CPU tensors are written straight from their storage; other layouts are gathered first
        if (tensor.IsContiguous && tensor.Storage is CpuStorage<T> cpu)
            stream.Write(MemoryMarshal.AsBytes(cpu.Array.AsSpan(tensor.Offset, tensor.Length)));
        else
            stream.Write(MemoryMarshal.AsBytes(tensor.ToArray().AsSpan()));
    }

    /// <summary>Wraps a float64 tensor.</summary>
    public static implicit operator SafeTensorValue(Tensor<double> tensor) => From(tensor);

    /// <summary>Wraps a float32 tensor.</summary>
    public static implicit operator SafeTensorValue(Tensor<float> tensor) => From(tensor);

    /// <summary>Wraps an int64 tensor.</summary>
    public static implicit operator SafeTensorValue(Tensor<long> tensor) => From(tensor);

    /// <summary>Wraps an int32 tensor.</summary>
    public static implicit operator SafeTensorValue(Tensor<int> tensor) => From(tensor);

    /// <summary>Wraps a uint8 tensor.</summary>
    public static implicit operator SafeTensorValue(Tensor<byte> tensor) => From(tensor);

    /// <summary>Wraps a bool tensor.</summary>
    public static implicit operator SafeTensorValue(Tensor<bool> tensor) => From(tensor);
}
