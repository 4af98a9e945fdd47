namespace Scratch.ML.Rng;

/// <summary>
/// Where the values of a tile come from: the op's base position and the index of the tile's first element. Passed
/// to converters that occasionally need more words than the packed ones (rejection fallbacks).
/// </summary>
internal readonly record struct TileContext(ulong Seed, uint Stream, ulong BasePosition, long FirstElement);

/// <summary>
/// Turns a tile of random words into values. A converter reads <see cref="WordsPerElement"/>·<see cref="RandomFill.Tile"/>
/// words and writes <see cref="RandomFill.Tile"/> values; element e of the tile owns words
/// [e·WordsPerElement, (e + 1)·WordsPerElement), except that pairing converters (Box–Muller) combine elements e and
/// e + Tile/2. The tile is always full (tails are computed into scratch), so vector code never meets a remainder.
/// </summary>
internal interface IWordConverter<T>
{
    /// <summary>1, 2 or 4.</summary>
    static abstract int WordsPerElement { get; }

    void Convert(ReadOnlySpan<uint> words, Span<T> values, in TileContext context);
}

/// <summary>
/// The parallel driver of fixed-rate distributions. Values are produced in tiles of <see cref="Tile"/> elements and
/// chunks of <see cref="ChunkTiles"/> tiles; the words of element i come from the blocks at
/// <c>base + ⌊i·WordsPerElement/4⌋</c> (draw 0), so chunk boundaries and thread count never change a value.
/// </summary>
internal static class RandomFill
{
    public const int Tile = 256;
    public const int ChunkTiles = 32;
    public const int Chunk = Tile * ChunkTiles;

    /// <summary>Fills y[start .. start + count) with the op's elements 0 .. count − 1, in parallel chunks.</summary>
    public static void Run<T, TC>(TC converter, ulong seed, uint stream, ulong basePosition, T[] y, int start, int count)
        where T : unmanaged where TC : struct, IWordConverter<T>
    {
        int chunks = (int)(((long)count + Chunk - 1) / Chunk);
        if (count < Parallelism.ElementwiseThreshold || chunks == 1)
        {
            Fill<T, TC>(converter, seed, stream, basePosition, y.AsSpan(start, count), 0);
            return;
        }
        Parallelism.For(chunks, c =>
        {
            int first = c * Chunk;
            int n = Math.Min(Chunk, count - first);
            Fill<T, TC>(converter, seed, stream, basePosition, y.AsSpan(start + first, n), first);
        });
    }

    /// <summary>
    /// Fills <paramref name="y"/> with the op's elements firstElement .. firstElement + y.Length − 1 on the calling
    /// thread; <paramref name="firstElement"/> must be a multiple of <see cref="Tile"/>.
    /// </summary>
    public static void Fill<T, TC>(TC converter, ulong seed, uint stream, ulong basePosition, Span<T> y, long firstElement)
        where T : unmanaged where TC : struct, IWordConverter<T>
    {
        int wpe = TC.WordsPerElement;
        Span<uint> words = stackalloc uint[Tile * 4];
        words = words[..(Tile * wpe)];
        Span<T> scratch = stackalloc T[Tile];
        for (int e = 0; e < y.Length; e += Tile)
        {
            long element = firstElement + e;
            ulong position = basePosition + (ulong)(element * wpe / 4);
            PhiloxBulk.Fill(seed, stream, position, 0, words);
            var ctx = new TileContext(seed, stream, basePosition, element);
            int n = Math.Min(Tile, y.Length - e);
            if (n == Tile)
                converter.Convert(words, y.Slice(e, Tile), ctx);
            else
            {
                converter.Convert(words, scratch, ctx);
                scratch[..n].CopyTo(y.Slice(e, n));
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> over element ranges of a per-element (rejection-sampled) op in fixed chunks of
    /// <paramref name="grain"/> elements: body(start, count).
    /// </summary>
    public static void PerElement(long count, int grain, Action<long, int> body)
    {
        int chunks = (int)((count + grain - 1) / grain);
        Parallelism.For(chunks, c =>
        {
            long first = (long)c * grain;
            body(first, (int)Math.Min(grain, count - first));
        });
    }
}
