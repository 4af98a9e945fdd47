using System.Globalization;
using System.Xml.Linq;
using Scratch.ML.Plotting;
using Xunit;

namespace Scratch.ML.Tests.NN.Plotting;

public class LinePlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static double[] TickValues(XDocument doc, string cls)
        => doc.Descendants(Svg + "text").Where(e => (string?)e.Attribute("class") == cls)
            .Select(e => double.Parse(e.Value, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void WritesWellFormedSvgWithOneGroupPerSeries()
    {
        var plot = new LinePlot { Title = "Loss <train & \"val\">", XLabel = "epoch", YLabel = "loss" }
            .Add("train", [3.0, 2.0, 1.2, 0.9])
            .Add("val", [1, 2, 3, 4], [3.2, 2.5, 1.9, 1.7])
            .Add("it's", [0.5, 1.5], [2.2, 2.1]);
        var doc = XDocument.Parse(plot.ToSvg());
        Assert.Equal(Svg + "svg", doc.Root!.Name);
        var groups = doc.Descendants(Svg + "g").Where(e => (string?)e.Attribute("class") == "series").ToArray();
        Assert.Equal(3, groups.Length);
        Assert.Equal(new[] { "train", "val", "it's" }, groups.Select(g => (string?)g.Attribute("data-name")));
        Assert.All(groups, g => Assert.Single(g.Elements(Svg + "polyline")));
        Assert.Equal(4, groups[0].Element(Svg + "polyline")!.Attribute("points")!.Value.Split(' ').Length);
        Assert.Equal("Loss <train & \"val\">", doc.Descendants(Svg + "text").First(e => (string?)e.Attribute("class") == "title").Value);
        Assert.Equal(3, doc.Descendants(Svg + "text").Count(e => (string?)e.Attribute("class") == "legend-label"));
    }

    [Fact]
    public void TicksCoverTheDataRange()
    {
        var plot = new LinePlot().Add("a", [0.3, 7.9], [-0.013, 0.0472]).Add("b", [2.0], [0.031]);
        var doc = XDocument.Parse(plot.ToSvg());
        var xs = TickValues(doc, "xtick");
        var ys = TickValues(doc, "ytick");
        Assert.True(xs[0] <= 0.3 && xs[^1] >= 7.9, string.Join(",", xs));
        Assert.True(ys[0] <= -0.013 && ys[^1] >= 0.0472, string.Join(",", ys));
        Assert.InRange(ys.Length, 3, 12);
        // evenly spaced nice steps (1, 2, 5 × 10^k)
        double step = ys[1] - ys[0];
        for (int i = 2; i < ys.Length; i++) Assert.Equal(step, ys[i] - ys[i - 1], 12);
        double mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
        Assert.Contains(Math.Round(mantissa, 9), new[] { 1.0, 2.0, 5.0 });
        // single point becomes a dot, not a polyline
        Assert.Single(doc.Descendants(Svg + "circle"));
    }

    [Fact]
    public void LogAxisUsesDecadesAndSkipsNonPositiveValues()
    {
        var plot = new LinePlot { LogY = true }.Add("loss", [2.5, 0.4, 0.03, 0.0, double.NaN, 0.004]);
        var doc = XDocument.Parse(plot.ToSvg());
        var ys = TickValues(doc, "ytick");
        Assert.Equal(new[] { 0.001, 0.01, 0.1, 1, 10 }, ys);
        var g = doc.Descendants(Svg + "g").Single(e => (string?)e.Attribute("class") == "series");
        Assert.Single(g.Elements(Svg + "polyline"));   // 2.5, 0.4, 0.03
        Assert.Single(g.Elements(Svg + "circle"));     // 0.004 alone after the gap
    }

    [Fact]
    public void NiceTicksProperties()
    {
        var g = new Scratch.ML.Rng.Generator(5);
        for (int trial = 0; trial < 200; trial++)
        {
            double a = (g.NextDouble() - 0.5) * Math.Pow(10, (int)(g.NextUInt32() % 10) - 5);
            double b = a + g.NextDouble() * Math.Pow(10, (int)(g.NextUInt32() % 10) - 5);
            var t = NiceTicks.Linear(a, b);
            Assert.True(t[0] <= a && t[^1] >= b, $"[{a}, {b}] → {string.Join(",", t)}");
            Assert.InRange(t.Length, 2, 12);
        }
        Assert.Equal(new[] { 0.0, 0.2, 0.4, 0.6, 0.8, 1.0 }, NiceTicks.Linear(0, 1));
        var flat = NiceTicks.Linear(5, 5); // widened by 10% of |5| each way, then step 0.2
        Assert.Equal(new[] { 4.4, 4.6, 4.8, 5.0, 5.2, 5.4, 5.6 }, flat);
        Assert.Throws<ArgumentException>(() => NiceTicks.Linear(2, 1));
        Assert.Throws<ArgumentException>(() => NiceTicks.Log10(0, 1));
    }

    [Fact]
    public void InvalidSeriesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new LinePlot().Add("a", [1.0, 2], [1.0]));
        Assert.Throws<ArgumentException>(() => new LinePlot().Add("a", ReadOnlySpan<double>.Empty));
        Assert.Throws<ArgumentException>(() => new LinePlot().Add("", [1.0]));
    }

    [Fact]
    public void SavesAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"plot-{Guid.NewGuid():N}.svg");
        try
        {
            new LinePlot().Add("x", [1.0, 2.0]).Save(path);
            Assert.Equal("svg", XDocument.Load(path).Root!.Name.LocalName);
        }
        finally { File.Delete(path); }
    }
}
