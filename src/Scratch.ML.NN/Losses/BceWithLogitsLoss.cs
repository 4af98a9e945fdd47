using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Binary cross-entropy on logits (PyTorch's <c>nn.BCEWithLogitsLoss</c>): with σ the sigmoid and
/// <c>p</c> the positive-class weight, <c>ℓᵢ = −wᵢ·(p·yᵢ·log σ(xᵢ) + (1 − yᵢ)·log(1 − σ(xᵢ)))</c>.
/// Shapes: input (*), target (*) the same shape, weight broadcastable to (*), pos_weight broadcastable to (*) —
/// typically (C) for the last (class) axis; output: scalar, or (*) with <see cref="Reduction.None"/>.
/// </summary>
/// <remarks>
/// <para>Stable form (PyTorch's): with m = max(−x, 0) and l = 1 + (p − 1)·y,
/// <c>ℓ = (1 − y)·x + l·(log(e^(−m) + e^(−x−m)) + m)</c>. Since −log σ(x) = softplus(−x) = m + log(e^(−m) + e^(−x−m)),
/// no exponential overflows and no log sees 0, so logits of ±100 give exact, finite losses and gradients.</para>
/// <para>Gradients: ∂ℓ/∂x = w·((1 − y) − l·(1 − σ(x))) (= w·(σ(x) − y) without pos_weight); the target is differentiable too.
/// Built from differentiable ops (relu, exp, log, mul), so it is twice differentiable.</para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class BceWithLogitsLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Optional rescaling weight, broadcastable to the input shape.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <param name="posWeight">Optional weight of positive examples (PyTorch's <c>pos_weight</c>), broadcastable to the input shape, usually (C).</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction.</exception>
    public BceWithLogitsLoss(Tensor<T>? weight = null, Reduction reduction = Reduction.Mean, Tensor<T>? posWeight = null)
    {
        LossMath.CheckReduction(reduction);
        Weight = weight;
        Reduction = reduction;
        PosWeight = posWeight;
    }

    /// <summary>The rescaling weight, or null.</summary>
    public Tensor<T>? Weight { get; }

    /// <summary>The reduction.</summary>
    public Reduction Reduction { get; }

    /// <summary>The positive-class weight, or null.</summary>
    public Tensor<T>? PosWeight { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Logits x, any shape.</param>
    /// <param name="target">Targets y (usually in [0, 1]), the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ, or a weight does not broadcast to the input shape.</exception>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T> target)
        => LossMath.Reduce(Elementwise(input, target, Weight, PosWeight, "BceWithLogitsLoss"), Reduction);

    /// <summary>The unreduced loss (shared with <see cref="SigmoidFocalLoss{T}"/>).</summary>
    internal static Tensor<T> Elementwise(Tensor<T> input, Tensor<T> target, Tensor<T>? weight, Tensor<T>? posWeight, string loss)
    {
        LossMath.CheckSameShape(loss, input, nameof(input), target, nameof(target));
        if (weight is not null) LossMath.CheckBroadcastsTo(loss, weight, "weight", input.Shape, "input");
        if (posWeight is not null) LossMath.CheckBroadcastsTo(loss, posWeight, "posWeight", input.Shape, "input");
        var m = (-input).Relu();                                    // max(−x, 0)
        var softplusNeg = ((-m).Exp() + (-input - m).Exp()).Log() + m; // log(1 + e^(−x)) = −log σ(x)
        var l = (T.One - target) * input;
        l = posWeight is null ? l + softplusNeg : l + ((posWeight - T.One) * target + T.One) * softplusNeg;
        if (weight is not null) l *= weight;
        return l;
    }
}
