namespace Scratch.ML.Cpu;

/// <summary>
/// A cache-blocked copy for transposed layouts: the destination's innermost axis is unit-stride while the source is
/// unit-stride along some other axis (e.g. <c>x.MT.Contiguous()</c>). The row walker of <see cref="CopyDriver"/> reads
/// one source element per cache line in that case (a 4096-float column touches 4096 lines, and none is still cached
/// when its next element is needed); here the copy proceeds in <see cref="Tile"/> × <see cref="Tile"/> tiles, so every
/// source and destination line a tile touches stays in L1 while it is used.
/// </summary>
/// <remarks>
/// Layout analysis: size-1 axes are dropped and axis pairs contiguous in both operands are merged (as in
/// <see cref="RowIterator"/>). The path applies when the merged destination's last axis has stride 1, the source's
/// does not, and some other axis p has source stride ±1. Then the copy is a batch (over the remaining axes) of 2-d
/// copies <c>dst[i·dp + j] = src[i + j·sl]</c>. The reference twin is <see cref="CopyDriver.Copy{T}"/>; tests
/// compare the two over random layouts.
/// </remarks>
internal static class BlockedTranspose
{
    /// <summary>The tile edge: 32 × 32 elements of 8 bytes touch 32 source and 32 destination lines of 256 B (16 KiB).</summary>
    public const int Tile = 32;

    /// <summary>Source-contiguous rows per parallel chunk: long enough for the prefetchers to stream each source run.</summary>
    public const int ChunkRows = 256;

    private readonly record struct Plan(int Rows, int Cols, int SrcRowStride, int SrcColStride, int DstRowStride,
        int[] Batch, int[] SrcBatchStrides, int[] DstBatchStrides);

    /// <summary>
    /// Copies <paramref name="src"/> into <paramref name="dst"/> (equal shapes, CPU) with the blocked kernel if the
    /// layouts form a transpose; returns false (and copies nothing) otherwise.
    /// </summary>
    public static bool TryCopy<T>(Tensor<T> src, Tensor<T> dst) where T : unmanaged
    {
        Shapes.RequireEqual(dst.shape, src.shape, "Copy", "source");
        if (dst.Length < Tile * Tile || src.storage is not CpuStorage<T> || dst.storage is not CpuStorage<T>) return false;
        if (Analyse(dst.shape, src.strides, dst.strides) is not Plan plan) return false;
        var s = src.HostArray("Copy");
        var d = dst.HostArray("Copy");
        int batch = 1;
        foreach (int n in plan.Batch) batch *= n;
        int rowBlocks = (plan.Rows + ChunkRows - 1) / ChunkRows;
        // One chunk per (batch entry, block of ChunkRows rows): boundaries depend only on the shape.
        int chunks = batch * rowBlocks;
        int so = src.offset, dOff = dst.offset;
        if (dst.Length < Parallelism.ElementwiseThreshold)
            for (int c = 0; c < chunks; c++) CopyChunk(s, so, d, dOff, plan, rowBlocks, c);
        else
            Parallelism.For(chunks, c => CopyChunk(s, so, d, dOff, plan, rowBlocks, c));
        return true;
    }

    private static void CopyChunk<T>(T[] s, int so, T[] d, int dOff, Plan plan, int rowBlocks, int chunk) where T : unmanaged
    {
        int b = chunk / rowBlocks, i0 = chunk % rowBlocks * ChunkRows;
        // Offsets of batch entry b (row-major over the batch axes).
        for (int k = plan.Batch.Length - 1; k >= 0; k--)
        {
            int ix = b % plan.Batch[k];
            b /= plan.Batch[k];
            so += ix * plan.SrcBatchStrides[k];
            dOff += ix * plan.DstBatchStrides[k];
        }
        int i1 = Math.Min(plan.Rows, i0 + ChunkRows);
        int sr = plan.SrcRowStride, sc = plan.SrcColStride, dr = plan.DstRowStride;
        int w = sr == 1 ? RegisterTransposes.Width<T>() : 0; // 16 (4-byte) or 8 (8-byte) with AVX-512, else 0
        int iFull = i0, jFull = 0;
        if (w > 0)
        {
            // Full w × w squares go through registers: w row loads, an in-register transpose and w row stores, each a
            // whole cache line that is never touched again, so the aliasing of a 4096-wide matrix's rows in the L1
            // sets (16 KiB apart) costs nothing. For one column band the source is read as w contiguous runs of
            // ChunkRows elements, which the prefetchers stream.
            iFull = i0 + (i1 - i0) / w * w;
            jFull = plan.Cols / w * w;
            for (int j = 0; j < jFull; j += w)
                for (int i = i0; i < iFull; i += w)
                    RegisterTransposes.Square(s, so + i + j * sc, sc, d, dOff + i * dr + j, dr);
        }
        // The rest element by element (everything without AVX-512), in Tile × Tile tiles that stay in L1; within a
        // tile, read along the source's unit-stride axis.
        for (int ti = i0; ti < i1; ti += Tile)
            for (int tj = 0; tj < plan.Cols; tj += Tile)
            {
                int ie = Math.Min(i1, ti + Tile), je = Math.Min(plan.Cols, tj + Tile);
                for (int j = tj; j < je; j++)
                {
                    int sBase = so + j * sc, dBase = dOff + j;
                    for (int i = j < jFull ? Math.Max(ti, iFull) : ti; i < ie; i++) d[dBase + i * dr] = s[sBase + i * sr];
                }
            }
    }

    /// <summary>The 2-d-batch plan of a transposing copy, or null when the layouts are not a transpose.</summary>
    private static Plan? Analyse(int[] shape, int[] srcStrides, int[] dstStrides)
    {
        var dims = new List<(int N, int S, int D)>();
        for (int i = 0; i < shape.Length; i++)
            if (shape[i] != 1) dims.Add((shape[i], srcStrides[i], dstStrides[i]));
        for (int i = dims.Count - 2; i >= 0; i--)
            if (dims[i].S == dims[i + 1].S * dims[i + 1].N && dims[i].D == dims[i + 1].D * dims[i + 1].N)
            {
                dims[i] = (dims[i].N * dims[i + 1].N, dims[i + 1].S, dims[i + 1].D);
                dims.RemoveAt(i + 1);
            }
        if (dims.Count < 2) return null;
        var last = dims[^1];
        if (last.D != 1 || Math.Abs(last.S) == 1 || last.N < Tile / 2) return null;
        int p = -1;
        for (int i = dims.Count - 2; i >= 0; i--)
            if (Math.Abs(dims[i].S) == 1 && dims[i].N >= Tile / 2) { p = i; break; }
        if (p < 0) return null;
        var batch = new List<int>();
        var sb = new List<int>();
        var db = new List<int>();
        for (int i = 0; i < dims.Count - 1; i++)
            if (i != p) { batch.Add(dims[i].N); sb.Add(dims[i].S); db.Add(dims[i].D); }
        return new Plan(dims[p].N, last.N, dims[p].S, last.S, dims[p].D, [.. batch], [.. sb], [.. db]);
    }
}
