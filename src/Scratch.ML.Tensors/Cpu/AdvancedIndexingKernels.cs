using System.Numerics;

namespace Scratch.ML.Cpu;

/// <summary>
/// CPU kernels of integer-array indexing on the leading axes (<c>x[i, j]</c> with index tensors i, j). For each
/// position p of the broadcast index shape B, the k indices pick one "block" of x — the sub-tensor over x's remaining
/// axes — which is copied to or from position p of the other operand. The block's element offsets are computed once.
/// </summary>
internal static class AdvancedIndexingKernels
{
    /// <summary>Storage offsets, relative to the block start, of a block's elements in row-major order.</summary>
    private static int[] BlockOffsets<T>(Tensor<T> t, int firstAxis) where T : unmanaged
    {
        int rank = t.Rank - firstAxis;
        var shape = t.shape.AsSpan(firstAxis).ToArray();
        var result = new int[Shapes.Numel(shape)];
        var idx = new int[rank];
        for (int f = 0; f < result.Length; f++)
        {
            int o = 0;
            for (int k = 0; k < rank; k++) o += idx[k] * t.strides[firstAxis + k];
            result[f] = o;
            for (int k = rank - 1; k >= 0; k--) // odometer increment
            {
                if (++idx[k] < shape[k]) break;
                idx[k] = 0;
            }
        }
        return result;
    }

    /// <summary>
    /// The storage offset in <paramref name="x"/> of each index tuple (one per position of B, row-major), with
    /// negative indices wrapped and every index checked against its axis.
    /// </summary>
    private static int[] TupleOffsets<T>(Tensor<T> x, Tensor<long>[] indices) where T : unmanaged
    {
        var b = indices[0].shape;
        int count = Shapes.Numel(b);
        var result = new int[count];
        var pos = new int[b.Length];
        var arrays = indices.Select(t => t.HostArray("index")).ToArray();
        for (int f = 0; f < count; f++)
        {
            int o = x.offset;
            for (int j = 0; j < indices.Length; j++)
            {
                var t = indices[j];
                int io = t.offset;
                for (int k = 0; k < pos.Length; k++) io += pos[k] * t.strides[k];
                long v = arrays[j][io];
                int n = x.shape[j];
                if (v < -n || v >= n)
                    throw new IndexOutOfRangeException($"index {v} is out of range for axis {j} of size {n} (indices[{j}], allowed [{-n}, {n})).");
                o += (int)(v < 0 ? v + n : v) * x.strides[j];
            }
            result[f] = o;
            for (int k = pos.Length - 1; k >= 0; k--)
            {
                if (++pos[k] < b[k]) break;
                pos[k] = 0;
            }
        }
        return result;
    }

    /// <summary><c>dst[p, r] = src[tuple(p), r]</c>; dst is contiguous with shape B + block shape.</summary>
    public static void Gather<T>(Tensor<T> src, Tensor<long>[] indices, Tensor<T> dst) where T : unmanaged
    {
        var tuples = TupleOffsets(src, indices);
        var block = BlockOffsets(src, indices.Length);
        var s = src.HostArray("Index");
        var d = dst.HostArray("Index");
        var dBlock = BlockOffsets(dst, dst.Rank - (src.Rank - indices.Length));
        var dTuples = OuterOffsets(dst, indices[0].Rank);
        for (int p = 0; p < tuples.Length; p++)
            for (int r = 0; r < block.Length; r++)
                d[dTuples[p] + dBlock[r]] = s[tuples[p] + block[r]];
    }

    /// <summary><c>dst[tuple(p), r] = values[p, r]</c> (or <c>+=</c>), sequentially in row-major order of p.</summary>
    public static void Put<T>(Tensor<T> dst, Tensor<long>[] indices, Tensor<T> values, bool accumulate) where T : unmanaged
    {
        var tuples = TupleOffsets(dst, indices); // validates every index before any write
        var block = BlockOffsets(dst, indices.Length);
        var vBlock = BlockOffsets(values, indices[0].Rank);
        var vTuples = OuterOffsets(values, indices[0].Rank);
        var d = dst.HostArray("IndexPut");
        var v = values.HostArray("IndexPut");
        if (!accumulate)
        {
            for (int p = 0; p < tuples.Length; p++)
                for (int r = 0; r < block.Length; r++)
                    d[tuples[p] + block[r]] = v[vTuples[p] + vBlock[r]];
            return;
        }
        if (typeof(T) == typeof(float)) Add((float[])(object)d, (float[])(object)v, tuples, block, vTuples, vBlock);
        else if (typeof(T) == typeof(double)) Add((double[])(object)d, (double[])(object)v, tuples, block, vTuples, vBlock);
        else if (typeof(T) == typeof(int)) Add((int[])(object)d, (int[])(object)v, tuples, block, vTuples, vBlock);
        else if (typeof(T) == typeof(long)) Add((long[])(object)d, (long[])(object)v, tuples, block, vTuples, vBlock);
        else if (typeof(T) == typeof(byte)) Add((byte[])(object)d, (byte[])(object)v, tuples, block, vTuples, vBlock);
        else throw new NotSupportedException($"IndexPut with accumulate needs a numeric element type, not {DTypes.Name(DTypes.Of<T>())}.");
    }

    private static void Add<T>(T[] d, T[] v, int[] tuples, int[] block, int[] vTuples, int[] vBlock) where T : IAdditionOperators<T, T, T>
    {
        for (int p = 0; p < tuples.Length; p++)
            for (int r = 0; r < block.Length; r++)
                d[tuples[p] + block[r]] += v[vTuples[p] + vBlock[r]];
    }

    /// <summary>Storage offsets (including the tensor's offset) of the positions of the first <paramref name="axes"/> axes, row-major.</summary>
    private static int[] OuterOffsets<T>(Tensor<T> t, int axes) where T : unmanaged
    {
        var shape = t.shape.AsSpan(0, axes).ToArray();
        var result = new int[Shapes.Numel(shape)];
        var idx = new int[axes];
        for (int f = 0; f < result.Length; f++)
        {
            int o = t.offset;
            for (int k = 0; k < axes; k++) o += idx[k] * t.strides[k];
            result[f] = o;
            for (int k = axes - 1; k >= 0; k--)
            {
                if (++idx[k] < shape[k]) break;
                idx[k] = 0;
            }
        }
        return result;
    }
}
