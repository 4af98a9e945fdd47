using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Sigmoid focal loss for dense detection (Lin et al. 2017; <c>torchvision.ops.sigmoid_focal_loss</c>): with
/// p = σ(x), ce = BCE-with-logits(x, y), p_t = p·y + (1 − p)·(1 − y) and α_t = α·y + (1 − α)·(1 − y),
/// <c>ℓ = α_t · ce · (1 − p_t)^γ</c> (α_t omitted when α &lt; 0).
/// Shapes: input (*) logits, target (*) the same shape with values in [0, 1]; output: scalar, or (*) with <see cref="Reduction.None"/>.
/// </summary>
/// <remarks>
/// The factor (1 − p_t)^γ down-weights easy examples (p_t → 1). The cross-entropy uses the stable log-sum-exp form of
/// <see cref="BceWithLogitsLoss{T}"/>. Note torchvision's default reduction is <c>'none'</c>; ours follows it.
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class SigmoidFocalLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="alpha">Weight of the positive class in (0, 1), or negative to disable α weighting (default 0.25).</param>
    /// <param name="gamma">The focusing exponent γ ≥ 0 (default 2; γ = 0 gives α-weighted BCE).</param>
    /// <param name="reduction">None (default, as torchvision), Mean or Sum.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction, alpha NaN or above 1, or gamma negative or not finite.</exception>
    public SigmoidFocalLoss(double alpha = 0.25, double gamma = 2.0, Reduction reduction = Reduction.None)
    {
        LossMath.CheckReduction(reduction);
        if (double.IsNaN(alpha) || alpha > 1)
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "SigmoidFocalLoss: alpha must be in [0, 1], or negative to disable the class weighting.");
        if (!(gamma >= 0) || double.IsInfinity(gamma))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "SigmoidFocalLoss: gamma must be a finite number ≥ 0.");
        Alpha = alpha;
        Gamma = gamma;
        Reduction = reduction;
    }

    /// <summary>The positive-class weight α (negative: disabled).</summary>
    public double Alpha { get; }

    /// <summary>The focusing exponent γ.</summary>
    public double Gamma { get; }

    /// <summary>The reduction.</summary>
    public Reduction Reduction { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Logits x, any shape.</param>
    /// <param name="target">Binary targets y ∈ [0, 1], the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T> target)
    {
        var ce = BceWithLogitsLoss<T>.Elementwise(input, target, null, null, "SigmoidFocalLoss");
        var p = input.Sigmoid();
        var pt = p * target + (T.One - p) * (T.One - target);
        var loss = ce * LossMath.PowAbs(T.One - pt, T.CreateChecked(Gamma));
        if (Alpha >= 0)
        {
            T a = T.CreateChecked(Alpha);
            loss = (target * a + (T.One - target) * (T.One - a)) * loss;
        }
        return LossMath.Reduce(loss, Reduction);
    }
}
