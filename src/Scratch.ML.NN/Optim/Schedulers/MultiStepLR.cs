using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>Multiplies the rate by γ at each milestone epoch: <c>lr = base·γ^(milestones ≤ epoch)</c> (PyTorch's <c>MultiStepLR</c>; a repeated milestone decays twice).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class MultiStepLR<T> : LRScheduler<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] milestones;
    private readonly double gamma;

    /// <summary>Creates the schedule.</summary>
    /// <param name="optimizer">The optimiser.</param>
    /// <param name="milestones">Epochs at which to decay.</param>
    /// <param name="gamma">Decay factor.</param>
    public MultiStepLR(Optimizer<T> optimizer, IEnumerable<int> milestones, double gamma = 0.1) : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        this.milestones = [.. milestones.Order()];
        this.gamma = gamma;
        Initialize();
    }

    /// <inheritdoc />
    protected override double[] ComputeLr()
    {
        var lr = CurrentLrs();
        int hits = 0;
        foreach (int m in milestones) if (m == LastEpoch) hits++;
        if (hits == 0) return lr;
        for (int i = 0; i < lr.Length; i++) lr[i] *= Math.Pow(gamma, hits);
        return lr;
    }

    /// <inheritdoc />
    protected override double[]? ClosedFormLr()
    {
        int passed = 0;
        foreach (int m in milestones) if (m <= LastEpoch) passed++;
        return [.. BaseLrs.Select(b => b * Math.Pow(gamma, passed))];
    }
}
