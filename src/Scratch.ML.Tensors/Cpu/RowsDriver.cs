using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    /// <summary>Rows handled together when rows are strided but neighbouring rows are adjacent in memory.</summary>
    internal const int Tile = 64;
    /// <summary>
    /// Padding (elements) added to each buffered row: with a power-of-two row length every buffered row would map to
    /// the same L1 cache set and the 64 interleaved write streams would evict each other.
    /// </summary>
    internal const int Pad = 16;
    /// <summary>The smallest run of adjacent rows worth the tiled path.</summary>
    internal const int MinTile = 4;

    /// <summary>
    /// Rows along an outer axis (e.g. axis 0 of a row-major matrix): row r's elements are <c>stride</c> apart, but rows
    /// r and r+1 start next to each other. Reading one row at a time would touch a new cache line per element; instead
    /// up to <see cref="Tile"/> neighbouring rows are gathered together — each step reads <see cref="Tile"/> adjacent
    /// elements, a few whole cache lines — into a row-major tile buffer, and the operator runs on each buffered row.
    /// </summary>
    private static void ReduceTiles<T, TResult, TFunc>(T[] xs, int xo, int[] ks, int[] ka, int len, int stride, TResult[] ys, int yo, TFunc f)
        where T : unmanaged where TFunc : struct, IRowFunction<T, TResult>
    {
        int inner = ks[^1];
        var outer = new StridedCursor(ks[..^1], ka[..^1], ka[..^1]);
        int tilesPerRow = (inner + Tile - 1) / Tile;
        int tiles = outer.Count * tilesPerRow;
        int perChunk = Math.Max(1, Grain / (Tile * Math.Max(1, len)));
        int chunks = (tiles + perChunk - 1) / perChunk;
        int ld = len + Pad;
        Parallelism.For(chunks, c =>
        {
            var oc = outer.Clone();
            var buf = ArrayPool<T>.Shared.Rent(Tile * ld);
            int start = c * perChunk, end = Math.Min(tiles, start + perChunk);
            for (int t = start; t < end; t++)
            {
                int ko = t / tilesPerRow, b0 = (t % tilesPerRow) * Tile, bw = Math.Min(Tile, inner - b0);
                oc.Seek(ko);
                int src = xo + oc.OffsetA + b0;
                GatherTile(xs, src, stride, len, bw, buf, ld);
                int o = yo + ko * inner + b0;
                for (int b = 0; b < bw; b++) ys[o + b] = f.Apply(buf.AsSpan(b * ld, len));
            }
            ArrayPool<T>.Shared.Return(buf);
        });
    }

    /// <summary>
    /// <c>buf[b·ld + j] = xs[src + j·stride + b]</c> for b &lt; width, j &lt; len: a transpose of a (len × width) strip
    /// into row-major rows. Bounds: the tensor layout was validated when the view was made, and the buffer holds
    /// width·ld elements, so the checks are hoisted out of the loop as two span slices.
    /// </summary>
    private static void GatherTile<T>(T[] xs, int src, int stride, int len, int width, T[] buf, int ld) where T : unmanaged
    {
        if (len == 0 || width == 0) return;
        // The strip spans [lo, lo + extent): a negative stride walks it backwards from src.
        int lo = Math.Min(src, src + (len - 1) * stride), extent = Math.Abs((len - 1) * stride) + width;
        var strip = xs.AsSpan(lo, extent);
        var dst = buf.AsSpan(0, (width - 1) * ld + len);
        ref T x = ref Unsafe.Add(ref MemoryMarshal.GetReference(strip), src - lo);
        ref T d = ref MemoryMarshal.GetReference(dst);
        // Blocks of 16 j: the inner loop writes 16 consecutive elements of one buffered row (whole cache lines) and
        // reads one element from each of 16 strided source rows, which stay in L1 across the b loop.
        for (int j0 = 0; j0 < len; j0 += 16)
        {
            int j1 = Math.Min(len, j0 + 16);
            for (int b = 0; b < width; b++)
            {
                ref T col = ref Unsafe.Add(ref x, b);
                ref T outRow = ref Unsafe.Add(ref d, b * ld);
                for (int j = j0; j < j1; j++) Unsafe.Add(ref outRow, j) = Unsafe.Add(ref col, j * stride);
            }
        }
    }

    /// <summary><c>ys[dst + j·stride + b] = buf[b·ld + j]</c>: the inverse of <see cref="GatherTile"/>.</summary>
    private static void ScatterTile<T>(T[] buf, int ld, int len, int width, T[] ys, int dst, int stride) where T : unmanaged
    {
        if (len == 0 || width == 0) return;
        int lo = Math.Min(dst, dst + (len - 1) * stride), extent = Math.Abs((len - 1) * stride) + width;
        var strip = ys.AsSpan(lo, extent);
        var src = buf.AsSpan(0, (width - 1) * ld + len);
        ref T y = ref Unsafe.Add(ref MemoryMarshal.GetReference(strip), dst - lo);
        ref T s = ref MemoryMarshal.GetReference(src);
        for (int j0 = 0; j0 < len; j0 += 16)
        {
            int j1 = Math.Min(len, j0 + 16);
            for (int b = 0; b < width; b++)
            {
                ref T col = ref Unsafe.Add(ref y, b);
                ref T inRow = ref Unsafe.Add(ref s, b * ld);
                for (int j = j0; j < j1; j++) Unsafe.Add(ref col, j * stride) = Unsafe.Add(ref inRow, j);
            }
        }
    }

    /// <summary>The tiled gather/transform/scatter for row transforms along an outer axis (see <see cref="ReduceTiles"/>).</summary>
    private static void TransformTiles<T, TOp>(T[] xs, int xo, T[] ys, int yo, int[] os, int[] oa, int[] ob, int len, int sx, int sy, TOp op)
        where T : unmanaged where TOp : struct, IRowTransformOperator<T>
    {
        int inner = os[^1];
        var outer = new StridedCursor(os[..^1], oa[..^1], ob[..^1]);
        int tilesPerRow = (inner + Tile - 1) / Tile;
        int tiles = outer.Count * tilesPerRow;
        int perChunk = Math.Max(1, Grain / (Tile * len));
        int chunks = (tiles + perChunk - 1) / perChunk;
        int ld = len + Pad;
        Parallelism.For(chunks, c =>
        {
            var oc = outer.Clone();
            var bin = ArrayPool<T>.Shared.Rent(Tile * ld);
            var bout = ArrayPool<T>.Shared.Rent(Tile * ld);
            int start = c * perChunk, end = Math.Min(tiles, start + perChunk);
            for (int t = start; t < end; t++)
            {
                int ko = t / tilesPerRow, b0 = (t % tilesPerRow) * Tile, bw = Math.Min(Tile, inner - b0);
                oc.Seek(ko);
                int src = xo + oc.OffsetA + b0, dst = yo + oc.OffsetB + b0;
                GatherTile(xs, src, sx, len, bw, bin, ld);
                for (int b = 0; b < bw; b++) op.Transform(bin.AsSpan(b * ld, len), bout.AsSpan(b * ld, len));
                ScatterTile(bout, ld, len, bw, ys, dst, sy);
            }
            ArrayPool<T>.Shared.Return(bin);
            ArrayPool<T>.Shared.Return(bout);
        });
    }

    /// <summary>
    /// <c>y[o] = f(row o)</c> where row o holds the elements of x over <paramref name="axes"/> at kept position o
    /// (row-major over the kept axes); <c>y</c> is contiguous with one element per kept position. With
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
        if (!contiguous && rs.Length == 1 && ks.Length > 0 && ka[^1] == 1 && ks[^1] >= MinTile)
        {
            ReduceTiles<T, TResult, TFunc>(xs, xo, ks, ka, len, ra[0], ys, yo, f);
            return;
        }
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
        if (!direct && os.Length > 0 && oa[^1] == 1 && ob[^1] == 1 && os[^1] >= MinTile)
        {
            TransformTiles(xs, xo, ys, yo, os, oa, ob, len, sx, sy, op);
            return;
        }
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
