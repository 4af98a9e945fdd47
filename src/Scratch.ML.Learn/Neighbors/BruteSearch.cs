using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Scratch.ML.Cpu;

namespace Scratch.ML.Learn.Neighbors;

/// <summary>
/// The search interface shared by the brute-force scan and the trees: k nearest and radius queries over float64 rows,
/// answering reduced distances (<see cref="SearchMetric.Rdist"/>) sorted by (rdist, training index).
/// </summary>
internal interface INeighborSearch
{
    /// <summary>The k nearest rows of each of the m queries q (m · d): rdist and indices, row-major (m · k), sorted.</summary>
    void KNearest(double[] q, int m, int k, double[] rdist, int[] idx);

    /// <summary>Every row with distance ≤ r of each query: per query its rdists and indices, sorted when asked (else in search order).</summary>
    (double[][] Rdist, int[][] Indices) Radius(double[] q, int m, double r, bool sort);
}

/// <summary>
/// Brute force: every query against every stored row, parallel over blocks of <see cref="QueryBlock"/> queries. For
/// Euclidean and cosine the scan uses GEMM on blocks of queries × <see cref="TrainBlock"/> rows
/// (‖y‖² − 2 x·y ranks the rows of one query like ‖x − y‖²), keeps a few more candidates than asked in a bounded
/// heap, then recomputes the candidates' distances exactly (<see cref="SearchMetric.Rdist"/>) and keeps the best k, so
/// the answers equal those of the trees. Radius queries select with a rounding margin and confirm exactly.
/// </summary>
internal sealed class BruteSearch : INeighborSearch
{
    public const int QueryBlock = 64;
    public const int TrainBlock = 2048;

    /// <summary>
    /// Queries per block of the GEMM k-nearest scan. With d small (the cross-term GEMM has K = d), packing both
    /// operands costs about as much as the multiply itself unless the product is close to square: 512 × 512 blocks
    /// pack 4× fewer elements per multiply-add than 64 × 2048, and the 2 MiB block of products stays in cache for the scan.
    /// </summary>
    public const int GemmQueryBlock = 512;

    /// <summary>Training rows per block of the GEMM k-nearest scan (see <see cref="GemmQueryBlock"/>).</summary>
    public const int GemmTrainBlock = 512;

    private readonly double[] x;
    private readonly int n, d;
    private readonly SearchMetric metric;
    private readonly double[]? gemmRows; // x itself (Euclidean) or the unit-normalised rows (cosine)
    private readonly double[]? norms;    // ‖y‖² per stored row (Euclidean)

    public BruteSearch(double[] x, int n, int d, SearchMetric metric)
    {
        this.x = x; this.n = n; this.d = d; this.metric = metric;
        if (metric.Metric == NeighborMetric.Euclidean)
        {
            gemmRows = x;
            norms = SquaredNorms(x, n, d);
        }
        else if (metric.Metric == NeighborMetric.Cosine) gemmRows = Normalised(x, n, d);
    }

    private bool UsesGemm => gemmRows is not null;

    public void KNearest(double[] q, int m, int k, double[] rdist, int[] idx)
    {
        int block = UsesGemm ? GemmQueryBlock : QueryBlock;
        int blocks = (m + block - 1) / block;
        double[]? qg = metric.Metric == NeighborMetric.Cosine ? Normalised(q, m, d) : q;
        Parallelism.For(blocks, b =>
        {
            int r0 = b * block, rows = Math.Min(block, m - r0);
            if (UsesGemm) GemmBlock(q, qg, r0, rows, k, rdist, idx);
            else DirectBlock(q, r0, rows, k, rdist, idx);
        });
    }

    private void DirectBlock(double[] q, int r0, int rows, int k, double[] rdist, int[] idx)
    {
        for (int r = r0; r < r0 + rows; r++)
        {
            var hd = rdist.AsSpan(r * k, k);
            var hi = idx.AsSpan(r * k, k);
            var qr = q.AsSpan(r * d, d);
            int count = 0;
            double bound = double.PositiveInfinity;
            for (int j = 0; j < n; j++)
            {
                double v = metric.Rdist(qr, x.AsSpan(j * d, d));
                if (v <= bound) { count = PairHeap.Push(hd, hi, count, v, j); bound = PairHeap.Bound(hd, count); }
            }
            PairHeap.Sort(hd, hi, count);
        }
    }

