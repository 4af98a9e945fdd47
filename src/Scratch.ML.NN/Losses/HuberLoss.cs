using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Huber loss (PyTorch's <c>nn.HuberLoss</c>): with d = x − y,
/// <c>ℓ = 0.5·d²</c> where |d| &lt; δ, else <c>δ·(|d| − 0.5·δ)</c> (= δ · SmoothL1 with β = δ).
/// Shapes: input (*), target (*) — the same shape; output: scalar, or (*) with <see cref="Reduction.None"/>.
/// </summary>
/// <remarks>Gradient: d inside the quadratic zone, δ·sign(d) outside — bounded, hence robust to outliers.</remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class HuberLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <param name="delta">Where the loss switches from quadratic to linear (&gt; 0, default 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction, or delta not a positive finite number.</exception>
    public HuberLoss(Reduction reduction = Reduction.Mean, double delta = 1.0)
    {
        LossMath.CheckReduction(reduction);
        if (!(delta > 0) || double.IsInfinity(delta))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "HuberLoss: delta must be a positive finite number.");
        Reduction = reduction;
        Delta = delta;
    }

    /// <summary>The reduction.</summary>
    public Reduction Reduction { get; }

    /// <summary>The switch point δ.</summary>
    public double Delta { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Predictions x, any shape.</param>
    /// <param name="target">Targets y, the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T> target)
    {
        LossMath.CheckSameShape("HuberLoss", input, nameof(input), target, nameof(target));
        var d = input - target;
        var abs = LossMath.Abs(d);
        T delta = T.CreateChecked(Delta);
        Tensor<T> inner;
        using (Autograd.NoGrad()) inner = LossMath.Mask<T>(abs.Detach().Lt(delta));
        // ℓ = m·0.5·d² + (1 − m)·δ·(|d| − 0.5δ), m = [|d| < δ] (a constant)
        var loss = inner * d.Square() * T.CreateChecked(0.5) + (T.One - inner) * ((abs - T.CreateChecked(0.5 * Delta)) * delta);
        return LossMath.Reduce(loss, Reduction);
    }
}
