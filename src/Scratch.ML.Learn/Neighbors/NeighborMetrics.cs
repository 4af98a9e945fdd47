using System.Numerics;
using System.Runtime.CompilerServices;

namespace Scratch.ML.Learn.Neighbors;

/// <summary>
/// A metric in its search form (scikit-learn's "reduced distance", rdist): a cheaper monotone transform of the distance
/// used for every comparison — Σ (aⱼ − bⱼ)² for Euclidean, Σ |aⱼ − bⱼ|ᵖ for Minkowski, the distance itself for
/// Manhattan, Chebyshev and cosine. Minkowski with p = 1 or 2 is normalised to Manhattan or Euclidean, so every
/// algorithm computes the same float64 numbers for the same pair.
/// </summary>
internal readonly struct SearchMetric
{
    public SearchMetric(NeighborMetric metric, double p)
    {
        Metric = metric == NeighborMetric.Minkowski && p == 2 ? NeighborMetric.Euclidean
            : metric == NeighborMetric.Minkowski && p == 1 ? NeighborMetric.Manhattan : metric;
        P = Metric == NeighborMetric.Minkowski ? p : Metric == NeighborMetric.Euclidean ? 2 : 1;
    }

    /// <summary>The effective metric (never Minkowski with p = 1 or 2).</summary>
    public NeighborMetric Metric { get; }

    /// <summary>The Minkowski power of the effective metric (2 for Euclidean, 1 otherwise).</summary>
    public double P { get; }

    /// <summary>The reduced distance between two rows, in float64, summed in index order (vectorised for Euclidean and Manhattan).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Rdist(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Metric switch
    {
        NeighborMetric.Euclidean => SquaredEuclidean(a, b),
        NeighborMetric.Manhattan => Manhattan(a, b),
        NeighborMetric.Chebyshev => Chebyshev(a, b),
        NeighborMetric.Minkowski => Minkowski(a, b, P),
        _ => Cosine(a, b),
    };

    /// <summary>distance = f(rdist): √ for Euclidean, ^(1/p) for Minkowski, identity otherwise.</summary>
    public double ToDistance(double rdist) => Metric switch
    {
        NeighborMetric.Euclidean => Math.Sqrt(rdist),
        NeighborMetric.Minkowski => Math.Pow(rdist, 1 / P),
        _ => rdist,
    };

    /// <summary>rdist = f⁻¹(distance).</summary>
    public double ToRdist(double distance) => Metric switch
    {
        NeighborMetric.Euclidean => distance * distance,
        NeighborMetric.Minkowski => Math.Pow(distance, P),
        _ => distance,
    };

    /// <summary>True for the metrics that satisfy the triangle inequality (all but cosine): the trees need it.</summary>
    public bool IsTrueMetric => Metric != NeighborMetric.Cosine;

    private static double SquaredEuclidean(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int d = a.Length, j = 0;
        double s = 0;
        if (Vector.IsHardwareAccelerated && d >= 2 * Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; j <= d - Vector<double>.Count; j += Vector<double>.Count)
            {
                var r = new Vector<double>(a[j..]) - new Vector<double>(b[j..]);
                acc += r * r;
            }
            s = Vector.Sum(acc);
        }
        for (; j < d; j++) { double r = a[j] - b[j]; s += r * r; }
        return s;
    }

    private static double Manhattan(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int d = a.Length, j = 0;
        double s = 0;
        if (Vector.IsHardwareAccelerated && d >= 2 * Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; j <= d - Vector<double>.Count; j += Vector<double>.Count)
                acc += Vector.Abs(new Vector<double>(a[j..]) - new Vector<double>(b[j..]));
            s = Vector.Sum(acc);
        }
        for (; j < d; j++) s += Math.Abs(a[j] - b[j]);
        return s;
    }

    private static double Chebyshev(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int j = 0; j < a.Length; j++) s = Math.Max(s, Math.Abs(a[j] - b[j]));
        return s;
    }

    private static double Minkowski(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double p)
    {
        double s = 0;
        for (int j = 0; j < a.Length; j++) s += Math.Pow(Math.Abs(a[j] - b[j]), p);
        return s;
    }

    /// <summary>clip(1 − a·b / (‖a‖ ‖b‖), 0, 2), similarity 0 when either row is zero (the PairwiseDistances reference formula).</summary>
    private static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int j = 0; j < a.Length; j++) { dot += a[j] * b[j]; na += a[j] * a[j]; nb += b[j] * b[j]; }
        double s = na == 0 || nb == 0 ? 0 : dot / (Math.Sqrt(na) * Math.Sqrt(nb));
        return Math.Clamp(1 - s, 0, 2);
    }
}

