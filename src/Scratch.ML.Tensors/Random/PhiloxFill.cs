using System.Runtime.InteropServices;

namespace Scratch.ML.Rng;

/// <summary>The fixed-rate distributions a backend fills from Philox counters (see <see cref="PhiloxFill"/>).</summary>
public enum RandomKind
{
    /// <summary>Uniform on [<see cref="PhiloxFill.P0"/>, <see cref="PhiloxFill.P1"/>); float or double.</summary>
    Uniform,
    /// <summary>Normal with mean <see cref="PhiloxFill.P0"/> and std <see cref="PhiloxFill.P1"/> (Box–Muller); float or double.</summary>
    Normal,
    /// <summary>Exponential with rate <see cref="PhiloxFill.P0"/>; float or double.</summary>
    Exponential,
    /// <summary>Bernoulli with probability <see cref="PhiloxFill.P0"/>; bool.</summary>
    Bernoulli,
    /// <summary>Integers on [<see cref="PhiloxFill.IntLow"/>, IntLow + <see cref="PhiloxFill.IntRange"/>); int or long.</summary>
    Integers,
}

/// <summary>
/// A device-independent description of a fixed-rate random fill, handed to
/// <see cref="ITensorBackend.RandomFill{T}"/>: the distribution and its parameters, and the counters to use. Element i
/// of the destination (row-major) reads words [i·w, (i+1)·w) of the blocks Philox((BasePosition + ⌊i·w/4⌋, draw 0,
/// Stream), Seed), w = <see cref="WordsPerElement"/>; the bit conversions and pairings are those of
/// <c>docs/random.md</c>. A GPU backend that follows the same layout reproduces the CPU's uniform bits exactly.
/// </summary>
/// <param name="Kind">The distribution.</param>
/// <param name="Seed">The Philox key.</param>
/// <param name="Stream">Counter word 3.</param>
/// <param name="BasePosition">The first reserved position (counter words 0–1).</param>
/// <param name="P0">First real parameter (low, mean, rate or p).</param>
/// <param name="P1">Second real parameter (high or std).</param>
/// <param name="IntLow">Lowest integer (<see cref="RandomKind.Integers"/>).</param>
/// <param name="IntRange">Number of integers, 1 … 2⁶⁴ − 1 (<see cref="RandomKind.Integers"/>).</param>
public readonly record struct PhiloxFill(RandomKind Kind, ulong Seed, uint Stream, ulong BasePosition, double P0, double P1, long IntLow = 0, ulong IntRange = 0)
{
    /// <summary>Random 32-bit words per element: 1 for float32 uniform/normal/exponential, else 2.</summary>
    public static int WordsPerElement<T>(RandomKind kind) where T : unmanaged
        => typeof(T) == typeof(float) && kind is RandomKind.Uniform or RandomKind.Normal or RandomKind.Exponential ? 1 : 2;

    /// <summary>Reserves the positions for <paramref name="count"/> elements of T and describes the fill.</summary>
    internal static PhiloxFill Reserve<T>(Generator g, RandomKind kind, long count, double p0, double p1, long intLow = 0, ulong intRange = 0) where T : unmanaged
    {
        ulong b = g.Reserve((count * WordsPerElement<T>(kind) + 3) / 4);
        return new PhiloxFill(kind, g.Seed, g.Stream, b, p0, p1, intLow, intRange);
    }
}

/// <summary>
/// The CPU implementation of <see cref="PhiloxFill"/>: picks the converter for (kind, T) and runs the tile driver,
/// in parallel chunks over an array window or serially over a span.
/// </summary>
internal static class FixedRateFill
{
    /// <summary>Fills <paramref name="destination"/>; when <paramref name="array"/> is given, destination is
    /// array[start .. start + destination.Length) and the fill runs in parallel.</summary>
    public static void Run<T>(in PhiloxFill f, Span<T> destination, T[]? array, int start) where T : unmanaged
    {
        switch (f.Kind)
        {
            case RandomKind.Uniform when typeof(T) == typeof(float):
                Go<T, float, UniformSingleConverter>(new((float)f.P0, (float)f.P1), f, destination, array, start); break;
            case RandomKind.Uniform when typeof(T) == typeof(double):
                Go<T, double, UniformDoubleConverter>(new(f.P0, f.P1), f, destination, array, start); break;
            case RandomKind.Normal when typeof(T) == typeof(float):
                Go<T, float, NormalSingleConverter>(new((float)f.P0, (float)f.P1), f, destination, array, start); break;
            case RandomKind.Normal when typeof(T) == typeof(double):
                Go<T, double, NormalDoubleConverter>(new(f.P0, f.P1), f, destination, array, start); break;
            case RandomKind.Exponential when typeof(T) == typeof(float):
                Go<T, float, ExponentialSingleConverter>(new((float)f.P0), f, destination, array, start); break;
            case RandomKind.Exponential when typeof(T) == typeof(double):
                Go<T, double, ExponentialDoubleConverter>(new(f.P0), f, destination, array, start); break;
            case RandomKind.Bernoulli when typeof(T) == typeof(bool):
                Go<T, bool, BernoulliConverter>(new(f.P0), f, destination, array, start); break;
            case RandomKind.Integers when typeof(T) == typeof(int) || typeof(T) == typeof(long):
                Go<T, T, RandIntConverter<T>>(new(f.IntLow, f.IntRange), f, destination, array, start); break;
            default:
                throw new NotSupportedException($"RandomFill: {f.Kind} has no kernel for element type {typeof(T).Name}.");
        }
    }

    private static void Go<T, TValue, TC>(TC converter, in PhiloxFill f, Span<T> destination, T[]? array, int start)
        where T : unmanaged where TValue : unmanaged where TC : struct, IWordConverter<TValue>
    {
        if (array is not null)
            RandomFill.Run<TValue, TC>(converter, f.Seed, f.Stream, f.BasePosition, (TValue[])(object)array, start, destination.Length);
        else
            RandomFill.Fill<TValue, TC>(converter, f.Seed, f.Stream, f.BasePosition, MemoryMarshal.Cast<T, TValue>(destination), 0);
    }
}
