using Scratch.ML.Operators;

namespace Scratch.ML.Cpu;

/// <summary>
/// The loop driver for <c>y = reduce(x, axes)</c> with an <see cref="IReduceOperator{TSelf, T}"/>. The axes are split
/// into kept axes (one output each) and reduced axes; each group is coalesced on its own, and the reduced axes are
/// ordered by decreasing stride after reversed (negative-stride) axes are flipped (a reduction does not care about the
/// order of its elements), so any permutation or reversal of a contiguous tensor reduced over all its axes is one
/// contiguous run. Three layouts, fastest first:
/// <list type="number">
/// <item><b>runs</b> — the innermost reduced dimension has unit stride: the op's span kernel over each contiguous run,
/// one output per task; a whole-tensor reduction is split into fixed 64 Ki-element pieces whose partials are combined
/// pairwise;</item>
/// <item><b>rows</b> — the innermost kept dimension has unit stride (reductions over outer axes, e.g. axis 0 of a
/// matrix, or the last axis of a transposed one): accumulate whole rows, <c>acc[j] ⊕= x[r, j]</c>, with the op's
/// vectorised row kernel, over row segments of 16 KiB; each group of 64 reduced rows is a task that folds into its
/// own partial row, and the partials are merged in group order (parallel even when there is one output row, and
/// two-level summation keeps float32 error near (64 + R/64)ε instead of Rε);</item>
/// <item><b>gather</b> — anything else (negative or broadcast strides): gather 256 elements into a stack buffer and
/// run the span kernel there.</item>
/// </list>
/// Work is split into chunks whose boundaries depend only on the shape and layout, and partials are combined in a
/// fixed order, so results are bitwise identical for every <see cref="Parallelism.MaxThreads"/>.
/// </summary>
internal static class ReduceDriver
{
    /// <summary>Elements per parallel task.</summary>
    internal const int Grain = 1 << 16;
    /// <summary>Elements gathered per block on the general path.</summary>
    internal const int Block = 256;
    /// <summary>Bytes of one row segment on the row-accumulation path: 16 KiB of accumulators stay in L1.</summary>
    internal const int ColumnBlockBytes = 16 << 10;
    /// <summary>Reduced rows accumulated into one partial row before it is merged (accuracy of float32 sums).</summary>
    internal const int RowGroup = 64;

    /// <summary>
    /// Reduces <paramref name="x"/> over <paramref name="axes"/> (sorted, distinct) into <paramref name="y"/>, a
    /// contiguous tensor of the keep-dims shape (reduced axes have size 1).
    /// </summary>
    public static void Run<T, TOp>(Tensor<T> x, int[] axes, Tensor<T> y) where T : unmanaged where TOp : struct, IReduceOperator<TOp, T>
    {
        if (!y.IsContiguous) throw new ArgumentException($"{TOp.Name}: the output must be contiguous.", nameof(y));
        var xs = x.HostArray(TOp.Name);
        var ys = y.HostArray(TOp.Name);
        int rank = x.Rank;
        var isReduced = new bool[rank];
        foreach (int a in axes) isReduced[a] = true;
        var kept = new List<(int N, int A, int B)>();
        var red = new List<(int N, int A, int B)>();
        long reducedCount = 1;
        int flip = 0;
        for (int i = 0; i < rank; i++)
        {
            int n = x.shape[i], s = x.strides[i];
            if (!isReduced[i]) { kept.Add((n, s, 0)); continue; }
            reducedCount *= n;
            // The order of reduced elements is free: walk a reversed axis forwards from its last element.
            if (s < 0 && n > 0) { flip += (n - 1) * s; s = -s; }
            red.Add((n, s, 0));
        }
        int outputs = y.Length, count = (int)reducedCount;
        if (outputs == 0) return;
        var yspan = ys.AsSpan(y.offset, outputs);
        if (count == 0)
        {
            if (TOp.RequiresNonEmpty)
                throw new ArgumentException($"{TOp.Name}: cannot reduce over a zero-size axis of a tensor of shape {Shapes.Format(x.shape)} (axes {Shapes.Format(axes)}) because {TOp.Name} has no identity.", nameof(x));
            yspan.Fill(TOp.Identity);
            TOp.Finish(yspan, 0);
            return;
        }
        // Order reduced dimensions by decreasing |stride| so that they coalesce into as few runs as possible.
        red.Sort((p, q) => Math.Abs(q.A).CompareTo(Math.Abs(p.A)));
        var (ks, ka, _) = StridedCursor.Coalesce(kept);
        var (rs, ra, _) = StridedCursor.Coalesce(red);
        if (rs.Length == 0) { rs = [1]; ra = [1]; }
        int innerRed = rs[^1], innerRedStride = ra[^1];
        bool runs = innerRedStride == 1 || innerRed == 1;
        bool rows = ks.Length > 0 && ka[^1] == 1;
        int xo = x.offset + flip, yo = y.offset;
        if (runs && (innerRed >= 64 || !rows))
            Runs<T, TOp>(xs, xo, ys, yo, ks, ka, rs, ra, outputs, count);
        else if (rows)
            Rows<T, TOp>(xs, xo, ys, yo, ks, ka, rs, ra, outputs, count);
        else
            Gather<T, TOp>(xs, xo, ys, yo, ks, ka, rs, ra, outputs, count);
        TOp.Finish(ys.AsSpan(yo, outputs), count);
    }

