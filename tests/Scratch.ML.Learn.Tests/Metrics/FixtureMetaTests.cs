using System.Text.Json;
using Xunit;

namespace Scratch.ML.Tests.Learn.Metrics;

/// <summary>The fixtures say which peer wrote them and with what tolerance; the tests use that tolerance.</summary>
public class FixtureMetaTests
{
    [Fact]
    public void FixturesComeFromSklearn12AndAgreeOnTheTolerance()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "metrics", "meta.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        Assert.StartsWith("1.2", root.GetProperty("sklearn").GetString());
        Assert.Equal(MetricFixtures.Sklearn.Absolute, root.GetProperty("tolerance").GetProperty("abs").GetDouble());
        Assert.Equal(MetricFixtures.Sklearn.Relative, root.GetProperty("tolerance").GetProperty("rel").GetDouble());
    }
}
