using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// <c>y_i = e^(x_i) / Σ_j e^(x_j)</c> along <see cref="Dim"/> (PyTorch's <c>nn.Softmax</c>). Shapes: x (*) → y (*).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <param name="dim">The axis to normalise along (negative counts from the end). PyTorch's default <c>dim=None</c> is
/// deprecated; here it is required.</param>
public sealed class Softmax<T>(int dim) : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The axis.</summary>
    public int Dim { get; } = dim;

    /// <summary>Applies the op.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Dim"/> is outside [−rank, rank) for this input.</exception>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Softmax(Dim);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => $"dim={Dim}";
}
