using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Adagrad (Duchi et al. 2011) with learning-rate decay and an initial accumulator (PyTorch 1.13's
/// <c>torch.optim.Adagrad</c>, dense gradients).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// State <c>step</c>, <c>sum</c> G (starts at <c>initial_accumulator_value</c>):
/// <code>
/// g ← g + λ·θ
/// clr = lr / (1 + (t − 1)·lr_decay)
/// G ← G + g²
/// θ ← θ − clr · g / (√G + ε)
/// </code>
/// </remarks>
public sealed class Adagrad<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates Adagrad over <paramref name="parameters"/> (one group).</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">Learning rate (≥ 0).</param>
    /// <param name="lrDecay">Learning-rate decay (≥ 0).</param>
    /// <param name="weightDecay">L2 penalty λ (≥ 0).</param>
    /// <param name="initialAccumulatorValue">Starting value of the squared-gradient sum (≥ 0).</param>
    /// <param name="eps">ε (≥ 0) added to the root.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Adagrad(IEnumerable<Parameter<T>> parameters, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double eps = 1e-10)
        : this(SingleGroup(parameters), lr, lrDecay, weightDecay, initialAccumulatorValue, eps) { }

    /// <summary>Creates Adagrad over parameter groups; options missing from a group take these defaults.</summary>
    /// <inheritdoc cref="Adagrad{T}(IEnumerable{Parameter{T}}, double, double, double, double, double)"/>
    public Adagrad(IEnumerable<ParamGroup<T>> groups, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double eps = 1e-10)
        : base(new Dictionary<string, double> { ["lr"] = lr, ["lr_decay"] = lrDecay, ["weight_decay"] = weightDecay, ["initial_accumulator_value"] = initialAccumulatorValue, ["eps"] = eps })
        => AddParamGroups(groups);

    /// <inheritdoc />
    protected override void ValidateGroup(ParamGroup<T> group, int index)
    {
        OptimChecks.NonNegative(group, "lr", index);
        OptimChecks.NonNegative(group, "lr_decay", index);
        OptimChecks.NonNegative(group, "weight_decay", index);
        OptimChecks.NonNegative(group, "initial_accumulator_value", index);
        OptimChecks.NonNegative(group, "eps", index);
    }

    /// <inheritdoc />
    public override void Step()
    {
        using var _ = Autograd.NoGrad();
        foreach (var group in ParamGroups)
        {
            double lr = group["lr"], lrDecay = group["lr_decay"], wd = group["weight_decay"], eps = group["eps"];
            foreach (var p in group.Parameters)
            {
                if (p.Grad is not { } grad) continue;
                var theta = p.Value;
                var st = StateOf(p);
                if (!st.Tensors.TryGetValue("sum", out var sum))
                {
                    // PyTorch creates this state in the constructor; creating it at the first step gives the same values.
                    st.Scalars["step"] = 0;
                    st.Tensors["sum"] = sum = Tensor.FullLike(theta, S(group["initial_accumulator_value"]));
                }
                double step = st.Scalars["step"] += 1;
                if (wd != 0) grad = OptimMath.Scaled(grad, theta, wd);
                double clr = lr / (1 + (step - 1) * lrDecay);
                OptimMath.AddCMul(sum, grad, grad, 1);
                var std = sum.Sqrt() + S(eps);
                OptimMath.AddCDiv(theta, grad, std, -clr);
            }
        }
        StepCount++;
    }
}
