using Scratch.ML.Learn.Metrics;
using Scratch.ML.Plotting;

namespace Scratch.ML.Learn.Plots;

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
