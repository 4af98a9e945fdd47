using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>Whether <see cref="ReduceLROnPlateau{T}"/> wants the metric to go down or up.</summary>
public enum PlateauMode
{
    /// <summary>Lower is better (a loss).</summary>
    Min,
    /// <summary>Higher is better (an accuracy).</summary>
    Max,
}

/// <summary>How <see cref="ReduceLROnPlateau{T}"/> decides that a value improves on the best one.</summary>
public enum ThresholdMode
{
    /// <summary>Min: <c>a &lt; best·(1 − threshold)</c>; max: <c>a &gt; best·(1 + threshold)</c>.</summary>
    Rel,
    /// <summary>Min: <c>a &lt; best − threshold</c>; max: <c>a &gt; best + threshold</c>.</summary>
    Abs,
}

/// <summary>
/// Cuts the rate by <c>factor</c> when a metric has not improved for more than <c>patience</c> epochs (PyTorch's
/// <c>ReduceLROnPlateau</c>): <c>lr ← max(lr·factor, min_lr)</c>, applied only if the change exceeds <c>eps</c>, then
/// <c>cooldown</c> epochs during which bad epochs are not counted.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ReduceLROnPlateau<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly PlateauMode mode;
    private readonly ThresholdMode thresholdMode;
    private readonly double factor, threshold, eps;
    private readonly int patience, cooldown;
    private readonly double[] minLrs;
    private double[] lastLr;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="optimizer">The optimiser.</param>
    /// <param name="mode">Whether the metric should decrease or increase.</param>
    /// <param name="factor">Multiplier of the rate on a plateau, in [0, 1).</param>
    /// <param name="patience">Bad epochs tolerated before cutting (≥ 0).</param>
    /// <param name="threshold">Minimum significant improvement.</param>
    /// <param name="thresholdMode">Relative or absolute threshold.</param>
    /// <param name="cooldown">Epochs to wait after a cut before counting bad epochs again (≥ 0).</param>
    /// <param name="minLr">Lower bound of the rate (every group).</param>
    /// <param name="eps">Changes smaller than this are skipped.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> ≥ 1 or negative, or a negative count.</exception>
    public ReduceLROnPlateau(Optimizer<T> optimizer, PlateauMode mode = PlateauMode.Min, double factor = 0.1, int patience = 10, double threshold = 1e-4,
        ThresholdMode thresholdMode = ThresholdMode.Rel, int cooldown = 0, double minLr = 0, double eps = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!(factor >= 0 && factor < 1)) throw new ArgumentOutOfRangeException(nameof(factor), factor, $"Factor should be in [0, 1), got {factor}.");
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        Optimizer = optimizer;
        this.mode = mode;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.thresholdMode = thresholdMode;
        this.cooldown = cooldown;
        this.eps = eps;
        minLrs = [.. Enumerable.Repeat(minLr, optimizer.ParamGroups.Count)];
        Best = mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
        lastLr = [.. optimizer.ParamGroups.Select(g => g.Lr)];
    }

    /// <summary>The optimiser.</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>The best metric seen so far.</summary>
    public double Best { get; private set; }

    /// <summary>Consecutive epochs without improvement.</summary>
    public int NumBadEpochs { get; private set; }

    /// <summary>Remaining cooldown epochs.</summary>
    public int CooldownCounter { get; private set; }

    /// <summary>The number of <see cref="Step"/> calls.</summary>
    public int LastEpoch { get; private set; }

    /// <summary>The rates after the last step.</summary>
    public IReadOnlyList<double> LastLR => lastLr;

    private bool IsBetter(double a, double best) => (mode, thresholdMode) switch
    {
        (PlateauMode.Min, ThresholdMode.Rel) => a < best * (1.0 - threshold),
        (PlateauMode.Min, ThresholdMode.Abs) => a < best - threshold,
        (PlateauMode.Max, ThresholdMode.Rel) => a > best * (threshold + 1.0),
        _ => a > best + threshold,
    };

    /// <summary>Records the epoch's metric and cuts the rates if it has plateaued.</summary>
    /// <param name="metric">The monitored value (e.g. validation loss).</param>
    public void Step(double metric)
    {
        LastEpoch++;
        if (IsBetter(metric, Best))
        {
            Best = metric;
            NumBadEpochs = 0;
        }
        else NumBadEpochs++;
        if (CooldownCounter > 0)
        {
            CooldownCounter--;
            NumBadEpochs = 0;
        }
        if (NumBadEpochs > patience)
        {
            var groups = Optimizer.ParamGroups;
            for (int i = 0; i < groups.Count; i++)
            {
                double old = groups[i].Lr, updated = Math.Max(old * factor, minLrs[i]);
                if (old - updated > eps) groups[i].Lr = updated;
            }
            CooldownCounter = cooldown;
            NumBadEpochs = 0;
        }
        lastLr = [.. Optimizer.ParamGroups.Select(g => g.Lr)];
    }

    /// <summary>The scheduler's state: <c>best</c>, <c>num_bad_epochs</c>, <c>cooldown_counter</c>, <c>last_epoch</c>.</summary>
    public Dictionary<string, double> StateDict() => new()
    {
        ["best"] = Best, ["num_bad_epochs"] = NumBadEpochs, ["cooldown_counter"] = CooldownCounter, ["last_epoch"] = LastEpoch,
    };

    /// <summary>Restores a state taken by <see cref="StateDict"/>.</summary>
    /// <exception cref="KeyNotFoundException">An entry is missing.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Best = state["best"];
        NumBadEpochs = (int)state["num_bad_epochs"];
        CooldownCounter = (int)state["cooldown_counter"];
        LastEpoch = (int)state["last_epoch"];
    }
}
