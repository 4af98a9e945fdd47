using System.Numerics;
using System.Runtime.InteropServices;

namespace Scratch.ML.Serialization;

/// <summary>
/// A loaded, validated safetensors file: the tensor entries (names, dtypes, shapes), the <c>__metadata__</c> strings,
/// and typed access to each tensor. Created by <see cref="SafeTensors.Load(string)"/>; the whole byte buffer is held
/// in memory and every tensor returned is a fresh copy.
/// </summary>
public sealed class SafeTensorsFile
{
    private readonly byte[] buffer;
    private readonly Dictionary<string, SafeTensorInfo> byName;

    internal SafeTensorsFile(List<SafeTensorInfo> tensors, Dictionary<string, string> metadata, byte[] buffer)
    {
        this.buffer = buffer;
        Tensors = tensors;
        Metadata = metadata;
        byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Names = tensors.Select(t => t.Name).ToArray();
    }

    /// <summary>The entries in file (byte offset) order.</summary>
    public IReadOnlyList<SafeTensorInfo> Tensors { get; }

    /// <summary>The tensor names in file (byte offset) order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The <c>__metadata__</c> string pairs (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The number of tensors.</summary>
    public int Count => Tensors.Count;

    /// <summary>Whether a tensor named <paramref name="name"/> exists.</summary>
    public bool Contains(string name) => byName.ContainsKey(name);

    /// <summary>The header entry of tensor <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name; the message lists the available names.</exception>
    public SafeTensorInfo Info(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (byName.TryGetValue(name, out var info)) return info;
        throw new KeyNotFoundException($"safetensors file has no tensor \"{name}\"; it has: {string.Join(", ", Names)}.");
    }

    /// <summary>
    /// Tensor <paramref name="name"/> as a new CPU tensor of element type <typeparamref name="T"/>. The stored dtype must
    /// match <typeparamref name="T"/> exactly, except that F16 and BF16 load as <see cref="float"/> (exactly).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    /// <exception cref="InvalidCastException">The stored dtype is not <typeparamref name="T"/>'s; use <see cref="GetConverted{T}"/> to convert.</exception>
    /// <exception cref="SafeTensorsFormatException">A BOOL tensor holds a byte other than 0 or 1.</exception>
    public Tensor<T> Get<T>(string name) where T : unmanaged
    {
        var info = Info(name);
        var want = DTypes.Of<T>();
        if (SafeTensorsDTypes.ToTensorDType(info.DType) != want)
            throw new InvalidCastException($"safetensors tensor \"{name}\" is {info.DType} ({DTypes.Name(SafeTensorsDTypes.ToTensorDType(info.DType))}), not {DTypes.Name(want)}; call Get with the stored type or GetConverted<{typeof(T).Name}>.");
        var bytes = buffer.AsSpan(checked((int)info.Begin), checked((int)(info.End - info.Begin)));
        var data = new T[info.Length];
        switch (info.DType)
        {
            case SafeTensorsDType.F16:
            {
                var dst = (float[])(object)data;
                for (int i = 0; i < dst.Length; i++)
                    dst[i] = (float)BitConverter.UInt16BitsToHalf(ReadU16(bytes, i));
                break;
            }
            case SafeTensorsDType.BF16:
            {
                var dst = (float[])(object)data;
                for (int i = 0; i < dst.Length; i++)
                    dst[i] = BitConverter.Int32BitsToSingle(ReadU16(bytes, i) << 16);
                break;
            }
            case SafeTensorsDType.BOOL:
            {
                var dst = (bool[])(object)data;
                for (int i = 0; i < dst.Length; i++)
                    dst[i] = bytes[i] switch
                    {
                        0 => false,
                        1 => true,
                        _ => throw new SafeTensorsFormatException($"safetensors BOOL tensor \"{name}\" holds byte {bytes[i]} at element {i}; booleans must be 0 or 1."),
                    };
                break;
            }
            default:
                if (!BitConverter.IsLittleEndian)
                    throw new PlatformNotSupportedException("safetensors reading is implemented for little-endian hosts only.");
                bytes.CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
                break;
        }
        return info.Shape.Length == 0 ? Tensor.Scalar(data[0]) : Tensor.Wrap(data, (int[])info.Shape.Clone());
    }

    /// <summary>
    /// Tensor <paramref name="name"/> converted to <typeparamref name="T"/> (e.g. an F64 file into a float model, like
    /// PyTorch's <c>load_state_dict</c> copy). Values that do not fit throw.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    /// <exception cref="OverflowException">A value does not fit in <typeparamref name="T"/> (integer targets).</exception>
    public Tensor<T> GetConverted<T>(string name) where T : unmanaged, INumberBase<T>
    {
        var info = Info(name);
        if (SafeTensorsDTypes.ToTensorDType(info.DType) == DTypes.Of<T>()) return Get<T>(name);
        return info.DType switch
        {
            SafeTensorsDType.F64 => Convert<double, T>(Get<double>(name)),
            SafeTensorsDType.F32 or SafeTensorsDType.F16 or SafeTensorsDType.BF16 => Convert<float, T>(Get<float>(name)),
            SafeTensorsDType.I64 => Convert<long, T>(Get<long>(name)),
            SafeTensorsDType.I32 => Convert<int, T>(Get<int>(name)),
            SafeTensorsDType.U8 => Convert<byte, T>(Get<byte>(name)),
            _ => ConvertBool<T>(Get<bool>(name)),
        };
    }

    private static Tensor<TOut> Convert<TIn, TOut>(Tensor<TIn> x) where TIn : unmanaged, INumberBase<TIn> where TOut : unmanaged, INumberBase<TOut>
    {
        var src = x.ToArray();
        var dst = new TOut[src.Length];
        for (int i = 0; i < src.Length; i++) dst[i] = TOut.CreateChecked(src[i]);
        return x.Rank == 0 ? Tensor.Scalar(dst[0]) : Tensor.Wrap(dst, x.ShapeArray());
    }

    private static Tensor<TOut> ConvertBool<TOut>(Tensor<bool> x) where TOut : unmanaged, INumberBase<TOut>
    {
        var src = x.ToArray();
        var dst = new TOut[src.Length];
        for (int i = 0; i < src.Length; i++) dst[i] = src[i] ? TOut.One : TOut.Zero;
        return x.Rank == 0 ? Tensor.Scalar(dst[0]) : Tensor.Wrap(dst, x.ShapeArray());
    }

    /// <summary>Every tensor converted to <typeparamref name="T"/>, by name in file order (e.g. for a state dict).</summary>
    public IReadOnlyDictionary<string, Tensor<T>> ToDictionary<T>() where T : unmanaged, INumberBase<T>
    {
        var dict = new OrderedDictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (var n in Names) dict.Add(n, GetConverted<T>(n));
        return dict;
    }

    private static ushort ReadU16(ReadOnlySpan<byte> bytes, int i)
        => System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(2 * i, 2));
}
