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
/// split is ever summed. The work comes in blocks of four features (<see cref="HistNodeSearch"/> runs blocks in
/// parallel); each feature's bins are summed sequentially over the node's samples in ascending row order, so the sums
/// do not depend on the thread count and equal scikit-learn's.
/// </summary>
internal sealed class HistHistograms
{
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

    /// <summary>
    /// A histogram array (features × stride) from the pool, NOT cleared: <see cref="BuildBlock"/> zeroes the features it
    /// sums and <see cref="SubtractBlock"/> overwrites them, and no one reads a feature neither has written.
    /// </summary>
    public HistBin[] Rent() => pool.TryPop(out var h) ? h : new HistBin[d * Stride];

    /// <summary>Returns a histogram to the pool.</summary>
    public void Return(HistBin[]? h)
    {
        if (h is not null) pool.Push(h);
    }

    /// <summary>
    /// The gradients (and hessians) of a node's samples partition[start … start + m) gathered into contiguous order,
    /// so that the histogram loops read them sequentially; the root (<paramref name="isRoot"/>: every row in order)
    /// reads the arrays themselves. Hessians null (constant) give an empty array.
    /// </summary>
    public (float[] G, float[] H) Gather(int[] partition, int start, int m, bool isRoot, float[] gradients, float[]? hessians)
    {
        if (isRoot) return (gradients, hessians ?? []);
        if (orderedG.Length < m) orderedG = new float[n];
        if (hessians is not null && orderedH.Length < m) orderedH = new float[n];
        var rows = partition.AsSpan(start, m);
        for (int i = 0; i < m; i++) orderedG[i] = gradients[rows[i]];
        if (hessians is not null) for (int i = 0; i < m; i++) orderedH[i] = hessians[rows[i]];
        return (orderedG, hessians is null ? [] : orderedH);
    }

    /// <summary>
    /// Zeroes and sums the histograms of features[k0 … min(k0 + 4, count)) (null = features k0 …) over the node's m
    /// samples: rows null means the root (every row in order), else the row ids partition[start …]; g and h are the
    /// gathered gradients and hessians (<see cref="Gather"/>). Every (feature, bin) sum runs over the samples in
    /// ascending order, so the result does not depend on which thread sums which block.
    /// </summary>
    public void BuildBlock(HistBin[] hist, int k0, int count, int[]? features, int[]? rows, int start, int m, float[] g, float[] h, bool withH)
    {
        int end = Math.Min(count, k0 + 4);
        for (int k = k0; k < end; k++) Array.Clear(hist, (features?[k] ?? k) * Stride, Stride);
        // Blocks of four features share each sample's row id, gradient and hessian loads.
        if (withH && end - k0 == 4)
        {
            Four(hist, features?[k0] ?? k0, features?[k0 + 1] ?? k0 + 1, features?[k0 + 2] ?? k0 + 2, features?[k0 + 3] ?? k0 + 3, rows, start, m, g, h);
            return;
        }
        for (int k = k0; k < end; k++) One(hist, features?[k] ?? k, rows, start, m, g, h, withH);
    }

    /// <summary>
    /// Sums the histograms of the samples partition[start … start + m) on the calling thread (the slow, plain twin of
    /// the grower's parallel blocks).
    /// </summary>
    public HistBin[] Build(int[] partition, int start, int m, bool isRoot, float[] gradients, float[]? hessians, int[]? features)
    {
        var hist = Rent();
        var (g, h) = Gather(partition, start, m, isRoot, gradients, hessians);
        int count = features?.Length ?? d;
        for (int k0 = 0; k0 < count; k0 += 4) BuildBlock(hist, k0, count, features, isRoot ? null : partition, start, m, g, h, hessians is not null);
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

    /// <summary>result = parent − child for features[k0 … min(k0 + 4, count)) (null = features k0 …): a sibling's histogram.</summary>
    public void SubtractBlock(HistBin[] parent, HistBin[] child, HistBin[] result, int k0, int count, int[]? features)
    {
        int end = Math.Min(count, k0 + 4);
        for (int k = k0; k < end; k++)
        {
            int first = (features?[k] ?? k) * Stride;
            for (int b = first; b < first + Stride; b++)
            {
                result[b].G = parent[b].G - child[b].G;
                result[b].H = parent[b].H - child[b].H;
                result[b].Count = parent[b].Count - child[b].Count;
            }
        }
    }
}
