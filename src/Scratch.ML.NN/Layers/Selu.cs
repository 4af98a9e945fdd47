using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// <c>y = λ·elu(x, α)</c> with PyTorch's fixed α ≈ 1.6733, λ ≈ 1.0507 (see <see cref="Tensor.SeluAlpha"/>) elementwise (PyTorch's <c>nn.SELU</c>). Shapes: x (*) → y (*), any shape.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Selu<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Applies the activation; differentiable through the tensor op.</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Selu();
    }
}