/// <summary>
/// A bounded max-heap of the k best (rdist, index) pairs of one query, ordered lexicographically so that the k smallest
/// pairs are kept whatever the visiting order (ties go to the lower training index).
/// </summary>
internal static class PairHeap
{
    /// <summary>True when (d1, i1) sorts after (d2, i2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool After(double d1, int i1, double d2, int i2) => d1 > d2 || (d1 == d2 && i1 > i2);

    /// <summary>
    /// Offers (d, i) to the heap stored in dist/idx (capacity = span length) that holds <paramref name="count"/> items;
    /// returns the new count. The root (index 0) is the worst pair kept.
    /// </summary>
    public static int Push(Span<double> dist, Span<int> idx, int count, double d, int i)
    {
        int cap = dist.Length;
        if (count < cap)
        {
            int c = count++;
            while (c > 0)
            {
                int parent = (c - 1) >> 1;
                if (!After(d, i, dist[parent], idx[parent])) break;
                dist[c] = dist[parent]; idx[c] = idx[parent];
                c = parent;
            }
            dist[c] = d; idx[c] = i;
            return count;
        }
        if (!After(dist[0], idx[0], d, i)) return count;
        int pos = 0;
        while (true)
        {
            int l = 2 * pos + 1, r = l + 1, big = pos;
            double bd = d; int bi = i;
            if (l < cap && After(dist[l], idx[l], bd, bi)) { big = l; bd = dist[l]; bi = idx[l]; }
            if (r < cap && After(dist[r], idx[r], bd, bi)) big = r;
            if (big == pos) break;
            dist[pos] = dist[big]; idx[pos] = idx[big];
            pos = big;
        }
        dist[pos] = d; idx[pos] = i;
        return count;
    }

    /// <summary>The root's rdist when full (the bound a candidate must beat), else +∞.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Bound(ReadOnlySpan<double> dist, int count) => count < dist.Length ? double.PositiveInfinity : dist[0];

    /// <summary>Sorts the first count pairs by (rdist, index) in place (insertion sort: k is small).</summary>
    public static void Sort(Span<double> dist, Span<int> idx, int count)
    {
        for (int a = 1; a < count; a++)
        {
            double d = dist[a]; int i = idx[a]; int b = a - 1;
            while (b >= 0 && After(dist[b], idx[b], d, i)) { dist[b + 1] = dist[b]; idx[b + 1] = idx[b]; b--; }
            dist[b + 1] = d; idx[b + 1] = i;
        }
    }

    /// <summary>Sorts (rdist, index) lists of any length (radius results) by (rdist, index).</summary>
    public static void SortPairs(double[] dist, int[] idx)
    {
        var order = new int[dist.Length];
        for (int a = 0; a < order.Length; a++) order[a] = a;
        Array.Sort(order, (u, v) => dist[u] != dist[v] ? dist[u].CompareTo(dist[v]) : idx[u].CompareTo(idx[v]));
        var d2 = new double[dist.Length];
        var i2 = new int[idx.Length];
        for (int a = 0; a < order.Length; a++) { d2[a] = dist[order[a]]; i2[a] = idx[order[a]]; }
        d2.CopyTo(dist, 0);
        i2.CopyTo(idx, 0);
    }
}
