namespace Scratch.ML.Statistics;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014): a 64-bit counter advanced by the golden-ratio increment 0x9E3779B97F4A7C15
/// and passed through a bijective mixing function. Tiny, fast, statistically good for resampling, and fully
/// deterministic: the same seed gives the same stream on every platform and .NET version (unlike System.Random).
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong state = seed;

    internal ulong NextUInt64()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// A uniform integer in [0, n) as the high 64 bits of a 64×64-bit product (Lemire's multiply-shift); the bias is at
    /// most n/2⁶⁴, far below anything a resampling statistic can detect.
    /// </summary>
    internal int NextInt(int n) => (int)Math.BigMul(NextUInt64(), (ulong)n, out _);
}
