namespace Scratch.ML.Cpu;

/// <summary>
/// Walks the rows of up to three operands that share one (broadcast) shape: the innermost axis is a "row" that a span
/// kernel processes; the outer axes are counted like an odometer. Adjacent axes that are contiguous with each other
/// in every operand are merged first ("coalescing"), so a contiguous tensor is one long row and a transposed or
/// sliced one has as few, as long rows as its layout allows.
/// </summary>
/// <remarks>Each thread creates its own iterator and <see cref="Seek"/>s to its first row.</remarks>
internal struct RowIterator
{
    private readonly int[] outer;      // sizes of the outer (coalesced) axes
    private readonly int[] sa, sb, sc; // outer strides of each operand
    private readonly int[] index;      // current multi-index over the outer axes

    /// <summary>The number of rows (product of the outer axes).</summary>
    public readonly int Rows;
    /// <summary>The length of each row.</summary>
    public readonly int Inner;
    /// <summary>The step between row elements in operand A, B and C.</summary>
    public readonly int InnerStrideA, InnerStrideB, InnerStrideC;
    /// <summary>The storage offset of the current row's first element in each operand, relative to its tensor's offset.</summary>
    public int OffsetA, OffsetB, OffsetC;

    /// <summary>Builds the iterator for one to three operands; pass the same strides again for unused operands.</summary>
    public RowIterator(int[] shape, int[] stridesA, int[] stridesB, int[]? stridesC = null)
    {
        stridesC ??= stridesB;
        // Drop size-1 axes, then merge axis pairs that are contiguous in every operand.
        var dims = new List<(int n, int a, int b, int c)>(shape.Length);
        for (int i = 0; i < shape.Length; i++)
            if (shape[i] != 1) dims.Add((shape[i], stridesA[i], stridesB[i], stridesC[i]));
        for (int i = dims.Count - 2; i >= 0; i--)
        {
            var (n0, a0, b0, c0) = dims[i];
            var (n1, a1, b1, c1) = dims[i + 1];
            if (a0 == a1 * n1 && b0 == b1 * n1 && c0 == c1 * n1)
            {
                dims[i] = (n0 * n1, a1, b1, c1);
                dims.RemoveAt(i + 1);
            }
        }
        if (dims.Count == 0) dims.Add((Shapes.Numel(shape), 1, 1, 1));
        var last = dims[^1];
        Inner = last.n;
        InnerStrideA = last.a;
        InnerStrideB = last.b;
        InnerStrideC = last.c;
        int r = dims.Count - 1;
        outer = new int[r];
        sa = new int[r];
        sb = new int[r];
        sc = new int[r];
        index = new int[r];
        int rows = 1;
        for (int i = 0; i < r; i++)
        {
            (outer[i], sa[i], sb[i], sc[i]) = dims[i];
            rows *= outer[i];
        }
        Rows = rows;
        OffsetA = OffsetB = OffsetC = 0;
    }

    /// <summary>Positions the iterator at row <paramref name="row"/> (0 ≤ row &lt; <see cref="Rows"/>).</summary>
    public void Seek(int row)
    {
        OffsetA = OffsetB = OffsetC = 0;
        for (int i = outer.Length - 1; i >= 0; i--)
        {
            int k = row % outer[i];
            row /= outer[i];
            index[i] = k;
            OffsetA += k * sa[i];
            OffsetB += k * sb[i];
            OffsetC += k * sc[i];
        }
    }

    /// <summary>Advances to the next row (odometer increment with carry).</summary>
    public void MoveNext()
    {
        for (int i = outer.Length - 1; i >= 0; i--)
        {
            index[i]++;
            OffsetA += sa[i];
            OffsetB += sb[i];
            OffsetC += sc[i];
            if (index[i] < outer[i]) return;
            OffsetA -= sa[i] * outer[i];
            OffsetB -= sb[i] * outer[i];
            OffsetC -= sc[i] * outer[i];
            index[i] = 0;
        }
    }

    /// <summary>
    /// Splits <see cref="Rows"/> into blocks of about <paramref name="grain"/> elements each (at least one row), so a
    /// parallel loop gets chunk boundaries that depend only on the shape.
    /// </summary>
    public readonly (int RowsPerChunk, int Chunks) Chunking(int grain)
    {
        int rowsPerChunk = Math.Max(1, grain / Math.Max(1, Inner));
        return (rowsPerChunk, (Rows + rowsPerChunk - 1) / rowsPerChunk);
    }
}
