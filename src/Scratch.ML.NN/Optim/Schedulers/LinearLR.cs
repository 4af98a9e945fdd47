using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Linear warm-up (or decay) of the rate factor from <c>startFactor</c> to <c>endFactor</c> over <c>totalIters</c>
/// epochs, then constant (PyTorch's <c>LinearLR</c>, recursive form):
/// closed form <c>lr = base·(s + (e − s)·min(t, N)/N)</c>; recursively
/// <c>lr ← lr·(1 + (e − s) / (N·s + (t − 1)·(e − s)))</c> for 0 &lt; t ≤ N.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LinearLR<T> : LRScheduler<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double startFactor, endFactor;
    private readonly int totalIters;

    /// <summary>Creates the schedule.</summary>
    /// <param name="optimizer">The optimiser.</param>
    /// <param name="startFactor">Factor at epoch 0, in (0, 1].</param>
    /// <param name="endFactor">Factor from epoch <paramref name="totalIters"/> on, in [0, 1].</param>
    /// <param name="totalIters">Epochs of the ramp (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A factor is outside its range or <paramref name="totalIters"/> &lt; 1.</exception>
    public LinearLR(Optimizer<T> optimizer, double startFactor = 1.0 / 3, double endFactor = 1.0, int totalIters = 5) : base(optimizer)
    {
        if (!(startFactor > 0 && startFactor <= 1))
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, $"Starting multiplicative factor expected to be in (0, 1], got {startFactor}.");
        if (!(endFactor >= 0 && endFactor <= 1))
            throw new ArgumentOutOfRangeException(nameof(endFactor), endFactor, $"Ending multiplicative factor expected to be in [0, 1], got {endFactor}.");
        ArgumentOutOfRangeException.ThrowIfLessThan(totalIters, 1);
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        Initialize();
    }

    /// <inheritdoc />
    protected override double[] ComputeLr()
    {
        var lr = CurrentLrs();
        if (LastEpoch == 0)
        {
            for (int i = 0; i < lr.Length; i++) lr[i] *= startFactor;
            return lr;
        }
        if (LastEpoch > totalIters) return lr;
        for (int i = 0; i < lr.Length; i++)
            lr[i] *= 1.0 + (endFactor - startFactor) / (totalIters * startFactor + (LastEpoch - 1) * (endFactor - startFactor));
        return lr;
    }

    /// <inheritdoc />
    protected override double[]? ClosedFormLr()
        => [.. BaseLrs.Select(b => b * (startFactor + (endFactor - startFactor) * Math.Min(totalIters, LastEpoch) / totalIters))];
}
