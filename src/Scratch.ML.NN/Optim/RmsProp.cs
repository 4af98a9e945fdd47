using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// RMSprop (Hinton's lecture 6e) with optional centering, momentum and L2 weight decay (PyTorch 1.13's
/// <c>torch.optim.RMSprop</c>; ε is added after the square root).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// State <c>step</c>, <c>square_avg</c> s, <c>grad_avg</c> a (centered), <c>momentum_buffer</c> b (μ &gt; 0):
/// <code>
/// g ← g + λ·θ
/// s ← α·s + (1 − α)·g²
/// centered:  a ← α·a + (1 − α)·g,   avg = √(s − a²) + ε      else  avg = √s + ε
/// μ &gt; 0:     b ← μ·b + g / avg,     θ ← θ − lr·b              else  θ ← θ − lr·g / avg
/// </code>
/// </remarks>
public sealed class RmsProp<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly bool centered;

    /// <summary>Creates RMSprop over <paramref name="parameters"/> (one group).</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">Learning rate (≥ 0).</param>
    /// <param name="alpha">Smoothing constant α (≥ 0).</param>
    /// <param name="eps">ε (≥ 0) added to the root.</param>
    /// <param name="weightDecay">L2 penalty λ (≥ 0).</param>
    /// <param name="momentum">Momentum μ (≥ 0).</param>
    /// <param name="centered">Normalise by the estimated variance (s − a²) instead of the raw second moment.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public RmsProp(IEnumerable<Parameter<T>> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
        : this(SingleGroup(parameters), lr, alpha, eps, weightDecay, momentum, centered) { }

    /// <summary>Creates RMSprop over parameter groups; options missing from a group take these defaults.</summary>
    /// <inheritdoc cref="RmsProp{T}(IEnumerable{Parameter{T}}, double, double, double, double, double, bool)"/>
    public RmsProp(IEnumerable<ParamGroup<T>> groups, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
        : base(new Dictionary<string, double> { ["lr"] = lr, ["alpha"] = alpha, ["eps"] = eps, ["weight_decay"] = weightDecay, ["momentum"] = momentum })
    {
        this.centered = centered;
        AddParamGroups(groups);
    }

    /// <inheritdoc />
    protected override void ValidateGroup(ParamGroup<T> group, int index)
    {
        OptimChecks.NonNegative(group, "lr", index);
        OptimChecks.NonNegative(group, "eps", index);
        OptimChecks.NonNegative(group, "momentum", index);
        OptimChecks.NonNegative(group, "weight_decay", index);
        OptimChecks.NonNegative(group, "alpha", index);
    }

    /// <inheritdoc />
    public override void Step()
    {
        using var _ = Autograd.NoGrad();
        foreach (var group in ParamGroups)
        {
            double lr = group["lr"], alpha = group["alpha"], eps = group["eps"], wd = group["weight_decay"], momentum = group["momentum"];
            foreach (var p in group.Parameters)
            {
                if (p.Grad is not { } grad) continue;
                var theta = p.Value;
                var st = StateOf(p);
                if (!st.Tensors.TryGetValue("square_avg", out var s))
                {
                    st.Scalars["step"] = 0;
                    st.Tensors["square_avg"] = s = Tensor.ZerosLike(theta);
                    if (momentum > 0) st.Tensors["momentum_buffer"] = Tensor.ZerosLike(theta);
                    if (centered) st.Tensors["grad_avg"] = Tensor.ZerosLike(theta);
                }
                st.Scalars["step"] += 1;
                if (wd != 0) grad = OptimMath.Scaled(grad, theta, wd);
                OptimMath.AddCMul(s.MulInPlace(S(alpha)), grad, grad, 1 - alpha);
                Tensor<T> avg;
                if (centered)
                {
                    var a = OptimMath.AddScaled(st.Tensor("grad_avg").MulInPlace(S(alpha)), grad, 1 - alpha);
                    avg = OptimMath.AddCMul(s.Clone(), a, a, -1).SqrtInPlace();
                }
                else
                {
                    avg = s.Sqrt();
                }
                avg = avg + S(eps);
                if (momentum > 0)
                {
                    var b = st.Tensor("momentum_buffer");
                    OptimMath.AddCDiv(b.MulInPlace(S(momentum)), grad, avg, 1);
                    OptimMath.AddScaled(theta, b, -lr);
                }
                else
                {
                    OptimMath.AddCDiv(theta, grad, avg, -lr);
                }
            }
        }
        StepCount++;
    }
}
