using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Smooth L1 loss (PyTorch's <c>nn.SmoothL1Loss</c>): with d = x − y,
/// <c>ℓ = 0.5·d²/β</c> where |d| &lt; β, else <c>|d| − 0.5·β</c>; β = 0 is exactly <see cref="L1Loss{T}"/>.
/// Shapes: input (*), target (*) — the same shape; output: scalar, or (*) with <see cref="Reduction.None"/>.
/// </summary>
/// <remarks>Gradient: d/β inside the quadratic zone, sign(d) outside (continuous at |d| = β).</remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class SmoothL1Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <param name="beta">Where the loss switches from quadratic to linear (≥ 0, default 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction, or beta negative or not finite.</exception>
    public SmoothL1Loss(Reduction reduction = Reduction.Mean, double beta = 1.0)
    {
        LossMath.CheckReduction(reduction);
        if (!(beta >= 0) || double.IsInfinity(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "SmoothL1Loss: beta must be a finite number ≥ 0.");
        Reduction = reduction;
        Beta = beta;
    }

    /// <summary>The reduction.</summary>
    public Reduction Reduction { get; }

    /// <summary>The switch point β.</summary>
    public double Beta { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Predictions x, any shape.</param>
    /// <param name="target">Targets y, the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T> target)
    {
        LossMath.CheckSameShape("SmoothL1Loss", input, nameof(input), target, nameof(target));
        var d = input - target;
        var abs = LossMath.Abs(d);
        if (Beta == 0) return LossMath.Reduce(abs, Reduction);
        T beta = T.CreateChecked(Beta);
        Tensor<T> inner;
        using (Autograd.NoGrad()) inner = LossMath.Mask<T>(abs.Detach().Lt(beta));
        // ℓ = m·0.5·d²/β + (1 − m)·(|d| − 0.5β), m = [|d| < β] (a constant)
        var loss = inner * d.Square() * T.CreateChecked(0.5 / Beta) + (T.One - inner) * (abs - T.CreateChecked(0.5 * Beta));
        return LossMath.Reduce(loss, Reduction);
    }
}
