namespace Scratch.ML.Learn.Svm;

/// <summary>
/// A least-recently-used cache of kernel-matrix columns (libsvm's <c>Cache</c>): column i holds its first
/// <c>len[i]</c> entries; asking for more extends it, evicting the least recently used columns until the budget (in
/// doubles) allows. The budget is never below two full columns, so the two columns of a working pair coexist.
/// </summary>
internal sealed class KernelCache
{
    private readonly int l;
    private readonly double[]?[] data;
    private readonly int[] len;
    private readonly int[] prev, next;   // circular LRU list over columns, sentinel l; next of sentinel = oldest
    private long free;

    public KernelCache(int l, long budgetDoubles)
    {
        this.l = l;
        data = new double[]?[l];
        len = new int[l];
        prev = new int[l + 1];
        next = new int[l + 1];
        prev[l] = next[l] = l;
        free = Math.Max(budgetDoubles, 2L * l);
    }

    private void Unlink(int h)
    {
        next[prev[h]] = next[h];
        prev[next[h]] = prev[h];
    }

    private void Append(int h)
    {
        next[h] = l;
        prev[h] = prev[l];
        next[prev[h]] = h;
        prev[l] = h;
    }

    private void Drop(int h)
    {
        Unlink(h);
        free += len[h];
        data[h] = null;
        len[h] = 0;
    }

    /// <summary>
    /// Makes column <paramref name="index"/> hold at least <paramref name="want"/> entries and marks it most recently
    /// used. Returns the number of entries already valid (the caller fills the rest).
    /// </summary>
    public int GetData(int index, int want, out double[] column)
    {
        int have = len[index];
        if (have > 0) Unlink(index);
        int more = want - have;
        if (more > 0)
        {
            while (free < more)
            {
                int old = next[l];
                Drop(old);
            }
            var grown = new double[want];
            if (have > 0) Array.Copy(data[index]!, grown, have);
            data[index] = grown;
            free -= more;
            len[index] = want;
        }
        Append(index);
        column = data[index]!;
        return Math.Min(have, want);
    }

    /// <summary>Swaps positions i and j: the columns trade places and every cached column swaps entries i and j.</summary>
    public void SwapIndex(int i, int j)
    {
        if (i == j) return;
        if (len[i] > 0) Unlink(i);
        if (len[j] > 0) Unlink(j);
        (data[i], data[j]) = (data[j], data[i]);
        (len[i], len[j]) = (len[j], len[i]);
        if (len[i] > 0) Append(i);
        if (len[j] > 0) Append(j);
        if (i > j) (i, j) = (j, i);
        for (int h = next[l]; h != l;)
        {
            int after = next[h];
            if (len[h] > i)
            {
                if (len[h] > j) (data[h]![i], data[h]![j]) = (data[h]![j], data[h]![i]);
                else Drop(h);   // the column covers i but not j: give it up
            }
            h = after;
        }
    }
}
