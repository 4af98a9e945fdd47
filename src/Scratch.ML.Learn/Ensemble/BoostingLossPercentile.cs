namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// The two percentiles classic gradient boosting uses, reproducing scikit-learn 1.2 bit for bit: NumPy's linearly
/// interpolated <c>np.percentile</c> (the unweighted initial estimate) and scikit-learn's lower weighted percentile
/// <c>_weighted_percentile</c> (weighted initial estimates, Huber's γ and the leaf updates of the robust losses).
/// </summary>
internal static class BoostingLossPercentile
{
    /// <summary>
    /// NumPy's <c>np.percentile(values, percentile)</c> with the default "linear" method: the sorted values are
    /// interpolated at virtual index v = (n − 1)·q, q = percentile / 100, as <c>a + (b − a)·t</c> for t &lt; ½ and
    /// <c>b − (b − a)·(1 − t)</c> otherwise (NumPy's <c>_lerp</c>), where a, b are the neighbours and t = v − ⌊v⌋.
    /// </summary>
    /// <param name="values">The values (n ≥ 1); not modified.</param>
    /// <param name="percentile">The percentile in [0, 100].</param>
    public static double Linear(ReadOnlySpan<double> values, double percentile)
    {
        int n = values.Length;
        if (n == 0) throw new ArgumentException("A percentile of no values is undefined.", nameof(values));
        var a = values.ToArray();
        Array.Sort(a);
        double q = percentile / 100.0;
        double v = (n - 1) * q;
        if (v >= n - 1) return a[n - 1];
        if (v < 0) return a[0];
        double lower = Math.Floor(v);
        int i = (int)lower;
        double t = v - lower, lo = a[i], hi = a[i + 1], diff = hi - lo;
        return t >= 0.5 ? hi - diff * (1 - t) : lo + diff * t;
    }

    /// <summary>
    /// scikit-learn's <c>_weighted_percentile(values, weights, percentile)</c>: the smallest value whose cumulative
    /// weight (values sorted ascending, weights summed left to right) reaches <c>percentile / 100 · Σw</c>. No
    /// interpolation, so with unit weights the median of an even count is the lower middle value. A zero target is
    /// nudged to the next double so that leading zero-weight values are skipped.
    /// </summary>
    /// <param name="values">The values (n ≥ 1).</param>
    /// <param name="weights">Non-negative weights (n).</param>
    /// <param name="percentile">The percentile in [0, 100].</param>
    public static double Weighted(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double percentile)
    {
        int n = values.Length;
        if (n == 0) throw new ArgumentException("A percentile of no values is undefined.", nameof(values));
        if (weights.Length != n) throw new ArgumentException($"{n} values need as many weights, got {weights.Length}.", nameof(weights));
        var keys = values.ToArray();
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(keys, order);
        var cdf = new double[n];
        double acc = 0;
        for (int i = 0; i < n; i++) cdf[i] = acc += weights[order[i]];
        double target = percentile / 100 * cdf[n - 1];
        if (target == 0) target = Math.BitIncrement(target);
        int lo = 0, hi = n;                       // first index with cdf ≥ target (searchsorted, side "left")
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] < target) lo = mid + 1;
            else hi = mid;
        }
        return keys[Math.Min(lo, n - 1)];
    }
}
