using System.Text.Json;
using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Testing;

namespace Scratch.ML.Tests.Learn.Neighbors;

/// <summary>The scikit-learn 1.2 fixtures of tests/reference/sklearn_neighbors.py.</summary>
internal static class NeighborsFixture
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "neighbors", "neighbors.json"))).RootElement;

    // float64 on both sides; the Euclidean/cosine GEMM path rounds ‖a‖² − 2a·b + ‖b‖² differently from numpy's BLAS
    // (~1e-15 absolute on distances of order 1), and weights 1/d amplify that by at most ~10 here.
    public static readonly Tolerance VsSklearn = new("Float64VsSklearn", 1e-10, 1e-10);

    public const int K = 4;

    /// <summary>Every fixture case: metric name and query set ("xq", or "xm" with exact training copies).</summary>
    public static IEnumerable<object[]> Cases() =>
        Root.GetProperty("cases").EnumerateObject().Select(p => new object[] { p.Name });

    public static JsonElement Data => Root.GetProperty("data");

    public static JsonElement Case(string name) => Root.GetProperty("cases").GetProperty(name);

    public static (NeighborMetric Metric, double P) Metric(string name) => name.Split('_')[0] switch
    {
        "euclidean" => (NeighborMetric.Euclidean, 2),
        "manhattan" => (NeighborMetric.Manhattan, 2),
        "chebyshev" => (NeighborMetric.Chebyshev, 2),
        "minkowski3" => (NeighborMetric.Minkowski, 3),
        "cosine" => (NeighborMetric.Cosine, 2),
        var other => throw new ArgumentException($"unknown fixture metric {other}"),
    };

    public static Tensor<double> Queries(string name) => Matrix(Data.GetProperty(name.Split('_')[1]));

    public static Tensor<double> Matrix(JsonElement e)
    {
        int rows = e.GetArrayLength(), cols = e[0].GetArrayLength();
        var data = e.EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray();
        return Tensor.FromArray(data, rows, cols);
    }

    public static Tensor<double> Vector(JsonElement e)
    {
        var data = e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return Tensor.FromArray(data, data.Length);
    }

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    public static Tensor<double> X => Matrix(Data.GetProperty("x"));

    public static int[] Y => Ints(Data.GetProperty("y"));
}
