using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Cosine annealing from the base rate to η_min over <c>T_max</c> epochs (SGDR without restarts; PyTorch's
/// <c>CosineAnnealingLR</c>, in its recursive form so the values match PyTorch's to the last bits).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// Closed form: <c>η_t = η_min + (base − η_min)·(1 + cos(π·t/T_max))/2</c>. PyTorch (and this class) compute it
/// recursively from the current rate so other schedulers can chain:
/// <code>
/// t = 0:                         η = current
/// (t − 1 − T_max) mod 2T_max = 0: η = current + (base − η_min)·(1 − cos(π/T_max))/2
/// otherwise:                     η = (1 + cos(π·t/T_max)) / (1 + cos(π·(t−1)/T_max)) · (current − η_min) + η_min
/// </code>
/// Past T_max the rate rises again (a cosine wave), as in PyTorch.
/// </remarks>
public sealed class CosineAnnealingLR<T> : LRScheduler<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int tMax;
    private readonly double etaMin;

    /// <summary>Creates the schedule.</summary>
    /// <param name="optimizer">The optimiser.</param>
    /// <param name="tMax">Half-period in epochs (≥ 1).</param>
    /// <param name="etaMin">Minimum rate.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tMax"/> &lt; 1.</exception>
    public CosineAnnealingLR(Optimizer<T> optimizer, int tMax, double etaMin = 0) : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tMax, 1);
        this.tMax = tMax;
        this.etaMin = etaMin;
        Initialize();
    }

    /// <inheritdoc />
    protected override double[] ComputeLr()
    {
        var lr = CurrentLrs();
        int t = LastEpoch;
        if (t == 0) return lr;
        if (StepCount == 1 && t > 0)
            return [.. BaseLrs.Select(b => etaMin + (b - etaMin) * (1 + Math.Cos(t * Math.PI / tMax)) / 2)];
        if ((t - 1 - tMax) % (2 * tMax) == 0)
        {
            for (int i = 0; i < lr.Length; i++) lr[i] = lr[i] + (BaseLrs[i] - etaMin) * (1 - Math.Cos(Math.PI / tMax)) / 2;
            return lr;
        }
        for (int i = 0; i < lr.Length; i++)
            lr[i] = (1 + Math.Cos(Math.PI * t / tMax)) / (1 + Math.Cos(Math.PI * (t - 1) / tMax)) * (lr[i] - etaMin) + etaMin;
        return lr;
    }

    /// <inheritdoc />
    protected override double[]? ClosedFormLr() => [.. BaseLrs.Select(b => etaMin + (b - etaMin) * (1 + Math.Cos(Math.PI * LastEpoch / tMax)) / 2)];
}
