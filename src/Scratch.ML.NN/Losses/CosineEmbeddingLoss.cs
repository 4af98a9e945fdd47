using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Cosine embedding loss (PyTorch's <c>nn.CosineEmbeddingLoss</c>): with cos the cosine similarity of a pair,
/// <c>ℓᵢ = 1 − cos(aᵢ, bᵢ)</c> where yᵢ = 1 and <c>max(0, cos(aᵢ, bᵢ) − margin)</c> where yᵢ = −1 (other labels give 0).
/// Shapes: input1, input2 (N, D) or (D); target (N) or (); output: scalar, or (N) with <see cref="Reduction.None"/>.
/// </summary>
/// <remarks>
/// As PyTorch: <c>cos = Σ a·b / √((Σa² + ε)(Σb² + ε))</c> with ε = 1e−12, so zero vectors give cos = 0 rather than NaN.
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class CosineEmbeddingLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const double Epsilon = 1e-12;

    /// <summary>Creates the loss.</summary>
    /// <param name="margin">Margin for dissimilar pairs, in [−1, 1] (default 0).</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction, or margin outside [−1, 1].</exception>
    public CosineEmbeddingLoss(double margin = 0.0, Reduction reduction = Reduction.Mean)
    {
        LossMath.CheckReduction(reduction);
        if (!(margin >= -1 && margin <= 1))
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "CosineEmbeddingLoss: margin must be in [-1, 1].");
        Margin = margin;
        Reduction = reduction;
    }

    /// <summary>The margin.</summary>
    public double Margin { get; }

    /// <summary>The reduction.</summary>
    public Reduction Reduction { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input1">First embeddings (N, D) or (D).</param>
    /// <param name="input2">Second embeddings, the same shape.</param>
    /// <param name="target">Labels 1 (similar) or −1 (dissimilar): (N), or () for unbatched inputs.</param>
    /// <exception cref="ArgumentException">The input shapes differ, the inputs are not (N, D) or (D), or the target is not (N) / ().</exception>
    public Tensor<T> Forward(Tensor<T> input1, Tensor<T> input2, Tensor<T> target)
    {
        LossMath.CheckSameShape("CosineEmbeddingLoss", input1, nameof(input1), input2, nameof(input2));
        ArgumentNullException.ThrowIfNull(target);
        if (input1.Rank is not (1 or 2))
            throw new ArgumentException($"CosineEmbeddingLoss: inputs must be (N, D) or (D), got {Shapes.Format(input1.Shape)}.", nameof(input1));
        if (target.Rank != input1.Rank - 1 || (input1.Rank == 2 && target.Shape[0] != input1.Shape[0]))
            throw new ArgumentException($"CosineEmbeddingLoss: inputs of shape {Shapes.Format(input1.Shape)} need target of shape {(input1.Rank == 2 ? $"({input1.Shape[0]})" : "()")}, got {Shapes.Format(target.Shape)}.", nameof(target));
        var eps = T.CreateChecked(Epsilon);
        var dot = (input1 * input2).Sum(-1);
        var m1 = input1.Square().Sum(-1) + eps;
        var m2 = input2.Square().Sum(-1) + eps;
        var cos = dot / LossMath.Sqrt(m1 * m2);
        Tensor<T> pos, neg;
        using (Autograd.NoGrad())
        {
            var y = target.Detach();
            pos = LossMath.Mask<T>(y.Eq(T.One));
            neg = LossMath.Mask<T>(y.Eq(-T.One));
        }
        var loss = pos * (T.One - cos) + neg * (cos - T.CreateChecked(Margin)).Relu();
        return LossMath.Reduce(loss, Reduction);
    }
}
