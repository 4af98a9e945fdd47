using System.Text.Json;

namespace Scratch.ML.Tests.Statistics;

/// <summary>Loads the SciPy fixtures written by tests/reference/stats_fixtures.py.</summary>
internal static class Fixtures
{
    private static readonly Dictionary<string, JsonDocument> Cache = new();

    internal static JsonElement Load(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var doc))
            {
                string path = Path.Combine(AppContext.BaseDirectory, "fixtures", "stats", name);
                doc = JsonDocument.Parse(File.ReadAllText(path));
                Cache[name] = doc;
            }
            return doc.RootElement;
        }
    }

    /// <summary>A number, or one of the strings "NaN", "Infinity", "-Infinity" the script writes for non-finite values.</summary>
    internal static double D(this JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => throw new FormatException($"Not a number: {s}"),
        },
        _ => throw new FormatException($"Not a number: {e}"),
    };

    internal static double D(this JsonElement e, string property) => e.GetProperty(property).D();

    internal static double[] Doubles(this JsonElement e) => e.EnumerateArray().Select(v => v.D()).ToArray();

    internal static double[] Doubles(this JsonElement e, string property) => e.GetProperty(property).Doubles();
}
