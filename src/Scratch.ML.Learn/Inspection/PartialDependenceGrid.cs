namespace Scratch.ML.Learn.Inspection;

/// <summary>scikit-learn's <c>_grid_from_X</c>: the values at which partial dependence is evaluated.</summary>
public static class PartialDependenceGrid
{
    /// <summary>
    /// The grid axis of one feature column: its sorted unique values when the feature is categorical or has fewer
    /// than <paramref name="gridResolution"/> of them; otherwise <paramref name="gridResolution"/> equally spaced
    /// points (NumPy's <c>linspace</c>: lo + i·(hi − lo)/(r − 1), the last exactly hi) between the empirical
    /// percentiles lo, hi of the column computed as SciPy's <c>mquantiles</c> with α = β = 0.4.
    /// </summary>
    /// <param name="column">The feature's values (length ≥ 1), not NaN.</param>
    /// <param name="gridResolution">Points on a numeric axis, &gt; 1.</param>
    /// <param name="lower">Lower percentile in [0, 1).</param>
    /// <param name="upper">Upper percentile in (lower, 1].</param>
    /// <param name="categorical">Whether to use the unique values whatever their count.</param>
    /// <exception cref="ArgumentException">NaN in the column, invalid percentiles or resolution, or percentiles too close to build a grid (NumPy's <c>allclose</c>).</exception>
    public static double[] Axis(ReadOnlySpan<double> column, int gridResolution = 100, double lower = 0.05, double upper = 0.95, bool categorical = false)
    {
        CheckOptions(gridResolution, lower, upper);
        if (column.Length < 1) throw new ArgumentException("PartialDependence: the feature column is empty.", nameof(column));
        var sorted = column.ToArray();
        foreach (var v in sorted)
            if (double.IsNaN(v)) throw new ArgumentException("PartialDependence: a grid feature contains NaN; impute it or choose another feature.", nameof(column));
        Array.Sort(sorted);
        int u = 1;
        for (int i = 1; i < sorted.Length; i++)
            if (sorted[i] != sorted[u - 1]) sorted[u++] = sorted[i];
        if (categorical || u < gridResolution) return sorted[..u];
        // The column still holds all values; re-sort a copy (dedup above overwrote the prefix).
        var x = column.ToArray();
        Array.Sort(x);
        double lo = MQuantile(x, lower), hi = MQuantile(x, upper);
        if (Math.Abs(lo - hi) <= 1e-8 + 1e-5 * Math.Abs(hi))
            throw new ArgumentException($"PartialDependence: percentiles ({lower}, {upper}) of a feature are too close to each other ({lo}, {hi}) to build a grid; choose percentiles further apart.", nameof(column));
        var axis = new double[gridResolution];
        double step = (hi - lo) / (gridResolution - 1);
        for (int i = 0; i < gridResolution; i++) axis[i] = i * step + lo;
        axis[^1] = hi;
        return axis;
    }

    /// <summary>
    /// SciPy's <c>mstats.mquantiles(x, p, alphap=0.4, betap=0.4)</c> of sorted data x (length n ≥ 1):
    /// m = 0.4 + 0.2·p, a = n·p + m, k = ⌊clip(a, 1, n − 1)⌋, γ = clip(a − k, 0, 1), q = (1 − γ)·x[k−1] + γ·x[k].
    /// </summary>
    public static double MQuantile(ReadOnlySpan<double> sorted, double p)
    {
        int n = sorted.Length;
        if (n == 0) throw new ArgumentException("MQuantile: no data.", nameof(sorted));
        if (n == 1) return sorted[0];
        double m = 0.4 + p * (1.0 - 0.4 - 0.4);
        double aleph = n * p + m;
        int k = (int)Math.Floor(Math.Clamp(aleph, 1, n - 1));
        double gamma = Math.Clamp(aleph - k, 0, 1);
        return (1.0 - gamma) * sorted[k - 1] + gamma * sorted[k];
    }

    internal static void CheckOptions(int gridResolution, double lower, double upper)
    {
        if (gridResolution <= 1) throw new ArgumentOutOfRangeException(nameof(gridResolution), gridResolution, "PartialDependence: gridResolution must be > 1.");
        if (!(lower >= 0 && lower <= 1 && upper >= 0 && upper <= 1))
            throw new ArgumentException($"PartialDependence: percentiles must lie in [0, 1], got ({lower}, {upper}).", "percentiles");
        if (!(lower < upper)) throw new ArgumentException($"PartialDependence: the lower percentile {lower} must be strictly less than the upper {upper}.", "percentiles");
    }
}
