using Scratch.ML.Operators;

namespace Scratch.ML.Cpu;

/// <summary>
/// The loop driver for mixed-type and parameterised elementwise functions (<see cref="IMapOperator{TIn, TOut}"/>,
/// <see cref="IZipOperator{TIn, TOut}"/>) and for <c>where</c>. Same layouts as <see cref="UnaryDriver"/>: contiguous
/// buffers run the span kernel in fixed parallel chunks; unit-stride rows run it per row; other rows are gathered
/// into stack tiles of several rows (<see cref="StridedTile"/>), computed there and scattered. The operator is a struct value passed down by value, so its
/// parameters travel with it and the JIT specialises every loop for it. Its row walkers (<see cref="MapRows"/>,
/// <see cref="ZipRows"/>) are also the ones the same-type unary and binary drivers use, through the zero-cost adapters
/// in <c>OperatorAdapters.cs</c>.
/// </summary>
internal static class MapDriver
{
    private const int Grain = UnaryDriver.Grain;

    public static void Map<TIn, TOut, TOp>(Tensor<TIn> x, Tensor<TOut> y, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IMapOperator<TIn, TOut>
    {
        Shapes.RequireEqual(y.shape, x.shape, op.Name, "x");
        var xs = x.HostArray(op.Name);
        var ys = y.HostArray(op.Name);
        int n = y.Length;
        if (n == 0) return;
        int xo = x.offset, yo = y.offset;
        if (x.IsContiguous && y.IsContiguous)
        {
            if (n < Parallelism.ElementwiseThreshold)
            {
                op.Invoke(xs.AsSpan(xo, n), ys.AsSpan(yo, n));
                return;
            }
            Parallelism.For((n + Grain - 1) / Grain, c =>
            {
                int start = c * Grain, len = Math.Min(Grain, n - start);
                op.Invoke(xs.AsSpan(xo + start, len), ys.AsSpan(yo + start, len));
            });
            return;
        }
        var it = new RowIterator(y.shape, x.strides, y.strides);
        var (rowsPerChunk, chunkCount) = it.Chunking(it.InnerStrideA == 1 && it.InnerStrideB == 1 ? Grain : StridedTile.Grain);
        if (n < Parallelism.ElementwiseThreshold || chunkCount == 1)
        {
            MapRows(xs, xo, ys, yo, it, 0, it.Rows, op);
            return;
        }
        int rows = it.Rows;
        int[] shape = y.shape, sx = x.strides, sy = y.strides;
        Parallelism.For(chunkCount, c =>
        {
            int start = c * rowsPerChunk;
            MapRows(xs, xo, ys, yo, new RowIterator(shape, sx, sy), start, Math.Min(rows, start + rowsPerChunk), op);
        });
    }

    internal static void MapRows<TIn, TOut, TOp>(TIn[] xs, int xo, TOut[] ys, int yo, RowIterator it, int start, int end, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IMapOperator<TIn, TOut>
    {
        it.Seek(start);
        int inner = it.Inner, ix = it.InnerStrideA, iy = it.InnerStrideB;
        if (ix == 1 && iy == 1)
        {
            for (int r = start; r < end; r++, it.MoveNext())
                op.Invoke(xs.AsSpan(xo + it.OffsetA, inner), ys.AsSpan(yo + it.OffsetB, inner));
            return;
        }
        Span<int> ox = stackalloc int[StridedTile.Rows];
        Span<int> oy = stackalloc int[StridedTile.Rows];
        Span<TIn> bx = stackalloc TIn[StridedTile.Rows * StridedTile.Cols];
        Span<TOut> by = stackalloc TOut[StridedTile.Rows * StridedTile.Cols];
        // Column blocks outermost: all the chunk's rows pass through one block of columns (and its pages) before the next.
        for (int j0 = 0; j0 < inner; j0 += StridedTile.Cols)
        {
            int len = Math.Min(StridedTile.Cols, inner - j0);
            it.Seek(start);
            for (int r = start; r < end;)
            {
                int rows = Math.Min(StridedTile.Rows, end - r);
                for (int k = 0; k < rows; k++, r++, it.MoveNext())
                {
                    ox[k] = xo + it.OffsetA;
                    oy[k] = yo + it.OffsetB;
                }
                var tx = bx[..(rows * len)];
                var ty = by[..(rows * len)];
                StridedTile.Gather(xs, ox[..rows], j0, ix, len, tx);
                op.Invoke(tx, ty);
                StridedTile.Scatter<TOut>(ty, ys, oy[..rows], j0, iy, len);
            }
        }
    }

    public static void Zip<TIn, TOut, TOp>(Tensor<TIn> a, Tensor<TIn> b, Tensor<TOut> y, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IZipOperator<TIn, TOut>
    {
        Shapes.RequireEqual(y.shape, a.shape, op.Name, "a");
        Shapes.RequireEqual(y.shape, b.shape, op.Name, "b");
        var aa = a.HostArray(op.Name);
        var bb = b.HostArray(op.Name);
        var ys = y.HostArray(op.Name);
        int n = y.Length;
        if (n == 0) return;
        int ao = a.offset, bo = b.offset, yo = y.offset;
        if (a.IsContiguous && b.IsContiguous && y.IsContiguous)
        {
            if (n < Parallelism.ElementwiseThreshold)
            {
                op.Invoke(aa.AsSpan(ao, n), bb.AsSpan(bo, n), ys.AsSpan(yo, n));
                return;
            }
            Parallelism.For((n + Grain - 1) / Grain, c =>
            {
                int start = c * Grain, len = Math.Min(Grain, n - start);
                op.Invoke(aa.AsSpan(ao + start, len), bb.AsSpan(bo + start, len), ys.AsSpan(yo + start, len));
            });
            return;
        }
        var it = new RowIterator(y.shape, a.strides, b.strides, y.strides);
        var (rowsPerChunk, chunkCount) = it.Chunking(StridedTile.UsesRowKernels(it) ? Grain : StridedTile.Grain);
        if (n < Parallelism.ElementwiseThreshold || chunkCount == 1)
        {
            ZipRows(aa, ao, bb, bo, ys, yo, it, 0, it.Rows, op);
            return;
        }
        int rows = it.Rows;
        int[] shape = y.shape, sa = a.strides, sb = b.strides, sy = y.strides;
        Parallelism.For(chunkCount, c =>
        {
            int start = c * rowsPerChunk;
            ZipRows(aa, ao, bb, bo, ys, yo, new RowIterator(shape, sa, sb, sy), start, Math.Min(rows, start + rowsPerChunk), op);
        });
    }

    internal static void ZipRows<TIn, TOut, TOp>(TIn[] aa, int ao, TIn[] bb, int bo, TOut[] ys, int yo, RowIterator it, int start, int end, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IZipOperator<TIn, TOut>
    {
        it.Seek(start);
        int inner = it.Inner, ia = it.InnerStrideA, ib = it.InnerStrideB, iy = it.InnerStrideC;
        if (iy == 1 && (ia == 1 || ia == 0) && (ib == 1 || ib == 0) && (ia | ib) != 0)
        {
            for (int r = start; r < end; r++, it.MoveNext())
            {
                int pa = ao + it.OffsetA, pb = bo + it.OffsetB;
                var yRow = ys.AsSpan(yo + it.OffsetC, inner);
                if (ia == 1 && ib == 1) op.Invoke(aa.AsSpan(pa, inner), bb.AsSpan(pb, inner), yRow);
                else if (ia == 1) op.Invoke(aa.AsSpan(pa, inner), bb[pb], yRow);
                else op.Invoke(aa[pa], bb.AsSpan(pb, inner), yRow);
            }
            return;
        }
        Span<int> oa = stackalloc int[StridedTile.Rows];
        Span<int> ob = stackalloc int[StridedTile.Rows];
        Span<int> oy = stackalloc int[StridedTile.Rows];
        Span<TIn> bufA = stackalloc TIn[StridedTile.Rows * StridedTile.Cols];
        Span<TIn> bufB = stackalloc TIn[StridedTile.Rows * StridedTile.Cols];
        Span<TOut> bufY = stackalloc TOut[StridedTile.Rows * StridedTile.Cols];
        for (int j0 = 0; j0 < inner; j0 += StridedTile.Cols)
        {
            int len = Math.Min(StridedTile.Cols, inner - j0);
            it.Seek(start);
            for (int r = start; r < end;)
            {
                int rows = Math.Min(StridedTile.Rows, end - r);
                for (int k = 0; k < rows; k++, r++, it.MoveNext())
                {
                    oa[k] = ao + it.OffsetA;
                    ob[k] = bo + it.OffsetB;
                    oy[k] = yo + it.OffsetC;
                }
                var ta = bufA[..(rows * len)];
                var tb = bufB[..(rows * len)];
                var ty = bufY[..(rows * len)];
                StridedTile.Gather(aa, oa[..rows], j0, ia, len, ta);
                StridedTile.Gather(bb, ob[..rows], j0, ib, len, tb);
                op.Invoke(ta, tb, ty);
                StridedTile.Scatter<TOut>(ty, ys, oy[..rows], j0, iy, len);
            }
        }
    }

    /// <summary><c>y[i] = condition[i] ? a[i] : y[i]</c> (the second half of <c>where</c>).</summary>
    public static void Select<T>(Tensor<bool> condition, Tensor<T> a, Tensor<T> y) where T : unmanaged
    {
        const string name = "where";
        Shapes.RequireEqual(y.shape, condition.shape, name, "condition");
        Shapes.RequireEqual(y.shape, a.shape, name, "a");
        var cs = condition.HostArray(name);
        var aa = a.HostArray(name);
        var ys = y.HostArray(name);
        int n = y.Length;
        if (n == 0) return;
        var it = new RowIterator(y.shape, condition.strides, a.strides, y.strides);
        var (rowsPerChunk, chunkCount) = it.Chunking(Grain);
        int co = condition.offset, ao = a.offset, yo = y.offset;
        if (n < Parallelism.ElementwiseThreshold || chunkCount == 1)
        {
            SelectRows(cs, co, aa, ao, ys, yo, it, 0, it.Rows);
            return;
        }
        int rows = it.Rows;
        int[] shape = y.shape, sc = condition.strides, sa = a.strides, sy = y.strides;
        Parallelism.For(chunkCount, c =>
        {
            int start = c * rowsPerChunk;
            SelectRows(cs, co, aa, ao, ys, yo, new RowIterator(shape, sc, sa, sy), start, Math.Min(rows, start + rowsPerChunk));
        });
    }

    private static void SelectRows<T>(bool[] cs, int co, T[] aa, int ao, T[] ys, int yo, RowIterator it, int start, int end) where T : unmanaged
    {
        it.Seek(start);
        int inner = it.Inner, ic = it.InnerStrideA, ia = it.InnerStrideB, iy = it.InnerStrideC;
        for (int r = start; r < end; r++, it.MoveNext())
        {
            int pc = co + it.OffsetA, pa = ao + it.OffsetB, py = yo + it.OffsetC;
            if (ic == 1 && ia == 1 && iy == 1)
            {
                var c = cs.AsSpan(pc, inner);
                var av = aa.AsSpan(pa, inner);
                var yv = ys.AsSpan(py, inner);
                for (int j = 0; j < c.Length; j++)
                    if (c[j]) yv[j] = av[j];
                continue;
            }
            for (int j = 0; j < inner; j++, pc += ic, pa += ia, py += iy)
                if (cs[pc]) ys[py] = aa[pa];
        }
    }
}