    private static void Runs<T, TOp>(T[] xs, int xo, T[] ys, int yo, int[] ks, int[] ka, int[] rs, int[] ra, int outputs, int count)
        where T : unmanaged where TOp : struct, IReduceOperator<TOp, T>
    {
        int len = rs[^1];
        int runCount = count / len;
        // Offsets of every contiguous run inside one output's reduced block.
        var runOffsets = new int[runCount];
        var rc = new StridedCursor(rs[..^1], ra[..^1], ra[..^1]);
        for (int r = 0; r < runCount; r++, rc.MoveNext()) runOffsets[r] = rc.OffsetA;
        var keptCursor = new StridedCursor(ks, ka, ka);
        if (outputs == 1 && count >= 2 * Grain)
        {
            // One output: split every run into fixed pieces, reduce them in parallel, combine pairwise in order.
            int piecesPerRun = (len + Grain - 1) / Grain;
            var partials = new T[runCount * piecesPerRun];
            Parallelism.For(partials.Length, p =>
            {
                int run = p / piecesPerRun, start = (p % piecesPerRun) * Grain;
                partials[p] = TOp.Reduce(xs.AsSpan(xo + runOffsets[run] + start, Math.Min(Grain, len - start)));
            });
            ys[yo] = Pairwise<T, TOp>(partials);
            return;
        }
        int perChunk = Math.Max(1, Grain / count);
        int chunks = (outputs + perChunk - 1) / perChunk;
        Parallelism.For(chunks, c =>
        {
            var cur = keptCursor.Clone();
            int start = c * perChunk, end = Math.Min(outputs, start + perChunk);
            cur.Seek(start);
            for (int o = start; o < end; o++, cur.MoveNext())
            {
                int b = xo + cur.OffsetA;
                T acc = TOp.Reduce(xs.AsSpan(b + runOffsets[0], len));
                for (int r = 1; r < runOffsets.Length; r++) acc = TOp.Combine(acc, TOp.Reduce(xs.AsSpan(b + runOffsets[r], len)));
                ys[yo + o] = acc;
            }
        });
    }

