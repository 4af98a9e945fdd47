using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>One histogram bin: the sums of gradients and hessians of the node's samples in the bin, and their count.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct HistBin
{
    /// <summary>Σ g over the bin's samples (float32 gradients summed in float64, as scikit-learn).</summary>
    public double G;

    /// <summary>Σ h over the bin's samples (unused when hessians are constant: the count stands in).</summary>
    public double H;

    /// <summary>Samples in the bin.</summary>
    public int Count;
}

/// <summary>
/// Builds per-node histograms (features × bins of <see cref="HistBin"/>) from byte-binned column-major data, and
/// derives a sibling's histogram by subtraction (parent − built child), which is why only the smaller child of a
/// split is ever summed. Features are processed in parallel, each feature's bins summed sequentially over the node's
/// samples in ascending row order, so the sums do not depend on the thread count and equal scikit-learn's.
/// </summary>
internal sealed class HistHistograms
{
    /// <summary>Sample × feature updates below which a node's histograms are summed on the calling thread.</summary>
    internal const long ParallelWork = 400_000;

    private readonly byte[] binned;
    private readonly int n, d;
    private readonly Stack<HistBin[]> pool = new();
    private float[] orderedG = [], orderedH = [];

    /// <summary>Builder over binned data (d × n column-major) with <paramref name="stride"/> bins per feature.</summary>
    public HistHistograms(byte[] binned, int n, int d, int stride)
    {
        this.binned = binned;
        this.n = n;
        this.d = d;
        Stride = stride;
    }

    /// <summary>Bins per feature in a histogram (maxBins + 1: the last is the missing-value bin).</summary>
    public int Stride { get; }

    /// <summary>A zeroed histogram array (features × stride) from the pool.</summary>
    public HistBin[] Rent()
    {
        if (pool.TryPop(out var h)) { Array.Clear(h); return h; }
        return new HistBin[d * Stride];
    }

    /// <summary>Returns a histogram to the pool.</summary>
    public void Return(HistBin[]? h)
    {
        if (h is not null) pool.Push(h);
    }

