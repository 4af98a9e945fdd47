using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Adamax: Adam with the infinity norm in place of the second moment (PyTorch 1.13's <c>torch.optim.Adamax</c>).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// State <c>step</c>, <c>exp_avg</c> m, <c>exp_inf</c> u:
/// <code>
/// g ← g + λ·θ
/// m ← β₁·m + (1 − β₁)·g
/// u ← max(β₂·u, |g| + ε)
/// θ ← θ − (lr / (1 − β₁ᵗ)) · m / u
/// </code>
/// </remarks>
public sealed class Adamax<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates Adamax over <paramref name="parameters"/> (one group).</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">Learning rate (≥ 0).</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1): decay of the infinity norm.</param>
    /// <param name="eps">ε (≥ 0) added to |g| before the maximum.</param>
    /// <param name="weightDecay">L2 penalty λ (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Adamax(IEnumerable<Parameter<T>> parameters, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : this(SingleGroup(parameters), lr, beta1, beta2, eps, weightDecay) { }

    /// <summary>Creates Adamax over parameter groups; options missing from a group take these defaults.</summary>
    /// <inheritdoc cref="Adamax{T}(IEnumerable{Parameter{T}}, double, double, double, double, double)"/>
    public Adamax(IEnumerable<ParamGroup<T>> groups, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
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
                    st.Tensors["exp_inf"] = Tensor.ZerosLike(theta);
                }
                var u = st.Tensors["exp_inf"];
                double step = st.Scalars["step"] += 1;
                if (wd != 0) grad = OptimMath.Scaled(grad, theta, wd);
                OptimMath.AddScaled(m.MulInPlace(S(b1)), grad, 1 - b1);
                u.MulInPlace(S(b2)).MaximumInPlace(grad.Abs() + S(eps));
                OptimMath.AddCDiv(theta, m, u, -(lr / (1 - Math.Pow(b1, step))));
            }
        }
        StepCount++;
    }
}
