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
