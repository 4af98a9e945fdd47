using System.Text.Json;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Preprocessing;

/// <summary>Reads tests/reference/fixtures/learn/preprocessing/preprocessing.json (tests/reference/sklearn_preprocessing.py).</summary>
internal static class PreprocessingFixture
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "preprocessing", "preprocessing.json"))).RootElement;

    // Both sides compute in float64; min/max/abs and one multiply-add per element are exact up to an ulp, percentiles
    // interpolate in the same way, row norms are summed in a different order: agreement ~1e-15 relative, 1e-10 leaves margin.
    public static readonly Tolerance VsSklearn = new("Float64VsSklearn", 1e-10, 1e-10);

    public static Tensor<double> X => Matrix(Root.GetProperty("x"));

    public static Tensor<double> XNew => Matrix(Root.GetProperty("x_new"));

    /// <summary>A (rows, cols) matrix; JSON null stands for NaN.</summary>
    public static Tensor<double> Matrix(JsonElement e)
    {
        int rows = e.GetArrayLength(), cols = e[0].GetArrayLength();
        var data = e.EnumerateArray().SelectMany(r => r.EnumerateArray())
            .Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();
        return Tensor.FromArray(data, rows, cols);
    }

    public static Tensor<double> Vector(JsonElement e)
    {
        var data = e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return Tensor.FromArray(data, data.Length);
    }

    /// <summary>Element-wise agreement where NaN must match NaN.</summary>
    public static void CloseWithNaN(Tensor<double> expected, Tensor<double> actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.ToArray();
        var a = actual.ToArray();
        for (int i = 0; i < e.Length; i++)
        {
            if (double.IsNaN(e[i])) { Assert.True(double.IsNaN(a[i]), $"element {i}: expected NaN, got {a[i]}"); continue; }
            Assert.True(Math.Abs(e[i] - a[i]) <= 1e-10 + 1e-10 * Math.Abs(e[i]), $"element {i}: expected {e[i]}, got {a[i]}");
        }
    }
}
