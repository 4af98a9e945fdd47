using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// <c>y = clamp(x, min, max)</c> (PyTorch's <c>nn.Hardtanh</c>; gradient 1 strictly inside, 0 outside and at the bounds).
/// Shapes: x (*) → y (*).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Hardtanh<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="minValue">Lower bound (default −1).</param>
    /// <param name="maxValue">Upper bound (default 1).</param>
    /// <exception cref="ArgumentException"><paramref name="maxValue"/> is below <paramref name="minValue"/> (or either is NaN).</exception>
    public Hardtanh(double minValue = -1.0, double maxValue = 1.0)
    {
        if (!(minValue <= maxValue))
            throw new ArgumentException($"Hardtanh: need minValue <= maxValue, got {minValue} and {maxValue}.", nameof(maxValue));
        MinValue = minValue;
        MaxValue = maxValue;
    }

    /// <summary>The lower bound.</summary>
    public double MinValue { get; }

    /// <summary>The upper bound.</summary>
    public double MaxValue { get; }

    /// <summary>Applies the clamp.</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Hardtanh(MinValue, MaxValue);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => FormattableString.Invariant($"min_val={MinValue}, max_val={MaxValue}");
}
