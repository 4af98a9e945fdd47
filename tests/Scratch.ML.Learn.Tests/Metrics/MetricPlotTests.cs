using System.Xml.Linq;
using Scratch.ML.Learn.Metrics;
using Scratch.ML.Learn.Plots;
using Xunit;

namespace Scratch.ML.Tests.Learn.Metrics;

/// <summary>The metric plots produce well-formed standalone SVG (parsed with XDocument) with the expected elements.</summary>
public class MetricPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly int[] Truth = [0, 0, 1, 1, 0, 1, 1, 0];
    private static readonly double[] Score = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.4, 0.05];

    private static XDocument Parse(string svg)
    {
        var doc = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", doc.Root!.Name);
        return doc;
    }

    private static string[] SeriesNames(XDocument d) =>
        d.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").Select(g => (string)g.Attribute("data-name")!).ToArray();

    [Fact]
    public void RocPlotHasCurveAndChanceLine()
    {
        var roc = ClassificationMetrics.RocCurve<int>(Truth, Score, 1);
        var doc = Parse(RocPlot.ToSvg(roc, "model <A&B>", ClassificationMetrics.RocAuc<int>(Truth, Score)));
        var names = SeriesNames(doc);
        Assert.Equal(2, names.Length);
        Assert.StartsWith("model <A&B> (AUC = 0.", names[0]); // escaped in the file, restored by the parser
        Assert.Equal("chance", names[1]);
        Assert.Equal(2, doc.Descendants(Svg + "polyline").Count());
        Assert.Throws<ArgumentException>(() => RocPlot.Create([]));
    }

    [Fact]
    public void PrecisionRecallAndCalibrationPlotsParse()
    {
        var pr = ClassificationMetrics.PrecisionRecallCurve<int>(Truth, Score, 1);
        var doc = Parse(PrecisionRecallPlot.ToSvg(pr, "m", ClassificationMetrics.AveragePrecision<int>(Truth, Score, 1)));
        Assert.Single(SeriesNames(doc));
        // A post-step line has 2·(points) − 1 vertices.
        var pts = ((string)doc.Descendants(Svg + "polyline").Single().Attribute("points")!).Split(' ');
        Assert.Equal(2 * pr.Recall.Length - 1, pts.Length);
        var cal = ClassificationMetrics.CalibrationCurve<int>(Truth, Score, 1, 3);
        var doc2 = Parse(CalibrationPlot.ToSvg(cal, "m"));
        Assert.Equal(["m", "perfectly calibrated"], SeriesNames(doc2));
    }

    [Fact]
    public void ConfusionMatrixHeatmapHasOneCellPerEntry()
    {
        string[] t = ["cat", "dog", "<bird>", "dog"], p = ["cat", "cat", "<bird>", "dog"];
        var labels = ClassificationMetrics.UniqueLabels<string>(t, p);
        var cm = ClassificationMetrics.ConfusionMatrix<string>(t, p);
        var doc = Parse(ConfusionMatrixPlot.ToSvg(cm, labels));
        var cells = doc.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "cell").ToArray();
        Assert.Equal(9, cells.Length);
        var values = doc.Descendants(Svg + "text").Where(x => (string?)x.Attribute("class") == "value").Select(x => x.Value).ToArray();
        Assert.Equal(["1", "0", "0", "0", "1", "0", "0", "1", "1"], values);
        Assert.Contains(doc.Descendants(Svg + "text"), x => x.Value == "<bird>");
        // The largest cell is the darkest colour; an empty cell is white.
        Assert.Equal("#ffffff", (string)cells[1].Attribute("fill")!);
        Assert.Equal("#08306b", (string)cells[0].Attribute("fill")!);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.ToSvg(cm, ["a"])).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.ToSvg(new double[2, 3], ["a", "b"])).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.ToSvg(new double[,] { { -1 } }, ["a"])).ParamName);
    }
}
