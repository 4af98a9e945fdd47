namespace Scratch.ML.Cpu;

/// <summary>
/// An odometer over a list of (size, stride) dimensions, tracking the storage offset of the current position in two
/// operands. Used by the reduction, scan and sort drivers to walk the outer (kept) axes and the reduced axes
/// separately — the split that <see cref="RowIterator"/> (one shared inner row) does not make.
/// </summary>
/// <remarks>A struct with array fields: each thread copies the template with <see cref="Clone"/> and seeks.</remarks>
internal struct StridedCursor
{
    private readonly int[] sizes, stridesA, stridesB;
    private readonly int[] index;

    /// <summary>Offset of the current position in operand A (relative to its tensor's offset).</summary>
    public int OffsetA;
    /// <summary>Offset of the current position in operand B.</summary>
    public int OffsetB;

    /// <summary>The number of positions (product of the sizes; 1 for no dimensions).</summary>
    public readonly int Count;

    public StridedCursor(int[] sizes, int[] stridesA, int[] stridesB)
    {
        this.sizes = sizes;
        this.stridesA = stridesA;
        this.stridesB = stridesB;
        index = new int[sizes.Length];
        int count = 1;
        foreach (int n in sizes) count *= n;
        Count = count;
        OffsetA = OffsetB = 0;
    }

    /// <summary>A fresh cursor over the same dimensions, positioned at 0.</summary>
    public readonly StridedCursor Clone() => new(sizes, stridesA, stridesB);

    /// <summary>Positions the cursor at linear position <paramref name="position"/> (row-major over the dimensions).</summary>
    public void Seek(int position)
    {
        OffsetA = OffsetB = 0;
        if (Count == 0) return;
        for (int i = sizes.Length - 1; i >= 0; i--)
        {
            int k = position % sizes[i];
            position /= sizes[i];
            index[i] = k;
            OffsetA += k * stridesA[i];
            OffsetB += k * stridesB[i];
        }
    }

    /// <summary>Advances one position (odometer increment with carry).</summary>
    public void MoveNext()
    {
        for (int i = sizes.Length - 1; i >= 0; i--)
        {
            index[i]++;
            OffsetA += stridesA[i];
            OffsetB += stridesB[i];
            if (index[i] < sizes[i]) return;
            OffsetA -= stridesA[i] * sizes[i];
            OffsetB -= stridesB[i] * sizes[i];
            index[i] = 0;
        }
    }

    /// <summary>
    /// Drops size-1 dimensions and merges neighbours that are contiguous with each other in both operands
    /// (<c>stride[i] == stride[i+1]·size[i+1]</c>), keeping row-major order.
    /// </summary>
    public static (int[] Sizes, int[] StridesA, int[] StridesB) Coalesce(List<(int N, int A, int B)> dims)
    {
        var d = new List<(int N, int A, int B)>(dims.Count);
        foreach (var t in dims) if (t.N != 1) d.Add(t);
        for (int i = d.Count - 2; i >= 0; i--)
        {
            var (n0, a0, b0) = d[i];
            var (n1, a1, b1) = d[i + 1];
            if (a0 == a1 * n1 && b0 == b1 * n1)
            {
                d[i] = (n0 * n1, a1, b1);
                d.RemoveAt(i + 1);
            }
        }
        var sizes = new int[d.Count];
        var sa = new int[d.Count];
        var sb = new int[d.Count];
        for (int i = 0; i < d.Count; i++) (sizes[i], sa[i], sb[i]) = d[i];
        return (sizes, sa, sb);
    }
}
