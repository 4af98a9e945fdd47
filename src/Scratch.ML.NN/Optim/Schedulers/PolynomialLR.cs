using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Polynomial decay to zero over <c>totalIters</c> epochs (PyTorch's <c>PolynomialLR</c>, recursive form):
/// closed form <c>lr = base·(1 − min(t, N)/N)^p</c>; recursively
/// <c>lr ← lr·((1 − t/N) / (1 − (t−1)/N))^p</c> for 0 &lt; t ≤ N.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class PolynomialLR<T> : LRScheduler<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int totalIters;
    private readonly double power;

    /// <summary>Creates the schedule.</summary>
    /// <param name="optimizer">The optimiser.</param>
    /// <param name="totalIters">Epochs until the rate reaches zero (≥ 1).</param>
    /// <param name="power">Exponent p of the polynomial.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="totalIters"/> &lt; 1.</exception>
    public PolynomialLR(Optimizer<T> optimizer, int totalIters = 5, double power = 1.0) : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalIters, 1);
        this.totalIters = totalIters;
        this.power = power;
        Initialize();
    }

    /// <inheritdoc />
    protected override double[] ComputeLr()
    {
        var lr = CurrentLrs();
        if (LastEpoch == 0 || LastEpoch > totalIters) return lr;
        double factor = Math.Pow((1.0 - LastEpoch / (double)totalIters) / (1.0 - (LastEpoch - 1) / (double)totalIters), power);
        for (int i = 0; i < lr.Length; i++) lr[i] *= factor;
        return lr;
    }

    /// <inheritdoc />
    protected override double[]? ClosedFormLr()
        => [.. BaseLrs.Select(b => b * Math.Pow(1.0 - Math.Min(totalIters, LastEpoch) / (double)totalIters, power))];
}
