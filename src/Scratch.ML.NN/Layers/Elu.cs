using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// <c>y = x</c> for x &gt; 0, <c>y = α·(eˣ − 1)</c> otherwise (PyTorch's <c>nn.ELU</c>). Shapes: x (*) → y (*).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Elu<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="alpha">α (default 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not finite.</exception>
    public Elu(double alpha = 1.0)
    {
        if (!double.IsFinite(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Elu: alpha must be finite.");
        Alpha = alpha;
    }

    /// <summary>α, the saturation value is −α.</summary>
    public double Alpha { get; }

    /// <summary>Applies the activation.</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Elu(Alpha);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => FormattableString.Invariant($"alpha={Alpha}");
}
