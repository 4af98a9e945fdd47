using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Gelu (PyTorch's <c>nn.GELU</c>): <c>y = x·Φ(x)</c> with Φ the standard normal CDF (approximate "none"), or the
/// tanh approximation <c>y = ½x(1 + tanh(√(2/π)(x + 0.044715x³)))</c> (approximate "tanh"). Shapes: x (*) → y (*).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Gelu<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="approximate">"none" (exact, default) or "tanh".</param>
    /// <exception cref="ArgumentException"><paramref name="approximate"/> is neither "none" nor "tanh".</exception>
    public Gelu(string approximate = "none")
    {
        ArgumentNullException.ThrowIfNull(approximate);
        if (approximate != "none" && approximate != "tanh")
            throw new ArgumentException($"Gelu: approximate must be \"none\" or \"tanh\", got \"{approximate}\".", nameof(approximate));
        Approximate = approximate;
    }

    /// <summary>"none" or "tanh".</summary>
    public string Approximate { get; }

    /// <summary>Applies the activation (<see cref="Tensor"/>'s <c>Gelu</c> or <c>GeluTanh</c>).</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Approximate == "tanh" ? input.GeluTanh() : input.Gelu();
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => $"approximate='{Approximate}'";
}
