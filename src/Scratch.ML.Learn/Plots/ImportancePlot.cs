using System.Text;
using Scratch.ML.Learn.Inspection;

namespace Scratch.ML.Learn.Plots;

/// <summary>Feature importances as a horizontal bar chart (largest on top) with ±1 standard-deviation whiskers.</summary>
public static class ImportancePlot
{
    /// <summary>The SVG document.</summary>
    /// <param name="names">d feature names.</param>
    /// <param name="mean">d importances (finite).</param>
    /// <param name="std">Optional d standard deviations (finite, ≥ 0) drawn as whiskers.</param>
    /// <param name="title">Optional title.</param>
    /// <param name="maxFeatures">Show at most this many features (the largest), ≥ 1.</param>
    /// <param name="xLabel">Axis label.</param>
    /// <exception cref="ArgumentException">Lengths differ, d = 0, or values are not finite.</exception>
    public static string ToSvg(IReadOnlyList<string> names, ReadOnlySpan<double> mean, ReadOnlySpan<double> std = default, string? title = "Permutation importance",
        int maxFeatures = 20, string xLabel = "Decrease in score")
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFeatures, 1);
        int d = mean.Length;
        if (d == 0 || names.Count != d) throw new ArgumentException($"ImportancePlot: {names.Count} names for {d} importances (need ≥ 1 and equal counts).", nameof(names));
        if (!std.IsEmpty && std.Length != d) throw new ArgumentException($"ImportancePlot: {std.Length} standard deviations for {d} importances.", nameof(std));
        var m = mean.ToArray();
        var s = std.IsEmpty ? new double[d] : std.ToArray();
        for (int j = 0; j < d; j++)
            if (!double.IsFinite(m[j]) || !(s[j] >= 0) || double.IsInfinity(s[j]))
                throw new ArgumentException($"ImportancePlot: feature {j} has importance {m[j]} ± {s[j]}; finite values and std ≥ 0 are required.", nameof(mean));
        var order = Enumerable.Range(0, d).OrderByDescending(j => m[j]).Take(maxFeatures).ToArray();
        int longest = order.Max(j => (names[j] ?? "").Length);
        double left = 20 + 7 * longest, top = title is null ? 20 : 44, row = 24, right = 640 - 24, bottom = top + row * order.Length;
        var svg = new InspectionSvg(640, bottom + 52, title);
        double lo = Math.Min(0, order.Min(j => m[j] - s[j])), hi = Math.Max(0, order.Max(j => m[j] + s[j]));
        var px = svg.XAxis(lo, hi, left, right, top, bottom, xLabel);
        for (int r = 0; r < order.Length; r++)
        {
            int j = order[r];
            double y = top + r * row + 4, h = row - 8, x0 = px(Math.Min(0, m[j])), x1 = px(Math.Max(0, m[j]));
            svg.Raw($"<rect class=\"bar\" data-feature=\"{Plotting.SvgText.Escape(names[j] ?? "")}\" x=\"{N(x0)}\" y=\"{N(y)}\" width=\"{N(Math.Max(x1 - x0, 0.5))}\" height=\"{N(h)}\" fill=\"#1f77b4\"/>");
            if (s[j] > 0)
            {
                double c = y + h / 2;
                svg.Raw($"<line class=\"whisker\" x1=\"{N(px(m[j] - s[j]))}\" y1=\"{N(c)}\" x2=\"{N(px(m[j] + s[j]))}\" y2=\"{N(c)}\" stroke=\"#333\" stroke-width=\"1.5\"/>");
            }
            svg.Text(left - 6, y + h / 2 + 4, names[j] ?? "", "end", "ytick");
        }
        svg.Raw($"<line class=\"zero\" x1=\"{N(px(0))}\" y1=\"{N(top)}\" x2=\"{N(px(0))}\" y2=\"{N(bottom)}\" stroke=\"#333\"/>");
        svg.Frame(left, top, right, bottom);
        return svg.ToString();
    }

    /// <summary>The SVG of a permutation-importance result (mean bars, std whiskers).</summary>
    public static string ToSvg(PermutationImportanceResult result, IReadOnlyList<string> names, string? title = "Permutation importance", int maxFeatures = 20)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ToSvg(names, result.ImportancesMean, result.ImportancesStd, title, maxFeatures);
    }

    /// <summary>Writes an SVG to a file (UTF-8, no BOM).</summary>
    public static void Save(string path, string svg)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(svg);
        File.WriteAllText(path, svg, new UTF8Encoding(false));
    }

    private static string N(double v) => InspectionSvg.N(v);
}
