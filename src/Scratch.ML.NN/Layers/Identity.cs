using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// <c>y = x</c>: returns its input unchanged (the same tensor, like PyTorch's <c>nn.Identity</c>). A placeholder, e.g.
/// to remove a head from a <see cref="Sequential{T}"/> without changing the indices. Shapes: x (*) → y (*).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Identity<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Returns <paramref name="input"/> itself.</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input;
    }
}
