using Scratch.ML.Rng;

namespace Scratch.ML.Testing;

/// <summary>
/// The slow, readable definition of every fixed-rate random fill (<see cref="PhiloxFill"/>), for checking a backend's
/// <see cref="ITensorBackend.RandomFill{T}"/> — ours or a GPU kernel — element by element. Each value is computed
/// from its own Philox block with <see cref="Philox.At"/> and the formulas of <c>docs/random.md</c>, in double
/// precision where the kernels use vector transcendental functions (compare with <see cref="ToleranceFor{T}"/>).
/// </summary>
public static class PhiloxReference
{
    /// <summary>Word <paramref name="index"/> of the fill's packed stream: word (index mod 4) of block BasePosition + index/4, draw 0.</summary>
    public static uint Word(in PhiloxFill fill, long index)
    {
        var (x0, x1, x2, x3) = Philox.At(fill.Seed, fill.Stream, fill.BasePosition + (ulong)(index / 4), 0);
        return (index % 4) switch { 0 => x0, 1 => x1, 2 => x2, _ => x3 };
    }

    private static ulong Word64(in PhiloxFill f, long element) => Word(f, 2 * element) | ((ulong)Word(f, 2 * element + 1) << 32);

    private static double U53(ulong x) => (x >> 11) * (1.0 / (1UL << 53));

    /// <summary>The first <paramref name="count"/> values of <paramref name="fill"/> as element type T.</summary>
    /// <exception cref="NotSupportedException">The (kind, T) pair has no fill.</exception>
    public static T[] Expected<T>(PhiloxFill fill, int count) where T : unmanaged
    {
        var y = new T[count];
        for (int i = 0; i < count; i++) y[i] = Element<T>(fill, i);
        return y;
    }

    private static T Element<T>(in PhiloxFill f, long i) where T : unmanaged
    {
        bool single = typeof(T) == typeof(float);
        switch (f.Kind)
        {
            case RandomKind.Uniform when single:
            {
                float lo = (float)f.P0, hi = (float)f.P1;
                float u = (Word(f, i) >> 8) * (1f / (1 << 24));
                return (T)(object)MathF.Min(lo + (hi - lo) * u, MathF.BitDecrement(hi));
            }
            case RandomKind.Uniform when typeof(T) == typeof(double):
                return (T)(object)Math.Min(f.P0 + (f.P1 - f.P0) * U53(Word64(f, i)), Math.BitDecrement(f.P1));
            case RandomKind.Normal when single || typeof(T) == typeof(double):
            {
                // Box–Muller pairs: elements j and j + 128 of each 256-element tile share (u₁, u₂).
                long tile = i / 256 * 256, j = i % 256, a = tile + j % 128, b = a + 128;
                double u1, u2;
                if (single)
                {
                    u1 = ((Word(f, a) >> 8) + 1) * (1.0 / (1 << 24));
                    u2 = (Word(f, b) >> 8) * (1.0 / (1 << 24));
                }
                else
                {
                    u1 = U53(Word64(f, a)) + 1.0 / (1UL << 53);
                    u2 = U53(Word64(f, b));
                }
                double r = Math.Sqrt(-2 * Math.Log(u1)), t = 2 * Math.PI * u2;
                double z = f.P0 + f.P1 * r * (j < 128 ? Math.Cos(t) : Math.Sin(t));
                return single ? (T)(object)(float)z : (T)(object)z;
            }
            case RandomKind.Exponential when single:
                return (T)(object)(float)(-Math.Log(((Word(f, i) >> 8) + 1) * (1.0 / (1 << 24))) / f.P0);
            case RandomKind.Exponential when typeof(T) == typeof(double):
                return (T)(object)(-Math.Log(U53(Word64(f, i)) + 1.0 / (1UL << 53)) / f.P0);
            case RandomKind.Bernoulli when typeof(T) == typeof(bool):
                return (T)(object)(U53(Word64(f, i)) < f.P0);
            case RandomKind.Integers when typeof(T) == typeof(int) || typeof(T) == typeof(long):
            {
                long v = f.IntLow + (long)Below(f, i);
                return typeof(T) == typeof(int) ? (T)(object)(int)v : (T)(object)v;
            }
            default:
                throw new NotSupportedException($"PhiloxReference: {f.Kind} has no fill for element type {typeof(T).Name}.");
        }
    }

    /// <summary>
    /// Lemire's unbiased map into [0, IntRange): the high half of x·range, rejecting low halves below
    /// (2⁶⁴ − range) mod range; a rejected element redraws 64-bit words from draws 1 + (i mod 2), 3 + (i mod 2), … of
    /// its packed position BasePosition + ⌊i/2⌋ (words 0–1 then 2–3 of each block).
    /// </summary>
    private static ulong Below(in PhiloxFill f, long i)
    {
        ulong range = f.IntRange;
        ulong threshold = (0UL - range) % range;
        ulong x = Word64(f, i);
        for (uint draw = 1 + (uint)(i & 1); ; draw += 2)
        {
            UInt128 m = (UInt128)x * range;
            if ((ulong)m >= threshold) return (ulong)(m >> 64);
            var (x0, x1, x2, x3) = Philox.At(f.Seed, f.Stream, f.BasePosition + (ulong)(i / 2), draw);
            m = (UInt128)(x0 | ((ulong)x1 << 32)) * range;
            if ((ulong)m >= threshold) return (ulong)(m >> 64);
            x = x2 | ((ulong)x3 << 32);
        }
    }

    /// <summary>
    /// How closely a fill must match <see cref="Expected{T}"/>: exact for uniform, bernoulli and integers (pure
    /// integer and correctly rounded arithmetic); for normal and exponential the kernels' vector log/sin/cos may
    /// differ from double-precision <see cref="Math"/> by a few ulps of T, amplified by r = √(−2 ln u₁) ≤ 8.6, so
    /// 4·10⁻⁶ relative plus 2.5·10⁻⁵·std absolute for float32 and 10⁻¹³ for float64 (generous: our kernels measure
    /// ≈ 10⁻⁶ and 10⁻¹⁵; a GPU using its native sin/log should still pass).
    /// </summary>
    public static Tolerance ToleranceFor<T>(in PhiloxFill fill) where T : unmanaged
    {
        if (fill.Kind is RandomKind.Uniform or RandomKind.Bernoulli or RandomKind.Integers) return Tolerance.Exact;
        double scale = fill.Kind == RandomKind.Normal ? Math.Abs(fill.P1) : 1.0 / fill.P0;
        return typeof(T) == typeof(float)
            ? new Tolerance("PhiloxFloat32Transcendental", 2.5e-5 * scale, 4e-6)
            : new Tolerance("PhiloxFloat64Transcendental", 1e-13 * scale, 1e-13);
    }
}
