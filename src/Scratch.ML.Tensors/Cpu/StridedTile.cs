using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scratch.ML.Cpu;

/// <summary>
/// Gather/scatter of a tile of up to <see cref="Rows"/> rows × <see cref="Cols"/> columns between strided storage and a
/// contiguous stack buffer, for the drivers' general (non-unit-stride) path. Taking several rows at once is what makes
/// a transposed operand cheap: its rows are adjacent in memory (row stride 1, column stride n), so the gather walks
/// the tile column by column and every cache line (and page) it touches is used for all the rows of the tile, where a
/// row-at-a-time gather touched one new page per element. Indices are trusted (tensor strides are validated when a
/// view is made), so the loops use unchecked element references.
/// </summary>
internal static class StridedTile
{
    /// <summary>Rows per tile: 16 float32 = one 64-byte cache line of a transposed operand.</summary>
    public const int Rows = 16;
    /// <summary>Columns per tile (2,048 elements in all: 8 KiB of float32 on the stack).</summary>
    public const int Cols = 128;

    /// <summary>
    /// Elements per parallel chunk on the tiled path (2²⁰): a chunk of a (4096, 4096) transposed operand is then 256
    /// rows, and the drivers walk it column block by column block, so the 128 pages under one block are reused by all 16 row groups before the next block (instead of a TLB miss per cache line).
    /// </summary>
    public const int Grain = 1 << 20;

    /// <summary>Whether a three-operand row layout takes the binary drivers' per-row span kernels (not the tiles).</summary>
    public static bool UsesRowKernels(in RowIterator it)
        => it.InnerStrideC == 1 && (it.InnerStrideA == 1 || it.InnerStrideA == 0) && (it.InnerStrideB == 1 || it.InnerStrideB == 0)
           && (it.InnerStrideA | it.InnerStrideB) != 0;

    /// <summary>
    /// <c>tile[k·len + j] = src[rowOffsets[k] + (j0 + j)·stride]</c> for k &lt; rowOffsets.Length, j &lt; len.
    /// </summary>
    public static void Gather<T>(T[] src, ReadOnlySpan<int> rowOffsets, int j0, int stride, int len, Span<T> tile)
    {
        ref T s = ref MemoryMarshal.GetArrayDataReference(src);
        ref T t = ref MemoryMarshal.GetReference(tile);
        int rows = rowOffsets.Length;
        if (ColumnOrder(rowOffsets, stride))
        {
            for (int j = 0; j < len; j++)
            {
                int c = (j0 + j) * stride;
                for (int k = 0; k < rows; k++) Unsafe.Add(ref t, k * len + j) = Unsafe.Add(ref s, rowOffsets[k] + c);
            }
            return;
        }
        for (int k = 0; k < rows; k++)
        {
            int p = rowOffsets[k] + j0 * stride;
            if (stride == 1) { src.AsSpan(p, len).CopyTo(tile.Slice(k * len, len)); continue; }
            int j = 0;
            if (stride == 2 && typeof(T) == typeof(float))
                j = GatherEvenSingles(ref Unsafe.As<T, float>(ref Unsafe.Add(ref s, p)), src.Length - p, ref Unsafe.As<T, float>(ref Unsafe.Add(ref t, k * len)), len);
            ref T tk = ref Unsafe.Add(ref t, k * len);
            for (p += j * stride; j < len; j++, p += stride) Unsafe.Add(ref tk, j) = Unsafe.Add(ref s, p);
        }
    }

    /// <summary>
    /// Stride-2 float gather, 16 per step: two 512-bit loads reinterpreted as 64-bit lanes and narrowed to their low
    /// halves (the even floats, little-endian). Returns how many elements it wrote; it never reads past
    /// <paramref name="available"/> elements from <paramref name="src"/>.
    /// </summary>
    private static int GatherEvenSingles(ref float src, int available, ref float dst, int len)
    {
        if (!Vector512.IsHardwareAccelerated || !BitConverter.IsLittleEndian) return 0;
        int j = 0;
        for (; j + 16 <= len && 2 * j + 32 <= available; j += 16)
        {
            var lo = Vector512.LoadUnsafe(ref src, (nuint)(2 * j)).AsUInt64();
            var hi = Vector512.LoadUnsafe(ref src, (nuint)(2 * j + 16)).AsUInt64();
            Vector512.Narrow(lo, hi).AsSingle().StoreUnsafe(ref dst, (nuint)j);
        }
        return j;
    }

    /// <summary><c>dst[rowOffsets[k] + (j0 + j)·stride] = tile[k·len + j]</c>.</summary>
    public static void Scatter<T>(ReadOnlySpan<T> tile, T[] dst, ReadOnlySpan<int> rowOffsets, int j0, int stride, int len)
    {
        ref T d = ref MemoryMarshal.GetArrayDataReference(dst);
        ref T t = ref MemoryMarshal.GetReference(tile);
        int rows = rowOffsets.Length;
        if (ColumnOrder(rowOffsets, stride))
        {
            for (int j = 0; j < len; j++)
            {
                int c = (j0 + j) * stride;
                for (int k = 0; k < rows; k++) Unsafe.Add(ref d, rowOffsets[k] + c) = Unsafe.Add(ref t, k * len + j);
            }
            return;
        }
        for (int k = 0; k < rows; k++)
        {
            int p = rowOffsets[k] + j0 * stride;
            if (stride == 1) { tile.Slice(k * len, len).CopyTo(dst.AsSpan(p, len)); continue; }
            ref T tk = ref Unsafe.Add(ref t, k * len);
            for (int j = 0; j < len; j++, p += stride) Unsafe.Add(ref d, p) = Unsafe.Add(ref tk, j);
        }
    }

    /// <summary>Walk column by column when consecutive rows are closer in memory than consecutive columns.</summary>
    private static bool ColumnOrder(ReadOnlySpan<int> rowOffsets, int stride)
        => rowOffsets.Length > 1 && Math.Abs(rowOffsets[1] - rowOffsets[0]) < Math.Abs(stride);
}
