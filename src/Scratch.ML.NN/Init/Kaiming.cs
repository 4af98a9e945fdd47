using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML.NN;

public static partial class Init
{
    /// <summary>
    /// He/Kaiming uniform (He et al. 2015; PyTorch's <c>kaiming_uniform_</c>): U(−bound, bound) with
    /// <c>bound = √3·gain/√fan</c>, gain = <see cref="CalculateGain"/>(nonlinearity, a), fan = fan_in or fan_out.
    /// In place; returns x (unchanged when it has no elements, as PyTorch).
    /// </summary>
    /// <param name="x">The weight, rank ≥ 2.</param>
    /// <param name="a">The negative slope of the leaky ReLU that follows (only used with <see cref="Nonlinearity.LeakyRelu"/>).</param>
    /// <param name="mode">Which fan to preserve (default fan_in).</param>
    /// <param name="nonlinearity">Default leaky_relu, PyTorch's.</param>
    /// <param name="generator">Randomness (default: the library-wide generator).</param>
    /// <exception cref="ArgumentException">x has fewer than 2 dimensions.</exception>
    public static Tensor<T> KaimingUniform<T>(Tensor<T> x, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu, Generator? generator = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        double std = KaimingStd(x, a, mode, nonlinearity);
        if (x.Length == 0) return x;
        double bound = Math.Sqrt(3.0) * std;
        return Uniform(x, -bound, bound, generator);
    }

    /// <summary>
    /// He/Kaiming normal (PyTorch's <c>kaiming_normal_</c>): N(0, std²) with <c>std = gain/√fan</c>. In place; returns x.
    /// </summary>
    /// <param name="x">The weight, rank ≥ 2.</param>
    /// <param name="a">The negative slope of the leaky ReLU that follows.</param>
    /// <param name="mode">Which fan to preserve (default fan_in).</param>
    /// <param name="nonlinearity">Default leaky_relu, PyTorch's.</param>
    /// <param name="generator">Randomness (default: the library-wide generator).</param>
    /// <exception cref="ArgumentException">x has fewer than 2 dimensions.</exception>
    public static Tensor<T> KaimingNormal<T>(Tensor<T> x, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu, Generator? generator = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        double std = KaimingStd(x, a, mode, nonlinearity);
        if (x.Length == 0) return x;
        return Normal(x, 0, std, generator);
    }

    private static double KaimingStd<T>(Tensor<T> x, double a, FanMode mode, Nonlinearity nonlinearity) where T : unmanaged
    {
        var (fanIn, fanOut) = CalculateFans(x.Shape);
        int fan = mode switch
        {
            FanMode.FanIn => fanIn,
            FanMode.FanOut => fanOut,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Kaiming: mode must be FanIn or FanOut."),
        };
        return fan == 0 ? 0 : CalculateGain(nonlinearity, a) / Math.Sqrt(fan);
    }
}
