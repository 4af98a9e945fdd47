using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>How <see cref="OneCycleLR{T}"/> interpolates within a phase.</summary>
public enum AnnealStrategy
{
    /// <summary><c>end + (start − end)/2·(1 + cos(π·pct))</c>.</summary>
    Cos,
    /// <summary><c>start + (end − start)·pct</c>.</summary>
    Linear,
}

/// <summary>
/// The 1cycle policy (Smith &amp; Topin 2018; PyTorch's <c>OneCycleLR</c>), stepped once per batch: the rate rises
/// from <c>max_lr/div_factor</c> to <c>max_lr</c>, then anneals to <c>initial_lr/final_div_factor</c>; momentum (SGD's
/// <c>momentum</c> or Adam's <c>beta1</c>) cycles inversely between <c>max_momentum</c> and <c>base_momentum</c>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// Two phases (default): [0, pct·N − 1] initial→max (momentum max→base), then → N − 1 max→min (momentum base→max).
/// Three phases: initial→max, max→initial (ending at 2·pct·N − 2), then initial→min. Within a phase
/// <c>pct = (step − phase start)/(phase end − phase start)</c>. Writes <c>initial_lr</c>, <c>max_lr</c>,
/// <c>min_lr</c>, <c>max_momentum</c>, <c>base_momentum</c> into each group, as PyTorch does.
/// </remarks>
public sealed class OneCycleLR<T> : LRScheduler<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int totalSteps;
    private readonly (double EndStep, string StartLr, string EndLr, string StartMomentum, string EndMomentum)[] phases;
    private readonly AnnealStrategy anneal;
    private readonly bool cycleMomentum;
    private readonly string momentumKey;

    /// <summary>Creates the schedule.</summary>
    /// <param name="optimizer">The optimiser.</param>
    /// <param name="maxLr">Peak rate (same for every group).</param>
    /// <param name="totalSteps">Number of <see cref="LRScheduler{T}.Step()"/> calls in the cycle (≥ 1).</param>
    /// <param name="pctStart">Fraction of the cycle spent increasing the rate, in [0, 1].</param>
    /// <param name="annealStrategy">Cosine or linear interpolation.</param>
    /// <param name="cycleMomentum">Cycle SGD's <c>momentum</c> or Adam-style <c>beta1</c> inversely to the rate.</param>
    /// <param name="baseMomentum">Lowest momentum (at the peak rate).</param>
    /// <param name="maxMomentum">Highest momentum.</param>
    /// <param name="divFactor">initial_lr = maxLr / divFactor.</param>
    /// <param name="finalDivFactor">min_lr = initial_lr / finalDivFactor.</param>
    /// <param name="threePhase">Use the three-phase variant (fast.ai's original).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="totalSteps"/> &lt; 1 or <paramref name="pctStart"/> outside [0, 1].</exception>
    /// <exception cref="ArgumentException">Momentum cycling on an optimiser with neither <c>momentum</c> nor <c>beta1</c>.</exception>
    public OneCycleLR(Optimizer<T> optimizer, double maxLr, int totalSteps, double pctStart = 0.3, AnnealStrategy annealStrategy = AnnealStrategy.Cos,
        bool cycleMomentum = true, double baseMomentum = 0.85, double maxMomentum = 0.95, double divFactor = 25.0, double finalDivFactor = 1e4, bool threePhase = false)
        : base(optimizer)
    {
        if (totalSteps <= 0) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, $"Expected positive integer total_steps, but got {totalSteps}.");
        if (!(pctStart >= 0 && pctStart <= 1)) throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, $"Expected float between 0 and 1 pct_start, but got {pctStart}.");
        this.totalSteps = totalSteps;
        anneal = annealStrategy;
        phases = threePhase
            ? [(pctStart * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
               (2 * pctStart * totalSteps - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
               (totalSteps - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum")]
            : [(pctStart * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
               (totalSteps - 1, "max_lr", "min_lr", "base_momentum", "max_momentum")];
        foreach (var g in optimizer.ParamGroups)
        {
            g["initial_lr"] = maxLr / divFactor;
            g["max_lr"] = maxLr;
            g["min_lr"] = g["initial_lr"] / finalDivFactor;
        }
        BaseLrs = [.. optimizer.ParamGroups.Select(g => g["initial_lr"])];
        this.cycleMomentum = cycleMomentum;
        momentumKey = optimizer.Defaults.ContainsKey("beta1") ? "beta1" : "momentum";
        if (cycleMomentum)
        {
            if (!optimizer.Defaults.ContainsKey("momentum") && !optimizer.Defaults.ContainsKey("beta1"))
                throw new ArgumentException($"{optimizer.GetType().Name} has neither a momentum nor a beta1 option, so cycleMomentum must be false.", nameof(optimizer));
            foreach (var g in optimizer.ParamGroups)
            {
                g[momentumKey] = maxMomentum;
                g["max_momentum"] = maxMomentum;
                g["base_momentum"] = baseMomentum;
            }
        }
        Initialize();
    }

    private double Anneal(double start, double end, double pct) => anneal == AnnealStrategy.Cos
        ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1)
        : (end - start) * pct + start;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Stepped more than <c>totalSteps</c> times.</exception>
    protected override double[] ComputeLr()
    {
        int stepNum = LastEpoch;
        if (stepNum > totalSteps)
            throw new InvalidOperationException($"Tried to step {stepNum + 1} times. The specified number of total steps is {totalSteps}.");
        var groups = Optimizer.ParamGroups;
        var lrs = new double[groups.Count];
        for (int gi = 0; gi < groups.Count; gi++)
        {
            var g = groups[gi];
            double start = 0, lr = 0, momentum = 0;
            for (int i = 0; i < phases.Length; i++)
            {
                var ph = phases[i];
                if (stepNum <= ph.EndStep || i == phases.Length - 1)
                {
                    double pct = (stepNum - start) / (ph.EndStep - start);
                    lr = Anneal(g[ph.StartLr], g[ph.EndLr], pct);
                    if (cycleMomentum) momentum = Anneal(g[ph.StartMomentum], g[ph.EndMomentum], pct);
                    break;
                }
                start = ph.EndStep;
            }
            lrs[gi] = lr;
            if (cycleMomentum) g[momentumKey] = momentum;
        }
        return lrs;
    }
}
