using Scratch.ML.Learn.Metrics;
using Scratch.ML.Plotting;

namespace Scratch.ML.Learn.Plots;

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
