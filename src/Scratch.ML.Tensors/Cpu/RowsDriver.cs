using System.Buffers;
using Scratch.ML.Operators;

namespace Scratch.ML.Cpu;

/// <summary>A function of one whole contiguous row (internal: lets one driver serve value- and index-valued reductions).</summary>
internal interface IRowFunction<T, TResult>
{
    TResult Apply(ReadOnlySpan<T> row);
}

/// <summary>Adapts a public <see cref="IRowReduceOperator{T}"/> to <see cref="IRowFunction{T, TResult}"/>.</summary>
internal readonly struct RowReduceAdapter<T, TOp>(TOp op) : IRowFunction<T, T> where TOp : struct, IRowReduceOperator<T>
{
    public T Apply(ReadOnlySpan<T> row) => op.Reduce(row);
}

/// <summary>
/// The loop driver for operators that need whole rows: reductions that are not a simple combine (variance,
/// log-sum-exp, arg-max) and row transforms along one axis (softmax, cumulative sums). A row is the set of elements
/// that share one output position; when it is contiguous in memory the operator reads it in place, otherwise it is
/// gathered into a pooled buffer (and, for transforms, the result scattered back). Rows are split across threads
/// in chunks fixed by the shape, so results do not depend on the thread count.
/// </summary>
internal static class RowsDriver
{
    internal const int Grain = 1 << 16;

    /// <summary>
    /// <c>y[o] = f(row o)</c> where row o holds the elements of x over <paramref name="axes"/> at kept position o
    /// (row-major over the kept axes); <paramref name="y"/> is contiguous with one element per kept position. With
    /// <paramref name="rowMajor"/> the row lists the reduced elements in row-major order (needed by arg-max over
    /// several axes); otherwise the driver may reorder them to find a contiguous layout.
    /// </summary>
    public static void Reduce<T, TResult, TFunc>(Tensor<T> x, int[] axes, TResult[] ys, int yo, int outputs, TFunc f, bool rowMajor)
        where T : unmanaged where TFunc : struct, IRowFunction<T, TResult>
    {
        var xs = x.HostArray("reduce");
        var isReduced = new bool[x.Rank];
        foreach (int a in axes) isReduced[a] = true;
        var kept = new List<(int N, int A, int B)>();
        var red = new List<(int N, int A, int B)>();
        long length = 1;
        for (int i = 0; i < x.Rank; i++)
        {
            if (isReduced[i]) { red.Add((x.shape[i], x.strides[i], 0)); length *= x.shape[i]; }
            else kept.Add((x.shape[i], x.strides[i], 0));
        }
        if (outputs == 0) return;
        if (!rowMajor) red.Sort((p, q) => Math.Abs(q.A).CompareTo(Math.Abs(p.A)));
        var (ks, ka, _) = StridedCursor.Coalesce(kept);
        var (rs, ra, _) = StridedCursor.Coalesce(red);
        int len = (int)length;
        bool contiguous = rs.Length == 0 || (rs.Length == 1 && ra[0] == 1);
        var keptCursor = new StridedCursor(ks, ka, ka);
        var redCursor = new StridedCursor(rs, ra, ra);
        int xo = x.offset;
        int perChunk = Math.Max(1, Grain / Math.Max(1, len));
        int chunks = (outputs + perChunk - 1) / perChunk;
        Parallelism.For(chunks, c =>
        {
            var kc = keptCursor.Clone();
            var rc = redCursor.Clone();
            T[]? buf = contiguous ? null : ArrayPool<T>.Shared.Rent(len);
            int start = c * perChunk, end = Math.Min(outputs, start + perChunk);
            kc.Seek(start);
            for (int o = start; o < end; o++, kc.MoveNext())
            {
                int b = xo + kc.OffsetA;
                if (buf is null)
                {
                    ys[yo + o] = f.Apply(xs.AsSpan(len == 0 ? 0 : b, len));
                    continue;
                }
                rc.Seek(0);
                for (int j = 0; j < len; j++, rc.MoveNext()) buf[j] = xs[b + rc.OffsetA];
                ys[yo + o] = f.Apply(buf.AsSpan(0, len));
            }
            if (buf is not null) ArrayPool<T>.Shared.Return(buf);
        });
    }

    /// <summary>
    /// <c>y[…, :, …] = f(x[…, :, …])</c> for every row along <paramref name="axis"/>; x and y have equal shapes and any
    /// layouts (y must not overlap x).
    /// </summary>
    public static void Transform<T, TOp>(Tensor<T> x, int axis, Tensor<T> y, TOp op) where T : unmanaged where TOp : struct, IRowTransformOperator<T>
    {
        Shapes.RequireEqual(y.shape, x.shape, op.Name, "x");
        var xs = x.HostArray(op.Name);
        var ys = y.HostArray(op.Name);
        if (x.Length == 0) return;
        var outer = new List<(int N, int A, int B)>();
        for (int i = 0; i < x.Rank; i++)
            if (i != axis) outer.Add((x.shape[i], x.strides[i], y.strides[i]));
        var (os, oa, ob) = StridedCursor.Coalesce(outer);
        var cursor = new StridedCursor(os, oa, ob);
        int len = x.shape[axis], sx = x.strides[axis], sy = y.strides[axis];
        int rows = cursor.Count, xo = x.offset, yo = y.offset;
        bool direct = (sx == 1 || len == 1) && (sy == 1 || len == 1);
        int perChunk = Math.Max(1, Grain / len);
        int chunks = (rows + perChunk - 1) / perChunk;
        Parallelism.For(chunks, c =>
        {
            var cur = cursor.Clone();
            T[]? bin = direct ? null : ArrayPool<T>.Shared.Rent(len);
            T[]? bout = direct ? null : ArrayPool<T>.Shared.Rent(len);
            int start = c * perChunk, end = Math.Min(rows, start + perChunk);
            cur.Seek(start);
            for (int r = start; r < end; r++, cur.MoveNext())
            {
                int a = xo + cur.OffsetA, b = yo + cur.OffsetB;
                if (bin is null || bout is null)
                {
                    op.Transform(xs.AsSpan(a, len), ys.AsSpan(b, len));
                    continue;
                }
                for (int j = 0; j < len; j++, a += sx) bin[j] = xs[a];
                op.Transform(bin.AsSpan(0, len), bout.AsSpan(0, len));
                for (int j = 0; j < len; j++, b += sy) ys[b] = bout[j];
            }
            if (bin is not null) ArrayPool<T>.Shared.Return(bin);
            if (bout is not null) ArrayPool<T>.Shared.Return(bout);
        });
    }
}
