using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// <c>y = max(x, 0)</c> elementwise (PyTorch's <c>nn.ReLU</c>). Shapes: x (*) → y (*), any shape. Gradient 0 at x = 0 (PyTorch's choice).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Relu<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Applies the activation; differentiable through the tensor op.</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Relu();
    }
}
