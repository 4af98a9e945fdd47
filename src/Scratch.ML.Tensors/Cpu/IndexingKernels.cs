using System.Numerics;

namespace Scratch.ML.Cpu;

/// <summary>
/// CPU kernels of the indexing primitives. Every kernel walks its operands with <see cref="RowIterator"/>: the
/// index tensor, the indexed tensor with its indexed axis's stride set to 0 (the index supplies that coordinate) and
/// the third operand, all over the index's shape. Indices are validated in a separate pass before anything is written,
/// so a bad index never leaves a half-written output.
/// </summary>
internal static class IndexingKernels
{
    private const int Grain = 1 << 14;

    /// <summary>Throws unless every element of <paramref name="index"/> lies in [0, size).</summary>
    /// <exception cref="IndexOutOfRangeException">Names the bad value, the axis and its size.</exception>
    public static void CheckBounds(Tensor<long> index, int axis, int size)
    {
        if (index.Length == 0) return;
        var ix = index.HostArray("index");
        // A stride-0 (broadcast) axis repeats the same indices: check each stored index once.
        var shape = (int[])index.shape.Clone();
        for (int i = 0; i < shape.Length; i++)
            if (index.strides[i] == 0) shape[i] = 1;
        var it = new RowIterator(shape, index.strides, index.strides);
        int inner = it.Inner, st = it.InnerStrideA;
        for (int r = 0; r < it.Rows; r++, it.MoveNext())
        {
            int o = index.offset + it.OffsetA;
            for (int j = 0; j < inner; j++, o += st)
            {
                long v = ix[o];
                if ((ulong)v >= (ulong)size)
                    throw new IndexOutOfRangeException(v < 0
                        ? $"index {v} is out of range for axis {axis} of size {size} (negative indices are not allowed here, as in PyTorch)."
                        : $"index {v} is out of range for axis {axis} of size {size}.");
            }
        }
    }

    /// <summary>The strides of <paramref name="t"/> with <paramref name="axis"/>'s stride replaced by 0.</summary>
    private static int[] WithoutAxis<T>(Tensor<T> t, int axis) where T : unmanaged
    {
        var s = (int[])t.strides.Clone();
        s[axis] = 0;
        return s;
    }

    /// <summary><c>dst[p] = src[p | axis ← index[p]]</c> over index's shape; parallel over row chunks.</summary>
    public static void Gather<T>(Tensor<T> src, int axis, Tensor<long> index, Tensor<T> dst) where T : unmanaged
    {
        CheckBounds(index, axis, src.shape[axis]);
        if (index.Length == 0) return;
        var s = src.HostArray("Gather");
        var ix = index.HostArray("Gather");
        var d = dst.HostArray("Gather");
        int[] shape = index.shape, ia = index.strides, sa = WithoutAxis(src, axis), da = dst.strides;
        int axisStride = src.strides[axis], io = index.offset, so = src.offset, dOff = dst.offset;
        var it = new RowIterator(shape, ia, sa, da);
        var (rowsPerChunk, chunks) = it.Chunking(Grain);
        int rows = it.Rows;
        if (index.Length < Parallelism.ElementwiseThreshold || chunks == 1)
        {
            GatherRows(s, so, axisStride, ix, io, d, dOff, it, 0, rows);
            return;
        }
        Parallelism.For(chunks, c =>
        {
            int start = c * rowsPerChunk;
            GatherRows(s, so, axisStride, ix, io, d, dOff, new RowIterator(shape, ia, sa, da), start, Math.Min(rows, start + rowsPerChunk));
        });
    }

    private static void GatherRows<T>(T[] s, int so, int axisStride, long[] ix, int io, T[] d, int dOff, RowIterator it, int start, int end) where T : unmanaged
    {
        it.Seek(start);
        int inner = it.Inner, si = it.InnerStrideA, ss = it.InnerStrideB, sd = it.InnerStrideC;
        for (int r = start; r < end; r++, it.MoveNext())
        {
            int a = io + it.OffsetA, b = so + it.OffsetB, o = dOff + it.OffsetC;
            if (si == 0 && ss == 1 && sd == 1)
            {
                // One index for the whole row (IndexSelect's stride-0 index): a contiguous slice copy.
                s.AsSpan(b + (int)ix[a] * axisStride, inner).CopyTo(d.AsSpan(o, inner));
                continue;
            }
            for (int j = 0; j < inner; j++, a += si, b += ss, o += sd)
                d[o] = s[b + (int)ix[a] * axisStride];
        }
    }

    /// <summary>
    /// <c>dst[p | axis ← index[p]] = src[p]</c> over index's shape, sequentially in row-major order of p, so
    /// repeated indices resolve deterministically (the last write wins).
    /// </summary>
    public static void Scatter<T>(Tensor<T> dst, int axis, Tensor<long> index, Tensor<T> src) where T : unmanaged
    {
        CheckBounds(index, axis, dst.shape[axis]);
        if (index.Length == 0) return;
        var s = src.HostArray("Scatter");
        var ix = index.HostArray("Scatter");
        var d = dst.HostArray("Scatter");
        int axisStride = dst.strides[axis];
        var it = new RowIterator(index.shape, index.strides, WithoutAxis(dst, axis), src.strides);
        int inner = it.Inner, si = it.InnerStrideA, sd = it.InnerStrideB, ss = it.InnerStrideC;
        for (int r = 0; r < it.Rows; r++, it.MoveNext())
        {
            int a = index.offset + it.OffsetA, o = dst.offset + it.OffsetB, b = src.offset + it.OffsetC;
            for (int j = 0; j < inner; j++, a += si, o += sd, b += ss)
                d[o + (int)ix[a] * axisStride] = s[b];
        }
    }

