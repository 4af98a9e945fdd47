using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>Which fan a Kaiming initialiser preserves: the forward variance (fan in) or the backward one (fan out).</summary>
public enum FanMode
{
    /// <summary>Preserve the variance of activations in the forward pass.</summary>
    FanIn,
    /// <summary>Preserve the variance of gradients in the backward pass.</summary>
    FanOut,
}

/// <summary>The nonlinearities of <see cref="Init.CalculateGain"/> (PyTorch's <c>calculate_gain</c> names).</summary>
public enum Nonlinearity
{
    /// <summary>Identity: gain 1.</summary>
    Linear,
    /// <summary>Convolution (any kind): gain 1.</summary>
    Conv,
    /// <summary>Transposed convolution: gain 1.</summary>
    ConvTranspose,
    /// <summary>σ: gain 1.</summary>
    Sigmoid,
    /// <summary>tanh: gain 5/3.</summary>
    Tanh,
    /// <summary>Relu: gain √2.</summary>
    Relu,
    /// <summary>Leaky Relu with slope a: gain √(2/(1 + a²)).</summary>
    LeakyRelu,
    /// <summary>Selu: gain 3/4.</summary>
    Selu,
}

public static partial class Init
{
    /// <summary>
    /// The recommended scale for a nonlinearity (PyTorch's <c>calculate_gain</c>): linear, conv, sigmoid 1; tanh 5/3;
    /// relu √2; leaky_relu √(2/(1 + a²)) with a = <paramref name="param"/> (default 0.01); selu 3/4.
    /// </summary>
    /// <param name="nonlinearity">The activation that follows the layer.</param>
    /// <param name="param">The leaky-ReLU slope (ignored otherwise); null means 0.01.</param>
    /// <exception cref="ArgumentOutOfRangeException">The slope is not finite, or the enum value is unknown.</exception>
    public static double CalculateGain(Nonlinearity nonlinearity, double? param = null)
    {
        switch (nonlinearity)
        {
            case Nonlinearity.Linear or Nonlinearity.Conv or Nonlinearity.ConvTranspose or Nonlinearity.Sigmoid: return 1.0;
            case Nonlinearity.Tanh: return 5.0 / 3.0;
            case Nonlinearity.Relu: return Math.Sqrt(2.0);
            case Nonlinearity.Selu: return 0.75;
            case Nonlinearity.LeakyRelu:
                double a = param ?? 0.01;
                if (!double.IsFinite(a)) throw new ArgumentOutOfRangeException(nameof(param), a, "CalculateGain: the leaky-ReLU slope must be finite.");
                return Math.Sqrt(2.0 / (1 + a * a));
            default: throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "CalculateGain: unknown nonlinearity.");
        }
    }

    /// <summary>
    /// (fan_in, fan_out) of a weight of rank ≥ 2 (PyTorch's <c>_calculate_fan_in_and_fan_out</c>): with shape
    /// (out, in, k₁, k₂, …) the receptive field is r = Π kᵢ, fan_in = in·r, fan_out = out·r. A Linear weight (out, in)
    /// gives (in, out).
    /// </summary>
    /// <exception cref="ArgumentException">The shape has fewer than 2 dimensions.</exception>
    public static (int FanIn, int FanOut) CalculateFans(ReadOnlySpan<int> shape)
    {
        if (shape.Length < 2)
            throw new ArgumentException($"Fan in and fan out need a tensor with at least 2 dimensions, got shape {Shapes.Format(shape)}.", nameof(shape));
        int receptive = 1;
        for (int i = 2; i < shape.Length; i++) receptive *= shape[i];
        return (shape[1] * receptive, shape[0] * receptive);
    }
}
