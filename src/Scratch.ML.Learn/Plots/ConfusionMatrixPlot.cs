using System.Globalization;
using System.Text;
using Scratch.ML.Plotting;

namespace Scratch.ML.Learn.Plots;

/// <summary>
/// A confusion matrix drawn as a standalone SVG heatmap: one square per cell shaded from white (0) to dark blue (the
/// largest value), the value written in each cell, true labels down the left, predicted labels along the bottom.
/// </summary>
public static class ConfusionMatrixPlot
{
    /// <summary>The SVG document.</summary>
    /// <param name="matrix">The (L, L) matrix (counts or normalised), finite and ≥ 0; rows are true labels.</param>
    /// <param name="labels">The L label names (XML-escaped on output).</param>
    /// <param name="title">Optional title.</param>
    /// <param name="valueFormat">.NET numeric format of the cell values (invariant culture), e.g. "0" or "0.00".</param>
    /// <param name="cellSize">Cell side in pixels, 16 to 400.</param>
    /// <exception cref="ArgumentException">The matrix is not square or empty, label count differs, values negative or not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">cellSize out of range.</exception>
    public static string ToSvg(double[,] matrix, IReadOnlyList<string> labels, string? title = "Confusion matrix", string valueFormat = "0.##", int cellSize = 56)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(cellSize, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cellSize, 400);
        int c = matrix.GetLength(0);
        if (c == 0 || matrix.GetLength(1) != c)
            throw new ArgumentException($"ConfusionMatrixPlot: the matrix must be square and non-empty, got ({c}, {matrix.GetLength(1)}).", nameof(matrix));
        if (labels.Count != c) throw new ArgumentException($"ConfusionMatrixPlot: {labels.Count} labels for a {c}×{c} matrix.", nameof(labels));
        double max = 0;
        foreach (var v in matrix)
        {
            if (!(v >= 0) || double.IsInfinity(v)) throw new ArgumentException($"ConfusionMatrixPlot: value {v} must be finite and ≥ 0.", nameof(matrix));
            max = Math.Max(max, v);
        }
        int longest = labels.Max(l => (l ?? "").Length);
        double left = 40 + 7.5 * longest, top = title is null ? 20 : 44, bottom = 46 + 7.5 * longest;
        double grid = cellSize * c, width = left + grid + 20, height = top + grid + bottom;
        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append($"<rect width=\"{N(width)}\" height=\"{N(height)}\" fill=\"white\"/>\n");
        if (title is not null) Text(sb, width / 2, 26, title, "middle", "title", "font-size=\"15\"");
        for (int i = 0; i < c; i++)
            for (int j = 0; j < c; j++)
            {
                double v = matrix[i, j], f = max == 0 ? 0 : v / max;
                // Linear blend from white to #08306b (matplotlib's darkest "Blues").
                int r = (int)Math.Round(255 + (8 - 255) * f), g = (int)Math.Round(255 + (48 - 255) * f), b = (int)Math.Round(255 + (107 - 255) * f);
                double x = left + j * cellSize, y = top + i * cellSize;
                sb.Append($"<rect class=\"cell\" data-row=\"{i}\" data-col=\"{j}\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{cellSize}\" height=\"{cellSize}\" fill=\"#{r:x2}{g:x2}{b:x2}\" stroke=\"#ccc\"/>\n");
                Text(sb, x + cellSize / 2.0, y + cellSize / 2.0 + 4, v.ToString(valueFormat, CultureInfo.InvariantCulture), "middle", "value",
                    $"fill=\"{(f > 0.5 ? "white" : "black")}\"");
            }
        for (int k = 0; k < c; k++)
        {
            Text(sb, left - 6, top + k * cellSize + cellSize / 2.0 + 4, labels[k] ?? "", "end", "ytick");
            double x = left + k * cellSize + cellSize / 2.0, y = top + grid + 14;
            Text(sb, x, y, labels[k] ?? "", "end", "xtick", $"transform=\"rotate(-45 {N(x)} {N(y)})\"");
        }
        Text(sb, left + grid / 2, height - 10, "Predicted label", "middle", "xlabel");
        Text(sb, 14, top + grid / 2, "True label", "middle", "ylabel", $"transform=\"rotate(-90 14 {N(top + grid / 2)})\"");
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>Writes <see cref="ToSvg"/> to <paramref name="path"/> (UTF-8, no BOM).</summary>
    /// <exception cref="ArgumentException">An empty path, or the checks of <see cref="ToSvg"/>.</exception>
    public static void Save(string path, double[,] matrix, IReadOnlyList<string> labels, string? title = "Confusion matrix", string valueFormat = "0.##")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllText(path, ToSvg(matrix, labels, title, valueFormat), new UTF8Encoding(false));
    }

    private static void Text(StringBuilder sb, double x, double y, string text, string anchor, string cls, string extra = "")
        => sb.Append($"<text class=\"{cls}\" x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" {extra}>{SvgText.Escape(text)}</text>\n");

    private static string N(double v) => PlotText.N(v);
}