    /// <summary>
    /// <c>dst[p | axis ← index[p]] += src[p]</c>, sequentially in row-major order of p: the sum order is fixed, so
    /// results are bitwise reproducible (no atomics, no thread-dependent order).
    /// </summary>
    public static void ScatterAdd<T>(Tensor<T> dst, int axis, Tensor<long> index, Tensor<T> src) where T : unmanaged, IAdditionOperators<T, T, T>
    {
        CheckBounds(index, axis, dst.shape[axis]);
        if (index.Length == 0) return;
        var s = src.HostArray("ScatterAdd");
        var ix = index.HostArray("ScatterAdd");
        var d = dst.HostArray("ScatterAdd");
        int axisStride = dst.strides[axis];
        var it = new RowIterator(index.shape, index.strides, WithoutAxis(dst, axis), src.strides);
        int inner = it.Inner, si = it.InnerStrideA, sd = it.InnerStrideB, ss = it.InnerStrideC;
        for (int r = 0; r < it.Rows; r++, it.MoveNext())
        {
            int a = index.offset + it.OffsetA, o = dst.offset + it.OffsetB, b = src.offset + it.OffsetC;
            for (int j = 0; j < inner; j++, a += si, o += sd, b += ss)
            {
                int t = o + (int)ix[a] * axisStride;
                d[t] += s[b];
            }
        }
    }

    /// <summary>The elements of src where mask is true, row-major, in a new 1-d CPU tensor (count pass, then copy pass).</summary>
    public static Tensor<T> MaskedSelect<T>(Tensor<T> src, Tensor<bool> mask) where T : unmanaged
    {
        var s = src.HostArray("MaskedSelect");
        var m = mask.HostArray("MaskedSelect");
        int count = 0;
        if (src.Length > 0)
        {
            var it = new RowIterator(src.shape, mask.strides, mask.strides);
            for (int r = 0; r < it.Rows; r++, it.MoveNext())
            {
                int b = mask.offset + it.OffsetA;
                for (int j = 0; j < it.Inner; j++, b += it.InnerStrideA) if (m[b]) count++;
            }
        }
        var result = new T[count];
        if (count > 0)
        {
            int k = 0;
            var it = new RowIterator(src.shape, src.strides, mask.strides);
            int inner = it.Inner, sa = it.InnerStrideA, sb = it.InnerStrideB;
            for (int r = 0; r < it.Rows; r++, it.MoveNext())
            {
                int a = src.offset + it.OffsetA, b = mask.offset + it.OffsetB;
                for (int j = 0; j < inner; j++, a += sa, b += sb) if (m[b]) result[k++] = s[a];
            }
        }
        return Tensor.Wrap(result);
    }

    /// <summary><c>dst[p] = value</c> where mask[p], for any layout of dst (mask already broadcast).</summary>
    public static void MaskedFill<T>(Tensor<T> dst, Tensor<bool> mask, T value) where T : unmanaged
    {
        if (dst.Length == 0) return;
        var d = dst.HostArray("MaskedFill");
        var m = mask.HostArray("MaskedFill");
        var it = new RowIterator(dst.shape, dst.strides, mask.strides);
        int inner = it.Inner, sa = it.InnerStrideA, sb = it.InnerStrideB;
        for (int r = 0; r < it.Rows; r++, it.MoveNext())
        {
            int a = dst.offset + it.OffsetA, b = mask.offset + it.OffsetB;
            for (int j = 0; j < inner; j++, a += sa, b += sb) if (m[b]) d[a] = value;
        }
    }

    /// <summary>Row-major coordinates of the non-default elements as a <c>(count, rank)</c> tensor.</summary>
    public static Tensor<long> Nonzero<T>(Tensor<T> src) where T : unmanaged
    {
        var flat = new T[src.Length];
        CpuBackend.Instance.Download(src, flat);
        int count = 0;
        foreach (var v in flat) if (!EqualityComparer<T>.Default.Equals(v, default)) count++;
        int rank = src.Rank;
        var result = new long[(long)count * rank];
        var coord = new int[rank];
        int k = 0;
        for (int f = 0; f < flat.Length; f++)
        {
            if (!EqualityComparer<T>.Default.Equals(flat[f], default))
                for (int a = 0; a < rank; a++) result[k++] = coord[a];
            for (int a = rank - 1; a >= 0; a--) // odometer increment of the row-major coordinate
            {
                if (++coord[a] < src.shape[a]) break;
                coord[a] = 0;
            }
        }
        return Tensor.Wrap(result, count, rank);
    }
}
