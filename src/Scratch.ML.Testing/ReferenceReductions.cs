using System.Numerics;

namespace Scratch.ML.Testing;

/// <summary>
/// Slow, obviously-correct float64 twins of the reductions, scans and sorts: every element is read through the
/// tensor's indexer with explicit indices, every reduction is a plain loop in double precision. The fast kernels are
/// compared against these over generated shapes, axis subsets and layouts.
/// </summary>
public static class ReferenceReductions
{
    /// <summary>
    /// Applies <paramref name="reduce"/> to the elements of every output position (listed in row-major order of the
    /// reduced axes) and returns the results in row-major order of the kept axes with the output shape.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="axes">Axes to reduce (negative allowed); empty means all.</param>
    /// <param name="keepDims">Whether the output shape keeps reduced axes as size 1.</param>
    /// <param name="reduce">The reduction of one group of elements.</param>
    public static (double[] Values, int[] Shape) Reduce<T>(Tensor<T> x, ReadOnlySpan<int> axes, bool keepDims, Func<double[], double> reduce)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(reduce);
        int rank = x.Rank;
        var isReduced = new bool[rank];
        if (axes.IsEmpty) Array.Fill(isReduced, true);
        foreach (int a in axes) isReduced[a < 0 ? a + rank : a] = true;
        var shape = x.ShapeArray();
        var keptAxes = Enumerable.Range(0, rank).Where(i => !isReduced[i]).ToArray();
        var redAxes = Enumerable.Range(0, rank).Where(i => isReduced[i]).ToArray();
        int outCount = keptAxes.Aggregate(1, (p, i) => p * shape[i]);
        int redCount = redAxes.Aggregate(1, (p, i) => p * shape[i]);
        var values = new double[outCount];
        var index = new int[rank];
        var group = new double[redCount];
        for (int o = 0; o < outCount; o++)
        {
            Unflatten(o, keptAxes, shape, index);
            for (int r = 0; r < redCount; r++)
            {
                Unflatten(r, redAxes, shape, index);
                group[r] = double.CreateTruncating(x[index]);
            }
            values[o] = reduce(group);
        }
        var outShape = keepDims
            ? Enumerable.Range(0, rank).Select(i => isReduced[i] ? 1 : shape[i]).ToArray()
            : keptAxes.Select(i => shape[i]).ToArray();
        return (values, outShape);
    }

    /// <summary>Applies <paramref name="transform"/> to every row along <paramref name="axis"/>; returns all elements row-major.</summary>
    public static double[] Transform<T>(Tensor<T> x, int axis, Func<double[], double[]> transform) where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(transform);
        int rank = x.Rank, a = axis < 0 ? axis + rank : axis;
        var shape = x.ShapeArray();
        var outer = Enumerable.Range(0, rank).Where(i => i != a).ToArray();
        int rows = outer.Aggregate(1, (p, i) => p * shape[i]);
        var strides = Shapes.ContiguousStrides(shape);
        var result = new double[x.Length];
        var index = new int[rank];
        var row = new double[shape[a]];
        for (int r = 0; r < rows; r++)
        {
            Unflatten(r, outer, shape, index);
            for (int j = 0; j < shape[a]; j++) { index[a] = j; row[j] = double.CreateTruncating(x[index]); }
            var y = transform(row);
            for (int j = 0; j < shape[a]; j++)
            {
                index[a] = j;
                int flat = 0;
                for (int k = 0; k < rank; k++) flat += index[k] * strides[k];
                result[flat] = y[j];
            }
        }
        return result;
    }

    private static void Unflatten(int flat, int[] axes, int[] shape, int[] index)
    {
        for (int k = axes.Length - 1; k >= 0; k--)
        {
            int n = shape[axes[k]];
            index[axes[k]] = flat % n;
            flat /= n;
        }
    }

    /// <summary>Σ x in order, in double.</summary>
    public static double Sum(double[] x) { double s = 0; foreach (double v in x) s += v; return s; }

    /// <summary>Σ |x| in double (the scale of a sum's rounding error).</summary>
    public static double SumAbs(double[] x) { double s = 0; foreach (double v in x) s += Math.Abs(v); return s; }

    /// <summary>Π x in double.</summary>
    public static double Prod(double[] x) { double p = 1; foreach (double v in x) p *= v; return p; }

    /// <summary>Σ x / n (NaN for n = 0).</summary>
    public static double Mean(double[] x) => Sum(x) / x.Length;

    /// <summary>The largest element; NaN if any is NaN.</summary>
    public static double Max(double[] x)
    {
        double m = double.NegativeInfinity;
        foreach (double v in x) { if (double.IsNaN(v)) return v; if (v > m) m = v; }
        return m;
    }

    /// <summary>The smallest element; NaN if any is NaN.</summary>
    public static double Min(double[] x)
    {
        double m = double.PositiveInfinity;
        foreach (double v in x) { if (double.IsNaN(v)) return v; if (v < m) m = v; }
        return m;
    }

    /// <summary>Two-pass variance Σ(x − x̄)² / (n − ddof); NaN when n − ddof ≤ 0.</summary>
    public static double Var(double[] x, int ddof)
    {
        if (x.Length - ddof <= 0) return double.NaN;
        double mean = Mean(x), s = 0;
        foreach (double v in x) s += (v - mean) * (v - mean);
        return s / (x.Length - ddof);
    }

    /// <summary>The vector p-norm: (Σ|x|ᵖ)^(1/p); p = ±∞ max/min |x|; p = 0 count of non-zeros.</summary>
    public static double Norm(double[] x, double p)
    {
        if (double.IsPositiveInfinity(p)) return Max(x.Select(Math.Abs).ToArray());
        if (double.IsNegativeInfinity(p)) return Min(x.Select(Math.Abs).ToArray());
        if (p == 0) return x.Count(v => v != 0);
        double s = 0;
        foreach (double v in x) s += Math.Pow(Math.Abs(v), p);
        return Math.Pow(s, 1 / p);
    }

    /// <summary>log Σ exp(x) with a max shift, in double.</summary>
    public static double LogSumExp(double[] x)
    {
        double m = Max(x);
        if (double.IsNaN(m)) return m;
        double shift = double.IsInfinity(m) ? 0 : m, s = 0;
        foreach (double v in x) s += Math.Exp(v - shift);
        return shift + Math.Log(s);
    }

    /// <summary>NumPy argmax: index of the first maximum, or of the first NaN.</summary>
    public static double ArgMax(double[] x)
    {
        int best = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i])) return i;
            if (x[i] > x[best]) best = i;
        }
        return best;
    }

    /// <summary>NumPy argmin: index of the first minimum, or of the first NaN.</summary>
    public static double ArgMin(double[] x)
    {
        int best = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i])) return i;
            if (x[i] < x[best]) best = i;
        }
        return best;
    }

    /// <summary>exp(xᵢ) / Σ exp(xⱼ), shifted by the max, in double.</summary>
    public static double[] Softmax(double[] x)
    {
        double m = Max(x);
        var e = x.Select(v => Math.Exp(v - m)).ToArray();
        double s = Sum(e);
        return e.Select(v => v / s).ToArray();
    }

    /// <summary>xᵢ − logsumexp(x).</summary>
    public static double[] LogSoftmax(double[] x)
    {
        double l = LogSumExp(x);
        return x.Select(v => v - l).ToArray();
    }

    /// <summary>Running sum.</summary>
    public static double[] CumSum(double[] x) { var y = new double[x.Length]; double s = 0; for (int i = 0; i < x.Length; i++) y[i] = s += x[i]; return y; }

    /// <summary>Running product.</summary>
    public static double[] CumProd(double[] x) { var y = new double[x.Length]; double s = 1; for (int i = 0; i < x.Length; i++) y[i] = s *= x[i]; return y; }

    /// <summary>Running log-sum-exp: yᵢ = logsumexp(x₀..xᵢ), recomputed from scratch for each i.</summary>
    public static double[] LogCumSumExp(double[] x) => Enumerable.Range(0, x.Length).Select(i => LogSumExp(x[..(i + 1)])).ToArray();

    /// <summary>
    /// Stable argsort: ascending with NaN last, or descending (by value, NaN first); equal keys keep their order
    /// (LINQ's OrderBy is stable).
    /// </summary>
    public static int[] ArgSort(double[] x, bool descending)
    {
        var idx = Enumerable.Range(0, x.Length);
        // Key: NaN maps to +∞ rank above every number (ascending) — a tuple (isNaN, value) orders it last.
        return descending
            ? idx.OrderByDescending(i => double.IsNaN(x[i]) ? 1 : 0).ThenByDescending(i => double.IsNaN(x[i]) ? 0 : x[i]).ToArray()
            : idx.OrderBy(i => double.IsNaN(x[i]) ? 1 : 0).ThenBy(i => double.IsNaN(x[i]) ? 0 : x[i]).ToArray();
    }
}
