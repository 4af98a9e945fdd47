using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Trees;

/// <summary>The random draws a CART splitter makes: candidate feature positions and random thresholds.</summary>
internal abstract class SplitRandom
{
    /// <summary>A uniform integer in [low, high).</summary>
    public abstract int Int(int low, int high);

    /// <summary>A uniform double in [low, high).</summary>
    public abstract double Uniform(double low, double high);
}

/// <summary>The library's draws: a Philox <see cref="Generator"/> (multiply-shift integers, 53-bit doubles).</summary>
internal sealed class PhiloxSplitRandom(Generator rng) : SplitRandom
{
    /// <inheritdoc />
    public override int Int(int low, int high) => low + (int)((ulong)rng.NextUInt32() * (ulong)(high - low) >> 32);

    /// <inheritdoc />
    public override double Uniform(double low, double high) => (high - low) * rng.NextDouble() + low;
}

/// <summary>
/// scikit-learn's own splitter generator (<c>our_rand_r</c> in sklearn/tree/_utils.pyx: a 32-bit xorshift, results
/// modulo 2³¹), used only by the tests to reproduce scikit-learn's choice among exactly tied splits. The seed is what
/// scikit-learn draws from its RandomState (<c>randint(0, 0x7FFFFFFF)</c>), which the fixture script records.
/// </summary>
internal sealed class SklearnSplitRandom(uint seed) : SplitRandom
{
    private const uint RandRMax = 0x7FFFFFFF;
    private uint state = seed;

    private uint Next()
    {
        if (state == 0) state = 1;
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state % (RandRMax + 1);
    }

    /// <inheritdoc />
    public override int Int(int low, int high) => low + (int)(Next() % (uint)(high - low));

    /// <inheritdoc />
    public override double Uniform(double low, double high) => (high - low) * Next() / RandRMax + low;
}
