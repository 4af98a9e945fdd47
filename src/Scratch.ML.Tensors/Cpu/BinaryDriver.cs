using Scratch.ML.Operators;

namespace Scratch.ML.Cpu;

/// <summary>
/// The loop driver for <c>y = f(a, b)</c> with a and b already broadcast to y's shape (stride-0 axes). Per row it
/// picks the span kernel that matches the operands' inner strides: (1, 1) vector–vector, (1, 0) vector–scalar,
/// (0, 1) scalar–vector; any other layout is gathered into stack blocks first. See <see cref="UnaryDriver"/>.
/// </summary>
internal static class BinaryDriver
{
    public static void Run<T, TOp>(Tensor<T> a, Tensor<T> b, Tensor<T> y) where T : unmanaged where TOp : struct, IBinaryOperator<TOp, T>
    {
        Shapes.RequireEqual(y.shape, a.shape, TOp.Name, "a");
        Shapes.RequireEqual(y.shape, b.shape, TOp.Name, "b");
        var aa = a.HostArray(TOp.Name);
        var bb = b.HostArray(TOp.Name);
        var ys = y.HostArray(TOp.Name);
        int n = y.Length;
        if (n == 0) return;
        int ao = a.offset, bo = b.offset, yo = y.offset;
        const int grain = UnaryDriver.Grain;
        if (a.IsContiguous && b.IsContiguous && y.IsContiguous)
        {
            if (n < Parallelism.ElementwiseThreshold)
            {
                TOp.Invoke(aa.AsSpan(ao, n), bb.AsSpan(bo, n), ys.AsSpan(yo, n));
                return;
            }
            Parallelism.For((n + grain - 1) / grain, c =>
            {
                int start = c * grain, len = Math.Min(grain, n - start);
                TOp.Invoke(aa.AsSpan(ao + start, len), bb.AsSpan(bo + start, len), ys.AsSpan(yo + start, len));
            });
            return;
        }
        // Both operands share one dense but permuted layout (e.g. a.MT + b.MT): compute in storage order into a pooled
        // buffer, then move the result into y with the blocked transpose.
        if (a.IsContiguous is false && a.strides.AsSpan().SequenceEqual(b.strides) && UnaryDriver.TransposeFirst(a, y)
            && !ReferenceEquals(b.storage, y.storage) && IsDensePermutation(a))
        {
            var tmp = System.Buffers.ArrayPool<T>.Shared.Rent(n);
            try
            {
                // With positive strides the block starts at the offset, and storage position k of a and of b hold the
                // same logical element.
                var flatA = new Tensor<T>(a.storage, [n], [1], ao, trusted: true);
                var flatB = new Tensor<T>(b.storage, [n], [1], bo, trusted: true);
                var flatY = new Tensor<T>(new CpuStorage<T>(tmp), [n], [1], 0, trusted: true);
                Run<T, TOp>(flatA, flatB, flatY);
                var permuted = new Tensor<T>(flatY.storage, a.shape, a.strides, 0, trusted: true);
                if (BlockedTranspose.TryCopy(permuted, y)) return;
                CopyDriver.Copy(permuted, y);
                return;
            }
            finally
            {
                System.Buffers.ArrayPool<T>.Shared.Return(tmp);
            }
        }
        // One transposed operand and one contiguous: transpose the first into y (blocked), then the contiguous kernel
        // with y aliasing that operand (span kernels allow exact overlap). See UnaryDriver.
        if (!ReferenceEquals(a.storage, y.storage) && !ReferenceEquals(b.storage, y.storage))
        {
            if (b.IsContiguous && UnaryDriver.TransposeFirst(a, y) && BlockedTranspose.TryCopy(a, y))
            {
                Run<T, TOp>(y, b, y);
                return;
            }
            if (a.IsContiguous && UnaryDriver.TransposeFirst(b, y) && BlockedTranspose.TryCopy(b, y))
            {
                Run<T, TOp>(a, y, y);
                return;
            }
        }
        var it = new RowIterator(y.shape, a.strides, b.strides, y.strides);
        var (rowsPerChunk, chunkCount) = it.Chunking(StridedTile.UsesRowKernels(it) ? grain : StridedTile.Grain);
        if (n < Parallelism.ElementwiseThreshold || chunkCount == 1)
        {
            Rows<T, TOp>(aa, ao, bb, bo, ys, yo, it, 0, it.Rows);
            return;
        }
        int rows = it.Rows;
        int[] shape = y.shape, sa = a.strides, sb = b.strides, sy = y.strides;
        Parallelism.For(chunkCount, c =>
        {
            var local = new RowIterator(shape, sa, sb, sy);
            int start = c * rowsPerChunk;
            Rows<T, TOp>(aa, ao, bb, bo, ys, yo, local, start, Math.Min(rows, start + rowsPerChunk));
        });
    }

    /// <summary>
    /// Whether the tensor's elements fill one block of storage exactly once in some axis order: its positive strides,
    /// sorted, are the contiguous strides of the correspondingly permuted shape (size-1 axes ignored).
    /// </summary>
    internal static bool IsDensePermutation<T>(Tensor<T> t) where T : unmanaged
    {
        var axes = new List<(int Stride, int Size)>();
        for (int i = 0; i < t.shape.Length; i++)
        {
            if (t.shape[i] == 1) continue;
            if (t.strides[i] <= 0) return false;
            axes.Add((t.strides[i], t.shape[i]));
        }
        axes.Sort();
        long expected = 1;
        foreach (var (stride, size) in axes)
        {
            if (stride != expected) return false;
            expected *= size;
        }
        return true;
    }

    /// <summary>Rows [start, end) of the iterator: MapDriver's row walker (span kernels on unit-stride or broadcast rows, else gathered tiles).</summary>
    private static void Rows<T, TOp>(T[] aa, int ao, T[] bb, int bo, T[] ys, int yo, RowIterator it, int start, int end)
        where T : unmanaged where TOp : struct, IBinaryOperator<TOp, T>
        => MapDriver.ZipRows(aa, ao, bb, bo, ys, yo, it, start, end, default(BinaryAsZip<T, TOp>));
}
