using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>Multiplies the rate by γ every <c>stepSize</c> epochs: <c>lr = base·γ^⌊epoch / stepSize⌋</c> (PyTorch's <c>StepLR</c>).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class StepLR<T> : LRScheduler<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int stepSize;
    private readonly double gamma;

    /// <summary>Creates the schedule.</summary>
    /// <param name="optimizer">The optimiser.</param>
    /// <param name="stepSize">Epochs between decays (≥ 1).</param>
    /// <param name="gamma">Decay factor.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepSize"/> &lt; 1.</exception>
    public StepLR(Optimizer<T> optimizer, int stepSize, double gamma = 0.1) : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSize, 1);
        this.stepSize = stepSize;
        this.gamma = gamma;
        Initialize();
    }

    /// <inheritdoc />
    protected override double[] ComputeLr()
    {
        var lr = CurrentLrs();
        if (LastEpoch == 0 || LastEpoch % stepSize != 0) return lr;
        for (int i = 0; i < lr.Length; i++) lr[i] *= gamma;
        return lr;
    }

    /// <inheritdoc />
    protected override double[]? ClosedFormLr() => [.. BaseLrs.Select(b => b * Math.Pow(gamma, LastEpoch / stepSize))];
}
