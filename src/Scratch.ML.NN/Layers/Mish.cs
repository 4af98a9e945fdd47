using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// <c>y = x·tanh(softplus(x))</c> elementwise (PyTorch's <c>nn.Mish</c>). Shapes: x (*) → y (*), any shape.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Mish<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Applies the activation; differentiable through the tensor op.</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Mish();
    }
}
