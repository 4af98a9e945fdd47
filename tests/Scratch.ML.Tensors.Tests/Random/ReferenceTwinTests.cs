using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Rng;

/// <summary>
/// The vectorised fills against readable scalar formulas written from the documented layout (docs/random.md):
/// element i of a fixed-rate op at base position b reads words from Philox.At(seed, stream, b + ⌊i·w/4⌋, 0).
/// </summary>
public class ReferenceTwinTests
{
    private const ulong Seed = 0xDEADBEEFCAFEUL;

    private static uint Word(ulong position0, long wordIndex)
    {
        var x = Philox.At(Seed, 0, position0 + (ulong)(wordIndex / 4), 0);
        return (wordIndex % 4) switch { 0 => x.X0, 1 => x.X1, 2 => x.X2, _ => x.X3 };
    }

    private static double U53(long e) => ((Word(0, 2 * e) | ((ulong)Word(0, 2 * e + 1) << 32)) >> 11) * (1.0 / (1UL << 53));

    public static TheoryData<int> Lengths => new() { 1, 15, 16, 17, 255, 256, 257, 1000, 70_001 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void UniformFloatAndDoubleAreBitExact(int n)
    {
        var f = Tensor.Uniform<float>(-2, 3, new Generator(Seed), n).ToArray();
        var d = Tensor.Rand<double>(new Generator(Seed), n).ToArray();
        for (int i = 0; i < n; i++)
        {
            float u = (Word(0, i) >> 8) * (1f / (1 << 24));
            Assert.Equal(MathF.Min(-2f + 5f * u, MathF.BitDecrement(3f)), f[i]);
            Assert.Equal(U53(i), d[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void NormalMatchesScalarBoxMuller(int n)
    {
        var f = Tensor.Randn<float>(new Generator(Seed), n).ToArray();
        var d = Tensor.Randn<double>(new Generator(Seed), n).ToArray();
        for (int i = 0; i < n; i++)
        {
            // Pairs are (j, j + 128) inside each 256-element tile.
            long tile = i / 256 * 256, j = i % 256, a = tile + j % 128, b = a + 128;
            bool sin = j >= 128;
            double u1 = ((Word(0, a) >> 8) + 1) * (1.0 / (1 << 24)), u2 = (Word(0, b) >> 8) * (1.0 / (1 << 24));
            double zf = Math.Sqrt(-2 * Math.Log(u1)) * (sin ? Math.Sin(2 * Math.PI * u2) : Math.Cos(2 * Math.PI * u2));
            // float32 SIMD log/sincos: a few ulps of the result, plus the float rounding of 2πu₂ amplified by r.
            Assert.True(Math.Abs(f[i] - zf) <= 4e-6 * (1 + Math.Abs(zf)) + 2e-6, $"f32 element {i}: {f[i]} vs {zf}");
            double v1 = U53(a) + 1.0 / (1UL << 53), v2 = U53(b);
            double zd = Math.Sqrt(-2 * Math.Log(v1)) * (sin ? Math.Sin(2 * Math.PI * v2) : Math.Cos(2 * Math.PI * v2));
            Assert.True(Math.Abs(d[i] - zd) <= 1e-13 * (1 + Math.Abs(zd)), $"f64 element {i}: {d[i]} vs {zd}");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ExponentialMatchesInversion(int n)
    {
        var f = Tensor.Exponential<float>(2, new Generator(Seed), n).ToArray();
        var d = Tensor.Exponential<double>(2, new Generator(Seed), n).ToArray();
        for (int i = 0; i < n; i++)
        {
            double ef = -Math.Log(((Word(0, i) >> 8) + 1) * (1.0 / (1 << 24))) / 2;
            Assert.True(Math.Abs(f[i] - ef) <= 1e-6 * (1 + ef), $"f32 element {i}: {f[i]} vs {ef}");
            double ed = -Math.Log(U53(i) + 1.0 / (1UL << 53)) / 2;
            Assert.True(Math.Abs(d[i] - ed) <= 1e-15 * (1 + ed), $"f64 element {i}: {d[i]} vs {ed}");
        }
    }

    [Fact]
    public void BernoulliAndRandIntMatchTheirDefinitions()
    {
        const int n = 5000;
        var b = Tensor.Bernoulli(0.37, new Generator(Seed), n).ToArray();
        var r = Tensor.RandInt<int>(-7, 10, new Generator(Seed), n).ToArray();
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(U53(i) < 0.37, b[i]);
            ulong x = Word(0, 2 * i) | ((ulong)Word(0, 2 * i + 1) << 32);
            Assert.Equal(-7 + (int)(ulong)(((UInt128)x * 17) >> 64), r[i]);
        }
    }

    [Fact]
    public void LemireRejectsExactlyTheBiasedLowProducts()
    {
        // range 3: 2⁶⁴ mod 3 = 1, so exactly one x (x = 0, low product 0) must be rejected.
        Assert.False(Bits.TryBelow(0, 3, out _));
        Assert.True(Bits.TryBelow(1, 3, out ulong v1));
        Assert.Equal(0UL, v1);
        Assert.True(Bits.TryBelow(ulong.MaxValue, 3, out ulong v2));
        Assert.Equal(2UL, v2);
        // range 2⁶³ + 1: threshold (2⁶⁴ − r) mod r = 2⁶³ − 1; x = 1 gives low product r ≥ threshold → accepted.
        ulong r = (1UL << 63) + 1;
        Assert.True(Bits.TryBelow(1, r, out _));
        Assert.False(Bits.TryBelow(2, r, out _)); // low product 2 < 2⁶³ − 1
    }

    [Fact]
    public void SimdLogAndSinCosAreAccurateOnTheirGrids()
    {
        // Log on the (0, 1] grid k·2⁻²⁴ used by Box–Muller and the exponential: ≤ 4 float ulps (2⁻²¹ relative).
        for (int k = 1; k <= 1 << 24; k += 997)
        {
            float x = k * (1f / (1 << 24));
            double e = Math.Log(x);
            Assert.True(Math.Abs(SimdMath.Log(x) - e) <= Math.Abs(e) * Math.Pow(2, -21) + 1e-12, $"log({x})");
        }
        // Sine and cosine of 2π·j/2²⁴, including every quadrant and octant boundary: ≤ 2·10⁻⁷ absolute (≈ 2 ulps of 1).
        int[] edges = [0, 1, (1 << 21) - 1, 1 << 21, (1 << 21) + 1, (1 << 22) - 1, 1 << 22, (1 << 22) + 1, 1 << 23, 3 << 22, (1 << 24) - 1];
        foreach (int j in edges.Concat(Enumerable.Range(0, 20_000).Select(i => i * 839 % (1 << 24))))
        {
            var (s, c) = SimdMath.SinCosTurns24(j);
            double a = 2 * Math.PI * j / (1 << 24);
            Assert.True(Math.Abs(s - Math.Sin(a)) <= 2e-7 && Math.Abs(c - Math.Cos(a)) <= 2e-7, $"sincos at j = {j}: ({s}, {c})");
        }
    }

    [Fact]
    public void SimdDoubleLogAndSinCosAreAccurate()
    {
        // Log on 53-bit grid points within 8 ulps of Math (itself within 1 ulp); sin/cos of 2π·j/2⁵³ below.
        for (long k = 1; k < 1L << 53; k += (1L << 53) / 20_011)
        {
            double x = k * (1.0 / (1UL << 53)), e = Math.Log(x);
            Assert.True(Math.Abs(SimdMath.Log(x) - e) <= Math.Abs(e) * 8 * Math.Pow(2, -52), $"log({x}): {SimdMath.Log(x)} vs {e}");
        }
        long[] edges = [0, 1, (1L << 50) - 1, 1L << 50, (1L << 50) + 1, (1L << 51) - 1, 1L << 51, 1L << 52, 3L << 51, (1L << 53) - 1];
        foreach (long j in edges.Concat(Enumerable.Range(0, 20_000).Select(i => i * 450_359_962_737L % (1L << 53))))
        {
            var (sn, cs) = SimdMath.SinCosTurns53(j);
            double a = 2 * Math.PI * (j / (double)(1L << 53));
            // Math's own argument 2π·j/2⁵³ is rounded (≤ 2⁻⁵³·2π absolute), ours is reduced exactly: allow 1e-15.
            Assert.True(Math.Abs(sn - Math.Sin(a)) <= 1e-15 && Math.Abs(cs - Math.Cos(a)) <= 1e-15, $"sincos at j = {j}: ({sn}, {cs})");
        }
    }

    public static TheoryData<string> Fills => new() { "uniform f32", "uniform f64", "normal f32", "normal f64", "exponential f32", "exponential f64", "bernoulli", "integers i32", "integers i64" };

    [Theory]
    [MemberData(nameof(Fills))]
    public void BackendFillsMatchThePublicReference(string which)
    {
        // The check a GPU backend would run: a description in, the reference's values out (Scratch.ML.Testing).
        const int n = 70_001;
        switch (which)
        {
            case "uniform f32": Check<float>(new(RandomKind.Uniform, Seed, 2, 77, -1, 3), n); break;
            case "uniform f64": Check<double>(new(RandomKind.Uniform, Seed, 2, 77, 0, 1), n); break;
            case "normal f32": Check<float>(new(RandomKind.Normal, Seed, 2, 77, 5, 0.25), n); break;
            case "normal f64": Check<double>(new(RandomKind.Normal, Seed, 2, 77, -1, 3), n); break;
            case "exponential f32": Check<float>(new(RandomKind.Exponential, Seed, 2, 77, 0.5, 0), n); break;
            case "exponential f64": Check<double>(new(RandomKind.Exponential, Seed, 2, 77, 4, 0), n); break;
            case "bernoulli":
            {
                var f = new PhiloxFill(RandomKind.Bernoulli, Seed, 2, 77, 0.25, 0);
                var t = Tensor.Zeros<bool>(n);
                Device.Cpu.Backend.RandomFill(t, f);
                TensorAssert.Equal(Tensor.FromArray(PhiloxReference.Expected<bool>(f, n)), t);
                break;
            }
            case "integers i32": CheckExact<int>(new(RandomKind.Integers, Seed, 2, 77, 0, 0, IntLow: int.MinValue, IntRange: 1UL << 32), n); break;
            default: CheckExact<long>(new(RandomKind.Integers, Seed, 2, 77, 0, 0, IntLow: -3, IntRange: (1UL << 63) + 12345), n); break;
        }
    }

    private static void Check<T>(PhiloxFill f, int n) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        var t = Tensor.Zeros<T>(n);
        Device.Cpu.Backend.RandomFill(t, f);
        TensorAssert.Close(Tensor.FromArray(PhiloxReference.Expected<T>(f, n)), t, PhiloxReference.ToleranceFor<T>(f));
    }

    private static void CheckExact<T>(PhiloxFill f, int n) where T : unmanaged, System.Numerics.INumberBase<T>, IEquatable<T>
    {
        var t = Tensor.Zeros<T>(n);
        Device.Cpu.Backend.RandomFill(t, f);
        TensorAssert.Equal(Tensor.FromArray(PhiloxReference.Expected<T>(f, n)), t);
    }
}
