using System.Text.Json;

namespace Scratch.ML.Tests.Learn.ModelSelection;

/// <summary>Reads tests/reference/fixtures/learn/search/search.json (tests/reference/sklearn_search.py, scikit-learn 1.2).</summary>
internal static class SearchFixture
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "search", "search.json"))).RootElement;

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(a => a.GetDouble()).ToArray();

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(a => a.GetInt32()).ToArray();

    public static double[][] Matrix(JsonElement e) => e.EnumerateArray().Select(Doubles).ToArray();
}
