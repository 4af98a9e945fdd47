using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Scratch.ML.Cpu;

/// <summary>
/// Row-wise stable sort along one axis (Sort, ArgSort, TopK). Each row is gathered into (value, index) pairs, sorted
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

    /// <summary>
    /// The fast path for float32: each element becomes one 64-bit integer key, (order-preserving bits of the value) ·
    /// 2³² + index, and the keys are sorted with the primitive integer sort — no comparer calls. The value bits are
    /// the IEEE pattern with the sign bit flipped for positives and all bits flipped for negatives (so integer order
    /// is numeric order), −0 first turned into +0 (they compare equal), every NaN mapped to the largest key; for a
    /// descending sort the value bits are complemented. Ties share value bits and are ordered by index, so the sort
    /// is stable, exactly like the comparer path (<see cref="Ascending{T}"/>, <see cref="Descending{T}"/>), its twin.
    /// </summary>
    private static void SortFloat<T>(ReadOnlySpan<T> values, Span<ulong> keys, bool descending) where T : unmanaged
    {
        var v = MemoryMarshal.Cast<T, float>(values);
        for (int j = 0; j < v.Length; j++)
        {
            uint bits = OrderedBits(v[j]);
            keys[j] = ((ulong)(descending ? ~bits : bits) << 32) | (uint)j;
        }
        keys.Sort();
    }

    /// <summary>The float64 fast path: 128-bit keys, (ordered value bits) · 2⁶⁴ + index (see <see cref="SortFloat"/>).</summary>
    private static void SortDouble<T>(ReadOnlySpan<T> values, Span<UInt128> keys, bool descending) where T : unmanaged
    {
        var v = MemoryMarshal.Cast<T, double>(values);
        for (int j = 0; j < v.Length; j++)
        {
            ulong bits = OrderedBits(v[j]);
            keys[j] = ((UInt128)(descending ? ~bits : bits) << 64) | (uint)j;
        }
        keys.Sort();
    }

    internal static uint OrderedBits(float x)
    {
        if (float.IsNaN(x)) return uint.MaxValue;
        uint b = BitConverter.SingleToUInt32Bits(x == 0 ? 0f : x);
        return (b & 0x8000_0000u) != 0 ? ~b : b | 0x8000_0000u;
    }

    internal static ulong OrderedBits(double x)
    {
        if (double.IsNaN(x)) return ulong.MaxValue;
        ulong b = BitConverter.DoubleToUInt64Bits(x == 0 ? 0d : x);
        return (b & 0x8000_0000_0000_0000ul) != 0 ? ~b : b | 0x8000_0000_0000_0000ul;
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
            var values = ArrayPool<T>.Shared.Rent(len);
            var keys32 = typeof(T) == typeof(float) ? ArrayPool<ulong>.Shared.Rent(len) : null;
            var keys64 = typeof(T) == typeof(double) ? ArrayPool<UInt128>.Shared.Rent(len) : null;
            for (int r = start; r < end; r++, cur.MoveNext())
            {
                int a = xo + cur.OffsetA;
                int b = cur.OffsetB;
                if (keys32 is not null || keys64 is not null)
                {
                    for (int j = 0; j < len; j++, a += sx) values[j] = xs[a];
                    if (keys32 is not null) SortFloat(values.AsSpan(0, len), keys32.AsSpan(0, len), descending);
                    else SortDouble(values.AsSpan(0, len), keys64!.AsSpan(0, len), descending);
                    for (int j = 0; j < k; j++, b += sy)
                    {
                        int idx = keys32 is not null ? (int)(uint)keys32[j] : (int)(ulong)keys64![j];
                        if (vs is not null) vs[vo + b] = values[idx];
                        if (ids is not null) ids[io + b] = idx;
                    }
                    continue;
                }
                for (int j = 0; j < len; j++, a += sx) row[j] = new Entry<T>(xs[a], j);
                if (descending) row.Sort(new Descending<T>());
                else row.Sort(new Ascending<T>());
                for (int j = 0; j < k; j++, b += sy)
                {
                    if (vs is not null) vs[vo + b] = row[j].Value;
                    if (ids is not null) ids[io + b] = row[j].Index;
                }
            }
            ArrayPool<Entry<T>>.Shared.Return(buf);
            ArrayPool<T>.Shared.Return(values);
            if (keys32 is not null) ArrayPool<ulong>.Shared.Return(keys32);
            if (keys64 is not null) ArrayPool<UInt128>.Shared.Return(keys64);
        });
    }
}
