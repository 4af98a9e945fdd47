using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// NAdam: Adam with Nesterov momentum and a momentum schedule (Dozat 2016; PyTorch 1.13's <c>torch.optim.NAdam</c>).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// State <c>step</c>, <c>exp_avg</c> m, <c>exp_avg_sq</c> v, scalar <c>mu_product</c> Πμ (starts at 1):
/// <code>
/// g ← g + λ·θ
/// μₜ = β₁·(1 − ½·0.96^(t·ψ)),  μₜ₊₁ = β₁·(1 − ½·0.96^((t+1)·ψ))          ψ = momentum_decay
/// Πμ ← Πμ·μₜ
/// m ← β₁·m + (1 − β₁)·g ;  v ← β₂·v + (1 − β₂)·g²
/// denom = √(v / (1 − β₂ᵗ)) + ε
/// θ ← θ − lr·(1 − μₜ)/(1 − Πμ) · g / denom − lr·μₜ₊₁/(1 − Πμ·μₜ₊₁) · m / denom
/// </code>
/// PyTorch 1.13 keeps <c>mu_product</c> in a single-precision tensor whatever the parameter's type, so Πμ and
/// Πμ·μₜ·μₜ₊₁ are rounded to float here too: that is what makes the trajectories match to 1e-12 rather than 1e-7.
/// (PyTorch 1.13 also multiplies μₜ in twice for the second coefficient, Πμ·μₜ·μₜ₊₁ after Πμ already includes μₜ;
/// this is reproduced as is.)
/// </remarks>
public sealed class NAdam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates NAdam over <paramref name="parameters"/> (one group).</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">Learning rate (≥ 0).</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="eps">ε (≥ 0).</param>
    /// <param name="weightDecay">L2 penalty λ (≥ 0).</param>
    /// <param name="momentumDecay">ψ (≥ 0), the momentum schedule's rate.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public NAdam(IEnumerable<Parameter<T>> parameters, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, double momentumDecay = 4e-3)
        : this(SingleGroup(parameters), lr, beta1, beta2, eps, weightDecay, momentumDecay) { }

    /// <summary>Creates NAdam over parameter groups; options missing from a group take these defaults.</summary>
    /// <inheritdoc cref="NAdam{T}(IEnumerable{Parameter{T}}, double, double, double, double, double, double)"/>
    public NAdam(IEnumerable<ParamGroup<T>> groups, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, double momentumDecay = 4e-3)
        : base(new Dictionary<string, double> { ["lr"] = lr, ["beta1"] = beta1, ["beta2"] = beta2, ["eps"] = eps, ["weight_decay"] = weightDecay, ["momentum_decay"] = momentumDecay })
        => AddParamGroups(groups);

    /// <inheritdoc />
    protected override void ValidateGroup(ParamGroup<T> group, int index)
    {
        OptimChecks.AdamFamily(group, index);
        OptimChecks.NonNegative(group, "momentum_decay", index);
    }

    /// <inheritdoc />
    public override void Step()
    {
        using var _ = Autograd.NoGrad();
        foreach (var group in ParamGroups)
        {
            double lr = group["lr"], b1 = group["beta1"], b2 = group["beta2"], eps = group["eps"], wd = group["weight_decay"], psi = group["momentum_decay"];
            foreach (var p in group.Parameters)
            {
                if (p.Grad is not { } grad) continue;
                var theta = p.Value;
                var st = StateOf(p);
                if (!st.Tensors.TryGetValue("exp_avg", out var m))
                {
                    st.Scalars["step"] = 0;
                    st.Scalars["mu_product"] = 1;
                    st.Tensors["exp_avg"] = m = Tensor.ZerosLike(theta);
                    st.Tensors["exp_avg_sq"] = Tensor.ZerosLike(theta);
                }
                var v = st.Tensors["exp_avg_sq"];
                double step = st.Scalars["step"] += 1;
                double bc2 = 1 - Math.Pow(b2, step);
                if (wd != 0) grad = OptimMath.Scaled(grad, theta, wd);
                double mu = b1 * (1.0 - 0.5 * Math.Pow(0.96, step * psi));
                double muNext = b1 * (1.0 - 0.5 * Math.Pow(0.96, (step + 1) * psi));
                // Single precision on purpose: PyTorch 1.13 stores mu_product as torch.tensor(1.) (float32).
                float muProduct = (float)st.Scalars["mu_product"] * (float)mu;
                float muProductNext = muProduct * (float)mu * (float)muNext;
                st.Scalars["mu_product"] = muProduct;
                OptimMath.AddScaled(m.MulInPlace(S(b1)), grad, 1 - b1);
                OptimMath.AddCMul(v.MulInPlace(S(b2)), grad, grad, 1 - b2);
                var denom = (v / S(bc2)).SqrtInPlace() + S(eps);
                OptimMath.AddCDiv(theta, grad, denom, -lr * (1.0 - mu) / (1.0 - muProduct));
                OptimMath.AddCDiv(theta, m, denom, -lr * muNext / (1.0 - muProductNext));
            }
        }
        StepCount++;
    }
}
