using System.Globalization;
using System.Xml.Linq;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Learn.Plots;
using Xunit;
using static Scratch.ML.Tests.Learn.Inspection.InspectionFixture;

namespace Scratch.ML.Tests.Learn.Inspection;

/// <summary>The inspection plots produce well-formed standalone SVG (parsed with XDocument) with the expected elements.</summary>
public class InspectionPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XDocument Parse(string svg)
    {
        var doc = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", doc.Root!.Name);
        return doc;
    }

    private static IEnumerable<XElement> Class(XDocument doc, string name, string element) =>
        doc.Descendants(Svg + element).Where(e => (string?)e.Attribute("class") == name);

    [Fact]
    public void ImportanceBarsAreSortedWithWhiskers()
    {
        var model = new LinearRegression().Fit(Diabetes.Data, Diabetes.Target);
        var r = PermutationImportance.Compute(model, Diabetes.Data, Diabetes.Target, nRepeats: 3, seed: 0);
        var doc = Parse(ImportancePlot.ToSvg(r, Diabetes.FeatureNames, "importance <of> & features", maxFeatures: 6));
        var bars = Class(doc, "bar", "rect").ToArray();
        Assert.Equal(6, bars.Length);
        var top = Enumerable.Range(0, 10).OrderByDescending(j => r.ImportancesMean[j]).First();
        Assert.Equal(Diabetes.FeatureNames[top], (string)bars[0].Attribute("data-feature")!);
        Assert.Equal(6, Class(doc, "whisker", "line").Count());
        Assert.Equal("importance <of> & features", Class(doc, "title", "text").Single().Value);
        Assert.Throws<ArgumentException>(() => ImportancePlot.ToSvg(["a"], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => ImportancePlot.ToSvg(["a"], [double.NaN]));
    }

    [Fact]
    public void PartialDependenceLinesAndHeatmap()
    {
        var model = new KNeighborsRegressor(4).Fit(Diabetes.Data, Diabetes.Target);
        var x = Rows(Diabetes.Data, Range(50));
        var one = PartialDependence.Compute(model, x, [2], new PartialDependenceOptions { GridResolution = 15, Kind = PartialDependenceKind.Both });
        var doc = Parse(PartialDependencePlot.ToSvg(one, ["bmi"], maxIceLines: 20));
        Assert.Equal(20, Class(doc, "ice", "polyline").Count());
        var pd = Class(doc, "pd", "polyline").Single();
        Assert.Equal(15, ((string)pd.Attribute("points")!).Split(' ').Length);
        Assert.Equal("bmi", Class(doc, "xlabel", "text").Single().Value);

        var two = PartialDependence.Compute(model, x, [2, 8], new PartialDependenceOptions { GridResolution = 6 });
        var heat = Parse(PartialDependencePlot.ToSvg(two, ["bmi", "s5"]));
        var cells = Class(heat, "cell", "rect").ToArray();
        Assert.Equal(36, cells.Length);
        var values = cells.Select(c => double.Parse((string)c.Attribute("data-value")!, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(two.Average!, values);
        var ice = PartialDependence.Compute(model, x, [2, 8], new PartialDependenceOptions { GridResolution = 3, Kind = PartialDependenceKind.Individual });
        Assert.Throws<ArgumentException>(() => PartialDependencePlot.ToSvg(ice));
        Assert.Throws<ArgumentOutOfRangeException>(() => PartialDependencePlot.ToSvg(two, output: 1));
        Assert.Throws<ArgumentException>(() => PartialDependencePlot.ToSvg(one, ["a", "b"]));
    }

    [Fact]
    public void ShapBarAndBeeswarm()
    {
        var knn = new KNeighborsClassifier(5).Fit(Iris.Data, Labels.From(Iris.Labels!));
        var bg = Rows(Iris.Data, Range(150, 15));
        var x = Rows(Iris.Data, Range(150, 6));
        var shap = KernelShap.Explain(knn, bg, x, seed: 0, featureNames: Iris.FeatureNames);
        var bar = Parse(ShapSummaryPlot.Bar(shap, output: 2));
        var bars = Class(bar, "bar", "rect").ToArray();
        Assert.Equal(4, bars.Length);
        var mean = shap.MeanAbsolute(2);
        Assert.Equal(Iris.FeatureNames[Array.IndexOf(mean, mean.Max())], (string)bars[0].Attribute("data-feature")!);

        var swarm = Parse(ShapSummaryPlot.Beeswarm(shap, x, output: 2, maxDisplay: 3));
        var groups = Class(swarm, "feature", "g").ToArray();
        Assert.Equal(3, groups.Length);
        Assert.All(groups, g => Assert.Equal(x.Shape[0], g.Elements(Svg + "circle").Count()));
        var colors = groups[0].Elements(Svg + "circle").Select(c => (string)c.Attribute("fill")!).Distinct().Count();
        Assert.True(colors > 3, "dots are coloured by feature value");
        Assert.Equal(20, Class(swarm, "colorbar", "rect").Count());
        Assert.Throws<ArgumentException>(() => ShapSummaryPlot.Beeswarm([1.0, 2.0], [1.0], 1, ["a", "b"]));
        Assert.Throws<ArgumentException>(() => ShapSummaryPlot.Bar([double.PositiveInfinity], 1, ["a"]));
        Assert.Throws<ArgumentException>(() => ShapSummaryPlot.Beeswarm(shap, Tensor.Zeros<double>(2, 4)));
    }
}
