using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Mean absolute error (PyTorch's <c>nn.L1Loss</c>): <c>ℓᵢ = |xᵢ − yᵢ|</c>, then reduced.
/// Shapes: input (*), target (*) — the same shape; output: scalar, or (*) with <see cref="Reduction.None"/>.
/// </summary>
/// <remarks>Gradient: ∂ℓ/∂x = sign(x − y) (0 where x = y, like PyTorch); target is differentiable too.</remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class L1Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction.</exception>
    public L1Loss(Reduction reduction = Reduction.Mean)
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
        LossMath.CheckSameShape("L1Loss", input, nameof(input), target, nameof(target));
        return LossMath.Reduce(LossMath.Abs(input - target), Reduction);
    }
}
