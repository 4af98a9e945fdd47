using System.Text.Json;

namespace Scratch.ML.Tests.Learn.LinearModels;

/// <summary>Reads tests/reference/fixtures/learn/linear/linear.json (tests/reference/sklearn_linear.py, scikit-learn 1.2).</summary>
internal static class LinearFixture
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "linear", "linear.json"))).RootElement;

    public static JsonElement Data => Root.GetProperty("data");

    /// <summary>A JSON number, vector or matrix as a tensor of its own rank.</summary>
    public static Tensor<double> Read(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Number) return Tensor.FromArray([e.GetDouble()]).Reshape();
        if (e[0].ValueKind == JsonValueKind.Number)
        {
            var v = e.EnumerateArray().Select(a => a.GetDouble()).ToArray();
            return Tensor.FromArray(v, v.Length);
        }
        int rows = e.GetArrayLength(), cols = e[0].GetArrayLength();
        var data = e.EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(a => a.GetDouble()).ToArray();
        return Tensor.FromArray(data, rows, cols);
    }

    public static Tensor<double> DataTensor(string name) => Read(Data.GetProperty(name));

    public static int[] Ints(JsonElement e) => e.ValueKind == JsonValueKind.Number ? [e.GetInt32()] : e.EnumerateArray().Select(a => a.GetInt32()).ToArray();
}
