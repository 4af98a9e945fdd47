using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Negative log-likelihood of class indices given log-probabilities (PyTorch's <c>nn.NLLLoss</c>):
/// <c>ℓᵢ = −w_tᵢ · xᵢ,tᵢ</c>; positions labelled ignore_index give 0, and the mean divides by
/// <c>Σ_{i not ignored} w_tᵢ</c> (with no weights: the number of positions not ignored).
/// Shapes: input (C), (N, C) or (N, C, d1, …) log-probabilities (e.g. from log_softmax over axis 1); target (),
/// (N) or (N, d1, …) labels; output: scalar, or the target shape with <see cref="Reduction.None"/>.
/// </summary>
/// <remarks>One fused node (see <see cref="ClassIndexLoss"/>); its VJP is −w_t·g/D at the picked entries, 0 elsewhere.</remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class NllLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Optional per-class weight of shape (C).</param>
    /// <param name="ignoreIndex">A target value that contributes neither loss nor gradient (default −100).</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction, or a weight that is not one-dimensional.</exception>
    public NllLoss(Tensor<T>? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean)
    {
        LossMath.CheckReduction(reduction);
        if (weight is not null && weight.Rank != 1)
            throw new ArgumentOutOfRangeException(nameof(weight), $"NllLoss: weight must have shape (C), got {Shapes.Format(weight.Shape)}.");
        Weight = weight;
        IgnoreIndex = ignoreIndex;
        Reduction = reduction;
    }

    /// <summary>The per-class weight, or null.</summary>
    public Tensor<T>? Weight { get; }

    /// <summary>The ignored class index.</summary>
    public long IgnoreIndex { get; }

    /// <summary>The reduction.</summary>
    public Reduction Reduction { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Log-probabilities: (C), (N, C) or (N, C, d1, …).</param>
    /// <param name="target">Labels in [0, C) or equal to ignore_index: (), (N) or (N, d1, …).</param>
    /// <exception cref="ArgumentException">The target shape does not match the input, or the weight is not (C).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, C) and is not ignore_index.</exception>
    public Tensor<T> Forward(Tensor<T> input, Tensor<long> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ClassIndexLoss.Forward("NllLoss", input, LossMath.Labels(target), target.Shape, Weight, IgnoreIndex, 0, Reduction, softmax: false);
    }

    /// <inheritdoc cref="Forward(Tensor{T}, Tensor{long})"/>
    public Tensor<T> Forward(Tensor<T> input, Tensor<int> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ClassIndexLoss.Forward("NllLoss", input, LossMath.Labels(target), target.Shape, Weight, IgnoreIndex, 0, Reduction, softmax: false);
    }
}
