using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// <c>y = x</c> for x &gt; 0, <c>y = s·x</c> otherwise (PyTorch's <c>nn.LeakyReLU</c>). Shapes: x (*) → y (*).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LeakyRelu<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="negativeSlope">s (default 0.01, PyTorch's).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="negativeSlope"/> is not finite.</exception>
    public LeakyRelu(double negativeSlope = 0.01)
    {
        if (!double.IsFinite(negativeSlope))
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "LeakyRelu: negativeSlope must be finite.");
        NegativeSlope = negativeSlope;
    }

    /// <summary>The slope s of the negative part.</summary>
    public double NegativeSlope { get; }

    /// <summary>Applies the activation.</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.LeakyRelu(NegativeSlope);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => FormattableString.Invariant($"negative_slope={NegativeSlope}");
}
