using System.Text.Json;
using Scratch.ML.Learn.Datasets;

namespace Scratch.ML.Tests.Learn.LinearExtra;

/// <summary>
/// Reads tests/reference/fixtures/learn/linear_extra/linear_extra.json (tests/reference/sklearn_linear_extra.py:
/// scikit-learn 1.2, SciPy 1.10, statsmodels 0.13) and the diabetes data.
/// </summary>
internal static class LinearExtraFixture
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "linear_extra", "linear_extra.json"))).RootElement;

    private static readonly Lazy<Dataset> DiabetesData = new(SmallDatasets.LoadDiabetes);

    public static Tensor<double> DiabetesX => DiabetesData.Value.Data;

    public static Tensor<double> DiabetesY => DiabetesData.Value.Target;

    public static JsonElement Get(string group, string tag) => Root.GetProperty(group).GetProperty(tag);

    /// <summary>A JSON number, vector or matrix as a tensor of its own rank.</summary>
    public static Tensor<double> Read(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Number) return Tensor.FromArray([e.GetDouble()]).Reshape();
        if (e.GetArrayLength() == 0 || e[0].ValueKind == JsonValueKind.Number)
        {
            var v = e.EnumerateArray().Select(a => a.GetDouble()).ToArray();
            return Tensor.FromArray(v, v.Length);
        }
        int rows = e.GetArrayLength(), cols = e[0].GetArrayLength();
        var data = e.EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(a => a.GetDouble()).ToArray();
        return Tensor.FromArray(data, rows, cols);
    }

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(a => a.GetDouble()).ToArray();

    public static Tensor<double> DataTensor(string name) => Read(Root.GetProperty("data").GetProperty(name));

    /// <summary>The synthetic set (60 × 3, six gross outliers in y) or the wide set (8 × 12).</summary>
    public static (Tensor<double> X, Tensor<double> Y) Synthetic => (DataTensor("x"), DataTensor("y"));

    public static (Tensor<double> X, Tensor<double> Y) Wide => (DataTensor("xw"), DataTensor("yw"));
}
