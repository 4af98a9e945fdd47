using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Binary cross-entropy on probabilities (PyTorch's <c>nn.BCELoss</c>):
/// <c>ℓᵢ = −wᵢ·(yᵢ·log xᵢ + (1 − yᵢ)·log(1 − xᵢ))</c>, each log clamped at −100 so that x = 0 or 1 gives a finite
/// loss (PyTorch's convention). Shapes: input (*) with values in [0, 1], target (*) the same shape (values usually in
/// [0, 1]), weight broadcastable to (*); output: scalar, or (*) with <see cref="Reduction.None"/>.
/// </summary>
/// <remarks>
/// <para>Prefer <see cref="BceWithLogitsLoss{T}"/> on logits: sigmoid followed by this loss loses precision when the
/// sigmoid saturates.</para>
/// <para>The input gradient is PyTorch's <c>w·(x − y) / max(x·(1 − x), 1e−12)</c> (recorded as one node; the max is
/// written with relu, so it is differentiable again). Like PyTorch, the target gets no gradient.</para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class BceLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const double Epsilon = 1e-12;

    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Optional rescaling weight, broadcastable to the input shape (e.g. per element or per last-axis column).</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction.</exception>
    public BceLoss(Tensor<T>? weight = null, Reduction reduction = Reduction.Mean)
    {
        LossMath.CheckReduction(reduction);
        Weight = weight;
        Reduction = reduction;
    }

    /// <summary>The rescaling weight, or null.</summary>
    public Tensor<T>? Weight { get; }

    /// <summary>The reduction.</summary>
    public Reduction Reduction { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Probabilities x ∈ [0, 1], any shape.</param>
    /// <param name="target">Targets y, the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ, the weight does not broadcast, or an input value lies outside [0, 1] (or is NaN).</exception>
    /// <exception cref="NotSupportedException">target requires a gradient (not defined, as in PyTorch).</exception>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T> target)
    {
        LossMath.CheckSameShape("BceLoss", input, nameof(input), target, nameof(target));
        if (Weight is not null) LossMath.CheckBroadcastsTo("BceLoss", Weight, "weight", input.Shape, "input");
        LossMath.NoTargetGrad("BceLoss", target);
        var values = input.ToArray();
        for (int i = 0; i < values.Length; i++)
            if (!(values[i] >= T.Zero && values[i] <= T.One))
                throw new ArgumentException($"BceLoss: all elements of input must lie in [0, 1] (probabilities; use BceWithLogitsLoss for logits), but element {i} (flat index) is {values[i]}.", nameof(input));
        var t = target.Detach();
        var w = Weight?.Detach();
        Tensor<T> loss;
        using (Autograd.NoGrad())
        {
            var x = input.Detach();
            var min = T.CreateChecked(-100);
            // ℓ = (y − 1)·max(log(1 − x), −100) − y·max(log x, −100)
            loss = (t - T.One) * (T.One - x).Log().ClampMin(min) - t * x.Log().ClampMin(min);
            if (w is not null) loss *= w;
            if (!loss.Shape.SequenceEqual(input.Shape)) loss = loss.BroadcastTo(input.Shape).Contiguous();
        }
        loss = Autograd.Record(loss, "binary_cross_entropy", input, static (g, n) =>
        {
            var (t, w) = n.State<(Tensor<T>, Tensor<T>?)>();
            var x = n.Input(0);
            var eps = T.CreateChecked(Epsilon);
            var grad = g * (x - t) / ((x * (T.One - x) - eps).Relu() + eps);
            return w is null ? grad : grad * w;
        }, (t, w));
        return LossMath.Reduce(loss, Reduction);
    }
}
