using System.Numerics;

namespace Scratch.ML.Rng;

/// <summary>A scalar sampler that draws one value from an element's private <see cref="ElementStream"/>.</summary>
internal interface IElementSampler
{
    double Sample(ref ElementStream s);
}

/// <summary>
/// Driver of rejection-sampled distributions: element i of an op at base position b draws only from
/// <c>ElementStream(seed, stream, b + i)</c>, so a value never depends on how many draws any other element needed,
/// nor on the chunking (fixed <see cref="Grain"/>-element chunks) or the thread count.
/// </summary>
internal static class PerElementSampling
{
    public const int Grain = 2048;

    /// <summary>Reserves y.Length positions and fills y[i] = T(sampler(stream of element i)).</summary>
    public static void Run<T, TS>(TS sampler, Generator g, T[] y) where T : unmanaged, INumberBase<T> where TS : struct, IElementSampler
    {
        ulong b = g.Reserve(y.Length);
        ulong seed = g.Seed;
        uint stream = g.Stream;
        RandomFill.PerElement(y.Length, Grain, (first, n) =>
        {
            var s = sampler;
            for (int i = 0; i < n; i++)
            {
                long e = first + i;
                var es = new ElementStream(seed, stream, b + (ulong)e);
                y[e] = T.CreateTruncating(s.Sample(ref es));
            }
        });
    }

    /// <summary>The float/double check shared by the rejection-sampled factories.</summary>
    public static void RequireFloat<T>(string op)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new NotSupportedException($"{op}: element type {typeof(T).Name} is not supported; use float or double.");
    }
}
