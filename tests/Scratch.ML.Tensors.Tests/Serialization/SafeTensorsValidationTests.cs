using System.Buffers.Binary;
using System.Text;
using Scratch.ML.Serialization;
using Xunit;

namespace Scratch.ML.Tests.Serialization;

/// <summary>Hostile or corrupt files: each is rejected with a <see cref="SafeTensorsFormatException"/> naming the problem.</summary>
public class SafeTensorsValidationTests
{
    private static byte[] Make(string header, int bufferBytes, ulong? declaredLength = null)
    {
        var h = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + h.Length + bufferBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)h.Length);
        h.CopyTo(bytes, 8);
        return bytes;
    }

    private static string Fails(byte[] bytes)
        => Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(bytes)).Message;

    [Fact]
    public void ValidHandWrittenFileLoads()
    {
        var file = SafeTensors.Load(Make("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"U8","shape":[],"data_offsets":[8,9]}}""", 9));
        Assert.Equal(new[] { "a", "b" }, file.Names);
        Assert.Equal(0, file.Get<byte>("b").Rank);
    }

    [Fact]
    public void TruncatedFiles()
    {
        Assert.Contains("truncated", Fails([1, 2, 3]));
        Assert.Contains("truncated", Fails([]));
        var good = SafeTensors.Serialize(new Dictionary<string, SafeTensorValue> { ["w"] = Tensor.Ones<float>(4) });
        Assert.Contains("exceeds the", Fails(good[..20]));                 // header cut
        Assert.Contains("reach past the end", Fails(good[..^3]));          // buffer cut: offsets now reach past the end
    }

    [Fact]
    public void CorruptHeaderLength()
    {
        Assert.Contains("limit", Fails(Make("{}", 0, declaredLength: ulong.MaxValue)));
        Assert.Contains("limit", Fails(Make("{}", 0, declaredLength: 200_000_000)));
        Assert.Contains("exceeds the 2 bytes", Fails(Make("{}", 0, declaredLength: 50)));
        Assert.Contains("too small", Fails(Make("{}", 0, declaredLength: 0)));
    }

    [Fact]
    public void BadJson()
    {
        Assert.Contains("not valid JSON", Fails(Make("""{"a":{"dtype":"F32",""", 0)));
        Assert.Contains("must start with", Fails(Make("""[1,2,3]""", 0)));
        Assert.Contains("not valid", Fails(CorruptUtf8(Make("{\"a\":\"\uFFFF\"}", 0))));
        Assert.Contains("expected an object", Fails(Make("""{"a":5}""", 0)));
        Assert.Contains("not valid JSON", Fails(Make("""{} {}""", 0)));
    }

    private static byte[] CorruptUtf8(byte[] b)
    {
        // replace the three UTF-8 bytes of U+FFFF by an invalid sequence
        int i = Array.IndexOf(b, (byte)0xEF);
        b[i] = 0xFF; b[i + 1] = 0xFE;
        return b;
    }

    [Fact]
    public void UnknownDtype()
    {
        var m = Fails(Make("""{"a":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}""", 8));
        Assert.Contains("\"a\"", m);
        Assert.Contains("C64", m);
        Assert.Contains("dtype", Fails(Make("""{"a":{"dtype":3,"shape":[1],"data_offsets":[0,8]}}""", 8)));
    }

    [Fact]
    public void WrongByteCount()
    {
        var m = Fails(Make("""{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8));
        Assert.Contains("needs 12 bytes", m);
        Assert.Contains("hold 8", m);
    }

    [Fact]
    public void OverflowingShape()
    {
        var m = Fails(Make("""{"a":{"dtype":"F64","shape":[2147483647,2147483647,2147483647],"data_offsets":[0,8]}}""", 8));
        Assert.Contains("overflows", m);
    }

    [Fact]
    public void NegativeOrFractionalShape()
    {
        Assert.Contains("shape[0]", Fails(Make("""{"a":{"dtype":"U8","shape":[-1],"data_offsets":[0,0]}}""", 0)));
        Assert.Contains("shape[1]", Fails(Make("""{"a":{"dtype":"U8","shape":[1,1.5],"data_offsets":[0,1]}}""", 1)));
    }

    [Fact]
    public void OverlappingOffsets()
    {
        var m = Fails(Make("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12));
        Assert.Contains("overlap", m);
        Assert.Contains("\"a\"", m);
        Assert.Contains("\"b\"", m);
    }

    [Fact]
    public void OutOfRangeOffsets()
    {
        Assert.Contains("reach past the end", Fails(Make("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""", 8)));
        Assert.Contains("end before they begin", Fails(Make("""{"a":{"dtype":"U8","shape":[0],"data_offsets":[4,2]}}""", 8)));
        Assert.Contains("data_offsets[0]", Fails(Make("""{"a":{"dtype":"U8","shape":[0],"data_offsets":[-1,0]}}""", 0)));
        Assert.Contains("[begin, end]", Fails(Make("""{"a":{"dtype":"U8","shape":[0],"data_offsets":[0]}}""", 0)));
    }

    [Fact]
    public void BufferMustBeFullyCovered()
    {
        Assert.Contains("cover only", Fails(Make("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 8)));
        Assert.Contains("belong to no tensor", Fails(Make("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8)));
    }

    [Fact]
    public void DuplicateNamesAndFields()
    {
        Assert.Contains("twice", Fails(Make("""{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}""", 2)));
        Assert.Contains("twice", Fails(Make("""{"a":{"dtype":"U8","dtype":"U8","shape":[1],"data_offsets":[0,1]}}""", 1)));
        Assert.Contains("unknown field", Fails(Make("""{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"x":1}}""", 1)));
        Assert.Contains("missing field \"shape\"", Fails(Make("""{"a":{"dtype":"U8","data_offsets":[0,1]}}""", 1)));
    }

    [Fact]
    public void MetadataMustBeStrings()
    {
        Assert.Contains("must be a string", Fails(Make("""{"__metadata__":{"k":1}}""", 0)));
        Assert.Contains("object of strings", Fails(Make("""{"__metadata__":[1]}""", 0)));
    }

    [Fact]
    public void BoolBytesOtherThanZeroOrOneAreRejectedOnRead()
    {
        var bytes = Make("""{"m":{"dtype":"BOOL","shape":[2],"data_offsets":[0,2]}}""", 2);
        bytes[^1] = 7;
        var file = SafeTensors.Load(bytes);
        Assert.Contains("byte 7", Assert.Throws<SafeTensorsFormatException>(() => file.Get<bool>("m")).Message);
    }
}