    /// <summary>
    /// Sums the histograms of the samples partition[start … start + m) (ascending row ids) for
    /// <paramref name="features"/> (null = all); <paramref name="isRoot"/> means every row in order.
    /// <paramref name="hessians"/> null means constant hessians (only gradients and counts summed).
    /// </summary>
    public HistBin[] Build(int[] partition, int start, int m, bool isRoot, float[] gradients, float[]? hessians, int[]? features)
    {
        var hist = Rent();
        var rows = partition.AsSpan(start, m);
        float[] g = gradients, h = hessians ?? [];
        if (!isRoot)
        {
            if (orderedG.Length < m) { orderedG = new float[n]; orderedH = hessians is null ? [] : new float[n]; }
            if (hessians is not null && orderedH.Length < m) orderedH = new float[n];
            for (int i = 0; i < m; i++) orderedG[i] = gradients[rows[i]];
            if (hessians is not null) for (int i = 0; i < m; i++) orderedH[i] = hessians[rows[i]];
            g = orderedG;
            h = hessians is null ? [] : orderedH;
        }
        int count = features?.Length ?? d;
        int[]? rowArray = isRoot ? null : partition;
        bool withH = hessians is not null;
        // Blocks of four features share each sample's row id, gradient and hessian loads; every (feature, bin) sum
        // still runs over the samples in ascending order, so blocking changes no result.
        int blocks = (count + 3) / 4;
        void Block(int blk)
        {
            int k0 = blk * 4;
            if (withH && k0 + 4 <= count)
            {
                Four(hist, features?[k0] ?? k0, features?[k0 + 1] ?? k0 + 1, features?[k0 + 2] ?? k0 + 2, features?[k0 + 3] ?? k0 + 3, rowArray, start, m, g, h);
                return;
            }
            for (int k = k0; k < Math.Min(count, k0 + 4); k++) One(hist, features?[k] ?? k, rowArray, start, m, g, h, withH);
        }
        if ((long)m * count < ParallelWork || Parallelism.MaxThreads <= 1) for (int b = 0; b < blocks; b++) Block(b);
        else Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Parallelism.MaxThreads }, Block);
        return hist;
    }

    /// <summary>Σ over samples for four features at once (hessians summed).</summary>
    private void Four(HistBin[] hist, int f0, int f1, int f2, int f3, int[]? rows, int start, int m, float[] g, float[] h)
    {
        ref HistBin b0 = ref hist[f0 * Stride];
        ref HistBin b1 = ref hist[f1 * Stride];
        ref HistBin b2 = ref hist[f2 * Stride];
        ref HistBin b3 = ref hist[f3 * Stride];
        ref byte c0 = ref binned[(long)f0 * n];
        ref byte c1 = ref binned[(long)f1 * n];
        ref byte c2 = ref binned[(long)f2 * n];
        ref byte c3 = ref binned[(long)f3 * n];
        ref float gr = ref MemoryMarshal.GetArrayDataReference(g);
        ref float hr = ref MemoryMarshal.GetArrayDataReference(h);
        if (rows is null)
        {
            for (int i = 0; i < m; i++)
                Add4(ref b0, ref b1, ref b2, ref b3, Unsafe.Add(ref c0, i), Unsafe.Add(ref c1, i), Unsafe.Add(ref c2, i), Unsafe.Add(ref c3, i),
                    Unsafe.Add(ref gr, i), Unsafe.Add(ref hr, i));
            return;
        }
        ref int rr = ref rows[start];
        for (int i = 0; i < m; i++)
        {
            int r = Unsafe.Add(ref rr, i);
            Add4(ref b0, ref b1, ref b2, ref b3, Unsafe.Add(ref c0, r), Unsafe.Add(ref c1, r), Unsafe.Add(ref c2, r), Unsafe.Add(ref c3, r),
                Unsafe.Add(ref gr, i), Unsafe.Add(ref hr, i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add4(ref HistBin b0, ref HistBin b1, ref HistBin b2, ref HistBin b3, byte v0, byte v1, byte v2, byte v3, double gi, double hi)
    {
        ref HistBin x0 = ref Unsafe.Add(ref b0, v0);
        x0.G += gi; x0.H += hi; x0.Count++;
        ref HistBin x1 = ref Unsafe.Add(ref b1, v1);
        x1.G += gi; x1.H += hi; x1.Count++;
        ref HistBin x2 = ref Unsafe.Add(ref b2, v2);
        x2.G += gi; x2.H += hi; x2.Count++;
        ref HistBin x3 = ref Unsafe.Add(ref b3, v3);
        x3.G += gi; x3.H += hi; x3.Count++;
    }

    /// <summary>Σ over samples for one feature: root (rows null: every row in order) or a node (gathered gradients).</summary>
    private void One(HistBin[] hist, int f, int[]? rows, int start, int m, float[] g, float[] h, bool withHessians)
    {
        ref HistBin b0 = ref hist[f * Stride];
        ref byte col = ref binned[(long)f * n];
        ref float gr = ref MemoryMarshal.GetArrayDataReference(g);
        if (rows is null)
        {
            if (withHessians)
            {
                ref float hr = ref MemoryMarshal.GetArrayDataReference(h);
                for (int i = 0; i < m; i++)
                {
                    ref HistBin b = ref Unsafe.Add(ref b0, Unsafe.Add(ref col, i));
                    b.G += Unsafe.Add(ref gr, i);
                    b.H += Unsafe.Add(ref hr, i);
                    b.Count++;
                }
            }
            else
            {
                for (int i = 0; i < m; i++)
                {
                    ref HistBin b = ref Unsafe.Add(ref b0, Unsafe.Add(ref col, i));
                    b.G += Unsafe.Add(ref gr, i);
                    b.Count++;
                }
            }
            return;
        }
        ref int rr = ref rows[start];
        if (withHessians)
        {
            ref float hr = ref MemoryMarshal.GetArrayDataReference(h);
            for (int i = 0; i < m; i++)
            {
                ref HistBin b = ref Unsafe.Add(ref b0, Unsafe.Add(ref col, Unsafe.Add(ref rr, i)));
                b.G += Unsafe.Add(ref gr, i);
                b.H += Unsafe.Add(ref hr, i);
                b.Count++;
            }
        }
        else
        {
            for (int i = 0; i < m; i++)
            {
                ref HistBin b = ref Unsafe.Add(ref b0, Unsafe.Add(ref col, Unsafe.Add(ref rr, i)));
                b.G += Unsafe.Add(ref gr, i);
                b.Count++;
            }
        }
    }

    /// <summary>parent − child for <paramref name="features"/> (null = all): the histogram of the child's sibling.</summary>
    public HistBin[] Subtract(HistBin[] parent, HistBin[] child, int[]? features)
    {
        var result = Rent();
        int count = features?.Length ?? d;
        for (int k = 0; k < count; k++)
        {
            int start = (features?[k] ?? k) * Stride;
            for (int b = start; b < start + Stride; b++)
            {
                result[b].G = parent[b].G - child[b].G;
                result[b].H = parent[b].H - child[b].H;
                result[b].Count = parent[b].Count - child[b].Count;
            }
        }
        return result;
    }
}
