using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Cross-entropy between logits and a class target (PyTorch's <c>nn.CrossEntropyLoss</c>), i.e. log-softmax over the
/// class axis (axis 1) followed by the negative log-likelihood.
/// Shapes: input (C), (N, C) or (N, C, d1, …) logits; target as class indices (), (N) or (N, d1, …)
/// (<c>Tensor&lt;int&gt;</c> or <c>Tensor&lt;long&gt;</c>), or as class probabilities with the input's shape
/// (<c>Tensor&lt;T&gt;</c>); output: scalar, or the per-position loss (target shape for indices, input shape without
/// axis 1 for probabilities) with <see cref="Reduction.None"/>.
/// </summary>
/// <remarks>
/// <para>Indices: <c>ℓᵢ = −(1 − ε)·w_t·log pᵢ,t − (ε/C)·Σ_c w_c·log pᵢ,c</c> with p = softmax(x) and smoothing ε.
/// Positions whose label equals ignore_index contribute nothing, and the mean divides by the sum of the weights of
/// the labels that are not ignored (PyTorch 1.13; with no weights: their count). This path is ONE fused graph node:
/// its VJP is (softmax(x)·Aᵢ − Bᵢ)·g/D, see <see cref="ClassIndexLoss"/> — on the MLP training hot path.</para>
/// <para>Probabilities: <c>ℓᵢ = −Σ_c w_c·y'ᵢ,c·log pᵢ,c</c> with y' = (1 − ε)·y + ε/C; the mean divides by the
/// number of positions N·d1·… (not by weights); a non-default ignore_index is refused, as in PyTorch. Built from differentiable ops, so the
/// target gets a gradient too.</para>
/// <para>Stability: log-softmax is computed as x − max − log Σ exp(x − max), never as log(softmax).</para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class CrossEntropyLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Optional per-class weight of shape (C).</param>
    /// <param name="ignoreIndex">A class-index target value that contributes neither loss nor gradient (default −100).</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <param name="labelSmoothing">ε ∈ [0, 1]: mixes the target with the uniform distribution (default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction, label smoothing outside [0, 1], or a weight that is not one-dimensional.</exception>
    public CrossEntropyLoss(Tensor<T>? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean, double labelSmoothing = 0.0)
    {
        LossMath.CheckReduction(reduction);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "CrossEntropyLoss: labelSmoothing must be in [0, 1].");
        if (weight is not null && weight.Rank != 1)
            throw new ArgumentOutOfRangeException(nameof(weight), $"CrossEntropyLoss: weight must have shape (C), got {Shapes.Format(weight.Shape)}.");
        Weight = weight;
        IgnoreIndex = ignoreIndex;
        Reduction = reduction;
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>The per-class weight, or null.</summary>
    public Tensor<T>? Weight { get; }

    /// <summary>The ignored class index.</summary>
    public long IgnoreIndex { get; }

    /// <summary>The reduction.</summary>
    public Reduction Reduction { get; }

    /// <summary>The label smoothing ε.</summary>
    public double LabelSmoothing { get; }

    /// <summary>Loss with class-index targets (long).</summary>
    /// <param name="input">Logits: (C), (N, C) or (N, C, d1, …).</param>
    /// <param name="target">Labels in [0, C) or equal to ignore_index: (), (N) or (N, d1, …).</param>
    /// <exception cref="ArgumentException">The target shape does not match the input, or the weight is not (C).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, C) and is not ignore_index (the message names the label and C).</exception>
    public Tensor<T> Forward(Tensor<T> input, Tensor<long> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ClassIndexLoss.Forward("CrossEntropyLoss", input, LossMath.Labels(target), target.Shape, Weight, IgnoreIndex, LabelSmoothing, Reduction, softmax: true);
    }

    /// <inheritdoc cref="Forward(Tensor{T}, Tensor{long})"/>
    public Tensor<T> Forward(Tensor<T> input, Tensor<int> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ClassIndexLoss.Forward("CrossEntropyLoss", input, LossMath.Labels(target), target.Shape, Weight, IgnoreIndex, LabelSmoothing, Reduction, softmax: true);
    }

    /// <summary>Loss with class-probability targets (soft labels).</summary>
    /// <param name="input">Logits: (C), (N, C) or (N, C, d1, …).</param>
    /// <param name="target">Probabilities over the classes (axis 1; axis 0 for an unbatched input), the input's shape.</param>
    /// <exception cref="ArgumentException">The shapes differ, the weight is not (C), or an ignore_index other than −100 was set.</exception>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T> target)
    {
        LossMath.CheckSameShape("CrossEntropyLoss", input, nameof(input), target, nameof(target));
        if (IgnoreIndex != -100)
            throw new ArgumentException($"CrossEntropyLoss: ignore_index ({IgnoreIndex}) is not supported for class-probability targets (as in PyTorch); it applies to class indices only.", nameof(target));
        if (input.Rank == 0)
            throw new ArgumentException("CrossEntropyLoss: input must have shape (C), (N, C) or (N, C, d1, …), got a scalar.", nameof(input));
        int axis = input.Rank == 1 ? 0 : 1, c = input.Shape[axis];
        var logp = input.LogSoftmax(axis);
        var y = LabelSmoothing == 0 ? target : target * T.CreateChecked(1 - LabelSmoothing) + T.CreateChecked(LabelSmoothing / c);
        var prod = logp * y;
        if (Weight is not null)
        {
            if (Weight.Shape[0] != c)
                throw new ArgumentException($"CrossEntropyLoss: weight must have shape ({c}) (one per class), got {Shapes.Format(Weight.Shape)}.", nameof(input));
            var wShape = new int[input.Rank];
            Array.Fill(wShape, 1);
            wShape[axis] = c;
            prod *= Weight.Reshape(wShape);
        }
        return LossMath.Reduce(-prod.Sum(axis), Reduction);
    }
}
