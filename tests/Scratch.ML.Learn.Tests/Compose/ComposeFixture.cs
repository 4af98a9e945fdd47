using System.Text.Json;
using Scratch.ML.Learn;
using Scratch.ML.Testing;

namespace Scratch.ML.Tests.Learn.Compose;

/// <summary>tests/reference/fixtures/learn/compose/compose.json (written by tests/reference/sklearn_compose.py, scikit-learn 1.2.1).</summary>
internal static class ComposeFixture
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "compose", "compose.json"))).RootElement;

    // Both sides compute in float64; the composites add no arithmetic of their own, so agreement is that of the steps
    // (≈1e-13 relative for scalers, polynomial features and Ridge's Cholesky solve); 1e-10 leaves margin.
    public static readonly Tolerance VsSklearn = new("ComposeVsSklearn", 1e-10, 1e-10);

    public static Tensor<double> Matrix(JsonElement e)
    {
        int rows = e.GetArrayLength(), cols = e[0].GetArrayLength();
        var data = new double[rows * cols];
        int k = 0;
        foreach (var row in e.EnumerateArray())
            foreach (var v in row.EnumerateArray()) data[k++] = v.GetDouble();
        return Tensor.FromArray(data, rows, cols);
    }

    public static Tensor<double> Vector(JsonElement e)
    {
        var data = e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return Tensor.FromArray(data, data.Length);
    }

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    public static T RoundTrip<T>(IFittedModel model, Func<Stream, T> load)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        return load(stream);
    }

    public static byte[] Bytes(IFittedModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }
}
