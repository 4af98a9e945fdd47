using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Kullback–Leibler divergence (PyTorch's <c>nn.KLDivLoss</c>) with the input given as log-probabilities x:
/// <c>ℓᵢ = yᵢ·(log yᵢ − xᵢ)</c> (with 0·log 0 = 0), or with <c>logTarget</c> (target given as log y)
/// <c>ℓᵢ = e^(yᵢ)·(yᵢ − xᵢ)</c>. Summed over a batch this is KL(target ‖ input).
/// Shapes: input (*), target (*) the same shape; output: scalar, or (*) with <see cref="KLDivReduction.None"/>.
/// </summary>
/// <remarks>
/// Use <see cref="KLDivReduction.BatchMean"/> for the mathematical KL per sample; <see cref="KLDivReduction.Mean"/>
/// (PyTorch's default) also divides by the support size. Both input and target get gradients:
/// ∂ℓ/∂x = −y (or −e^y), ∂ℓ/∂y = log y + 1 − x (or e^y·(y − x + 1)).
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class KLDivLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default, as PyTorch), Sum, None or BatchMean.</param>
    /// <param name="logTarget">Whether the target is given as log-probabilities (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction.</exception>
    public KLDivLoss(KLDivReduction reduction = KLDivReduction.Mean, bool logTarget = false)
    {
        if (!Enum.IsDefined(reduction))
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction; use KLDivReduction.Mean, Sum, None or BatchMean.");
        Reduction = reduction;
        LogTarget = logTarget;
    }

    /// <summary>The reduction.</summary>
    public KLDivReduction Reduction { get; }

    /// <summary>Whether the target is given as log-probabilities.</summary>
    public bool LogTarget { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Log-probabilities x, any shape.</param>
    /// <param name="target">Probabilities y (or log y with logTarget), the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T> target)
    {
        LossMath.CheckSameShape("KLDivLoss", input, nameof(input), target, nameof(target));
        Tensor<T> loss;
        if (LogTarget) loss = target.Exp() * (target - input);
        else
        {
            // xlogy(y, y) − y·x: where y = 0 the log sees 1 instead (0·log 1 = 0, PyTorch's xlogy convention)
            Tensor<T> zero;
            using (Autograd.NoGrad()) zero = LossMath.Mask<T>(target.Detach().Eq(T.Zero));
            loss = target * (target + zero).Log() - target * input;
        }
        return Reduction switch
        {
            KLDivReduction.Mean => loss.Mean(),
            KLDivReduction.Sum => loss.Sum(),
            KLDivReduction.BatchMean => loss.Sum() / T.CreateChecked(input.Rank == 0 ? 1 : input.Shape[0]),
            _ => loss,
        };
    }
}
