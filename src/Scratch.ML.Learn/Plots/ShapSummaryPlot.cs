using System.Text;
using Scratch.ML.Learn.Inspection;

namespace Scratch.ML.Learn.Plots;

/// <summary>
/// SHAP summary plots from a plain (n, d) matrix of SHAP values (KernelSHAP, TreeSHAP or any explainer): the
/// global bar chart of mean |φ| per feature, and the beeswarm — one dot per row and feature at x = φ, stacked
/// vertically where dots crowd, coloured from blue (low feature value) to red (high) between the feature's 5th and
/// 95th percentiles (shap's convention; NaN values grey). Features are ordered by mean |φ|, largest on top.
/// </summary>
public static class ShapSummaryPlot
{
    /// <summary>The bar chart of mean |φ_j| over the rows.</summary>
    /// <param name="shap">φ, row-major (n, d), finite.</param>
    /// <param name="rows">n ≥ 1.</param>
    /// <param name="names">d feature names.</param>
    /// <param name="maxDisplay">Show at most this many features, ≥ 1.</param>
    /// <param name="title">Optional title.</param>
    /// <exception cref="ArgumentException">Lengths disagree or values are not finite.</exception>
    public static string Bar(ReadOnlySpan<double> shap, int rows, IReadOnlyList<string> names, int maxDisplay = 20, string? title = "SHAP feature importance")
    {
        var (n, d) = Check(shap, rows, names);
        var mean = new double[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) mean[j] += Math.Abs(shap[i * d + j]) / n;
        return ImportancePlot.ToSvg(names, mean, default, title, maxDisplay, "mean(|SHAP value|)");
    }

    /// <summary>The bar chart of one output of a <see cref="ShapValues"/>.</summary>
    public static string Bar(ShapValues values, int output = 0, int maxDisplay = 20, string? title = "SHAP feature importance")
    {
        ArgumentNullException.ThrowIfNull(values);
        return Bar(values.ForOutput(output), values.Rows, values.FeatureNames, maxDisplay, title);
    }

