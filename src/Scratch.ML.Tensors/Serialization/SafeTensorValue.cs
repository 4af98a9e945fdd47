using System.Runtime.InteropServices;

namespace Scratch.ML.Serialization;

/// <summary>
/// A tensor of any element type, as an entry of the dictionary passed to <see cref="SafeTensors.Save(string, IReadOnlyDictionary{string, SafeTensorValue}, IReadOnlyDictionary{string, string}?)"/>.
/// Tensors convert implicitly (<c>["w"] = weights, ["labels"] = intLabels</c>); nothing is copied until the bytes
/// are written, so the value sees later changes to the tensor.
/// </summary>
public sealed class SafeTensorValue
{
    private readonly Func<byte[]> toBytes;

    private SafeTensorValue(SafeTensorsDType dtype, int[] shape, Func<byte[]> toBytes)
    {
        DType = dtype;
        Shape = shape;
        this.toBytes = toBytes;
    }

    /// <summary>The element type written to the header.</summary>
    public SafeTensorsDType DType { get; }

    /// <summary>The dimensions written to the header.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The number of bytes the tensor occupies in the buffer.</summary>
    public long ByteLength => (long)Shapes.Numel(Shape.ToArray()) * SafeTensorsDTypes.SizeOf(DType);

    /// <summary>Wraps a tensor (any device, any layout: non-contiguous views are written in row-major order).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    public static SafeTensorValue From<T>(Tensor<T> tensor) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var dtype = SafeTensorsDTypes.From(tensor.DType);
        return new SafeTensorValue(dtype, tensor.ShapeArray(), () => LittleEndianBytes(tensor));
    }

    /// <summary>The row-major little-endian bytes of the tensor (booleans as 0/1).</summary>
    internal byte[] GetBytes() => toBytes();

    private static byte[] LittleEndianBytes<T>(Tensor<T> tensor) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("safetensors writing is implemented for little-endian hosts only.");
        var values = tensor.ToArray();
        if (typeof(T) == typeof(bool))
        {
            var bools = (bool[])(object)values;
            var b = new byte[bools.Length];
            for (int i = 0; i < b.Length; i++) b[i] = bools[i] ? (byte)1 : (byte)0;
            return b;
        }
        return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
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
