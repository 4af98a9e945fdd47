using System.Numerics;

namespace Scratch.ML.Learn.Neighbors;

/// <summary>The distance used by the neighbour searches.</summary>
public enum NeighborMetric
{
    /// <summary>‖a − b‖₂, computed as √max(0, ‖a‖² − 2a·b + ‖b‖²) with one matrix product (GEMM).</summary>
    Euclidean,

    /// <summary>Σⱼ |aⱼ − bⱼ| (L1, city block).</summary>
    Manhattan,

    /// <summary>maxⱼ |aⱼ − bⱼ| (L∞).</summary>
    Chebyshev,

    /// <summary>(Σⱼ |aⱼ − bⱼ|ᵖ)^(1/p) for p ≥ 1; p = 2 uses the Euclidean GEMM path.</summary>
    Minkowski,

    /// <summary>1 − a·b / (‖a‖ ‖b‖), clipped to [0, 2]; a zero vector has similarity 0 (distance 1) to everything.</summary>
    Cosine,
}

/// <summary>Pairwise distances between the rows of two matrices, computed in float64.</summary>
public static class PairwiseDistances
{
    /// <summary>
    /// The (m, n) matrix D[i, j] = dist(a[i], b[j]) for a: (m, d) and b: (n, d). Euclidean (and Minkowski with p = 2)
    /// uses D² = ‖a‖² − 2 a·bᵀ + ‖b‖² from one matrix product, clamped at 0 before the square root, so a point's
    /// distance to itself is 0 or a rounding-level positive number; the other metrics loop directly.
    /// </summary>
    /// <param name="a">Queries (m, d), finite.</param>
    /// <param name="b">Reference points (n, d), finite.</param>
    /// <param name="metric">The metric.</param>
    /// <param name="p">The Minkowski power (≥ 1); ignored by the other metrics.</param>
    /// <returns>Row-major (m · n) distances in float64.</returns>
    /// <exception cref="ArgumentException">a or b is not a matrix, or their feature counts differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">p &lt; 1 or not finite for Minkowski.</exception>
    public static double[] Compute<T>(Tensor<T> a, Tensor<T> b, NeighborMetric metric, double p = 2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (qa, qb, m, n, d) = Prepare(a, b, metric, p);
        if (metric == NeighborMetric.Euclidean || (metric == NeighborMetric.Minkowski && p == 2)) return Euclidean(qa, qb, m, n, d);
        if (metric == NeighborMetric.Cosine) return Cosine(qa, qb, m, n, d);
        var result = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) result[i * n + j] = Direct(qa, i, qb, j, d, metric, p);
        return result;
    }

    /// <summary>The slow reference twin of <see cref="Compute"/>: every distance from its textbook formula, one pair at a time.</summary>
    internal static double[] Reference<T>(Tensor<T> a, Tensor<T> b, NeighborMetric metric, double p = 2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (qa, qb, m, n, d) = Prepare(a, b, metric, p);
        var result = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                if (metric == NeighborMetric.Cosine)
                {
                    double dot = 0, na = 0, nb = 0;
                    for (int k = 0; k < d; k++) { dot += qa[i * d + k] * qb[j * d + k]; na += qa[i * d + k] * qa[i * d + k]; nb += qb[j * d + k] * qb[j * d + k]; }
                    double s = na == 0 || nb == 0 ? 0 : dot / (Math.Sqrt(na) * Math.Sqrt(nb));
                    result[i * n + j] = Math.Clamp(1 - s, 0, 2);
                }
                else result[i * n + j] = Direct(qa, i, qb, j, d, metric == NeighborMetric.Euclidean ? NeighborMetric.Minkowski : metric, metric == NeighborMetric.Euclidean ? 2 : p);
            }
        return result;
    }

    private static (double[] A, double[] B, int M, int N, int D) Prepare<T>(Tensor<T> a, Tensor<T> b, NeighborMetric metric, double p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!Enum.IsDefined(metric)) throw new ArgumentOutOfRangeException(nameof(metric), metric, "PairwiseDistances: unknown metric.");
        if (metric == NeighborMetric.Minkowski && !(p >= 1 && double.IsFinite(p)))
            throw new ArgumentOutOfRangeException(nameof(p), p, "PairwiseDistances: the Minkowski power p must be finite and ≥ 1.");
        if (a.Rank != 2 || b.Rank != 2 || a.Shape[1] != b.Shape[1])
            throw new ArgumentException($"PairwiseDistances: a and b must be matrices with the same feature count, got {Shapes.Format(a.Shape)} and {Shapes.Format(b.Shape)}.", nameof(b));
        return (Float64.From(a), Float64.From(b), a.Shape[0], b.Shape[0], a.Shape[1]);
    }

    private static double Direct(double[] a, int i, double[] b, int j, int d, NeighborMetric metric, double p)
    {
        double acc = 0;
        for (int k = 0; k < d; k++)
        {
            double r = Math.Abs(a[i * d + k] - b[j * d + k]);
            acc = metric switch
            {
                NeighborMetric.Manhattan => acc + r,
                NeighborMetric.Chebyshev => Math.Max(acc, r),
                _ => acc + Math.Pow(r, p),
            };
        }
        return metric == NeighborMetric.Minkowski ? Math.Pow(acc, 1 / p) : acc;
    }

    private static double[] Gram(double[] a, double[] b, int m, int n, int d)
    {
        using var _ = Autograd.NoGrad();
        return Tensor.FromArray(a, m, d).MatMul(Tensor.FromArray(b, n, d).MT).Contiguous().ToArray();
    }

    private static double[] SquaredNorms(double[] a, int rows, int d)
    {
        var r = new double[rows];
        for (int i = 0; i < rows; i++)
            for (int k = 0; k < d; k++) r[i] += a[i * d + k] * a[i * d + k];
        return r;
    }

    private static double[] Euclidean(double[] a, double[] b, int m, int n, int d)
    {
        var g = Gram(a, b, m, n, d);
        var na = SquaredNorms(a, m, d);
        var nb = SquaredNorms(b, n, d);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) g[i * n + j] = Math.Sqrt(Math.Max(0, na[i] - 2 * g[i * n + j] + nb[j]));
        return g;
    }

    private static double[] Cosine(double[] a, double[] b, int m, int n, int d)
    {
        var g = Gram(a, b, m, n, d);
        var na = SquaredNorms(a, m, d);
        var nb = SquaredNorms(b, n, d);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = na[i] == 0 || nb[j] == 0 ? 0 : g[i * n + j] / (Math.Sqrt(na[i]) * Math.Sqrt(nb[j]));
                g[i * n + j] = Math.Clamp(1 - s, 0, 2);
            }
        return g;
    }
}
