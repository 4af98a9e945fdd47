using System.Text;
using Scratch.ML.Learn.Inspection;

namespace Scratch.ML.Learn.Plots;

/// <summary>
/// Partial dependence as SVG: for one feature, the ICE lines (thin, grey, class "ice") under the average curve
/// (thick, class "pd"); for two features, a heatmap of the average (class "cell") with a colour bar.
/// </summary>
public static class PartialDependencePlot
{
    /// <summary>The SVG document.</summary>
    /// <param name="result">A partial-dependence result of 1 or 2 features.</param>
    /// <param name="featureNames">Names of the target features (as many as <c>result.Features</c>), or null for "x{index}".</param>
    /// <param name="output">Which output to draw (class index for multiclass), in [0, Outputs).</param>
    /// <param name="maxIceLines">At most this many ICE lines (rows evenly spaced over the sample), ≥ 0.</param>
    /// <param name="title">Optional title.</param>
    /// <param name="yLabel">Label of the response axis.</param>
    /// <exception cref="ArgumentException">Wrong name count, output out of range, or a 2-feature result without the average.</exception>
    public static string ToSvg(PartialDependenceResult result, IReadOnlyList<string>? featureNames = null, int output = 0, int maxIceLines = 100,
        string? title = "Partial dependence", string yLabel = "Partial dependence")
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfNegative(maxIceLines);
        if ((uint)output >= (uint)result.Outputs) throw new ArgumentOutOfRangeException(nameof(output), output, $"PartialDependencePlot: output must be in [0, {result.Outputs}).");
        var names = featureNames ?? result.Features.Select(f => "x" + f).ToArray();
        if (names.Count != result.Features.Length) throw new ArgumentException($"PartialDependencePlot: {names.Count} names for {result.Features.Length} features.", nameof(featureNames));
        return result.Features.Length == 1 ? Lines(result, names[0], output, maxIceLines, title, yLabel) : Heatmap(result, names, output, title);
    }

    /// <summary>Writes the SVG to a file (UTF-8, no BOM).</summary>
    public static void Save(string path, PartialDependenceResult result, IReadOnlyList<string>? featureNames = null, int output = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllText(path, ToSvg(result, featureNames, output), new UTF8Encoding(false));
    }

    private static string Lines(PartialDependenceResult r, string name, int o, int maxIce, string? title, string yLabel)
    {
        var grid = r.GridValues[0];
        int g = grid.Length;
        var rows = r.Individual is null ? [] : Enumerable.Range(0, Math.Min(maxIce, r.Samples)).Select(k => (int)((long)k * r.Samples / Math.Min(maxIce, r.Samples))).ToArray();
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (int i in rows)
            for (int p = 0; p < g; p++) { double v = r.IndividualAt(o, i, p); lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        if (r.Average is not null)
            for (int p = 0; p < g; p++) { double v = r.AverageAt(o, p); lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        if (lo > hi) throw new ArgumentException("PartialDependencePlot: the result has neither an average nor ICE lines to draw.", nameof(r));
        double left = 70, top = title is null ? 20 : 44, right = 560 - 20, bottom = 420 - 50;
        var svg = new InspectionSvg(560, 420, title);
        var px = svg.XAxis(grid[0], grid[^1], left, right, top, bottom, name);
        var py = svg.YAxis(lo, hi, left, right, top, bottom, yLabel);
        string Poly(Func<int, double> y) => string.Join(' ', Enumerable.Range(0, g).Select(p => $"{N(px(grid[p]))},{N(py(y(p)))}"));
        foreach (int i in rows)
            svg.Raw($"<polyline class=\"ice\" data-row=\"{i}\" points=\"{Poly(p => r.IndividualAt(o, i, p))}\" fill=\"none\" stroke=\"#999\" stroke-opacity=\"0.4\" stroke-width=\"1\"/>");
        if (r.Average is not null)
            svg.Raw($"<polyline class=\"pd\" points=\"{Poly(p => r.AverageAt(o, p))}\" fill=\"none\" stroke=\"#ff7f0e\" stroke-width=\"3\"/>");
        // Rug of the grid points (deciles of the data would need x; the grid already spans the chosen percentiles).
        foreach (var v in grid) svg.Raw($"<line class=\"rug\" x1=\"{N(px(v))}\" y1=\"{N(bottom)}\" x2=\"{N(px(v))}\" y2=\"{N(bottom - 5)}\" stroke=\"#333\"/>");
        svg.Frame(left, top, right, bottom);
        return svg.ToString();
    }

    private static string Heatmap(PartialDependenceResult r, IReadOnlyList<string> names, int o, string? title)
    {
        if (r.Average is null) throw new ArgumentException("PartialDependencePlot: a two-feature plot draws the average; compute it (Kind = Average or Both).", nameof(r));
        double[] a = r.GridValues[0], b = r.GridValues[1];
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int i = 0; i < a.Length; i++)
            for (int j = 0; j < b.Length; j++) { double v = r.AverageAt(o, i, j); lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        double left = 70, top = title is null ? 20 : 44, right = 600 - 90, bottom = 460 - 50;
        var svg = new InspectionSvg(600, 460, title);
        var px = svg.XAxis(a[0], a[^1], left, right, top, bottom, names[0]);
        var py = svg.YAxis(b[0], b[^1], left, right, top, bottom, names[1]);
        // Cells centred on the grid points, edges half-way to the neighbours.
        static double Edge(double[] v, int k) => k == 0 ? v[0] : k == v.Length ? v[^1] : (v[k - 1] + v[k]) / 2;
        for (int i = 0; i < a.Length; i++)
            for (int j = 0; j < b.Length; j++)
            {
                double v = r.AverageAt(o, i, j), f = hi > lo ? (v - lo) / (hi - lo) : 0.5;
                double x0 = px(Edge(a, i)), x1 = px(Edge(a, i + 1)), y0 = py(Edge(b, j + 1)), y1 = py(Edge(b, j));
                svg.Raw($"<rect class=\"cell\" data-i=\"{i}\" data-j=\"{j}\" data-value=\"{v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}\" x=\"{N(x0)}\" y=\"{N(y0)}\" width=\"{N(Math.Max(x1 - x0, 0.5))}\" height=\"{N(Math.Max(y1 - y0, 0.5))}\" fill=\"{InspectionSvg.Viridis(f)}\"/>");
            }
        for (int k = 0; k < 20; k++)
        {
            double y = bottom - (k + 1) * (bottom - top) / 20;
            svg.Raw($"<rect class=\"colorbar\" x=\"{N(right + 20)}\" y=\"{N(y)}\" width=\"16\" height=\"{N((bottom - top) / 20 + 0.5)}\" fill=\"{InspectionSvg.Viridis((k + 0.5) / 20)}\"/>");
        }
        svg.Text(right + 40, bottom, InspectionSvg.Label(lo), "start", "colorbar-label");
        svg.Text(right + 40, top + 10, InspectionSvg.Label(hi), "start", "colorbar-label");
        svg.Frame(left, top, right, bottom);
        return svg.ToString();
    }

    private static string N(double v) => InspectionSvg.N(v);
}
