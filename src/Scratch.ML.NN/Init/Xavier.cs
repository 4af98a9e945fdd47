using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML.NN;

public static partial class Init
{
    /// <summary>
    /// Glorot/Xavier uniform (Glorot &amp; Bengio 2010; PyTorch's <c>xavier_uniform_</c>): U(−a, a) with
    /// <c>a = gain·√(6/(fan_in + fan_out))</c>, which keeps the variance 2/(fan_in + fan_out)·gain². In place; returns x.
    /// </summary>
    /// <exception cref="ArgumentException">x has fewer than 2 dimensions.</exception>
    public static Tensor<T> XavierUniform<T>(Tensor<T> x, double gain = 1.0, Generator? generator = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        double a = Math.Sqrt(3.0) * XavierStd(x, gain);
        return Uniform(x, -a, a, generator);
    }

    /// <summary>
    /// Glorot/Xavier normal (PyTorch's <c>xavier_normal_</c>): N(0, std²) with <c>std = gain·√(2/(fan_in + fan_out))</c>.
    /// In place; returns x.
    /// </summary>
    /// <exception cref="ArgumentException">x has fewer than 2 dimensions.</exception>
    public static Tensor<T> XavierNormal<T>(Tensor<T> x, double gain = 1.0, Generator? generator = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return Normal(x, 0, XavierStd(x, gain), generator);
    }

    private static double XavierStd<T>(Tensor<T> x, double gain) where T : unmanaged
    {
        var (fanIn, fanOut) = CalculateFans(x.Shape);
        return gain * Math.Sqrt(2.0 / (fanIn + fanOut));
    }
}
