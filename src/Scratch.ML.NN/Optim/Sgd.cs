using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay
/// (PyTorch 1.13's <c>torch.optim.SGD</c>, same update order).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// For each parameter θ with gradient g, at step t:
/// <code>
/// g ← g + λ·θ                               (weight_decay λ ≠ 0)
/// b ← g                      (t = 1)         momentum μ ≠ 0: the buffer starts as a copy of g
/// b ← μ·b + (1 − τ)·g        (t &gt; 1)        τ = dampening
/// g ← g + μ·b  (nesterov)    or   g ← b
/// θ ← θ − lr·g
/// </code>
/// State: <c>momentum_buffer</c> (when μ ≠ 0). Contiguous CPU parameters take one fused loop
/// (<see cref="SgdKernel.Fused{T}"/>); others the reference ops.
/// </remarks>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly bool nesterov;

    /// <summary>Creates SGD over <paramref name="parameters"/> (one group).</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">Learning rate (≥ 0).</param>
    /// <param name="momentum">Momentum factor μ (≥ 0).</param>
    /// <param name="dampening">Dampening τ of the momentum.</param>
    /// <param name="weightDecay">L2 penalty λ (≥ 0) added to the gradient.</param>
    /// <param name="nesterov">Use Nesterov momentum (needs μ &gt; 0 and τ = 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">Nesterov without momentum or with dampening.</exception>
    public Sgd(IEnumerable<Parameter<T>> parameters, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : this(SingleGroup(parameters), lr, momentum, dampening, weightDecay, nesterov) { }

    /// <summary>Creates SGD over parameter groups; options missing from a group take these defaults.</summary>
    /// <inheritdoc cref="Sgd{T}(IEnumerable{Parameter{T}}, double, double, double, double, bool)"/>
    public Sgd(IEnumerable<ParamGroup<T>> groups, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(new Dictionary<string, double> { ["lr"] = lr, ["momentum"] = momentum, ["dampening"] = dampening, ["weight_decay"] = weightDecay })
    {
        this.nesterov = nesterov;
        AddParamGroups(groups);
    }

    /// <summary>Use the tensor-op reference path even for contiguous CPU parameters (tests compare the two paths).</summary>
    public bool UseReferenceKernel { get; set; }

    /// <inheritdoc />
    protected override void ValidateGroup(ParamGroup<T> group, int index)
    {
        OptimChecks.NonNegative(group, "lr", index);
        OptimChecks.NonNegative(group, "momentum", index);
        OptimChecks.NonNegative(group, "weight_decay", index);
        if (nesterov && (group["momentum"] <= 0 || group["dampening"] != 0))
            throw new ArgumentException($"Nesterov momentum requires a momentum > 0 and zero dampening, got momentum {group["momentum"]} and dampening {group["dampening"]} (parameter group {index}).", nameof(group));
    }

    /// <inheritdoc />
    public override void Step()
    {
        using var _ = Autograd.NoGrad();
        foreach (var group in ParamGroups)
        {
            double lr = group["lr"], momentum = group["momentum"], dampening = group["dampening"], wd = group["weight_decay"];
            foreach (var p in group.Parameters)
            {
                if (p.Grad is not { } grad) continue;
                var theta = p.Value;
                Tensor<T>? buf = null;
                if (momentum != 0)
                {
                    var st = StateOf(p);
                    if (!st.Tensors.TryGetValue("momentum_buffer", out buf))
                    {
                        // First step: the buffer starts as a copy of the (decayed) gradient, not as μ·0 + (1 − τ)·d.
                        var d = wd != 0 ? OptimMath.Scaled(grad, theta, wd) : grad;
                        st.Tensors["momentum_buffer"] = buf = d.Clone();
                        OptimMath.AddScaled(theta, nesterov ? OptimMath.Scaled(d, buf, momentum) : buf, -lr);
                        continue;
                    }
                }
                if (!UseReferenceKernel && OptimMath.IsHostContiguous(theta) && OptimMath.IsHostContiguous(grad) && (buf is null || OptimMath.IsHostContiguous(buf)))
                    SgdKernel.Fused(theta.AsSpan(), grad.AsSpan(), buf is null ? default : buf.AsSpan(), lr, momentum, dampening, wd, nesterov);
                else
                    SgdKernel.Reference(theta, grad, buf, lr, momentum, dampening, wd, nesterov);
            }
        }
        StepCount++;
    }
}