    /// <summary>The beeswarm plot.</summary>
    /// <param name="shap">φ, row-major (n, d), finite.</param>
    /// <param name="features">The explained rows' feature values, row-major (n, d) (NaN allowed: drawn grey).</param>
    /// <param name="rows">n ≥ 1.</param>
    /// <param name="names">d feature names.</param>
    /// <param name="maxDisplay">Show at most this many features, ≥ 1.</param>
    /// <param name="title">Optional title.</param>
    /// <exception cref="ArgumentException">Lengths disagree or SHAP values are not finite.</exception>
    public static string Beeswarm(ReadOnlySpan<double> shap, ReadOnlySpan<double> features, int rows, IReadOnlyList<string> names, int maxDisplay = 20,
        string? title = "SHAP summary")
    {
        var (n, d) = Check(shap, rows, names);
        if (features.Length != shap.Length) throw new ArgumentException($"ShapSummaryPlot: {features.Length} feature values for {shap.Length} SHAP values.", nameof(features));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDisplay, 1);
        var mean = new double[d];
        double lo = 0, hi = 0;
        for (int i = 0; i < n * d; i++) { mean[i % d] += Math.Abs(shap[i]); lo = Math.Min(lo, shap[i]); hi = Math.Max(hi, shap[i]); }
        var order = Enumerable.Range(0, d).OrderByDescending(j => mean[j]).Take(maxDisplay).ToArray();
        int longest = order.Max(j => (names[j] ?? "").Length);
        double left = 20 + 7 * longest, top = title is null ? 20 : 44, rowH = 34, right = 680 - 70, bottom = top + rowH * order.Length;
        var svg = new InspectionSvg(680, bottom + 52, title);
        var px = svg.XAxis(lo, hi, left, right, top, bottom, "SHAP value (impact on model output)");
        svg.Raw($"<line class=\"zero\" x1=\"{N(px(0))}\" y1=\"{N(top)}\" x2=\"{N(px(0))}\" y2=\"{N(bottom)}\" stroke=\"#999\"/>");
        var column = new double[n];
        var phi = new double[n];
        for (int r = 0; r < order.Length; r++)
        {
            int j = order[r];
            for (int i = 0; i < n; i++) { column[i] = features[i * d + j]; phi[i] = shap[i * d + j]; }
            var (fLo, fHi) = Percentiles(column);
            var offsets = Swarm(phi, lo, hi);
            double cy = top + r * rowH + rowH / 2, maxOff = Math.Max(1, offsets.Max(Math.Abs));
            svg.Text(left - 6, cy + 4, names[j] ?? "", "end", "ytick");
            var g = new StringBuilder($"<g class=\"feature\" data-feature=\"{Plotting.SvgText.Escape(names[j] ?? "")}\">");
            for (int i = 0; i < n; i++)
            {
                double v = column[i], f = double.IsNaN(v) ? double.NaN : fHi > fLo ? (v - fLo) / (fHi - fLo) : 0.5;
                string color = double.IsNaN(v) ? "#777777" : InspectionSvg.BlueRed(f);
                g.Append($"<circle class=\"dot\" cx=\"{N(px(phi[i]))}\" cy=\"{N(cy + offsets[i] / maxOff * 0.4 * rowH)}\" r=\"2.5\" fill=\"{color}\" fill-opacity=\"0.8\"/>");
            }
            svg.Raw(g.Append("</g>").ToString());
        }
        for (int k = 0; k < 20; k++)
        {
            double y = bottom - (k + 1) * (bottom - top) / 20;
            svg.Raw($"<rect class=\"colorbar\" x=\"{N(right + 24)}\" y=\"{N(y)}\" width=\"10\" height=\"{N((bottom - top) / 20 + 0.5)}\" fill=\"{InspectionSvg.BlueRed((k + 0.5) / 20)}\"/>");
        }
        svg.Text(right + 40, top + 10, "High", "start", "colorbar-label");
        svg.Text(right + 40, bottom, "Low", "start", "colorbar-label");
        svg.Frame(left, top, right, bottom);
        return svg.ToString();
    }

    /// <summary>The beeswarm of one output of a <see cref="ShapValues"/>, with the explained rows' values (n, d).</summary>
    public static string Beeswarm(ShapValues values, Tensor<double> features, int output = 0, int maxDisplay = 20, string? title = "SHAP summary")
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(features);
        if (features.Rank != 2 || features.Shape[0] != values.Rows || features.Shape[1] != values.Features)
            throw new ArgumentException($"ShapSummaryPlot: features must have shape ({values.Rows}, {values.Features}), got {Shapes.Format(features.Shape)}.", nameof(features));
        return Beeswarm(values.ForOutput(output), features.Contiguous().ToArray(), values.Rows, values.FeatureNames, maxDisplay, title);
    }

    /// <summary>Vertical offsets: dots in the same of 100 bins along x are stacked alternately above and below (row order, deterministic).</summary>
    private static double[] Swarm(double[] phi, double lo, double hi)
    {
        var offsets = new double[phi.Length];
        var layer = new Dictionary<int, int>();
        for (int i = 0; i < phi.Length; i++)
        {
            int bin = hi > lo ? (int)Math.Round((phi[i] - lo) / (hi - lo) * 100) : 0;
            int l = layer.GetValueOrDefault(bin);
            layer[bin] = l + 1;
            offsets[i] = Math.Ceiling(l / 2.0) * (l % 2 == 0 ? -1 : 1);
        }
        return offsets;
    }

    /// <summary>5th and 95th percentiles of the non-NaN values (linear interpolation); falls back to min/max when they coincide.</summary>
    private static (double, double) Percentiles(double[] values)
    {
        var v = values.Where(x => !double.IsNaN(x)).Order().ToArray();
        if (v.Length == 0) return (0, 0);
        double Q(double p) { double h = (v.Length - 1) * p; int k = (int)Math.Floor(h); return k + 1 < v.Length ? v[k] + (h - k) * (v[k + 1] - v[k]) : v[k]; }
        double a = Q(0.05), b = Q(0.95);
        return a < b ? (a, b) : (v[0], v[^1]);
    }

    private static (int N, int D) Check(ReadOnlySpan<double> shap, int rows, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        int d = names.Count;
        if (d < 1 || shap.Length != (long)rows * d)
            throw new ArgumentException($"ShapSummaryPlot: {shap.Length} SHAP values for {rows} rows × {d} names.", nameof(shap));
        foreach (var v in shap)
            if (!double.IsFinite(v)) throw new ArgumentException($"ShapSummaryPlot: SHAP value {v} is not finite.", nameof(shap));
        return (rows, d);
    }

    private static string N(double v) => InspectionSvg.N(v);
}
