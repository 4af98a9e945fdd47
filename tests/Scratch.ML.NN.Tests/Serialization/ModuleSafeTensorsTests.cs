using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Scratch.ML.NN;
using Scratch.ML.Rng;
using Scratch.ML.Serialization;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Serialization;

/// <summary>
/// PyTorch interop: fixtures/nn/safetensors/mlp.safetensors holds the state dict of
/// nn.Sequential(nn.Linear(8,16), nn.ReLU(), nn.Linear(16,3)) after 20 SGD steps (torch 1.13, seed 1234), written by
/// tests/reference/torch_safetensors.py; mlp.json holds an input batch and PyTorch's logits.
/// </summary>
public class ModuleSafeTensorsTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "fixtures", "nn", "safetensors");

    private sealed class ReluLayer<T> : Layer<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        public override Tensor<T> Forward(Tensor<T> input) => input.Relu();
    }

    private static Sequential<T> Mlp<T>(ulong seed) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var g = new Generator(seed);
        return new Sequential<T>(new Linear<T>(8, 16, generator: g), new ReluLayer<T>(), new Linear<T>(16, 3, generator: g));
    }

    private static float[] Floats(JsonElement e) => e.EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetSingle()).ToArray();

    [Fact]
    public void TorchTrainedMlpReproducesTorchLogits()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "mlp.json")));
        var net = Mlp<float>(99);
        var result = net.LoadSafeTensors(Path.Combine(Dir, "mlp.safetensors"));
        Assert.Empty(result.MissingKeys);
        Assert.Empty(result.UnexpectedKeys);
        var x = Tensor.FromArray(Floats(doc.RootElement.GetProperty("input")), 5, 8);
        var expected = Tensor.FromArray(Floats(doc.RootElement.GetProperty("logits")), 5, 3);
        Tensor<float> logits;
        using (Autograd.NoGrad()) logits = net.Call(x);
        TensorAssert.Close(expected, logits, Tolerance.Float32VsTorch);
    }

    [Fact]
    public void TorchFileLoadsIntoADoubleModelByConversion()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "mlp.json")));
        var net = Mlp<double>(5);
        net.LoadSafeTensors(Path.Combine(Dir, "mlp.safetensors"));
        var x = Tensor.FromArray(Floats(doc.RootElement.GetProperty("input")).Select(v => (double)v).ToArray(), 5, 8);
        var expected = Tensor.FromArray(Floats(doc.RootElement.GetProperty("logits")).Select(v => (double)v).ToArray(), 5, 3);
        // float32 weights evaluated in float64 vs PyTorch's float32 forward: only PyTorch's rounding differs
        TensorAssert.Close(expected, net.Call(x).Detach(), Tolerance.Float32VsTorch);
    }

    [Fact]
    public void SavedFileHasPyTorchKeysShapesAndByteLayout()
    {
        var net = Mlp<float>(3);
        var ms = new MemoryStream();
        net.SaveSafeTensors(ms, new Dictionary<string, string> { ["format"] = "pt" });
        var bytes = ms.ToArray();
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)n));
        var keys = header.RootElement.EnumerateObject().Select(p => p.Name).Where(k => k != "__metadata__").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "0.bias", "0.weight", "2.bias", "2.weight" }, keys);
        var w0 = header.RootElement.GetProperty("0.weight");
        Assert.Equal("F32", w0.GetProperty("dtype").GetString());
        Assert.Equal(new[] { 16, 8 }, w0.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(new[] { 3, 16 }, header.RootElement.GetProperty("2.weight").GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        // raw little-endian row-major (out, in) bytes: element [1, 2] of 0.weight at begin + 4·(1·8 + 2)
        long begin = w0.GetProperty("data_offsets")[0].GetInt64();
        float w12 = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(8 + n + begin + 4 * (1 * 8 + 2)), 4));
        Assert.Equal(((Linear<float>)net[0]).Weight.Value[1, 2], w12);
    }

    [Fact]
    public void SaveThenLoadRestoresEveryParameterInPlace()
    {
        var a = Mlp<double>(1);
        var b = Mlp<double>(2);
        var slot = ((Linear<double>)b[2]).Weight;
        var before = slot.Value;
        var path = Path.Combine(Path.GetTempPath(), $"mlp-{Guid.NewGuid():N}.safetensors");
        try
        {
            a.SaveSafeTensors(path);
            b.LoadSafeTensors(path);
        }
        finally { File.Delete(path); }
        Assert.Same(before, slot.Value);
        foreach (var (k, v) in a.StateDict())
            TensorAssert.Close(v, b.StateDict()[k], Tolerance.Exact);
    }

    [Fact]
    public void NonStrictLoadReportsMissingAndUnexpectedKeys()
    {
        var ms = new MemoryStream();
        SafeTensors.Save(ms, new Dictionary<string, SafeTensorValue>
        {
            ["0.weight"] = Tensor.Ones<float>(16, 8),
            ["extra"] = Tensor.Ones<long>(2),
        });
        var file = SafeTensors.Load(ms.ToArray());
        var net = Mlp<float>(4);
        var strictError = Assert.Throws<ArgumentException>(() => net.LoadSafeTensors(file));
        Assert.Contains("missing keys", strictError.Message);
        var r = net.LoadSafeTensors(file, strict: false);
        Assert.Equal(new[] { "0.bias", "2.weight", "2.bias" }, r.MissingKeys);
        Assert.Equal(new[] { "extra" }, r.UnexpectedKeys);
        Assert.Equal(1f, ((Linear<float>)net[0]).Weight.Value[3, 4]);
    }

    [Fact]
    public void IntegerTensorForAParameterIsRejected()
    {
        var ms = new MemoryStream();
        SafeTensors.Save(ms, new Dictionary<string, SafeTensorValue> { ["0.bias"] = Tensor.Ones<int>(16) });
        var e = Assert.Throws<ArgumentException>(() => Mlp<float>(1).LoadSafeTensors(SafeTensors.Load(ms.ToArray()), strict: false));
        Assert.Contains("I32", e.Message);
    }
}
