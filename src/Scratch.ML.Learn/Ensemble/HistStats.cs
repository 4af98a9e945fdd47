namespace Scratch.ML.Learn.Ensemble;

/// <summary>numpy's median and percentile, and scikit-learn's <c>_weighted_percentile</c>, reproduced to the last bit.</summary>
internal static class HistStats
{
    /// <summary>numpy.median: the middle value, or the mean (a + b)/2 of the two middle values.</summary>
    public static double Median(double[] values)
    {
        var a = (double[])values.Clone();
        Array.Sort(a);
        int n = a.Length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    /// <summary>numpy.percentile with the default "linear" method: index (n − 1)·q/100, numpy's lerp between neighbours.</summary>
    public static double Percentile(double[] values, double percent)
    {
        var a = (double[])values.Clone();
        Array.Sort(a);
        int n = a.Length;
        double q = percent / 100;
        double v = (n - 1) * q;
        double prevIndex = Math.Floor(v);
        int prev = (int)Math.Min(prevIndex, n - 1), next = Math.Min(prev + 1, n - 1);
        double gamma = v - prevIndex;
        return HistBinMapper.Lerp(a[prev], a[next], gamma);
    }

    /// <summary>
    /// scikit-learn's _weighted_percentile: sort, cumulate the weights, and return the first value whose cumulative
    /// weight reaches percent/100 · total (no interpolation).
    /// </summary>
    public static double WeightedPercentile(double[] values, double[] weights, double percent)
    {
        int n = values.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var keys = (double[])values.Clone();
        Array.Sort(keys, order);
        var cdf = new double[n];
        double acc = 0;
        for (int i = 0; i < n; i++) { acc += weights[order[i]]; cdf[i] = acc; }
        double target = percent / 100 * cdf[n - 1];
        if (target == 0) target = Math.BitIncrement(target);
        int idx = 0;
        while (idx < n && cdf[idx] < target) idx++;
        return values[order[Math.Min(idx, n - 1)]];
    }
}
