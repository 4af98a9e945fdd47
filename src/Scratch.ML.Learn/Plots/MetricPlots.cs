using System.Globalization;
using Scratch.ML.Learn.Metrics;
using Scratch.ML.Plotting;

namespace Scratch.ML.Learn.Plots;

/// <summary>ROC curves as a <see cref="LinePlot"/> (standalone SVG via <see cref="LinePlot.ToSvg"/>).</summary>
public static class RocPlot
{
    /// <summary>
    /// A plot of TPR against FPR for each curve, plus the chance diagonal. Non-finite points (a curve without
    /// negatives or positives) are skipped by <see cref="LinePlot"/>.
    /// </summary>
    /// <param name="curves">Named curves; a non-null AUC is appended to the legend as "name (AUC = 0.xxx)".</param>
    /// <param name="title">Plot title.</param>
    /// <param name="width">Width in pixels, ≥ 200.</param>
    /// <param name="height">Height in pixels, ≥ 150.</param>
    /// <exception cref="ArgumentException">No curves, or an empty name.</exception>
    public static LinePlot Create(IEnumerable<(string Name, RocCurveResult Curve, double? Auc)> curves, string title = "ROC curve", int width = 560, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var plot = new LinePlot(width, height) { Title = title, XLabel = "False positive rate", YLabel = "True positive rate" };
        int count = 0;
        foreach (var (name, c, auc) in curves)
        {
            ArgumentNullException.ThrowIfNull(c, nameof(curves));
            plot.Add(PlotText.WithScore(name, "AUC", auc), c.Fpr, c.Tpr);
            count++;
        }
        if (count == 0) throw new ArgumentException("RocPlot: no curves.", nameof(curves));
        return plot.Add("chance", [0.0, 1.0], [0.0, 1.0]);
    }

    /// <summary>The SVG document of one ROC curve (see <see cref="Create"/>).</summary>
    /// <exception cref="ArgumentException">See <see cref="Create"/>.</exception>
    public static string ToSvg(RocCurveResult curve, string name = "classifier", double? auc = null) => Create([(name, curve, auc)]).ToSvg();
}

/// <summary>Precision–recall curves as a <see cref="LinePlot"/>.</summary>
public static class PrecisionRecallPlot
{
    /// <summary>
    /// Precision against recall for each curve drawn as scikit-learn's display does (a post-step line through the points
    /// in the order of <see cref="PrecisionRecallCurveResult"/>).
    /// </summary>
    /// <param name="curves">Named curves; a non-null average precision is appended to the legend as "name (AP = 0.xxx)".</param>
    /// <param name="title">Plot title.</param>
    /// <param name="width">Width in pixels, ≥ 200.</param>
    /// <param name="height">Height in pixels, ≥ 150.</param>
    /// <exception cref="ArgumentException">No curves, or an empty name.</exception>
    public static LinePlot Create(IEnumerable<(string Name, PrecisionRecallCurveResult Curve, double? AveragePrecision)> curves,
        string title = "Precision-recall curve", int width = 560, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var plot = new LinePlot(width, height) { Title = title, XLabel = "Recall", YLabel = "Precision" };
        int count = 0;
        foreach (var (name, c, ap) in curves)
        {
            ArgumentNullException.ThrowIfNull(c, nameof(curves));
            int n = c.Recall.Length;
            var x = new List<double>(2 * n); var y = new List<double>(2 * n);
            for (int i = 0; i < n; i++)
            {
                if (i > 0) { x.Add(c.Recall[i]); y.Add(c.Precision[i - 1]); }
                x.Add(c.Recall[i]); y.Add(c.Precision[i]);
            }
            plot.Add(PlotText.WithScore(name, "AP", ap), x.ToArray(), y.ToArray());
            count++;
        }
        if (count == 0) throw new ArgumentException("PrecisionRecallPlot: no curves.", nameof(curves));
        return plot;
    }

    /// <summary>The SVG document of one precision–recall curve (see <see cref="Create"/>).</summary>
    /// <exception cref="ArgumentException">See <see cref="Create"/>.</exception>
    public static string ToSvg(PrecisionRecallCurveResult curve, string name = "classifier", double? averagePrecision = null)
        => Create([(name, curve, averagePrecision)]).ToSvg();
}

/// <summary>Reliability diagrams as a <see cref="LinePlot"/>.</summary>
public static class CalibrationPlot
{
    /// <summary>The observed positive fraction against the mean prediction per bin for each curve, plus the diagonal of perfect calibration.</summary>
    /// <param name="curves">Named calibration curves.</param>
    /// <param name="title">Plot title.</param>
    /// <param name="width">Width in pixels, ≥ 200.</param>
    /// <param name="height">Height in pixels, ≥ 150.</param>
    /// <exception cref="ArgumentException">No curves, an empty name, or a curve without bins.</exception>
    public static LinePlot Create(IEnumerable<(string Name, CalibrationCurveResult Curve)> curves, string title = "Calibration curve",
        int width = 560, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var plot = new LinePlot(width, height) { Title = title, XLabel = "Mean predicted probability", YLabel = "Fraction of positives" };
        int count = 0;
        foreach (var (name, c) in curves)
        {
            ArgumentNullException.ThrowIfNull(c, nameof(curves));
            plot.Add(name, c.ProbPred, c.ProbTrue);
            count++;
        }
        if (count == 0) throw new ArgumentException("CalibrationPlot: no curves.", nameof(curves));
        return plot.Add("perfectly calibrated", [0.0, 1.0], [0.0, 1.0]);
    }

    /// <summary>The SVG document of one calibration curve (see <see cref="Create"/>).</summary>
    /// <exception cref="ArgumentException">See <see cref="Create"/>.</exception>
    public static string ToSvg(CalibrationCurveResult curve, string name = "classifier") => Create([(name, curve)]).ToSvg();
}

/// <summary>Text helpers shared by the plots.</summary>
internal static class PlotText
{
    public static string WithScore(string name, string score, double? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return value is double v ? $"{name} ({score} = {v.ToString("0.000", CultureInfo.InvariantCulture)})" : name;
    }

    /// <summary>Escapes the five XML special characters and drops characters XML 1.0 forbids.</summary>
    public static string Escape(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (char c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                default:
                    if (c >= 0x20 || c is '\t' or '\n' or '\r') sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    public static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
