using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Negative log-likelihood of a Poisson target (PyTorch's <c>nn.PoissonNLLLoss</c>), dropping the constant log(y!):
/// with <c>logInput</c> (the input is the log-rate), <c>ℓᵢ = e^(xᵢ) − yᵢ·xᵢ</c>; otherwise (the input is the rate)
/// <c>ℓᵢ = xᵢ − yᵢ·log(xᵢ + eps)</c>. With <c>full</c> the Stirling approximation of log(y!),
/// <c>y·log y − y + ½·log(2πy)</c>, is added where y &gt; 1.
/// Shapes: input (*), target (*) the same shape; output: scalar, or (*) with <see cref="Reduction.None"/>.
/// </summary>
/// <remarks>Both input and target get gradients (as in PyTorch, whose loss is a composite of differentiable ops).</remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class PoissonNllLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="logInput">Whether the input is the log of the rate (default true).</param>
    /// <param name="full">Whether to add the Stirling term (default false).</param>
    /// <param name="eps">Keeps log(x + eps) finite at rate 0 when logInput is false (≥ 0, default 1e−8).</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction, or eps negative or not finite.</exception>
    public PoissonNllLoss(bool logInput = true, bool full = false, double eps = 1e-8, Reduction reduction = Reduction.Mean)
    {
        LossMath.CheckReduction(reduction);
        if (!(eps >= 0) || double.IsInfinity(eps)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "PoissonNllLoss: eps must be a finite number ≥ 0.");
        LogInput = logInput;
        Full = full;
        Eps = eps;
        Reduction = reduction;
    }

    /// <summary>Whether the input is a log-rate.</summary>
    public bool LogInput { get; }

    /// <summary>Whether the Stirling term is added.</summary>
    public bool Full { get; }

    /// <summary>The ε inside log(x + ε).</summary>
    public double Eps { get; }

    /// <summary>The reduction.</summary>
    public Reduction Reduction { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Log-rates (or rates), any shape.</param>
    /// <param name="target">Counts y ≥ 0, the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T> target)
    {
        LossMath.CheckSameShape("PoissonNllLoss", input, nameof(input), target, nameof(target));
        var loss = LogInput ? input.Exp() - target * input : input - target * (input + T.CreateChecked(Eps)).Log();
        if (Full)
        {
            Tensor<T> big;
            using (Autograd.NoGrad()) big = LossMath.Mask<T>(target.Detach().Gt(T.One));
            var y = target * big + (T.One - big); // y where y > 1, else 1 (finite; masked out below)
            var stirling = y * y.Log() - y + (y * T.CreateChecked(2 * Math.PI)).Log() * T.CreateChecked(0.5);
            loss += stirling * big;
        }
        return LossMath.Reduce(loss, Reduction);
    }
}
