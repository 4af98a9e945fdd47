using Scratch.ML.Rng;
using Scratch.ML.Serialization;
using Xunit;

namespace Scratch.ML.Tests.Serialization;

/// <summary>
/// Deterministic mutation fuzzing of a valid file: whatever happens to the bytes, loading either succeeds with a
/// self-consistent file or fails with <see cref="SafeTensorsFormatException"/> — never an index, overflow, JSON or
/// out-of-memory error leaking from the parser.
/// </summary>
public class SafeTensorsFuzzTests
{
    private static byte[] Valid() => SafeTensors.Serialize(new Dictionary<string, SafeTensorValue>
    {
        ["w"] = Tensor.FromArray([1.0, 2, 3, 4, 5, 6], 2, 3),
        ["b"] = Tensor.FromArray([0.5f, -1f], 2),
        ["i"] = Tensor.FromArray([7L, 8L], 2),
        ["m"] = Tensor.FromArray([true, false, true], 3),
        ["s"] = Tensor.Scalar((byte)9),
        ["e"] = Tensor.Zeros<int>(0, 2),
    }, new Dictionary<string, string> { ["format"] = "pt" });

    private static void LoadOrFormatError(byte[] bytes)
    {
        SafeTensorsFile file;
        try { file = SafeTensors.Load(bytes); }
        catch (SafeTensorsFormatException) { return; }
        foreach (var info in file.Tensors)
        {
            Assert.True(info.Begin <= info.End);
            try
            {
                var t = file.GetConverted<double>(info.Name);
                Assert.Equal(info.Shape, t.ShapeArray());
            }
            catch (SafeTensorsFormatException) { } // a BOOL byte other than 0/1
        }
    }

    [Fact]
    public void ByteFlipsInTheHeader()
    {
        var valid = Valid();
        int headerEnd = 8 + (int)BitConverter.ToUInt64(valid, 0);
        var g = new Generator(2024);
        for (int trial = 0; trial < 3000; trial++)
        {
            var bytes = (byte[])valid.Clone();
            int flips = 1 + (int)(g.NextUInt32() % 3);
            for (int k = 0; k < flips; k++)
            {
                int pos = (int)(g.NextUInt32() % (uint)headerEnd);
                bytes[pos] = (g.NextUInt32() % 2) == 0
                    ? (byte)g.NextUInt32()
                    : (byte)"0123456789[]{}\",:-."[(int)(g.NextUInt32() % 19)];
            }
            LoadOrFormatError(bytes);
        }
    }

    [Fact]
    public void TruncationsAndExtensions()
    {
        var valid = Valid();
        for (int len = 0; len < valid.Length; len++)
            Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(valid[..len]));
        var longer = new byte[valid.Length + 3];
        valid.CopyTo(longer, 0);
        Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(longer));
    }

    [Fact]
    public void ByteFlipsInTheBufferNeverBreakLoading()
    {
        var valid = Valid();
        int headerEnd = 8 + (int)BitConverter.ToUInt64(valid, 0);
        var g = new Generator(7);
        for (int trial = 0; trial < 300; trial++)
        {
            var bytes = (byte[])valid.Clone();
            bytes[headerEnd + (int)(g.NextUInt32() % (uint)(valid.Length - headerEnd))] = (byte)g.NextUInt32();
            LoadOrFormatError(bytes);
        }
    }
}
