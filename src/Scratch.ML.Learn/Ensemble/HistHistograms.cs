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
        if ((long)m * count < 40_000)
        {
            for (int k = 0; k < count; k++) One(hist, features?[k] ?? k, rowArray, start, m, g, h, hessians is not null);
        }
        else
        {
            Parallel.For(0, count, k => One(hist, features?[k] ?? k, rowArray, start, m, g, h, hessians is not null));
        }
        return hist;
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
