using Scratch.ML.Operators;

namespace Scratch.ML.Cpu;

/// <summary>
/// The loop driver for <c>y = f(x)</c>. Three layouts, fastest first:
/// <list type="number">
/// <item>both contiguous: the op's span kernel over the whole buffer, split into fixed-size chunks across threads;</item>
/// <item>rows with unit stride in both: the span kernel per row;</item>
/// <item>anything else: gather a tile of several rows into a stack buffer (<see cref="StridedTile"/>), run the span
/// kernel there, scatter back — the kernel stays vectorised and only the gather/scatter is scalar.</item>
/// </list>
/// </summary>
internal static class UnaryDriver
{
    /// <summary>
    /// Elements per parallel chunk (fixed, so results never depend on the thread count). 2¹⁸ rather than 2¹⁶: on 16M
    /// float32, TensorPrimitives mul/relu/exp ran 1.2–1.9× faster in 2¹⁸ chunks than in 2¹⁶ chunks (larger calls stream).
    /// </summary>
    internal const int Grain = 1 << 18;
    /// <summary>Elements gathered per block on the general path.</summary>
    internal const int Block = 256;

    public static void Run<T, TOp>(Tensor<T> x, Tensor<T> y) where T : unmanaged where TOp : struct, IUnaryOperator<TOp, T>
    {
        Shapes.RequireEqual(y.shape, x.shape, TOp.Name, "x");
        var xs = x.HostArray(TOp.Name);
        var ys = y.HostArray(TOp.Name);
        int n = y.Length;
        if (n == 0) return;
        int xo = x.offset, yo = y.offset;
        if (x.IsContiguous && y.IsContiguous)
        {
            if (n < Parallelism.ElementwiseThreshold)
            {
                TOp.Invoke(xs.AsSpan(xo, n), ys.AsSpan(yo, n));
                return;
            }
            int chunks = (n + Grain - 1) / Grain;
            Parallelism.For(chunks, c =>
            {
                int start = c * Grain, len = Math.Min(Grain, n - start);
                TOp.Invoke(xs.AsSpan(xo + start, len), ys.AsSpan(yo + start, len));
            });
            return;
        }
        // A transposed input: move it into y with the blocked transpose (each cache line read and written once), then
        // run the contiguous kernel in place. Two streaming passes beat one pass that misses the cache on every read.
        if (TransposeFirst(x, y) && BlockedTranspose.TryCopy(x, y))
        {
            Run<T, TOp>(y, y);
            return;
        }
        var it = new RowIterator(y.shape, x.strides, y.strides);
        var (rowsPerChunk, chunkCount) = it.Chunking(it.InnerStrideA == 1 && it.InnerStrideB == 1 ? Grain : StridedTile.Grain);
        if (n < Parallelism.ElementwiseThreshold || chunkCount == 1)
        {
            Rows<T, TOp>(xs, xo, ys, yo, it, 0, it.Rows);
            return;
        }
        int rows = it.Rows;
        int[] shape = y.shape, sx = x.strides, sy = y.strides;
        Parallelism.For(chunkCount, c =>
        {
            var local = new RowIterator(shape, sx, sy);
            int start = c * rowsPerChunk;
            Rows<T, TOp>(xs, xo, ys, yo, local, start, Math.Min(rows, start + rowsPerChunk));
        });
    }

    /// <summary>
    /// Whether <paramref name="x"/> may be copied into <paramref name="y"/> before the op: y is a large contiguous
    /// output with its own storage, and x is a real (non-broadcast) strided layout — a stride-0 axis is cheaper on
    /// the row kernels, which read the broadcast value once.
    /// </summary>
    internal static bool TransposeFirst<T>(Tensor<T> x, Tensor<T> y) where T : unmanaged
    {
        if (y.Length < Parallelism.ElementwiseThreshold || !y.IsContiguous || ReferenceEquals(x.storage, y.storage)) return false;
        for (int i = 0; i < x.shape.Length; i++)
            if (x.strides[i] == 0 && x.shape[i] > 1) return false;
        return true;
    }

    /// <summary>Rows [start, end) of the iterator: MapDriver's row walker (unit-stride rows, else gathered tiles).</summary>
    private static void Rows<T, TOp>(T[] xs, int xo, T[] ys, int yo, RowIterator it, int start, int end)
        where T : unmanaged where TOp : struct, IUnaryOperator<TOp, T>
        => MapDriver.MapRows(xs, xo, ys, yo, it, start, end, default(UnaryAsMap<T, TOp>));
}
