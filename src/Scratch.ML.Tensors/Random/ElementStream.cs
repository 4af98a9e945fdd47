namespace Scratch.ML.Rng;

/// <summary>
/// The private random stream of one element of a rejection-sampled op: the blocks at (position, draw 0, 1, 2, …),
/// consumed four words at a time. Element i's values therefore depend only on (seed, stream, position) and never
/// on how many draws its neighbours needed: the key to thread-count-independent rejection sampling.
/// </summary>
internal struct ElementStream
{
    private readonly ulong seed;
    private readonly uint stream;
    private readonly ulong position;
    private uint draw;
    private readonly uint step;
    private int used;
    private uint w0, w1, w2, w3;

    /// <param name="seed">The generator's key.</param>
    /// <param name="stream">The generator's stream id.</param>
    /// <param name="position">The element's position.</param>
    /// <param name="firstDraw">The first draw index: 0 for per-element ops; 1 for fallbacks of packed ops, whose draw-0
    /// blocks already hold the packed words.</param>
    /// <param name="drawStep">The stride between draws: elements that share a packed position interleave their
    /// fallback draws (element lane l of s lanes uses draws 1 + l, 1 + l + s, …).</param>
    public ElementStream(ulong seed, uint stream, ulong position, uint firstDraw = 0, uint drawStep = 1)
    {
        step = drawStep;
        this.seed = seed;
        this.stream = stream;
        this.position = position;
        draw = firstDraw;
        used = 4;
    }

    public uint NextUInt32()
    {
        if (used == 4)
        {
            (w0, w1, w2, w3) = Philox.At(seed, stream, position, draw);
            draw += step;
            used = 0;
        }
        return used++ switch { 0 => w0, 1 => w1, 2 => w2, _ => w3 };
    }

    public ulong NextUInt64() => NextUInt32() | ((ulong)NextUInt32() << 32);

    /// <summary>Uniform [0, 1), 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * Bits.Double53;

    /// <summary>Uniform (0, 1], 53 bits.</summary>
    public double NextDoubleOpenZero() => ((NextUInt64() >> 11) + 1) * Bits.Double53;

    /// <summary>Standard normal by Box–Muller (the cosine branch).</summary>
    public double NextNormal()
    {
        double u1 = NextDoubleOpenZero(), u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Standard exponential by inversion.</summary>
    public double NextExponential() => -Math.Log(NextDoubleOpenZero());

    /// <summary>Uniform integer in [0, range), unbiased (Lemire with rejection); range ≥ 1.</summary>
    public ulong NextBelow(ulong range)
    {
        while (true)
            if (Bits.TryBelow(NextUInt64(), range, out ulong v)) return v;
    }
}
