using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML.NN;

/// <summary>
/// Parameter initialisers (PyTorch's <c>torch.nn.init</c>). Each fills a tensor in place from a
/// <see cref="Generator"/>; when none is passed the library-wide generator is used, which
/// <see cref="ManualSeed"/> resets (PyTorch's <c>torch.manual_seed</c>), so the same seed and the same order of
/// construction give the same network.
/// </summary>
public static partial class Init
{
    private static readonly Lock gate = new();
    private static Generator global = new(0);

    /// <summary>Resets the library-wide generator that layers use when no generator is given.</summary>
    public static void ManualSeed(ulong seed)
    {
        lock (gate) global = new Generator(seed);
    }

    /// <summary>
    /// The generator to use: <paramref name="generator"/> if given, else a fork of the library-wide generator (the
    /// global one advances, so consecutive layers get different values).
    /// </summary>
    public static Generator Resolve(Generator? generator)
    {
        if (generator is not null) return generator;
        lock (gate) return global.Fork();
    }

    /// <summary>Fills <paramref name="x"/> with U(<paramref name="low"/>, <paramref name="high"/>) samples, in place; returns x.</summary>
    public static Tensor<T> Uniform<T>(Tensor<T> x, double low = 0, double high = 1, Generator? generator = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var values = Tensor.Uniform<T>(low, high, Resolve(generator), x.ShapeArray());
        using (Autograd.NoGrad()) x.CopyFrom(values);
        return x;
    }
}
