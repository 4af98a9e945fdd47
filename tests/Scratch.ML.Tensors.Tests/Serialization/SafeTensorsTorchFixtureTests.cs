using System.Text.Json;
using Scratch.ML.Serialization;
using Xunit;

namespace Scratch.ML.Tests.Serialization;

/// <summary>
/// fixtures/nn/safetensors/dtypes.safetensors is written by tests/reference/torch_safetensors.py from torch 1.13
/// tensors (format written by hand with struct + json); dtypes.json holds the expected values.
/// </summary>
public class SafeTensorsTorchFixtureTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "fixtures", "nn", "safetensors");

    [Fact]
    public void ReadsEveryTorchDtype()
    {
        var file = SafeTensors.Load(Path.Combine(Dir, "dtypes.safetensors"));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "dtypes.json")));
        Assert.Equal("torch_safetensors.py", file.Metadata["written_by"]);
        var expected = doc.RootElement.GetProperty("tensors");
        Assert.Equal(expected.EnumerateObject().Count(), file.Count);
        foreach (var e in expected.EnumerateObject())
        {
            var info = file.Info(e.Name);
            var code = e.Value.GetProperty("dtype").GetString()!;
            Assert.Equal(code, SafeTensorsDTypes.Code(info.DType));
            var shape = e.Value.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
            Assert.Equal(shape, info.Shape);
            var values = e.Value.GetProperty("values").EnumerateArray().ToArray();
            switch (code)
            {
                case "F64":
                    Assert.Equal(values.Select(v => v.GetDouble()), file.Get<double>(e.Name).ToArray());
                    break;
                case "F32" or "F16" or "BF16":
                    var t = file.Get<float>(e.Name);
                    Assert.Equal(shape, t.ShapeArray());
                    Assert.Equal(values.Select(v => (float)v.GetDouble()), t.ToArray());
                    break;
                case "I64":
                    Assert.Equal(values.Select(v => v.GetInt64()), file.Get<long>(e.Name).ToArray());
                    break;
                case "I32":
                    Assert.Equal(values.Select(v => v.GetInt32()), file.Get<int>(e.Name).ToArray());
                    break;
                case "U8":
                    Assert.Equal(values.Select(v => (byte)v.GetInt32()), file.Get<byte>(e.Name).ToArray());
                    break;
                case "BOOL":
                    Assert.Equal(values.Select(v => v.GetBoolean()), file.Get<bool>(e.Name).ToArray());
                    break;
                default:
                    Assert.Fail($"unexpected dtype {code}");
                    break;
            }
        }
        Assert.Equal(0, file.Get<float>("scalar").Rank);
    }

    [Fact]
    public void RewritingTheTorchTensorsReproducesTheFileByteForByte()
    {
        // Our writer sorts and pads like the script (which mirrors the reference writer), so a file containing only
        // the dtypes we write reproduces exactly. F16/BF16 are read-only, so compare on the MLP fixture (all F32).
        var path = Path.Combine(Dir, "mlp.safetensors");
        var file = SafeTensors.Load(path);
        var tensors = file.Names.ToDictionary(n => n, n => (SafeTensorValue)file.Get<float>(n));
        var bytes = SafeTensors.Serialize(tensors, file.Metadata);
        Assert.Equal(File.ReadAllBytes(path), bytes);
    }
}