    private void GemmBlock(double[] q, double[] qg, int r0, int rows, int k, double[] rdist, int[] idx)
    {
        int kk = Math.Min(n, k + Math.Max(k, 4)); // spare candidates absorb GEMM rounding near the k-th distance
        var hd = new double[rows * kk];
        var hi = new int[rows * kk];
        var counts = new int[rows];
        var g = ArrayPool<double>.Shared.Rent(rows * GemmTrainBlock);
        bool cosine = metric.Metric == NeighborMetric.Cosine;
        try
        {
            for (int t0 = 0; t0 < n; t0 += GemmTrainBlock)
            {
                int tb = Math.Min(GemmTrainBlock, n - t0);
                // g = α · Q_block · X_chunkᵀ: α = −2 gives the cross term of ‖y‖² − 2x·y, α = −1 gives −cos for cosine.
                Gemm.Multiply(rows, tb, d, cosine ? -1.0 : -2.0, qg.AsSpan(r0 * d, rows * d), d, 1,
                    gemmRows!.AsSpan(t0 * d, tb * d), 1, d, 0.0, g.AsSpan(0, rows * tb), tb, 1);
                for (int r = 0; r < rows; r++)
                    counts[r] = ScanRow(g.AsSpan(r * tb, tb), cosine ? default : norms!.AsSpan(t0, tb), t0,
                        hd.AsSpan(r * kk, kk), hi.AsSpan(r * kk, kk), counts[r]);
            }
        }
        finally { ArrayPool<double>.Shared.Return(g); }
        for (int r = 0; r < rows; r++)
        {
            var cd = hd.AsSpan(r * kk, counts[r]);
            var ci = hi.AsSpan(r * kk, counts[r]);
            var qr = q.AsSpan((r0 + r) * d, d);
            for (int c = 0; c < cd.Length; c++) cd[c] = metric.Rdist(qr, x.AsSpan(ci[c] * d, d));
            PairHeap.Sort(cd, ci, cd.Length);
            cd[..k].CopyTo(rdist.AsSpan((r0 + r) * k, k));
            ci[..k].CopyTo(idx.AsSpan((r0 + r) * k, k));
        }
    }