    private static void Rows<T, TOp>(T[] xs, int xo, T[] ys, int yo, int[] ks, int[] ka, int[] rs, int[] ra, int outputs, int count)
        where T : unmanaged where TOp : struct, IReduceOperator<TOp, T>
    {
        // Units: (kept row, column block); groups: RowGroup consecutive reduced rows. Each (unit, group) task folds its
        // rows into its own partial row; the partials of a unit are then merged in group order. Both the tasks and
        // the merge order depend only on the shape, so any thread count gives the same bits.
        int rowLength = ks[^1];
        int rowCount = outputs / rowLength;
        int width = Math.Min(rowLength, ColumnBlockBytes / System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        int blocksPerRow = (rowLength + width - 1) / width;
        int units = rowCount * blocksPerRow;
        int groups = (count + RowGroup - 1) / RowGroup;
        var outer = new StridedCursor(ks[..^1], ka[..^1], ka[..^1]);
        var reduced = new StridedCursor(rs, ra, ra);
        // With one group the task writes straight into y; otherwise into a partial buffer (size ≈ input / RowGroup).
        T[]? partials = groups == 1 ? null : System.Buffers.ArrayPool<T>.Shared.Rent(checked(units * groups * width));
        int tasks = units * groups;
        int tasksPerChunk = Math.Max(1, Grain / (Math.Min(rowLength, width) * Math.Min(count, RowGroup)));
        int chunks = (tasks + tasksPerChunk - 1) / tasksPerChunk;
        Parallelism.For(chunks, c =>
        {
            var oc = outer.Clone();
            var rc = reduced.Clone();
            int start = c * tasksPerChunk, end = Math.Min(tasks, start + tasksPerChunk);
            for (int task = start; task < end; task++)
            {
                int u = task / groups, g = task % groups;
                int row = u / blocksPerRow, c0 = (u % blocksPerRow) * width;
                int w = Math.Min(width, rowLength - c0);
                oc.Seek(row);
                int xb = xo + oc.OffsetA + c0;
                var target = partials is null ? ys.AsSpan(yo + row * rowLength + c0, w) : partials.AsSpan((u * groups + g) * width, w);
                int r0 = g * RowGroup, r1 = Math.Min(count, r0 + RowGroup);
                rc.Seek(r0);
                TOp.Start(xs.AsSpan(xb + rc.OffsetA, w), target);
                rc.MoveNext();
                for (int r = r0 + 1; r < r1; r++, rc.MoveNext()) TOp.Accumulate(xs.AsSpan(xb + rc.OffsetA, w), target);
            }
        });
        if (partials is null) return;
        int unitsPerChunk = Math.Max(1, Grain / (width * groups));
        int mergeChunks = (units + unitsPerChunk - 1) / unitsPerChunk;
        Parallelism.For(mergeChunks, c =>
        {
            int start = c * unitsPerChunk, end = Math.Min(units, start + unitsPerChunk);
            for (int u = start; u < end; u++)
            {
                int row = u / blocksPerRow, c0 = (u % blocksPerRow) * width;
                int w = Math.Min(width, rowLength - c0);
                var acc = ys.AsSpan(yo + row * rowLength + c0, w);
                partials.AsSpan(u * groups * width, w).CopyTo(acc);
                for (int g = 1; g < groups; g++) TOp.Merge(partials.AsSpan((u * groups + g) * width, w), acc);
            }
        });
        System.Buffers.ArrayPool<T>.Shared.Return(partials);
    }

    private static void Gather<T, TOp>(T[] xs, int xo, T[] ys, int yo, int[] ks, int[] ka, int[] rs, int[] ra, int outputs, int count)
        where T : unmanaged where TOp : struct, IReduceOperator<TOp, T>
    {
        var keptCursor = new StridedCursor(ks, ka, ka);
        var reduced = new StridedCursor(rs, ra, ra);
        int perChunk = Math.Max(1, Grain / count);
        int chunks = (outputs + perChunk - 1) / perChunk;
        Parallelism.For(chunks, c =>
        {
            var kc = keptCursor.Clone();
            var rc = reduced.Clone();
            Span<T> buf = stackalloc T[Block];
            int start = c * perChunk, end = Math.Min(outputs, start + perChunk);
            kc.Seek(start);
            for (int o = start; o < end; o++, kc.MoveNext())
            {
                int b = xo + kc.OffsetA;
                rc.Seek(0);
                T acc = default;
                for (int j0 = 0; j0 < count; j0 += Block)
                {
                    int n = Math.Min(Block, count - j0);
                    for (int j = 0; j < n; j++, rc.MoveNext()) buf[j] = xs[b + rc.OffsetA];
                    T part = TOp.Reduce(buf[..n]);
                    acc = j0 == 0 ? part : TOp.Combine(acc, part);
                }
                ys[yo + o] = acc;
            }
        });
    }

    /// <summary>Combines partial results as a balanced binary tree (fixed order; error grows like log₂ n).</summary>
    internal static T Pairwise<T, TOp>(ReadOnlySpan<T> p) where T : unmanaged where TOp : struct, IReduceOperator<TOp, T>
    {
        if (p.Length == 1) return p[0];
        int half = p.Length / 2;
        return TOp.Combine(Pairwise<T, TOp>(p[..half]), Pairwise<T, TOp>(p[half..]));
    }
}
