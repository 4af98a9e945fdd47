using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Adam (Kingma &amp; Ba) with optional L2 weight decay folded into the gradient and the AMSGrad variant (PyTorch 1.13's <c>torch.optim.Adam</c>, same update order).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// At step t (state <c>step</c>, <c>exp_avg</c> m, <c>exp_avg_sq</c> v, <c>max_exp_avg_sq</c> v̂ with amsgrad):
/// <code>
/// g ← g + λ·θ (L2, coupled with the adaptive scaling)
/// m ← β₁·m + (1 − β₁)·g ;  v ← β₂·v + (1 − β₂)·g²
/// θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)      (v replaced by v̂ = max(v̂, v) with amsgrad)
/// </code>
/// Contiguous CPU parameters take one fused loop (<see cref="AdamKernel.Fused{T}"/>); others the reference ops.
/// </remarks>
public sealed class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly bool amsgrad;

    /// <summary>Creates Adam over <paramref name="parameters"/> (one group).</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">Learning rate (≥ 0).</param>
    /// <param name="beta1">β₁, decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">β₂, decay of the second moment, in [0, 1).</param>
    /// <param name="eps">ε (≥ 0) added to the denominator after the bias correction.</param>
    /// <param name="weightDecay">λ (≥ 0).</param>
    /// <param name="amsgrad">Use the running maximum of v (AMSGrad).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Adam(IEnumerable<Parameter<T>> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : this(SingleGroup(parameters), lr, beta1, beta2, eps, weightDecay, amsgrad) { }

    /// <summary>Creates Adam over parameter groups; options missing from a group take these defaults.</summary>
    /// <inheritdoc cref="Adam{T}(IEnumerable{Parameter{T}}, double, double, double, double, double, bool)"/>
    public Adam(IEnumerable<ParamGroup<T>> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : base(new Dictionary<string, double> { ["lr"] = lr, ["beta1"] = beta1, ["beta2"] = beta2, ["eps"] = eps, ["weight_decay"] = weightDecay })
    {
        this.amsgrad = amsgrad;
        AddParamGroups(groups);
    }

    /// <summary>Use the tensor-op reference path even for contiguous CPU parameters (tests compare the two paths).</summary>
    public bool UseReferenceKernel { get; set; }

    /// <inheritdoc />
    protected override void ValidateGroup(ParamGroup<T> group, int index)
    {
        OptimChecks.AdamFamily(group, index);
    }

    /// <inheritdoc />
    public override void Step()
    {
        using var _ = Autograd.NoGrad();
        foreach (var g in ParamGroups)
        {
            double lr = g["lr"], b1 = g["beta1"], b2 = g["beta2"], eps = g["eps"], wd = g["weight_decay"];
            foreach (var p in g.Parameters)
                if (p.Grad is { } grad)
                    AdamKernel.Update(p, grad, StateOf(p), lr, b1, b2, eps, wd, decoupled: false, amsgrad, UseReferenceKernel);
        }
        StepCount++;
    }
}
