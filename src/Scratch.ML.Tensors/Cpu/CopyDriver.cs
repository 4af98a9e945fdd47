namespace Scratch.ML.Cpu;

/// <summary>Strided copy and fill: the data-movement primitives every view-materialising op is built on.</summary>
internal static class CopyDriver
{
    private const int Grain = 1 << 16;

    /// <summary><c>dst[i] = src[i]</c> for equal shapes, any layouts (src may contain stride-0 broadcast axes).</summary>
    public static void Copy<T>(Tensor<T> src, Tensor<T> dst) where T : unmanaged
    {
        Shapes.RequireEqual(dst.shape, src.shape, "Copy", "source");
        var s = src.HostArray("Copy");
        var d = dst.HostArray("Copy");
        int n = dst.Length;
        if (n == 0) return;
        if (src.IsContiguous && dst.IsContiguous)
        {
            s.AsSpan(src.offset, n).CopyTo(d.AsSpan(dst.offset, n));
            return;
        }
        // A transposed layout streams one operand with a large stride; the blocked kernel moves square tiles instead.
        if (BlockedTranspose.TryCopy(src, dst)) return;
        var it = new RowIterator(dst.shape, src.strides, dst.strides);
        var (rowsPerChunk, chunks) = it.Chunking(Grain);
        int so = src.offset, dOff = dst.offset;
        if (n < Parallelism.ElementwiseThreshold || chunks == 1)
        {
            CopyRows(s, so, d, dOff, it, 0, it.Rows);
            return;
        }
        int rows = it.Rows;
        int[] shape = dst.shape, ss = src.strides, ds = dst.strides;
        Parallelism.For(chunks, c =>
        {
            var local = new RowIterator(shape, ss, ds);
            int start = c * rowsPerChunk;
            CopyRows(s, so, d, dOff, local, start, Math.Min(rows, start + rowsPerChunk));
        });
    }

    private static void CopyRows<T>(T[] s, int so, T[] d, int dOff, RowIterator it, int start, int end) where T : unmanaged
    {
        it.Seek(start);
        int inner = it.Inner, ia = it.InnerStrideA, ib = it.InnerStrideB;
        for (int r = start; r < end; r++, it.MoveNext())
        {
            int a = so + it.OffsetA, b = dOff + it.OffsetB;
            if (ia == 1 && ib == 1) s.AsSpan(a, inner).CopyTo(d.AsSpan(b, inner));
            else if (ia == 0 && ib == 1) d.AsSpan(b, inner).Fill(s[a]);
            else
                for (int j = 0; j < inner; j++, a += ia, b += ib) d[b] = s[a];
        }
    }

    /// <summary><c>dst[i] = value</c> for any layout of <paramref name="dst"/>.</summary>
    public static void Fill<T>(Tensor<T> dst, T value) where T : unmanaged
    {
        var d = dst.HostArray("Fill");
        int n = dst.Length;
        if (n == 0) return;
        if (dst.IsContiguous)
        {
            d.AsSpan(dst.offset, n).Fill(value);
            return;
        }
        var it = new RowIterator(dst.shape, dst.strides, dst.strides);
        int inner = it.Inner, st = it.InnerStrideA;
        for (int r = 0; r < it.Rows; r++, it.MoveNext())
        {
            int o = dst.offset + it.OffsetA;
            if (st == 1) d.AsSpan(o, inner).Fill(value);
            else for (int j = 0; j < inner; j++, o += st) d[o] = value;
        }
    }
}
