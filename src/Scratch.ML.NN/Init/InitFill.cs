using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML.NN;

public static partial class Init
{
    /// <summary>Fills <paramref name="x"/> with N(<paramref name="mean"/>, <paramref name="std"/>²) samples, in place; returns x.</summary>
    /// <exception cref="ArgumentException"><paramref name="std"/> is negative or not finite.</exception>
    public static Tensor<T> Normal<T>(Tensor<T> x, double mean = 0, double std = 1, Generator? generator = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return Fill(x, Tensor.Normal<T>(mean, std, Resolve(generator), x.ShapeArray()));
    }

    /// <summary>Sets every element of <paramref name="x"/> to <paramref name="value"/>, in place; returns x.</summary>
    public static Tensor<T> Constant<T>(Tensor<T> x, double value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return Fill(x, Tensor.Scalar(T.CreateChecked(value), x.Device));
    }

    /// <summary>Sets every element of <paramref name="x"/> to 0, in place; returns x.</summary>
    public static Tensor<T> Zeros<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Constant(x, 0);

    /// <summary>Sets every element of <paramref name="x"/> to 1, in place; returns x.</summary>
    public static Tensor<T> Ones<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Constant(x, 1);

    /// <summary>
    /// Fills <paramref name="x"/> with N(mean, std²) samples conditioned on [<paramref name="a"/>, <paramref name="b"/>]
    /// (PyTorch's <c>trunc_normal_</c>; the bounds are absolute values, default ±2), in place; returns x. Exact
    /// rejection sampling (<see cref="Tensor.TruncatedNormal{T}"/>), not PyTorch's inverse-CDF approximation, so the
    /// samples differ from PyTorch's but have the same distribution.
    /// </summary>
    /// <exception cref="ArgumentException">a ≥ b, std not positive, or mean not finite.</exception>
    public static Tensor<T> TruncNormal<T>(Tensor<T> x, double mean = 0, double std = 1, double a = -2, double b = 2, Generator? generator = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!(std > 0) || !double.IsFinite(std))
            throw new ArgumentOutOfRangeException(nameof(std), std, $"TruncNormal: std must be finite and > 0, got {std}.");
        if (!(a < b))
            throw new ArgumentException($"TruncNormal: need a < b, got a = {a}, b = {b}.", nameof(b));
        return Fill(x, Tensor.TruncatedNormal<T>(mean, std, (a - mean) / std, (b - mean) / std, Resolve(generator), x.ShapeArray()));
    }

    // Copies values (broadcast) into x in place, outside the graph, on x's device.
    private static Tensor<T> Fill<T>(Tensor<T> x, Tensor<T> values) where T : unmanaged
    {
        if (!values.Device.Equals(x.Device)) values = values.To(x.Device);
        using (Autograd.NoGrad()) x.CopyFrom(values);
        return x;
    }
}
