using System.Runtime.CompilerServices;

namespace Scratch.ML.Rng;

/// <summary>
/// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw ("Parallel random numbers: as easy as
/// 1, 2, 3", SC'11): a keyed bijection of a 128-bit counter. Output block = Philox(counter, key); the n-th random
/// block of a stream is simply the image of counter n, so any block can be computed without computing the others.
/// </summary>
/// <remarks>
/// <para>One round maps (x₀, x₁, x₂, x₃) with key (k₀, k₁) to
/// <c>(hi(M₁·x₂) ⊕ x₁ ⊕ k₀, lo(M₁·x₂), hi(M₀·x₀) ⊕ x₃ ⊕ k₁, lo(M₀·x₀))</c>, where hi/lo are the upper/lower 32 bits of
/// the 64-bit product and M₀ = 0xD2511F53, M₁ = 0xCD9E8D57. Between rounds the key is bumped by the Weyl constants
/// W₀ = 0x9E3779B9 (golden ratio), W₁ = 0xBB67AE85 (√3 − 1). Ten rounds pass BigCrush with a wide margin.</para>
/// <para>This file holds the scalar reference; <see cref="PhiloxBulk"/> is the SIMD twin that fills many consecutive
/// counters at once and is tested bit-for-bit against it.</para>
/// </remarks>
public static class Philox
{
    /// <summary>Multiplier of the first lane pair.</summary>
    public const uint M0 = 0xD2511F53;
    /// <summary>Multiplier of the second lane pair.</summary>
    public const uint M1 = 0xCD9E8D57;
    /// <summary>Weyl increment of key word 0 (⌊2³²/φ⌋).</summary>
    public const uint W0 = 0x9E3779B9;
    /// <summary>Weyl increment of key word 1 (⌊2³²·(√3 − 1)⌋).</summary>
    public const uint W1 = 0xBB67AE85;
    /// <summary>Number of rounds.</summary>
    public const int Rounds = 10;

    /// <summary>
    /// Philox4x32-10 of counter (c0, c1, c2, c3) under key (k0, k1): the readable scalar reference.
    /// </summary>
    /// <returns>The four output words.</returns>
    public static (uint X0, uint X1, uint X2, uint X3) Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (int r = 0; r < Rounds; r++)
        {
            if (r > 0) { k0 += W0; k1 += W1; }
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            uint n1 = (uint)p1;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            uint n3 = (uint)p0;
            c0 = n0; c1 = n1; c2 = n2; c3 = n3;
        }
        return (c0, c1, c2, c3);
    }

    /// <summary>
    /// The block at 64-bit <paramref name="position"/> of a Scratch.ML stream: counter
    /// (position low, position high, <paramref name="draw"/>, <paramref name="stream"/>) under the 64-bit
    /// <paramref name="seed"/> as key (low word k₀, high word k₁).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (uint X0, uint X1, uint X2, uint X3) At(ulong seed, uint stream, ulong position, uint draw)
        => Block((uint)position, (uint)(position >> 32), draw, stream, (uint)seed, (uint)(seed >> 32));

    /// <summary>
    /// Scalar reference of a bulk fill: <c>words[4j + l]</c> = word l of the block at position
    /// <paramref name="firstPosition"/> + j (draw index <paramref name="draw"/>); a last partial block is truncated.
    /// </summary>
    public static void FillReference(ulong seed, uint stream, ulong firstPosition, uint draw, Span<uint> words)
    {
        for (int j = 0; 4 * j < words.Length; j++)
        {
            var (x0, x1, x2, x3) = At(seed, stream, firstPosition + (ulong)j, draw);
            int o = 4 * j;
            words[o] = x0;
            if (o + 1 < words.Length) words[o + 1] = x1;
            if (o + 2 < words.Length) words[o + 2] = x2;
            if (o + 3 < words.Length) words[o + 3] = x3;
        }
    }
}
