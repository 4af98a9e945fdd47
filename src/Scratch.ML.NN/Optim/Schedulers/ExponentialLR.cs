using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>Multiplies the rate by γ every epoch: <c>lr = base·γ^epoch</c> (PyTorch's <c>ExponentialLR</c>).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ExponentialLR<T> : LRScheduler<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double gamma;

    /// <summary>Creates the schedule with decay factor <paramref name="gamma"/>.</summary>
    /// <param name="optimizer">The optimiser.</param>
    /// <param name="gamma">Decay factor per epoch.</param>
    public ExponentialLR(Optimizer<T> optimizer, double gamma) : base(optimizer)
    {
        this.gamma = gamma;
        Initialize();
    }

    /// <inheritdoc />
    protected override double[] ComputeLr()
    {
        var lr = CurrentLrs();
        if (LastEpoch == 0) return lr;
        for (int i = 0; i < lr.Length; i++) lr[i] *= gamma;
        return lr;
    }

    /// <inheritdoc />
    protected override double[]? ClosedFormLr() => [.. BaseLrs.Select(b => b * Math.Pow(gamma, LastEpoch))];
}
