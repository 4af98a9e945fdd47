namespace Scratch.ML;

/// <summary>The element types a tensor can hold. Used in messages, file formats and GPU kernel names.</summary>
public enum DType
{
    /// <summary>32-bit IEEE 754 floating point (<see cref="float"/>).</summary>
    Float32,
    /// <summary>64-bit IEEE 754 floating point (<see cref="double"/>).</summary>
    Float64,
    /// <summary>32-bit signed integer (<see cref="int"/>).</summary>
    Int32,
    /// <summary>64-bit signed integer (<see cref="long"/>): the type of indices returned by argmax, sort and nonzero.</summary>
    Int64,
    /// <summary>8-bit unsigned integer (<see cref="byte"/>).</summary>
    UInt8,
    /// <summary>Boolean (<see cref="bool"/>): the type of masks and comparison results.</summary>
    Bool,
}

/// <summary>Maps a CLR element type to its <see cref="ML.DType"/>.</summary>
public static class DTypes
{
    /// <summary>The <see cref="ML.DType"/> of <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException">The type is not a supported tensor element type.</exception>
    public static DType Of<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(int)) return DType.Int32;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(byte)) return DType.UInt8;
        if (typeof(T) == typeof(bool)) return DType.Bool;
        throw new NotSupportedException($"Element type {typeof(T).Name} is not a supported tensor element type; use float, double, int, long, byte or bool.");
    }

    /// <summary>The size of one element in bytes.</summary>
    public static int SizeOf(DType dtype) => dtype switch
    {
        DType.Float32 or DType.Int32 => 4,
        DType.Float64 or DType.Int64 => 8,
        DType.UInt8 or DType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    /// <summary>The lower-case name used in messages and file formats (<c>float32</c>, <c>int64</c>, …).</summary>
    public static string Name(DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Int32 => "int32",
        DType.Int64 => "int64",
        DType.UInt8 => "uint8",
        DType.Bool => "bool",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };
}
