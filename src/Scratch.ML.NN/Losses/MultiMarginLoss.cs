using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Multi-class hinge loss (PyTorch's <c>nn.MultiMarginLoss</c>): for sample i with label y,
/// <c>ℓᵢ = (1/C)·Σ_{j ≠ y} w_y·max(0, margin − x_y + x_j)^p</c>, p ∈ {1, 2}.
/// Shapes: input (N, C) or (C); target (N) or () class indices; weight (C); output: scalar, or (N) (scalar for an
/// unbatched input) with <see cref="Reduction.None"/>.
/// </summary>
/// <remarks>x_y is picked with a constant one-hot mask (Σ_c x_c·[c = y]), so the gradient flows through mul/sum only.</remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class MultiMarginLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="p">The exponent, 1 (default) or 2.</param>
    /// <param name="margin">The margin (default 1).</param>
    /// <param name="weight">Optional per-class weight of shape (C).</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction, p not 1 or 2, a margin that is not finite, or a weight that is not one-dimensional.</exception>
    public MultiMarginLoss(int p = 1, double margin = 1.0, Tensor<T>? weight = null, Reduction reduction = Reduction.Mean)
    {
        LossMath.CheckReduction(reduction);
        if (p is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(p), p, "MultiMarginLoss: only p = 1 and p = 2 are supported.");
        if (!double.IsFinite(margin)) throw new ArgumentOutOfRangeException(nameof(margin), margin, "MultiMarginLoss: margin must be finite.");
        if (weight is not null && weight.Rank != 1)
            throw new ArgumentOutOfRangeException(nameof(weight), $"MultiMarginLoss: weight must have shape (C), got {Shapes.Format(weight.Shape)}.");
        P = p;
        Margin = margin;
        Weight = weight;
        Reduction = reduction;
    }

    /// <summary>The exponent p.</summary>
    public int P { get; }

    /// <summary>The margin.</summary>
    public double Margin { get; }

    /// <summary>The per-class weight, or null.</summary>
    public Tensor<T>? Weight { get; }

    /// <summary>The reduction.</summary>
    public Reduction Reduction { get; }

    /// <inheritdoc cref="Forward(Tensor{T}, Tensor{long})"/>
    public Tensor<T> Forward(Tensor<T> input, Tensor<int> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Compute(input, LossMath.Labels(target), target.Shape);
    }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Scores (N, C) or (C).</param>
    /// <param name="target">Labels in [0, C): (N) or ().</param>
    /// <exception cref="ArgumentException">Shapes do not match, or the weight is not (C).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, C).</exception>
    public Tensor<T> Forward(Tensor<T> input, Tensor<long> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Compute(input, LossMath.Labels(target), target.Shape);
    }

    private Tensor<T> Compute(Tensor<T> input, long[] labels, ReadOnlySpan<int> targetShape)
    {
        ArgumentNullException.ThrowIfNull(input);
        bool unbatched = input.Rank == 1;
        if (!(unbatched && targetShape.Length == 0) && !(input.Rank == 2 && targetShape.Length == 1 && targetShape[0] == input.Shape[0]))
            throw new ArgumentException($"MultiMarginLoss: input (N, C) needs target (N), and input (C) a scalar target; got input {Shapes.Format(input.Shape)} and target {Shapes.Format(targetShape)}.", "target");
        var x = unbatched ? input.Reshape(1, input.Shape[0]) : input;
        int n = x.Shape[0], c = x.Shape[1];
        if (Weight is not null && Weight.Shape[0] != c)
            throw new ArgumentException($"MultiMarginLoss: weight must have shape ({c}) (one per class), got {Shapes.Format(Weight.Shape)}.", nameof(input));
        var w = Weight?.ToArray();
        var oneHot = new T[n * c];
        var wy = new T[n];
        for (int i = 0; i < n; i++)
        {
            long t = labels[i];
            if (t < 0 || t >= c)
                throw new ArgumentOutOfRangeException("target", t, $"MultiMarginLoss: target label {t} (sample {i}) is out of range for C = {c} classes.");
            oneHot[i * c + t] = T.One;
            wy[i] = (w is null ? T.One : w[t]) / T.CreateChecked(c);
        }
        var hot = Tensor.FromArray(oneHot, n, c).To(x.Device);
        var xy = (x * hot).Sum(1, keepDims: true);                             // (N, 1)
        var z = (x - xy + T.CreateChecked(Margin)).Relu() * (T.One - hot);      // (N, C), j = y excluded
        if (P == 2) z = z.Square();
        var loss = z.Sum(1) * Tensor.FromArray(wy, n).To(x.Device);            // (N)
        if (unbatched) loss = loss.Reshape();
        return LossMath.Reduce(loss, Reduction);
    }
}
