using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// RAdam: Adam with a rectified adaptive learning rate (Liu et al. 2019; PyTorch 1.13's <c>torch.optim.RAdam</c>).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// State <c>step</c>, <c>exp_avg</c> m, <c>exp_avg_sq</c> v:
/// <code>
/// g ← g + λ·θ ;  m ← β₁·m + (1 − β₁)·g ;  v ← β₂·v + (1 − β₂)·g²
/// m̂ = m / (1 − β₁ᵗ)
/// ρ∞ = 2/(1 − β₂) − 1,   ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)
/// ρₜ &gt; 5:  r = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ)),  θ ← θ − m̂·lr·(√(1 − β₂ᵗ) / (√v + ε))·r
/// else:    θ ← θ − m̂·lr                                    (the variance is not yet trustworthy: plain momentum)
/// </code>
/// </remarks>
public sealed class RAdam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates RAdam over <paramref name="parameters"/> (one group).</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">Learning rate (≥ 0).</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="eps">ε (≥ 0).</param>
    /// <param name="weightDecay">L2 penalty λ (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public RAdam(IEnumerable<Parameter<T>> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : this(SingleGroup(parameters), lr, beta1, beta2, eps, weightDecay) { }

    /// <summary>Creates RAdam over parameter groups; options missing from a group take these defaults.</summary>
    /// <inheritdoc cref="RAdam{T}(IEnumerable{Parameter{T}}, double, double, double, double, double)"/>
    public RAdam(IEnumerable<ParamGroup<T>> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : base(new Dictionary<string, double> { ["lr"] = lr, ["beta1"] = beta1, ["beta2"] = beta2, ["eps"] = eps, ["weight_decay"] = weightDecay })
        => AddParamGroups(groups);

    /// <inheritdoc />
    protected override void ValidateGroup(ParamGroup<T> group, int index)
    {
        OptimChecks.AdamFamily(group, index);
    }

    /// <inheritdoc />
    public override void Step()
    {
        using var _ = Autograd.NoGrad();
        foreach (var group in ParamGroups)
        {
            double lr = group["lr"], b1 = group["beta1"], b2 = group["beta2"], eps = group["eps"], wd = group["weight_decay"];
            foreach (var p in group.Parameters)
            {
                if (p.Grad is not { } grad) continue;
                var theta = p.Value;
                var st = StateOf(p);
                if (!st.Tensors.TryGetValue("exp_avg", out var m))
                {
                    st.Scalars["step"] = 0;
                    st.Tensors["exp_avg"] = m = Tensor.ZerosLike(theta);
                    st.Tensors["exp_avg_sq"] = Tensor.ZerosLike(theta);
                }
                var v = st.Tensors["exp_avg_sq"];
                double step = st.Scalars["step"] += 1;
                double bc1 = 1 - Math.Pow(b1, step), bc2 = 1 - Math.Pow(b2, step);
                if (wd != 0) grad = OptimMath.Scaled(grad, theta, wd);
                OptimMath.AddScaled(m.MulInPlace(S(b1)), grad, 1 - b1);
                OptimMath.AddCMul(v.MulInPlace(S(b2)), grad, grad, 1 - b2);
                var mHat = m / S(bc1);
                double rhoInf = 2 / (1 - b2) - 1;
                double rhoT = rhoInf - 2 * step * Math.Pow(b2, step) / bc2;
                if (rhoT > 5.0)
                {
                    double rect = Math.Sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
                    var adaptive = S(Math.Sqrt(bc2)) / (v.Sqrt() + S(eps));
                    theta.SubInPlace(mHat * S(lr) * adaptive * S(rect));
                }
                else
                {
                    theta.SubInPlace(mHat * S(lr));
                }
            }
        }
        StepCount++;
    }
}
