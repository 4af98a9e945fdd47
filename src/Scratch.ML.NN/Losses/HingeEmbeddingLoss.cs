using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Hinge embedding loss (PyTorch's <c>nn.HingeEmbeddingLoss</c>), usually on distances x between pairs:
/// <c>ℓᵢ = xᵢ</c> where yᵢ = 1 and <c>max(0, margin − xᵢ)</c> where yᵢ = −1. (As in PyTorch, a label that is neither
/// gets both terms.) Shapes: input (*), target (*) of ±1, the same shape; output: scalar, or (*) with <see cref="Reduction.None"/>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class HingeEmbeddingLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="margin">The margin for negative pairs (default 1).</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction, or a margin that is not finite.</exception>
    public HingeEmbeddingLoss(double margin = 1.0, Reduction reduction = Reduction.Mean)
    {
        LossMath.CheckReduction(reduction);
        if (!double.IsFinite(margin))
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "HingeEmbeddingLoss: margin must be finite.");
        Margin = margin;
        Reduction = reduction;
    }

    /// <summary>The margin.</summary>
    public double Margin { get; }

    /// <summary>The reduction.</summary>
    public Reduction Reduction { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Values x (e.g. L1 distances), any shape.</param>
    /// <param name="target">Labels y ∈ {1, −1}, the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T> target)
    {
        LossMath.CheckSameShape("HingeEmbeddingLoss", input, nameof(input), target, nameof(target));
        Tensor<T> notPos, notNeg;
        using (Autograd.NoGrad())
        {
            var y = target.Detach();
            notPos = LossMath.Mask<T>(y.Ne(T.One));
            notNeg = LossMath.Mask<T>(y.Ne(-T.One));
        }
        var loss = notPos * (T.CreateChecked(Margin) - input).Relu() + notNeg * input;
        return LossMath.Reduce(loss, Reduction);
    }
}
