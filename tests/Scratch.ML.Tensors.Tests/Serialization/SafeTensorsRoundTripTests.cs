using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Scratch.ML.Serialization;
using Xunit;

namespace Scratch.ML.Tests.Serialization;

public class SafeTensorsRoundTripTests
{
    private static SafeTensorsFile RoundTrip(Dictionary<string, SafeTensorValue> tensors, Dictionary<string, string>? metadata = null)
    {
        var ms = new MemoryStream();
        SafeTensors.Save(ms, tensors, metadata);
        ms.Position = 0;
        return SafeTensors.Load(ms);
    }

    [Fact]
    public void EveryDtypeRoundTripsBitExactly()
    {
        var f64 = Tensor.FromArray([1.5, -0.0, double.NaN, double.PositiveInfinity, 1e-300, -3.25], 2, 3);
        var f32 = Tensor.FromArray([1.5f, float.NegativeInfinity, float.Epsilon, 7f], 4);
        var i64 = Tensor.FromArray([long.MinValue, -1L, 0L, long.MaxValue], 2, 2);
        var i32 = Tensor.FromArray([int.MinValue, 5, int.MaxValue], 3);
        var u8 = Tensor.FromArray(new byte[] { 0, 1, 127, 255 }, 2, 1, 2);
        var b = Tensor.FromArray([true, false, false, true, true], 5);
        var file = RoundTrip(new() { ["f64"] = f64, ["f32"] = f32, ["i64"] = i64, ["i32"] = i32, ["u8"] = u8, ["b"] = b });

        Assert.Equal(6, file.Count);
        Assert.Equal(SafeTensorsDType.F64, file.Info("f64").DType);
        Assert.Equal(SafeTensorsDType.BOOL, file.Info("b").DType);
        Assert.Equal(new[] { 2, 1, 2 }, file.Info("u8").Shape);
        Assert.Equal(f64.ToArray().Select(BitConverter.DoubleToInt64Bits), file.Get<double>("f64").ToArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(f32.ToArray().Select(BitConverter.SingleToInt32Bits), file.Get<float>("f32").ToArray().Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(i64.ToArray(), file.Get<long>("i64").ToArray());
        Assert.Equal(new[] { 2, 2 }, file.Get<long>("i64").ShapeArray());
        Assert.Equal(i32.ToArray(), file.Get<int>("i32").ToArray());
        Assert.Equal(u8.ToArray(), file.Get<byte>("u8").ToArray());
        Assert.Equal(b.ToArray(), file.Get<bool>("b").ToArray());
    }

    [Fact]
    public void ZeroDimensionalAndEmptyTensorsKeepTheirShapes()
    {
        var file = RoundTrip(new()
        {
            ["scalar"] = Tensor.Scalar(3.5f),
            ["empty"] = Tensor.Zeros<double>(0, 4),
            ["empty3"] = Tensor.Zeros<int>(2, 0, 3),
        });
        var s = file.Get<float>("scalar");
        Assert.Equal(0, s.Rank);
        Assert.Equal(3.5f, s.ToScalar());
        Assert.Equal(new[] { 0, 4 }, file.Get<double>("empty").ShapeArray());
        Assert.Equal(new[] { 2, 0, 3 }, file.Get<int>("empty3").ShapeArray());
        Assert.Equal(file.Info("empty").Begin, file.Info("empty").End);
    }

    [Fact]
    public void NonContiguousViewsAreWrittenInRowMajorOrder()
    {
        var x = Tensor.Arange(12.0).Reshape(3, 4);
        var t = x.Transpose(0, 1);            // (4, 3), strides (1, 4)
        var sliced = x.Slice(1, 0, 4, 2);     // (3, 2), every other column
        Assert.False(t.IsContiguous);
        var file = RoundTrip(new() { ["t"] = t, ["s"] = sliced });
        Assert.Equal(t.ToArray(), file.Get<double>("t").ToArray());
        Assert.Equal(new[] { 4, 3 }, file.Get<double>("t").ShapeArray());
        Assert.Equal(new[] { 0.0, 2, 4, 6, 8, 10 }, file.Get<double>("s").ToArray());
    }

    [Fact]
    public void MetadataRoundTrips()
    {
        var file = RoundTrip(new() { ["w"] = Tensor.Ones<float>(2) }, new() { ["format"] = "pt", ["note"] = "ünïcode \"quoted\"" });
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal("ünïcode \"quoted\"", file.Metadata["note"]);
    }

    [Fact]
    public void LayoutFollowsTheReferenceWriter()
    {
        // largest element first, then by name; header padded with spaces to 8 bytes; offsets tile the buffer
        var bytes = SafeTensors.Serialize(new Dictionary<string, SafeTensorValue>
        {
            ["z8"] = Tensor.Zeros<byte>(3),
            ["a32"] = Tensor.Zeros<float>(2),
            ["b64"] = Tensor.Zeros<double>(1),
            ["a64"] = Tensor.Zeros<long>(2),
        });
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, n % 8);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        Assert.EndsWith("}", header.TrimEnd(' '));
        using var doc = JsonDocument.Parse(header);
        var names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(new[] { "a64", "b64", "a32", "z8" }, names);
        var offsets = names.Select(k => doc.RootElement.GetProperty(k).GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray()).ToArray();
        Assert.Equal(new long[] { 0, 16 }, offsets[0]);
        Assert.Equal(new long[] { 16, 24 }, offsets[1]);
        Assert.Equal(new long[] { 24, 32 }, offsets[2]);
        Assert.Equal(new long[] { 32, 35 }, offsets[3]);
        Assert.Equal(8 + n + 35, bytes.Length);
    }

    [Fact]
    public void FileSaveAndLoadByPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"st-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(path, new Dictionary<string, Tensor<float>> { ["a"] = Tensor.FromArray([1f, 2f, 3f], 3) }, new Dictionary<string, string> { ["k"] = "v" });
            var file = SafeTensors.Load(path);
            Assert.Equal(new[] { 1f, 2f, 3f }, file.Get<float>("a").ToArray());
            Assert.Equal("v", file.Metadata["k"]);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void DtypeMismatchIsAClearError()
    {
        var file = RoundTrip(new() { ["w"] = Tensor.Ones<double>(2) });
        var e = Assert.Throws<InvalidCastException>(() => file.Get<float>("w"));
        Assert.Contains("F64", e.Message);
        Assert.Contains("float32", e.Message);
        Assert.Equal(new[] { 1f, 1f }, file.GetConverted<float>("w").ToArray());
        var k = Assert.Throws<KeyNotFoundException>(() => file.Get<double>("nope"));
        Assert.Contains("w", k.Message);
    }

    [Fact]
    public void InvalidNamesAreRejectedOnSave()
    {
        Assert.Throws<ArgumentException>(() => SafeTensors.Serialize(new Dictionary<string, SafeTensorValue> { ["__metadata__"] = Tensor.Ones<float>(1) }));
        Assert.Throws<ArgumentException>(() => SafeTensors.Serialize(new Dictionary<string, SafeTensorValue> { [""] = Tensor.Ones<float>(1) }));
    }

    [Fact]
    public void RandomShapesRoundTrip()
    {
        var g = new Scratch.ML.Rng.Generator(11);
        for (int trial = 0; trial < 30; trial++)
        {
            int rank = (int)(g.NextUInt32() % 4);
            var shape = new int[rank];
            for (int i = 0; i < rank; i++) shape[i] = (int)(g.NextUInt32() % 4);
            int n = Shapes.Numel(shape);
            var data = new float[n];
            for (int i = 0; i < n; i++) data[i] = (float)g.NextDouble();
            var x = rank == 0 ? Tensor.Scalar((float)g.NextDouble()) : Tensor.FromArray(data, shape);
            var y = RoundTrip(new() { ["x"] = x }).Get<float>("x");
            Assert.Equal(x.ShapeArray(), y.ShapeArray());
            Assert.Equal(x.ToArray(), y.ToArray());
        }
    }
}
