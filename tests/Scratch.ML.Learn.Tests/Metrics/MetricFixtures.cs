using System.Text.Json;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Metrics;

/// <summary>Reads the scikit-learn 1.2 fixtures written by tests/reference/sklearn_metrics.py.</summary>
internal static class MetricFixtures
{
    /// <summary>
    /// Agreement with scikit-learn: the same formulas on n ≤ 40 samples in float64, differing only in summation order
    /// (numpy's pairwise sums vs. sequential ones), so a few ulp of the result.
    /// </summary>
    public static readonly Tolerance Sklearn = new("SklearnMetric", 1e-12, 1e-12);

    public static JsonElement[] Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "metrics", file + ".json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    public static int[] Ints(this JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetInt32()).ToArray();

    public static double[] Doubles(this JsonElement e, string name) => Doubles(e.GetProperty(name));

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(Number).ToArray();

    /// <summary>A number, or one of the strings "NaN", "Infinity", "-Infinity" the fixture script writes for non-finite values.</summary>
    public static double Number(JsonElement x) => x.ValueKind switch
    {
        JsonValueKind.String => double.Parse(x.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.Null => double.NaN,
        _ => x.GetDouble(),
    };

    public static double[]? Weights(this JsonElement e) =>
        e.GetProperty("weights").ValueKind == JsonValueKind.Null ? null : e.Doubles("weights");

    public static double Double(this JsonElement e, string name) => Number(e.GetProperty(name));

    public static double[,] Matrix(this JsonElement e, string name) => Matrix(e.GetProperty(name));

    public static double[,] Matrix(JsonElement e)
    {
        var rows = e.EnumerateArray().Select(Doubles).ToArray();
        var m = new double[rows.Length, rows.Length == 0 ? 0 : rows[0].Length];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < rows[i].Length; j++) m[i, j] = rows[i][j];
        return m;
    }

    public static void Close(double expected, double actual, string what, Tolerance? tol = null)
    {
        var t = tol ?? Sklearn;
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual}"); return; }
        if (double.IsInfinity(expected)) { Assert.True(expected == actual, $"{what}: expected {expected}, got {actual}"); return; }
        Assert.True(Math.Abs(actual - expected) <= t.Absolute + t.Relative * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R} ({t.Name})");
    }

    public static void Close(double[] expected, double[] actual, string what, Tolerance? tol = null)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} values, got {actual.Length}");
        for (int i = 0; i < expected.Length; i++) Close(expected[i], actual[i], $"{what}[{i}]", tol);
    }

    public static void Close(double[,] expected, double[,] actual, string what)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (int i = 0; i < expected.GetLength(0); i++)
            for (int j = 0; j < expected.GetLength(1); j++) Close(expected[i, j], actual[i, j], $"{what}[{i},{j}]");
    }
}
