using System.Globalization;
using System.Text;
using Scratch.ML.Plotting;

namespace Scratch.ML.Learn.Plots;

/// <summary>SVG building blocks of the inspection plots: document, frame, numeric axis, text, colours.</summary>
internal sealed class InspectionSvg
{
    private readonly StringBuilder sb = new();

    public InspectionSvg(double width, double height, string? title)
    {
        Width = width;
        Height = height;
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append($"<rect width=\"{N(width)}\" height=\"{N(height)}\" fill=\"white\"/>\n");
        if (title is not null) Text(width / 2, 24, title, "middle", "title", "font-size=\"15\"");
    }

    public double Width { get; }

    public double Height { get; }

    public InspectionSvg Raw(string element)
    {
        sb.Append(element).Append('\n');
        return this;
    }

    public void Text(double x, double y, string text, string anchor, string cls, string extra = "")
        => sb.Append($"<text class=\"{cls}\" x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" {extra}>{SvgText.Escape(text)}</text>\n");

    /// <summary>Vertical grid lines and tick labels of a horizontal value axis [min, max] mapped to [left, right]; returns the mapping.</summary>
    public Func<double, double> XAxis(double min, double max, double left, double right, double top, double bottom, string? label)
    {
        (min, max) = Pad(min, max);
        var ticks = NiceTicks.Linear(min, max);
        double lo = Math.Min(min, ticks[0]), hi = Math.Max(max, ticks[^1]);
        double Map(double v) => left + (v - lo) / (hi - lo) * (right - left);
        foreach (var t in ticks)
        {
            double px = Map(t);
            sb.Append($"<line class=\"grid\" x1=\"{N(px)}\" y1=\"{N(top)}\" x2=\"{N(px)}\" y2=\"{N(bottom)}\" stroke=\"#e0e0e0\"/>\n");
            Text(px, bottom + 16, Label(t), "middle", "xtick");
        }
        if (label is not null) Text((left + right) / 2, bottom + 36, label, "middle", "xlabel");
        return Map;
    }

    /// <summary>Horizontal grid lines and tick labels of a vertical value axis [min, max] mapped to [bottom, top]; returns the mapping.</summary>
    public Func<double, double> YAxis(double min, double max, double left, double right, double top, double bottom, string? label)
    {
        (min, max) = Pad(min, max);
        var ticks = NiceTicks.Linear(min, max);
        double lo = Math.Min(min, ticks[0]), hi = Math.Max(max, ticks[^1]);
        double Map(double v) => bottom - (v - lo) / (hi - lo) * (bottom - top);
        foreach (var t in ticks)
        {
            double py = Map(t);
            sb.Append($"<line class=\"grid\" x1=\"{N(left)}\" y1=\"{N(py)}\" x2=\"{N(right)}\" y2=\"{N(py)}\" stroke=\"#e0e0e0\"/>\n");
            Text(left - 6, py + 4, Label(t), "end", "ytick");
        }
        if (label is not null) Text(16, (top + bottom) / 2, label, "middle", "ylabel", $"transform=\"rotate(-90 16 {N((top + bottom) / 2)})\"");
        return Map;
    }

    public void Frame(double left, double top, double right, double bottom)
        => sb.Append($"<rect class=\"frame\" x=\"{N(left)}\" y=\"{N(top)}\" width=\"{N(right - left)}\" height=\"{N(bottom - top)}\" fill=\"none\" stroke=\"#333\"/>\n");

    public override string ToString() => sb + "</svg>\n";

    /// <summary>shap's colour map from blue (0) through purple to red (1).</summary>
    public static string BlueRed(double f)
    {
        f = double.IsNaN(f) ? 0.5 : Math.Clamp(f, 0, 1);
        (int R, int G, int B) a = (0x00, 0x8B, 0xFB), b = (0xFF, 0x00, 0x51);
        int r = (int)Math.Round(a.R + (b.R - a.R) * f), g = (int)Math.Round(a.G + (b.G - a.G) * f), bl = (int)Math.Round(a.B + (b.B - a.B) * f);
        return $"#{r:x2}{g:x2}{bl:x2}";
    }

    /// <summary>matplotlib-like "viridis" approximation by 5 stops, for heatmaps (0 dark purple … 1 yellow).</summary>
    public static string Viridis(double f)
    {
        (int, int, int)[] stops = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)];
        f = Math.Clamp(double.IsNaN(f) ? 0 : f, 0, 1) * (stops.Length - 1);
        int i = Math.Min((int)f, stops.Length - 2);
        double t = f - i;
        var (r0, g0, b0) = stops[i];
        var (r1, g1, b1) = stops[i + 1];
        return $"#{(int)Math.Round(r0 + (r1 - r0) * t):x2}{(int)Math.Round(g0 + (g1 - g0) * t):x2}{(int)Math.Round(b0 + (b1 - b0) * t):x2}";
    }

    public static string N(double v) => PlotText.N(v);

    public static string Label(double v) => Math.Abs(v) < 1e-12 ? "0" : v.ToString("0.####", CultureInfo.InvariantCulture);

    private static (double, double) Pad(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) throw new ArgumentException("Plot: values must be finite.");
        if (max > min) return (min, max);
        double h = Math.Max(1e-9, Math.Abs(min) * 0.05);
        return (min - h, max + h);
    }
}
