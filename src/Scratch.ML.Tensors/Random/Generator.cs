namespace Scratch.ML.Rng;

/// <summary>
/// The saved position of a <see cref="Generator"/>: its seed (the Philox key), stream id and offset. Restoring a
/// state reproduces every later draw exactly.
/// </summary>
/// <param name="Seed">The 64-bit seed, used as the Philox key (k₀ = low word, k₁ = high word).</param>
/// <param name="Stream">The stream id, counter word 3: streams with different ids never share a counter.</param>
/// <param name="Offset">The next unused position (counter words 0–1).</param>
public readonly record struct GeneratorState(ulong Seed, uint Stream, ulong Offset);

/// <summary>
/// A seeded, counter-based random generator over Philox4x32-10 (see <c>docs/random.md</c>). It holds no hidden
/// state besides an offset: every draw of an op is a pure function of (seed, stream, position, draw index), so
/// tensors filled in parallel chunks are bitwise identical for any thread count, and a GPU can produce the same
/// numbers by evaluating the same counters.
/// </summary>
/// <remarks>
/// <para>Counter layout: <c>(position low, position high, draw, stream)</c> with key = seed; each block gives four
/// 32-bit words. An op reserves consecutive positions [Offset, Offset + m) and advances <see cref="Offset"/> by m.
/// Fixed-rate ops (uniform, normal, exponential, bernoulli, randint) use w words per element (1 for float32
/// uniform, normal and exponential; 2 for float64, bernoulli and integers) packed densely into the draw-0 blocks, so m = ⌈n·w/4⌉ and consecutive calls
/// continue one stream. Ops with rejection loops (gamma, beta, dirichlet, poisson, truncated normal, permutation,
/// multinomial) reserve one position per element (or row, or sample) and give element i the blocks
/// (Offset + i, draw 0, 1, 2, …).</para>
/// <para>A generator is a small mutable object and is not thread-safe: use one per thread, or <see cref="Fork"/>
/// independent children.</para>
/// </remarks>
public sealed class Generator
{
    /// <summary>Creates a generator at offset 0 of <paramref name="stream"/> under <paramref name="seed"/>.</summary>
    public Generator(ulong seed, uint stream = 0)
    {
        Seed = seed;
        Stream = stream;
    }

    /// <summary>The Philox key.</summary>
    public ulong Seed { get; private set; }

    /// <summary>The stream id (counter word 3).</summary>
    public uint Stream { get; private set; }

    /// <summary>The next unused position. Setting it skips ahead or back in O(1).</summary>
    public ulong Offset { get; set; }

    /// <summary>The (seed, stream, offset) triple; assigning it restores a saved position.</summary>
    public GeneratorState State
    {
        get => new(Seed, Stream, Offset);
        set
        {
            Seed = value.Seed;
            Stream = value.Stream;
            Offset = value.Offset;
        }
    }

    /// <summary>A generator positioned at <paramref name="state"/>.</summary>
    public static Generator FromState(GeneratorState state) => new(state.Seed, state.Stream) { Offset = state.Offset };

    /// <summary>A generator with the same seed on another stream, at offset 0 (explicit substreams).</summary>
    public Generator WithStream(uint stream) => new(Seed, stream);

    /// <summary>
    /// An independent child generator (JAX-style split): the parent consumes one position, and the child's seed is
    /// the 64-bit Philox output at that position. The parent's later draws and the child's draws never share a key
    /// and counter except with probability 2⁻⁶⁴ per pair of forks.
    /// </summary>
    public Generator Fork()
    {
        ulong p = Reserve(1);
        var (x0, x1, _, _) = Philox.At(Seed, Stream, p, 0);
        return new Generator(x0 | ((ulong)x1 << 32));
    }

    /// <summary><paramref name="count"/> independent children, as by calling <see cref="Fork"/> repeatedly.</summary>
    public Generator[] Split(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new Generator[count];
        for (int i = 0; i < count; i++) result[i] = Fork();
        return result;
    }

    /// <summary>One uniformly random 32-bit word (consumes one position).</summary>
    public uint NextUInt32() => Philox.At(Seed, Stream, Reserve(1), 0).X0;

    /// <summary>One uniform double in [0, 1) with 53 random bits (consumes one position).</summary>
    public double NextDouble()
    {
        var (x0, x1, _, _) = Philox.At(Seed, Stream, Reserve(1), 0);
        return Bits.ToDouble(x0, x1);
    }

    /// <summary>Reserves <paramref name="count"/> positions and returns the first.</summary>
    internal ulong Reserve(long count)
    {
        ulong first = Offset;
        Offset += (ulong)count;
        return first;
    }

    /// <inheritdoc />
    public override string ToString() => $"Generator(seed={Seed}, stream={Stream}, offset={Offset})";
}
