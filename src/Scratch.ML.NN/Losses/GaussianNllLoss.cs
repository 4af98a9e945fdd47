using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Negative log-likelihood of a Gaussian target (PyTorch's <c>nn.GaussianNLLLoss</c>):
/// <c>ℓᵢ = ½·(log max(σ²ᵢ, eps) + (xᵢ − yᵢ)² / max(σ²ᵢ, eps))</c>, plus ½·log 2π with <c>full</c>.
/// Shapes: input (N, *) means, target the same shape, var either the same shape, or the same with the last axis of
/// size 1 (one variance per sample, broadcast), or the input shape without its last axis (homoscedastic over it);
/// output: scalar, or the input shape with <see cref="Reduction.None"/>.
/// </summary>
/// <remarks>
/// As PyTorch, the clamp to eps is applied without blocking the gradient: ∂ℓ/∂σ² is evaluated at the clamped value
/// and passed straight through (written as σ² + const(max(σ², eps) − σ²)). All three arguments get gradients.
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class GaussianNllLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="full">Whether to add the constant ½·log 2π (default false).</param>
    /// <param name="eps">Lower clamp of the variance (&gt; 0, default 1e−6).</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction, or eps not a positive finite number.</exception>
    public GaussianNllLoss(bool full = false, double eps = 1e-6, Reduction reduction = Reduction.Mean)
    {
        LossMath.CheckReduction(reduction);
        if (!(eps > 0) || double.IsInfinity(eps)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "GaussianNllLoss: eps must be a positive finite number.");
        Full = full;
        Eps = eps;
        Reduction = reduction;
    }

    /// <summary>Whether the constant term is added.</summary>
    public bool Full { get; }

    /// <summary>The variance clamp.</summary>
    public double Eps { get; }

    /// <summary>The reduction.</summary>
    public Reduction Reduction { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">Predicted means, (N, *).</param>
    /// <param name="target">Observed values, the input's shape.</param>
    /// <param name="var">Predicted variances ≥ 0: the input's shape, that shape with last axis 1, or without the last axis.</param>
    /// <exception cref="ArgumentException">input and target shapes differ, var has none of the allowed shapes, or var has a negative entry.</exception>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T> target, Tensor<T> var)
    {
        LossMath.CheckSameShape("GaussianNllLoss", input, nameof(input), target, nameof(target));
        ArgumentNullException.ThrowIfNull(var);
        if (!var.Shape.SequenceEqual(input.Shape))
        {
            bool ok = input.Rank >= 1;
            if (ok && var.Rank == input.Rank - 1 && var.Shape.SequenceEqual(input.Shape[..^1])) var = var.Unsqueeze(-1);
            else if (ok && var.Rank == input.Rank && var.Shape[^1] == 1 && var.Shape[..^1].SequenceEqual(input.Shape[..^1])) { }
            else
                throw new ArgumentException($"GaussianNllLoss: var has shape {Shapes.Format(var.Shape)}, but it must equal the input shape {Shapes.Format(input.Shape)}, or that shape with the last axis 1 or without the last axis.", nameof(var));
        }
        var vals = var.ToArray();
        for (int i = 0; i < vals.Length; i++)
            if (vals[i] < T.Zero)
                throw new ArgumentException($"GaussianNllLoss: var has a negative entry ({vals[i]} at flat index {i}); variances must be ≥ 0.", nameof(var));
        Tensor<T> shift;
        using (Autograd.NoGrad())
        {
            var v = var.Detach();
            shift = v.ClampMin(T.CreateChecked(Eps)) - v;
        }
        var vc = var + shift;
        var loss = (vc.Log() + (input - target).Square() / vc) * T.CreateChecked(0.5);
        if (Full) loss += T.CreateChecked(0.5 * Math.Log(2 * Math.PI));
        return LossMath.Reduce(loss, Reduction);
    }
}
