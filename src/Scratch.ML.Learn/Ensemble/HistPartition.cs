using System.Runtime.CompilerServices;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// The grower's row partition: the row ids of a node (a range of one array, ascending within every node) are split
/// stably into those going to the left child, then those going right, so that both children's ranges stay
/// ascending (histogram sums then run in row order, whatever the thread count).
/// </summary>
/// <remarks>
/// A row goes left when its bin is ≤ the split bin, or is the missing-value bin and missing values go left, or (a
/// categorical split) its bin is in the left set. Each row is written to BOTH outputs and only the matching cursor
/// advances, so the loop has no data-dependent branch. Nodes of at least 2 × <see cref="ParallelRows"/> rows are cut into
/// fixed chunks of that size: each chunk partitions into scratch arrays, prefix sums of the left counts place every
/// chunk's rows, and a second parallel pass copies them back, which gives exactly the serial result.
/// </remarks>
internal sealed class HistPartition(byte[] binned, int n, int missingBin)
{
    /// <summary>Rows per chunk when a node (of at least twice as many rows) is partitioned in parallel.</summary>
    internal const int ParallelRows = 16_384;

    private readonly int[] lefts = new int[n], rights = new int[n];
    private int[] leftCounts = new int[(n + ParallelRows - 1) / ParallelRows + 1];

    /// <summary>
    /// Partitions partition[start … start + count) by <paramref name="split"/>; returns where the right child
    /// starts. <paramref name="missingLeft"/> overrides the split's direction for the missing-value bin.
    /// </summary>
    public int Divide(int[] partition, int start, int count, in HistSplit split, bool missingLeft)
    {
        var col = binned.AsSpan(split.Feature * n, n);
        var rule = new Rule(split.IsCategorical ? split.LeftBins : null, split.Bin, missingLeft ? missingBin : NoBin);
        if (count < 2 * ParallelRows || Parallelism.MaxThreads <= 1)
        {
            // In place: lefts are compacted at the front (the write cursor never passes the read), rights wait in scratch.
            var range = partition.AsSpan(start, count);
            int write = Scan(range, col, rule, range, rights);
            rights.AsSpan(0, count - write).CopyTo(partition.AsSpan(start + write));
            return start + write;
        }
        int chunks = (count + ParallelRows - 1) / ParallelRows;
        if (leftCounts.Length < chunks + 1) leftCounts = new int[chunks + 1];
        var counts = leftCounts;
        byte[] data = binned;
        int offset = split.Feature * n;
        Parallelism.For(chunks, c =>
        {
            int from = start + c * ParallelRows, size = Math.Min(start + count, from + ParallelRows) - from;
            counts[c] = Scan(partition.AsSpan(from, size), data.AsSpan(offset, n), rule, lefts.AsSpan(from, size), rights.AsSpan(from, size));
        });
        int totalLeft = 0;
        for (int c = 0; c < chunks; c++) { int t = counts[c]; counts[c] = totalLeft; totalLeft += t; }
        counts[chunks] = totalLeft;
        Parallelism.For(chunks, c =>
        {
            int from = start + c * ParallelRows, size = Math.Min(start + count, from + ParallelRows) - from;
            int nl = counts[c + 1] - counts[c];
            int leftAt = start + counts[c];
            int rightAt = start + totalLeft + (c * ParallelRows - counts[c]);
            Array.Copy(lefts, from, partition, leftAt, nl);
            Array.Copy(rights, from, partition, rightAt, size - nl);
        });
        return start + totalLeft;
    }

    /// <summary>
    /// Writes the rows of <paramref name="rows"/> going left to the front of <paramref name="toLeft"/> and the others
    /// to the front of <paramref name="toRight"/>, both in order; returns the left count. <paramref name="toLeft"/> may
    /// be <paramref name="rows"/> itself (the write cursor never passes the read cursor).
    /// </summary>
    private static int Scan(Span<int> rows, ReadOnlySpan<byte> bins, Rule rule, Span<int> toLeft, Span<int> toRight)
    {
        int l = 0, r = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            int left = rule.Left(bins[row]);
            toLeft[l] = row;
            toRight[r] = row;
            l += left;
            r += 1 - left;
        }
        return l;
    }

    /// <summary>A value no bin has (bins are bytes).</summary>
    private const int NoBin = 1 << 20;

    /// <summary>Where a bin goes: a categorical left set, or bin ≤ threshold bin (plus the missing bin when it goes left).</summary>
    private readonly struct Rule(uint[]? leftSet, int bin, int missingLeftBin)
    {
        /// <summary>1 when bin v goes left, else 0, from sign bits rather than branches (v, bin ∈ [0, 255]).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Left(int v)
        {
            if (leftSet is not null) return HistSplitter.InSet(leftSet, v) ? 1 : 0;
            int atMost = 1 - (int)((uint)(bin - v) >> 31);
            int isMissing = (int)((uint)((v ^ missingLeftBin) - 1) >> 31);
            return atMost | isMissing;
        }
    }
}
