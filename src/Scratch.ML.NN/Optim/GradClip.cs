using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>Gradient clipping (PyTorch's <c>torch.nn.utils.clip_grad_norm_</c> and <c>clip_grad_value_</c>).</summary>
public static class GradClip
{
    /// <summary>
    /// Rescales the gradients in place so that their joint norm is at most <paramref name="maxNorm"/>:
    /// <c>total = ‖(‖g₁‖ₚ, …, ‖gₙ‖ₚ)‖ₚ</c> (max |g| for p = ∞), <c>coef = min(1, maxNorm / (total + 1e-6))</c>,
    /// every gradient <c>g ← coef·g</c>. Parameters without a gradient are skipped.
    /// </summary>
    /// <param name="parameters">The parameters whose <c>Grad</c> is clipped.</param>
    /// <param name="maxNorm">The largest allowed norm.</param>
    /// <param name="normType">p of the p-norm (&gt; 0), or <see cref="double.PositiveInfinity"/>.</param>
    /// <param name="errorIfNonfinite">Throw when the total norm is NaN or infinite instead of scaling by it.</param>
    /// <returns>The total norm before clipping (0 when no parameter has a gradient).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="normType"/> ≤ 0 or NaN.</exception>
    /// <exception cref="InvalidOperationException">The norm is not finite and <paramref name="errorIfNonfinite"/> is set.</exception>
    public static T ClipGradNorm<T>(IEnumerable<Parameter<T>> parameters, double maxNorm, double normType = 2, bool errorIfNonfinite = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(normType > 0)) throw new ArgumentOutOfRangeException(nameof(normType), normType, $"normType must be > 0 or +∞, got {normType}.");
        var grads = new List<Tensor<T>>();
        foreach (var p in parameters) if (p.Grad is { } g) grads.Add(g);
        if (grads.Count == 0) return T.Zero;
        double total = 0;
        bool inf = double.IsPositiveInfinity(normType);
        foreach (var g in grads)
        {
            var values = g.ToArray();
            double norm = 0;
            if (inf) foreach (var v in values) norm = Math.Max(norm, double.Abs(double.CreateTruncating(v)));
            else
            {
                foreach (var v in values) norm += Math.Pow(double.Abs(double.CreateTruncating(v)), normType);
                norm = Math.Pow(norm, 1 / normType);
            }
            if (double.IsNaN(norm)) total = double.NaN;
            else if (inf) total = Math.Max(total, norm);
            else total += Math.Pow(norm, normType);
        }
        if (!inf) total = Math.Pow(total, 1 / normType);
        T totalT = T.CreateTruncating(total);
        if (errorIfNonfinite && !double.IsFinite(total))
            throw new InvalidOperationException($"The total norm of order {normType} of the gradients is non-finite ({total}), so it cannot be clipped. Pass errorIfNonfinite: false to scale by it anyway.");
        double coef = Math.Min(maxNorm / (total + 1e-6), 1.0);
        using (Autograd.NoGrad())
            foreach (var g in grads) g.MulInPlace(T.CreateTruncating(coef));
        return totalT;
    }

    /// <summary>Clamps every gradient element into [−<paramref name="clipValue"/>, <paramref name="clipValue"/>] in place.</summary>
    /// <param name="parameters">The parameters whose <c>Grad</c> is clipped (those without one are skipped).</param>
    /// <param name="clipValue">The bound (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is negative or NaN.</exception>
    public static void ClipGradValue<T>(IEnumerable<Parameter<T>> parameters, double clipValue) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(clipValue >= 0)) throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue, $"clipValue must be ≥ 0, got {clipValue}.");
        T c = T.CreateTruncating(clipValue);
        using (Autograd.NoGrad())
            foreach (var p in parameters)
                p.Grad?.ClampInPlace(-c, c);
    }
}
