using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// <c>y = x·σ(x)</c> elementwise (PyTorch's <c>nn.SiLU</c>; also known as swish, see <see cref="Swish{T}"/>).
/// Shapes: x (*) → y (*).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public class Silu<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Applies x·σ(x).</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Silu();
    }
}

/// <summary>Swish with β = 1, the same function as <see cref="Silu{T}"/> under its other name.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Swish<T> : Silu<T> where T : unmanaged, IFloatingPointIeee754<T>;
