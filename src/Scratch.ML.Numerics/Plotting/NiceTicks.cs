namespace Scratch.ML.Plotting;

/// <summary>
/// Axis tick positions at "nice" round numbers (1, 2, 5 × 10ᵏ; Heckbert, <i>Nice numbers for graph labels</i>,
/// Graphics Gems, 1990) and decade ticks for logarithmic axes. The first tick is ≤ the data minimum and the last ≥
/// the data maximum, so the ticks always cover the data.
/// </summary>
public static class NiceTicks
{
    /// <summary>
    /// Ticks for a linear axis over [<paramref name="min"/>, <paramref name="max"/>]: about <paramref name="maxTicks"/>
    /// evenly spaced values with a step of 1, 2 or 5 × 10ᵏ. A degenerate range (min = max) is widened around the value.
    /// </summary>
    /// <exception cref="ArgumentException">min or max is not finite, min &gt; max, or maxTicks &lt; 2.</exception>
    public static double[] Linear(double min, double max, int maxTicks = 6)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
            throw new ArgumentException($"NiceTicks.Linear: need finite min ≤ max, got [{min}, {max}].");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 2);
        if (min == max)
        {
            double pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double range = NiceNumber(max - min, round: false);
        double step = NiceNumber(range / (maxTicks - 1), round: true);
        double first = Math.Floor(min / step) * step;
        double last = Math.Ceiling(max / step) * step;
        int count = (int)Math.Round((last - first) / step) + 1;
        var ticks = new double[count];
        for (int i = 0; i < count; i++)
        {
            double t = first + i * step;
            ticks[i] = Math.Abs(t) < step * 1e-9 ? 0 : double.Parse(t.ToString("G12", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        }
        return ticks;
    }

    /// <summary>
    /// Ticks for a base-10 logarithmic axis: every power of ten from ≤ <paramref name="min"/> to ≥ <paramref name="max"/>
    /// (at least two).
    /// </summary>
    /// <exception cref="ArgumentException">min or max is not finite and positive, or min &gt; max.</exception>
    public static double[] Log10(double min, double max)
    {
        if (!(min > 0) || !(max > 0) || !double.IsFinite(min) || !double.IsFinite(max) || min > max)
            throw new ArgumentException($"NiceTicks.Log10: need finite 0 < min ≤ max, got [{min}, {max}].");
        int lo = (int)Math.Floor(Math.Log10(min) + 1e-12);
        int hi = (int)Math.Ceiling(Math.Log10(max) - 1e-12);
        if (hi <= lo) hi = lo + 1;
        var ticks = new double[hi - lo + 1];
        for (int i = 0; i < ticks.Length; i++) ticks[i] = Math.Pow(10, lo + i);
        return ticks;
    }

    /// <summary>The nice number (1, 2, 5 or 10 × 10ᵏ) nearest to (round) or not below (ceiling) <paramref name="x"/>.</summary>
    private static double NiceNumber(double x, bool round)
    {
        double exp = Math.Floor(Math.Log10(x));
        double f = x / Math.Pow(10, exp);
        double nice = round
            ? f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
            : f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * Math.Pow(10, exp);
    }
}
