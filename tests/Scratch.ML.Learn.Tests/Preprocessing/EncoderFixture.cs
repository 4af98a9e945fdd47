using System.Text.Json;
using Scratch.ML.Learn.Preprocessing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Preprocessing;

/// <summary>Reads tests/reference/fixtures/learn/encoders/encoders.json (tests/reference/sklearn_encoders.py).</summary>
internal static class EncoderFixture
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "encoders", "encoders.json"))).RootElement;

    /// <summary>The mixed training table: two text columns (one with None) and two numeric ones (one with NaN).</summary>
    public static CategoricalTable Train => Table(Root.GetProperty("train"));

    /// <summary>New rows with unknown categories in every column.</summary>
    public static CategoricalTable New => Table(Root.GetProperty("new"));

    public static CategoricalTable Table(JsonElement e) => CategoricalTable.FromColumns([.. e.EnumerateArray().Select(c =>
        c.GetProperty("kind").GetString() == "s"
            ? CategoricalColumn.Of([.. c.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString())])
            : CategoricalColumn.Of([.. c.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble())]))]);

    /// <summary>A (rows, cols) matrix; JSON null stands for NaN.</summary>
    public static Tensor<double> Matrix(JsonElement e) => PreprocessingFixture.Matrix(e);

    public static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble())];

    public static string[] Strings(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetString()!)];

    /// <summary>Compares a decoded table with scikit-learn's inverse_transform (None → null / NaN).</summary>
    public static void SameTable(JsonElement expected, CategoricalTable actual)
    {
        int j = 0;
        foreach (var col in expected.EnumerateArray())
        {
            var c = actual[j];
            int i = 0;
            foreach (var v in col.EnumerateArray())
            {
                if (c.IsText)
                    Assert.True(v.ValueKind == JsonValueKind.Null ? c.Texts![i] is null : c.Texts![i] == v.GetString(), $"column {j} row {i}: expected {v}, got {c.Texts![i] ?? "null"}");
                else if (v.ValueKind == JsonValueKind.Null || v.ValueKind == JsonValueKind.String)   // None / "infrequent_sklearn" → NaN
                    Assert.True(double.IsNaN(c.Numbers![i]), $"column {j} row {i}: expected NaN, got {c.Numbers![i]}");
                else
                    Assert.Equal(v.GetDouble(), c.Numbers![i]);
                i++;
            }
            j++;
        }
        Assert.Equal(j, actual.ColumnCount);
    }

    /// <summary>Exact element-wise equality where NaN equals NaN.</summary>
    public static void SameWithNaN(Tensor<double> expected, Tensor<double> actual, double tolerance = 0)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.ToArray();
        var a = actual.ToArray();
        for (int i = 0; i < e.Length; i++)
            if (double.IsNaN(e[i])) Assert.True(double.IsNaN(a[i]), $"element {i}: expected NaN, got {a[i]}");
            else Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * Math.Max(1, Math.Abs(e[i])), $"element {i}: expected {e[i]}, got {a[i]}");
    }
}
