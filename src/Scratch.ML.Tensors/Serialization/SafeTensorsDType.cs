namespace Scratch.ML.Serialization;

/// <summary>
/// The element types a safetensors file can hold that this library reads. The names are the format's dtype codes
/// (<c>"F64"</c>, <c>"F32"</c>, …). <see cref="F16"/> and <see cref="BF16"/> are read-only: they load as
/// <see cref="float"/> (exactly, every half and bfloat16 value is a float32 value).
/// </summary>
public enum SafeTensorsDType
{
    /// <summary>IEEE 754 binary64 (<see cref="double"/>), 8 bytes.</summary>
    F64,
    /// <summary>IEEE 754 binary32 (<see cref="float"/>), 4 bytes.</summary>
    F32,
    /// <summary>IEEE 754 binary16 (<see cref="Half"/>), 2 bytes; read as float.</summary>
    F16,
    /// <summary>bfloat16 (the upper 16 bits of a float32), 2 bytes; read as float.</summary>
    BF16,
    /// <summary>Signed 64-bit integer (<see cref="long"/>), 8 bytes.</summary>
    I64,
    /// <summary>Signed 32-bit integer (<see cref="int"/>), 4 bytes.</summary>
    I32,
    /// <summary>Unsigned 8-bit integer (<see cref="byte"/>), 1 byte.</summary>
    U8,
    /// <summary>Boolean, 1 byte (0 = false, 1 = true; other values are rejected).</summary>
    BOOL,
}

/// <summary>Conversions between <see cref="SafeTensorsDType"/>, format codes and tensor element types.</summary>
public static class SafeTensorsDTypes
{
    /// <summary>Element size in bytes.</summary>
    public static int SizeOf(SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.F64 or SafeTensorsDType.I64 => 8,
        SafeTensorsDType.F32 or SafeTensorsDType.I32 => 4,
        SafeTensorsDType.F16 or SafeTensorsDType.BF16 => 2,
        SafeTensorsDType.U8 or SafeTensorsDType.BOOL => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    /// <summary>The format's code, e.g. <c>"F32"</c>.</summary>
    public static string Code(SafeTensorsDType dtype) => dtype.ToString();

    /// <summary>Parses a format code (case-sensitive, as the format requires); false for codes this library does not read.</summary>
    public static bool TryParse(string code, out SafeTensorsDType dtype)
    {
        switch (code)
        {
            case "F64": dtype = SafeTensorsDType.F64; return true;
            case "F32": dtype = SafeTensorsDType.F32; return true;
            case "F16": dtype = SafeTensorsDType.F16; return true;
            case "BF16": dtype = SafeTensorsDType.BF16; return true;
            case "I64": dtype = SafeTensorsDType.I64; return true;
            case "I32": dtype = SafeTensorsDType.I32; return true;
            case "U8": dtype = SafeTensorsDType.U8; return true;
            case "BOOL": dtype = SafeTensorsDType.BOOL; return true;
            default: dtype = default; return false;
        }
    }

    /// <summary>The safetensors dtype of a tensor element type.</summary>
    public static SafeTensorsDType From(DType dtype) => dtype switch
    {
        DType.Float64 => SafeTensorsDType.F64,
        DType.Float32 => SafeTensorsDType.F32,
        DType.Int64 => SafeTensorsDType.I64,
        DType.Int32 => SafeTensorsDType.I32,
        DType.UInt8 => SafeTensorsDType.U8,
        DType.Bool => SafeTensorsDType.BOOL,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    /// <summary>The tensor element type a safetensors dtype loads as (F16 and BF16 load as <see cref="DType.Float32"/>).</summary>
    public static DType ToTensorDType(SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.F64 => DType.Float64,
        SafeTensorsDType.F32 or SafeTensorsDType.F16 or SafeTensorsDType.BF16 => DType.Float32,
        SafeTensorsDType.I64 => DType.Int64,
        SafeTensorsDType.I32 => DType.Int32,
        SafeTensorsDType.U8 => DType.UInt8,
        SafeTensorsDType.BOOL => DType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };
}
