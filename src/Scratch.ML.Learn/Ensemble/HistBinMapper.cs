using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// Maps real-valued features to small integer bins (scikit-learn's <c>_BinMapper</c>), the first step of histogram
/// gradient boosting: every later pass reads one byte per sample and feature instead of a float.
/// </summary>
/// <remarks>
/// <para>Numeric feature with u distinct non-missing values: when u ≤ maxBins the thresholds are the midpoints
/// (a + b)·0.5 of consecutive distinct values; otherwise they are the maxBins − 1 interior percentiles
/// 100·i/maxBins (i = 1 … maxBins − 1) computed with numpy's "midpoint" method. Thresholds are clipped to 1e300
/// (scikit-learn's ALMOST_INF). A value x goes to bin b = #{thresholds &lt; x}, i.e. thr[b − 1] &lt; x ≤ thr[b].</para>
/// <para>Categorical feature: the "thresholds" are the sorted distinct category codes; category c goes to the bin of
/// its rank. Missing values (NaN) always go to the last bin, index maxBins, whatever the feature.</para>
/// <para>Quantiles are computed on at most 200 000 rows: beyond that a subset drawn without replacement with the seed
/// is used (scikit-learn uses numpy's generator there, so only that case cannot match it bit for bit).</para>
/// </remarks>
internal sealed class HistBinMapper
{
    /// <summary>scikit-learn's cap on thresholds (+∞ is reserved for "split on NaN").</summary>
    public const double AlmostInf = 1e300;

    /// <summary>Rows used to find quantiles (scikit-learn's default <c>subsample</c>).</summary>
    public const int Subsample = 200_000;

    private HistBinMapper(double[][] thresholds, int[] nonMissing, bool[] categorical, int maxBins)
    {
        Thresholds = thresholds;
        BinsNonMissing = nonMissing;
        IsCategorical = categorical;
        MaxBins = maxBins;
    }

    /// <summary>Per feature: numeric thresholds (increasing), or the sorted category codes of a categorical feature.</summary>
    public double[][] Thresholds { get; }

    /// <summary>Per feature: bins used by non-missing values (thresholds + 1, or the category count).</summary>
    public int[] BinsNonMissing { get; }

    /// <summary>Per feature: whether it is categorical.</summary>
    public bool[] IsCategorical { get; }

    /// <summary>Bins for non-missing values; the missing-value bin is <see cref="MissingBin"/> = MaxBins.</summary>
    public int MaxBins { get; }

    /// <summary>The bin holding NaN (the last of MaxBins + 1).</summary>
    public int MissingBin => MaxBins;

    /// <summary>Number of features.</summary>
    public int Features => Thresholds.Length;

    /// <summary>
    /// Learns the bin edges of column-major data <paramref name="columns"/> (d × n, column f at f·n).
    /// </summary>
    /// <param name="columns">The training features, column-major float64, NaN = missing.</param>
    /// <param name="n">Rows.</param>
    /// <param name="d">Features.</param>
    /// <param name="maxBins">Bins for non-missing values, 2 … 255.</param>
    /// <param name="categorical">Per feature, whether it is categorical (its values are small non-negative integer codes).</param>
    /// <param name="rng">Generator for the row subset when n exceeds <see cref="Subsample"/>.</param>
    public static HistBinMapper Fit(double[] columns, int n, int d, int maxBins, bool[] categorical, Generator rng)
    {
        int[]? subset = null;
        if (n > Subsample)
        {
            subset = rng.Permutation(n)[..Subsample];
            Array.Sort(subset);
        }
        var thresholds = new double[d][];
        var nonMissing = new int[d];
        Parallel.For(0, d, new ParallelOptions { MaxDegreeOfParallelism = Parallelism.MaxThreads }, f =>
        {
            var col = columns.AsSpan(f * n, n);
            // Categories come from all rows (scikit-learn's known_categories), numeric quantiles from the subset.
            var values = new double[categorical[f] || subset is null ? n : subset.Length];
            int count = 0;
            if (categorical[f] || subset is null) { foreach (double v in col) if (!double.IsNaN(v)) values[count++] = v; }
            else foreach (int i in subset) if (!double.IsNaN(col[i])) values[count++] = col[i];
            var sorted = values.AsSpan(0, count);
            RadixSort.Sort(sorted);
            if (categorical[f])
            {
                thresholds[f] = Distinct(sorted);
                nonMissing[f] = thresholds[f].Length;
                return;
            }
            thresholds[f] = NumericThresholds(sorted, maxBins);
            nonMissing[f] = thresholds[f].Length + 1;
        });
        return new HistBinMapper(thresholds, nonMissing, (bool[])categorical.Clone(), maxBins);
    }

