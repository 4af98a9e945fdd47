using System.Numerics;

namespace Scratch.ML.NN.Training;

/// <summary>
/// Stops training when a monitored metric has not improved by more than <c>minDelta</c> for <c>patience</c>
/// consecutive epochs (Keras' <c>EarlyStopping</c>). Optionally restores the weights of the best epoch when training
/// ends (a snapshot copy of the state dict is kept at every improvement).
/// </summary>
/// <typeparam name="T">The module's element type.</typeparam>
public sealed class EarlyStopping<T> : ITrainingCallback where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly MetricMonitor monitor;
    private readonly Module<T>? restoreTarget;
    private Dictionary<string, Tensor<T>>? bestState;
    private int wait;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The metric name (e.g. <c>val_loss</c>, <c>loss</c>).</param>
    /// <param name="patience">Stop after this many consecutive epochs without improvement (≥ 0; Keras semantics).</param>
    /// <param name="minDelta">An improvement must exceed this (≥ 0).</param>
    /// <param name="mode">Whether smaller or larger is better.</param>
    /// <param name="restoreBestWeightsOf">When given, this module gets the best epoch's weights back at the end.</param>
    /// <exception cref="ArgumentOutOfRangeException">patience or minDelta is negative.</exception>
    public EarlyStopping(string monitor = "val_loss", int patience = 5, double minDelta = 0, MonitorMode mode = MonitorMode.Min, Module<T>? restoreBestWeightsOf = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(monitor);
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        if (!(minDelta >= 0)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "EarlyStopping: minDelta must be ≥ 0.");
        this.monitor = new MetricMonitor(monitor, mode, minDelta);
        Patience = patience;
        restoreTarget = restoreBestWeightsOf;
    }

    /// <summary>Consecutive epochs without improvement after which training stops.</summary>
    public int Patience { get; }

    /// <summary>The best monitored value so far (±∞ before the first epoch).</summary>
    public double BestValue => monitor.Best;

    /// <summary>The 1-based epoch of <see cref="BestValue"/> (0 before the first epoch).</summary>
    public int BestEpoch => monitor.BestEpoch;

    /// <summary>The epoch at which it asked to stop, or null.</summary>
    public int? StoppedEpoch { get; private set; }

    /// <inheritdoc />
    public bool OnEpochEnd(EpochResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (monitor.Update(result))
        {
            wait = 0;
            if (restoreTarget is not null)
                bestState = restoreTarget.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
            return false;
        }
        if (++wait >= Patience)
        {
            StoppedEpoch = result.Epoch;
            return true;
        }
        return false;
    }

    /// <inheritdoc />
    public void OnTrainingEnd(TrainingHistory history)
    {
        if (restoreTarget is not null && bestState is not null) restoreTarget.LoadStateDict(bestState);
    }
}
