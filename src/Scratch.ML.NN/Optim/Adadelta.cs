using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Adadelta (Zeiler 2012; PyTorch 1.13's <c>torch.optim.Adadelta</c>, with its extra learning rate).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// State <c>step</c>, <c>square_avg</c> E[g²], <c>acc_delta</c> E[Δ²]:
/// <code>
/// g ← g + λ·θ
/// E[g²] ← ρ·E[g²] + (1 − ρ)·g²
/// Δ = √(E[Δ²] + ε) / √(E[g²] + ε) · g
/// E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²
/// θ ← θ − lr·Δ
/// </code>
/// </remarks>
public sealed class Adadelta<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates Adadelta over <paramref name="parameters"/> (one group).</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">Scale applied to Δ (≥ 0; 1 is the paper's method).</param>
    /// <param name="rho">Decay ρ in [0, 1].</param>
    /// <param name="eps">ε (≥ 0) inside both roots.</param>
    /// <param name="weightDecay">L2 penalty λ (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Adadelta(IEnumerable<Parameter<T>> parameters, double lr = 1.0, double rho = 0.9, double eps = 1e-6, double weightDecay = 0)
        : this(SingleGroup(parameters), lr, rho, eps, weightDecay) { }

    /// <summary>Creates Adadelta over parameter groups; options missing from a group take these defaults.</summary>
    /// <inheritdoc cref="Adadelta{T}(IEnumerable{Parameter{T}}, double, double, double, double)"/>
    public Adadelta(IEnumerable<ParamGroup<T>> groups, double lr = 1.0, double rho = 0.9, double eps = 1e-6, double weightDecay = 0)
        : base(new Dictionary<string, double> { ["lr"] = lr, ["rho"] = rho, ["eps"] = eps, ["weight_decay"] = weightDecay })
        => AddParamGroups(groups);

    /// <inheritdoc />
    protected override void ValidateGroup(ParamGroup<T> group, int index)
    {
        OptimChecks.NonNegative(group, "lr", index);
        OptimChecks.UnitInterval(group, "rho", index, includeOne: true);
        OptimChecks.NonNegative(group, "eps", index);
        OptimChecks.NonNegative(group, "weight_decay", index);
    }

    /// <inheritdoc />
    public override void Step()
    {
        using var _ = Autograd.NoGrad();
        foreach (var group in ParamGroups)
        {
            double lr = group["lr"], rho = group["rho"], eps = group["eps"], wd = group["weight_decay"];
            foreach (var p in group.Parameters)
            {
                if (p.Grad is not { } grad) continue;
                var theta = p.Value;
                var st = StateOf(p);
                if (!st.Tensors.TryGetValue("square_avg", out var sq))
                {
                    st.Scalars["step"] = 0;
                    st.Tensors["square_avg"] = sq = Tensor.ZerosLike(theta);
                    st.Tensors["acc_delta"] = Tensor.ZerosLike(theta);
                }
                var acc = st.Tensors["acc_delta"];
                st.Scalars["step"] += 1;
                if (wd != 0) grad = OptimMath.Scaled(grad, theta, wd);
                OptimMath.AddCMul(sq.MulInPlace(S(rho)), grad, grad, 1 - rho);
                var std = (sq + S(eps)).SqrtInPlace();
                var delta = (acc + S(eps)).SqrtInPlace().DivInPlace(std).MulInPlace(grad);
                OptimMath.AddCMul(acc.MulInPlace(S(rho)), delta, delta, 1 - rho);
                OptimMath.AddScaled(theta, delta, -lr);
            }
        }
        StepCount++;
    }
}
