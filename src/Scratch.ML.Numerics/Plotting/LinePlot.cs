using System.Globalization;
using System.Text;

namespace Scratch.ML.Plotting;

/// <summary>One named polyline of a <see cref="LinePlot"/>.</summary>
/// <param name="Name">The legend text.</param>
/// <param name="X">x coordinates.</param>
/// <param name="Y">y coordinates (same length as X).</param>
public sealed record PlotSeries(string Name, double[] X, double[] Y);

/// <summary>
/// A minimal line chart written as a standalone SVG document (no dependencies): several named series, axes with nice
/// ticks and grid lines, axis labels, a title, a legend, and an optional base-10 logarithmic y axis — enough for
/// training curves (loss per epoch) in samples and docs.
/// </summary>
/// <remarks>
/// Points whose x or y is not finite (or, on a log axis, y ≤ 0) are skipped and break the line into segments. All text
/// is XML-escaped; numbers are written in the invariant culture.
/// </remarks>
public sealed class LinePlot
{
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
    private const double Left = 70, Right = 20, Top = 40, Bottom = 50;
    private readonly List<PlotSeries> series = [];

    /// <summary>Creates an empty plot of the given pixel size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">width &lt; 200 or height &lt; 150.</exception>
    public LinePlot(int width = 640, int height = 400)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 150);
        Width = width;
        Height = height;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Title above the plot (optional).</summary>
    public string? Title { get; set; }

    /// <summary>x-axis label (optional).</summary>
    public string? XLabel { get; set; }

    /// <summary>y-axis label (optional).</summary>
    public string? YLabel { get; set; }

    /// <summary>Whether the y axis is logarithmic (base 10).</summary>
    public bool LogY { get; set; }

    /// <summary>The series, in drawing and legend order.</summary>
    public IReadOnlyList<PlotSeries> Series => series;

    /// <summary>Adds a series with x = 1, 2, …, n (e.g. epochs); returns this plot.</summary>
    public LinePlot Add(string name, ReadOnlySpan<double> y)
    {
        var x = new double[y.Length];
        for (int i = 0; i < x.Length; i++) x[i] = i + 1;
        return Add(name, x, y);
    }

    /// <summary>Adds a series; returns this plot.</summary>
    /// <exception cref="ArgumentException">The name is empty, or x and y differ in length or are empty.</exception>
    public LinePlot Add(string name, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (x.Length != y.Length)
            throw new ArgumentException($"LinePlot.Add(\"{name}\"): x has {x.Length} points but y has {y.Length}.", nameof(y));
        if (x.IsEmpty) throw new ArgumentException($"LinePlot.Add(\"{name}\"): the series has no points.", nameof(x));
        series.Add(new PlotSeries(name, x.ToArray(), y.ToArray()));
        return this;
    }

    private bool Usable(double x, double y) => double.IsFinite(x) && double.IsFinite(y) && (!LogY || y > 0);

    /// <summary>The x and y tick values the axes will show (covering every usable point).</summary>
    public (double[] X, double[] Y) Ticks()
    {
        double x0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y0 = double.PositiveInfinity, y1 = double.NegativeInfinity;
        foreach (var s in series)
            for (int i = 0; i < s.X.Length; i++)
            {
                if (!Usable(s.X[i], s.Y[i])) continue;
                x0 = Math.Min(x0, s.X[i]); x1 = Math.Max(x1, s.X[i]);
                y0 = Math.Min(y0, s.Y[i]); y1 = Math.Max(y1, s.Y[i]);
            }
        if (x0 > x1) { x0 = 0; x1 = 1; }
        if (y0 > y1) { y0 = LogY ? 1 : 0; y1 = LogY ? 10 : 1; }
        return (NiceTicks.Linear(x0, x1), LogY ? NiceTicks.Log10(y0, y1) : NiceTicks.Linear(y0, y1));
    }

    /// <summary>The complete SVG document.</summary>
    public string ToSvg()
    {
        var (xt, yt) = Ticks();
        double pw = Width - Left - Right, ph = Height - Top - Bottom;
        double xMin = xt[0], xMax = xt[^1];
        double yMin = LogY ? Math.Log10(yt[0]) : yt[0], yMax = LogY ? Math.Log10(yt[^1]) : yt[^1];
        double Px(double x) => Left + (x - xMin) / (xMax - xMin) * pw;
        double Py(double y) => Top + ph - ((LogY ? Math.Log10(y) : y) - yMin) / (yMax - yMin) * ph;

        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        if (Title is not null) Text(sb, Width / 2.0, 24, Title, "middle", "title", "font-size=\"15\"");
        foreach (double t in xt)
        {
            double px = Px(t);
            sb.Append($"<line class=\"grid\" x1=\"{N(px)}\" y1=\"{N(Top)}\" x2=\"{N(px)}\" y2=\"{N(Top + ph)}\" stroke=\"#e0e0e0\"/>\n");
            Text(sb, px, Top + ph + 16, Label(t), "middle", "xtick");
        }
        foreach (double t in yt)
        {
            double py = Py(t);
            sb.Append($"<line class=\"grid\" x1=\"{N(Left)}\" y1=\"{N(py)}\" x2=\"{N(Left + pw)}\" y2=\"{N(py)}\" stroke=\"#e0e0e0\"/>\n");
            Text(sb, Left - 6, py + 4, Label(t), "end", "ytick");
        }
        sb.Append($"<rect class=\"frame\" x=\"{N(Left)}\" y=\"{N(Top)}\" width=\"{N(pw)}\" height=\"{N(ph)}\" fill=\"none\" stroke=\"#333\"/>\n");
        if (XLabel is not null) Text(sb, Left + pw / 2, Height - 12, XLabel, "middle", "xlabel");
        if (YLabel is not null) Text(sb, 16, Top + ph / 2, YLabel, "middle", "ylabel", $"transform=\"rotate(-90 16 {N(Top + ph / 2)})\"");

        for (int k = 0; k < series.Count; k++)
        {
            var s = series[k];
            string color = Palette[k % Palette.Length];
            sb.Append($"<g class=\"series\" data-name=\"{SvgText.Escape(s.Name)}\" stroke=\"{color}\" fill=\"none\" stroke-width=\"1.8\">\n");
            var points = new StringBuilder();
            int count = 0;
            string lastX = "", lastY = "";
            for (int i = 0; i <= s.X.Length; i++)
            {
                bool ok = i < s.X.Length && Usable(s.X[i], s.Y[i]);
                if (ok)
                {
                    lastX = N(Px(s.X[i]));
                    lastY = N(Py(s.Y[i]));
                    points.Append(lastX).Append(',').Append(lastY).Append(' ');
                    count++;
                    continue;
                }
                if (count == 1) sb.Append($"<circle r=\"2\" fill=\"{color}\" cx=\"{lastX}\" cy=\"{lastY}\"/>\n");
                else if (count > 1) sb.Append($"<polyline points=\"{points.ToString().TrimEnd()}\"/>\n");
                points.Clear();
                count = 0;
            }
            sb.Append("</g>\n");
        }
        if (series.Count > 0)
        {
            double lw = 30 + 7.0 * series.Max(s => s.Name.Length), lh = 18.0 * series.Count + 8;
            double lx = Left + pw - lw - 8, ly = Top + 8;
            sb.Append($"<g class=\"legend\"><rect x=\"{N(lx)}\" y=\"{N(ly)}\" width=\"{N(lw)}\" height=\"{N(lh)}\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#999\"/>\n");
            for (int k = 0; k < series.Count; k++)
            {
                double y = ly + 16 + 18 * k;
                sb.Append($"<line x1=\"{N(lx + 6)}\" y1=\"{N(y - 4)}\" x2=\"{N(lx + 24)}\" y2=\"{N(y - 4)}\" stroke=\"{Palette[k % Palette.Length]}\" stroke-width=\"2\"/>\n");
                Text(sb, lx + 28, y, series[k].Name, "start", "legend-label");
            }
            sb.Append("</g>\n");
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>Writes <see cref="ToSvg"/> to <paramref name="path"/> (UTF-8).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllText(path, ToSvg(), new UTF8Encoding(false));
    }

    private static void Text(StringBuilder sb, double x, double y, string text, string anchor, string cls, string extra = "")
        => sb.Append($"<text class=\"{cls}\" x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" {extra}>{SvgText.Escape(text)}</text>\n");

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Label(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

}
