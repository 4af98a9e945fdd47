using System.Buffers;
using System.Numerics;

namespace Scratch.ML.Cpu;

/// <summary>
/// Row-wise stable sort along one axis (Sort, Argsort, TopK). Each row is gathered into (value, index) pairs, sorted
/// with a struct comparer that orders NaN after every number (ascending; before, descending — i.e. NaN counts as the
/// largest value, as in NumPy and PyTorch) and breaks ties by source index, which makes the sort stable; the first k
/// entries are written out. Rows are split across threads in chunks fixed by the shape.
/// </summary>
internal static class SortDriver
{
    internal const int Grain = 1 << 15;

    /// <summary>A value with the position it came from.</summary>
    internal struct Entry<T>(T value, int index)
    {
        public T Value = value;
        public int Index = index;
    }

    /// <summary>Ascending order, NaN last, ties by index.</summary>
    internal readonly struct Ascending<T> : IComparer<Entry<T>> where T : INumber<T>
    {
        public int Compare(Entry<T> a, Entry<T> b)
        {
            bool an = T.IsNaN(a.Value), bn = T.IsNaN(b.Value);
            if (an | bn)
            {
                if (an & bn) return a.Index.CompareTo(b.Index);
                return an ? 1 : -1;
            }
            if (a.Value < b.Value) return -1;
            if (a.Value > b.Value) return 1;
            return a.Index.CompareTo(b.Index);
        }
    }

    /// <summary>Descending order, NaN first, ties by index.</summary>
    internal readonly struct Descending<T> : IComparer<Entry<T>> where T : INumber<T>
    {
        public int Compare(Entry<T> a, Entry<T> b)
        {
            bool an = T.IsNaN(a.Value), bn = T.IsNaN(b.Value);
            if (an | bn)
            {
                if (an & bn) return a.Index.CompareTo(b.Index);
                return an ? -1 : 1;
            }
            if (a.Value > b.Value) return -1;
            if (a.Value < b.Value) return 1;
            return a.Index.CompareTo(b.Index);
        }
    }

    public static void Run<T>(Tensor<T> x, int axis, bool descending, Tensor<T>? values, Tensor<long>? indices) where T : unmanaged, INumber<T>
    {
        var xs = x.HostArray("sort");
        var vs = values?.HostArray("sort");
        var ids = indices?.HostArray("sort");
        int[] outShape = values?.shape ?? indices!.shape;
        int[] outStrides = values?.strides ?? indices!.strides;
        int vo = values?.offset ?? 0, io = indices?.offset ?? 0;
        int len = x.shape[axis], k = outShape[axis];
        if (Shapes.Numel(outShape) == 0) return;
        var outer = new List<(int N, int A, int B)>();
        for (int i = 0; i < x.Rank; i++)
            if (i != axis) outer.Add((x.shape[i], x.strides[i], outStrides[i]));
        var (os, oa, ob) = StridedCursor.Coalesce(outer);
        var cursor = new StridedCursor(os, oa, ob);
        int rows = cursor.Count, sx = x.strides[axis], sy = outStrides[axis], xo = x.offset;
        int perChunk = Math.Max(1, Grain / Math.Max(1, len));
        int chunks = (rows + perChunk - 1) / perChunk;
        Parallelism.For(chunks, c =>
        {
            var cur = cursor.Clone();
            var buf = ArrayPool<Entry<T>>.Shared.Rent(len);
            var row = buf.AsSpan(0, len);
            int start = c * perChunk, end = Math.Min(rows, start + perChunk);
            cur.Seek(start);
            for (int r = start; r < end; r++, cur.MoveNext())
            {
                int a = xo + cur.OffsetA;
                for (int j = 0; j < len; j++, a += sx) row[j] = new Entry<T>(xs[a], j);
                if (descending) row.Sort(new Descending<T>());
                else row.Sort(new Ascending<T>());
                int b = cur.OffsetB;
                for (int j = 0; j < k; j++, b += sy)
                {
                    if (vs is not null) vs[vo + b] = row[j].Value;
                    if (ids is not null) ids[io + b] = row[j].Index;
                }
            }
            ArrayPool<Entry<T>>.Shared.Return(buf);
        });
    }
}
