using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>Shared numerics of the preprocessing transformers (float64 column statistics, NumPy-compatible percentiles).</summary>
internal static class PreprocessingMath
{
    /// <summary>
    /// scikit-learn's <c>_handle_zeros_in_scale</c>: a divisor below 10·ε(float64) is replaced by 1 so that a constant
    /// column (or an all-zero row) is passed through instead of divided by zero.
    /// </summary>
    public static double NonZeroScale(double s) => s < 10 * 2.220446049250313e-16 ? 1 : s;

    /// <summary>Copies float64 values into a 1-d tensor of T.</summary>
    public static Tensor<T> ToTensor<T>(double[] v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new T[v.Length];
        for (int i = 0; i < v.Length; i++) a[i] = T.CreateTruncating(v[i]);
        return Tensor.FromArray(a, v.Length);
    }

    /// <summary>Copies a 1-d tensor of T into float64.</summary>
    public static double[] ToDoubles<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T> => Float64.From(t);

    /// <summary>
    /// NumPy's default (<c>method='linear'</c>) percentile of the sorted values: position <c>h = (n − 1)·q/100</c>,
    /// result <c>v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋+1] − v[⌊h⌋])</c>.
    /// </summary>
    public static double Percentile(double[] sorted, double q)
    {
        int n = sorted.Length;
        double h = (n - 1) * (q / 100.0);
        int lo = (int)Math.Floor(h);
        if (lo >= n - 1) return sorted[n - 1];
        double g = h - lo;
        // NumPy's _lerp: a + (b − a)·t, switched to b − (b − a)·(1 − t) for t ≥ 0.5 (exact at the ends).
        double a = sorted[lo], b = sorted[lo + 1], diff = b - a;
        return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
    }

    /// <summary>Column j of a contiguous (n, d) matrix as float64, optionally without NaN.</summary>
    public static double[] Column<T>(ReadOnlySpan<T> data, int n, int d, int j, bool skipNaN = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var col = new List<double>(n);
        for (int i = 0; i < n; i++)
        {
            double v = double.CreateTruncating(data[i * d + j]);
            if (!(skipNaN && double.IsNaN(v))) col.Add(v);
        }
        return [.. col];
    }

    /// <summary>Round-trip text of a float64 option.</summary>
    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Invariant text of a flag.</summary>
    public static string Format(bool v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Checks a number is finite, naming the option.</summary>
    public static void RequireFinite(string estimator, string option, double v)
    {
        if (!double.IsFinite(v)) throw new ArgumentOutOfRangeException(option, v, $"{estimator}: {option} must be finite, got {v}.");
    }
}
