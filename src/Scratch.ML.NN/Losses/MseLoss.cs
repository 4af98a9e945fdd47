using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Mean squared error (PyTorch's <c>nn.MSELoss</c>): <c>ℓᵢ = (xᵢ − yᵢ)²</c>, then reduced.
/// Shapes: input (*), target (*) — the same shape; output: scalar, or (*) with <see cref="Reduction.None"/>.
/// </summary>
/// <remarks>Gradients: ∂ℓ/∂x = 2(x − y), ∂ℓ/∂y = −2(x − y) (both inputs are differentiable).</remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class MseLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction.</exception>
    public MseLoss(Reduction reduction = Reduction.Mean)
    {
        LossMath.CheckReduction(reduction);
        Reduction = reduction;
    }

    /// <summary>The reduction.</summary>
    public Reduction Reduction { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Predictions x, any shape.</param>
    /// <param name="target">Targets y, the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T> target)
    {
        LossMath.CheckSameShape("MseLoss", input, nameof(input), target, nameof(target));
        return LossMath.Reduce((input - target).Square(), Reduction);
    }
}