    /// <summary>Offers v_j = norms[j] + g[j] (or g[j] alone) of one query row to its heap; vectorised rejection of rows that cannot enter.</summary>
    private static int ScanRow(ReadOnlySpan<double> g, ReadOnlySpan<double> norms, int t0, Span<double> hd, Span<int> hi, int count)
    {
        bool withNorms = !norms.IsEmpty;
        double bound = PairHeap.Bound(hd, count);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            ref double g0 = ref MemoryMarshal.GetReference(g);
            ref double n0 = ref MemoryMarshal.GetReference(norms);
            for (; j <= g.Length - 8; j += 8)
            {
                var v = Vector512.LoadUnsafe(ref g0, (nuint)j);
                if (withNorms) v += Vector512.LoadUnsafe(ref n0, (nuint)j);
                ulong mask = Vector512.LessThanOrEqual(v, Vector512.Create(bound)).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    int l = BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    double s = v.GetElement(l);
                    if (s <= bound) { count = PairHeap.Push(hd, hi, count, s, t0 + j + l); bound = PairHeap.Bound(hd, count); }
                }
            }
        }
        int w = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            for (; j <= g.Length - w; j += w)
            {
                var v = new Vector<double>(g[j..]);
                if (withNorms) v += new Vector<double>(norms[j..]);
                if (!Vector.LessThanOrEqualAny(v, new Vector<double>(bound))) continue;
                for (int l = 0; l < w; l++)
                {
                    double s = v[l];
                    if (s <= bound) { count = PairHeap.Push(hd, hi, count, s, t0 + j + l); bound = PairHeap.Bound(hd, count); }
                }
            }
        }
        for (; j < g.Length; j++)
        {
            double s = withNorms ? norms[j] + g[j] : g[j];
            if (s <= bound) { count = PairHeap.Push(hd, hi, count, s, t0 + j); bound = PairHeap.Bound(hd, count); }
        }
        return count;
    }

    public (double[][] Rdist, int[][] Indices) Radius(double[] q, int m, double r, bool sort)
    {
        var outD = new double[m][];
        var outI = new int[m][];
        int blocks = (m + QueryBlock - 1) / QueryBlock;
        double[] qg = metric.Metric == NeighborMetric.Cosine ? Normalised(q, m, d) : q;
        double[]? qNorms = metric.Metric == NeighborMetric.Euclidean ? SquaredNorms(q, m, d) : null;
        // The GEMM value of one pair is off by at most about d·ε·(‖x‖² + ‖y‖²) (ε = 2⁻⁵³); 4× that is the margin.
        double slack = 4 * (d + 4) * 1.1102230246251565e-16;
        double rr = metric.ToRdist(r);
        Parallelism.For(blocks, b =>
        {
            int r0 = b * QueryBlock, rows = Math.Min(QueryBlock, m - r0);
            var lists = new List<int>[rows];
            for (int a = 0; a < rows; a++) lists[a] = [];
            if (UsesGemm)
            {
                var g = ArrayPool<double>.Shared.Rent(rows * TrainBlock);
                try
                {
                    for (int t0 = 0; t0 < n; t0 += TrainBlock)
                    {
                        int tb = Math.Min(TrainBlock, n - t0);
                        Gemm.Multiply(rows, tb, d, qNorms is null ? -1.0 : -2.0, qg.AsSpan(r0 * d, rows * d), d, 1,
                            gemmRows!.AsSpan(t0 * d, tb * d), 1, d, 0.0, g.AsSpan(0, rows * tb), tb, 1);
                        for (int a = 0; a < rows; a++)
                            for (int j = 0; j < tb; j++)
                            {
                                bool maybe = qNorms is null
                                    ? 1 + g[a * tb + j] <= r + 2 * slack
                                    : qNorms[r0 + a] + norms![t0 + j] + g[a * tb + j] <= rr + slack * (qNorms[r0 + a] + norms[t0 + j]);
                                if (maybe) lists[a].Add(t0 + j);
                            }
                    }
                }
                finally { ArrayPool<double>.Shared.Return(g); }
            }
            for (int a = 0; a < rows; a++)
            {
                var qr = q.AsSpan((r0 + a) * d, d);
                var hits = new List<int>();
                var ds = new List<double>();
                if (UsesGemm) foreach (int j in lists[a]) Confirm(qr, j);
                else for (int j = 0; j < n; j++) Confirm(qr, j);
                outI[r0 + a] = [.. hits];
                outD[r0 + a] = [.. ds];
                if (sort) PairHeap.SortPairs(outD[r0 + a], outI[r0 + a]);

                void Confirm(ReadOnlySpan<double> qrow, int j)
                {
                    double v = metric.Rdist(qrow, x.AsSpan(j * d, d));
                    if (metric.ToDistance(v) <= r) { hits.Add(j); ds.Add(v); }
                }
            }
        });
        return (outD, outI);
    }

    internal static double[] SquaredNorms(double[] a, int rows, int d)
    {
        var r = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double s = 0;
            for (int k = 0; k < d; k++) s += a[i * d + k] * a[i * d + k];
            r[i] = s;
        }
        return r;
    }

    private static double[] Normalised(double[] a, int rows, int d)
    {
        var r = new double[a.Length];
        for (int i = 0; i < rows; i++)
        {
            double s = 0;
            for (int k = 0; k < d; k++) s += a[i * d + k] * a[i * d + k];
            double inv = s == 0 ? 0 : 1 / Math.Sqrt(s);
            for (int k = 0; k < d; k++) r[i * d + k] = a[i * d + k] * inv;
        }
        return r;
    }
}