    /// <summary>Thresholds of one numeric feature from its SORTED non-missing values.</summary>
    internal static double[] NumericThresholds(ReadOnlySpan<double> values, int maxBins)
    {
        int unique = values.IsEmpty ? 0 : 1;
        for (int i = 1; i < values.Length && unique <= maxBins; i++) if (values[i] != values[i - 1]) unique++;
        double[] mid;
        if (unique <= maxBins)
        {
            var distinct = Distinct(values);
            mid = new double[Math.Max(0, distinct.Length - 1)];
            for (int i = 0; i < mid.Length; i++) mid[i] = (distinct[i] + distinct[i + 1]) * 0.5;
        }
        else
        {
            mid = new double[maxBins - 1];
            int count = values.Length;
            double step = 100.0 / maxBins;
            for (int i = 1; i < maxBins; i++)
            {
                // numpy: q = linspace(0, 100, maxBins + 1)[i] / 100; virtual index = ((n−1)q floor + ceil) / 2.
                double q = i * step / 100.0;
                double v = (count - 1) * q;
                double lo = Math.Floor(v), hi = Math.Ceiling(v);
                double virtualIndex = 0.5 * (lo + hi);
                int prev = (int)Math.Floor(virtualIndex);
                double gamma = virtualIndex % 1 == 0 ? 0 : 0.5;
                int next = Math.Min(prev + 1, count - 1);
                mid[i - 1] = Lerp(values[prev], values[next], gamma);
            }
        }
        for (int i = 0; i < mid.Length; i++) if (mid[i] > AlmostInf) mid[i] = AlmostInf;
        return mid;
    }

    /// <summary>
    /// numpy's _lerp: a + (b − a)·t, computed from b when t ≥ 0.5. Where an infinity is involved numpy returns NaN
    /// (∞ − ∞, ∞·0), and a NaN threshold would bin inconsistently, so here t = 0 or a = b gives a, and otherwise an
    /// infinite end (a first) is the result.
    /// </summary>
    internal static double Lerp(double a, double b, double t)
    {
        if (t == 0 || a == b || double.IsInfinity(a)) return a;
        if (double.IsInfinity(b)) return b;
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    private static double[] Distinct(ReadOnlySpan<double> sorted)
    {
        var result = new List<double>();
        foreach (double v in sorted)
            if (result.Count == 0 || result[^1] != v) result.Add(v);
        return [.. result];
    }

    /// <summary>The bin of value <paramref name="v"/> for feature <paramref name="f"/>.</summary>
    public byte Bin(int f, double v)
    {
        if (double.IsNaN(v)) return (byte)MissingBin;
        var t = Thresholds[f];
        int left = 0, right = t.Length;
        while (left < right)
        {
            int middle = left + (right - left - 1) / 2;
            if (v <= t[middle]) right = middle;
            else left = middle + 1;
        }
        return (byte)left;
    }

    /// <summary>
    /// Bins column-major data (d × n) into column-major bytes (d × n), features in parallel. Same bins as
    /// <see cref="Bin"/> (its slow twin) without a branch: the thresholds are padded with +∞ to 32 blocks of 8; the
    /// number of blocks whose last threshold is below x (8 vector compares) picks the block, and one more compare
    /// counts the thresholds below x inside it, so bin = 8·blocks + count.
    /// </summary>
    public byte[] Transform(double[] columns, int n)
    {
        int d = Features;
        var binned = new byte[(long)d * n];
        Parallel.For(0, d, new ParallelOptions { MaxDegreeOfParallelism = Parallelism.MaxThreads }, f =>
        {
            var col = columns.AsSpan(f * n, n);
            var dst = binned.AsSpan(f * n, n);
            var t = Thresholds[f];
            if (t.Length > 255 || !Vector256.IsHardwareAccelerated)
            {
                for (int i = 0; i < n; i++) dst[i] = Bin(f, col[i]);
                return;
            }
            var padded = new double[256];
            padded.AsSpan().Fill(double.PositiveInfinity);
            t.CopyTo(padded, 0);
            var last = new double[32];
            for (int j = 0; j < 32; j++) last[j] = padded[8 * j + 7];
            ref double l0 = ref MemoryMarshal.GetArrayDataReference(last);
            var l = new Vector256<double>[8];
            for (int j = 0; j < 8; j++) l[j] = Vector256.LoadUnsafe(ref l0, (nuint)(4 * j));
            ref double p0 = ref MemoryMarshal.GetArrayDataReference(padded);
            byte missing = (byte)MissingBin;
            for (int i = 0; i < n; i++)
            {
                double v = col[i];
                var x = Vector256.Create(v);
                uint blocks = 0;
                for (int j = 0; j < 8; j++) blocks += (uint)BitOperations.PopCount(Vector256.LessThan(l[j], x).ExtractMostSignificantBits());
                nuint at = 8 * blocks;
                uint inside = (uint)BitOperations.PopCount(Vector256.LessThan(Vector256.LoadUnsafe(ref p0, at), x).ExtractMostSignificantBits())
                    + (uint)BitOperations.PopCount(Vector256.LessThan(Vector256.LoadUnsafe(ref p0, at + 4), x).ExtractMostSignificantBits());
                dst[i] = double.IsNaN(v) ? missing : (byte)(at + inside);
            }
        });
        return binned;
    }
}
