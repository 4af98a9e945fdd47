namespace Scratch.ML.NN.Training;

/// <summary>
/// A progress report from <see cref="Trainer{TBatch}"/>: after every batch (<see cref="EpochEnd"/> false, running mean
/// loss of the epoch so far) and once at the end of each epoch (<see cref="EpochEnd"/> true, with the epoch's metrics).
/// </summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Total epochs requested.</param>
/// <param name="Batch">1-based batch number within the epoch (the batch count at epoch end).</param>
/// <param name="BatchesPerEpoch">Batches per epoch when known, else null.</param>
/// <param name="Loss">Mean training loss over the epoch's batches so far.</param>
/// <param name="Metrics">At epoch end: every metric of the epoch (<c>loss</c>, validation metrics); otherwise empty.</param>
/// <param name="Elapsed">Wall time since training started.</param>
/// <param name="EpochEnd">Whether this is the end-of-epoch report.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int? BatchesPerEpoch, double Loss,
    IReadOnlyDictionary<string, double> Metrics, TimeSpan Elapsed, bool EpochEnd);

/// <summary>The metrics of one finished epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Metrics">Metric values by name, in insertion order: <c>loss</c> (mean training loss) first, then those
/// returned by the validation function (e.g. <c>val_loss</c>, <c>val_accuracy</c>).</param>
/// <param name="Elapsed">Wall time since training started, at the end of this epoch.</param>
public sealed record EpochResult(int Epoch, IReadOnlyDictionary<string, double> Metrics, TimeSpan Elapsed);

/// <summary>Why <see cref="Trainer{TBatch}.Fit"/> returned.</summary>
public enum StopReason
{
    /// <summary>All requested epochs ran.</summary>
    Completed,
    /// <summary>A callback (e.g. <see cref="EarlyStopping{T}"/>) asked to stop.</summary>
    EarlyStopped,
    /// <summary>The cancellation token fired; the epoch in progress was abandoned after its current batch.</summary>
    Cancelled,
}

/// <summary>What a training run did: one <see cref="EpochResult"/> per completed epoch and why it stopped.</summary>
/// <param name="Epochs">The completed epochs, in order.</param>
/// <param name="StopReason">Why training ended.</param>
public sealed record TrainingHistory(IReadOnlyList<EpochResult> Epochs, StopReason StopReason)
{
    /// <summary>The values of metric <paramref name="name"/> per epoch (NaN where an epoch lacks it).</summary>
    public double[] Series(string name) => Epochs.Select(e => e.Metrics.TryGetValue(name, out var v) ? v : double.NaN).ToArray();
}

/// <summary>Hooks run by <see cref="Trainer{TBatch}"/>: early stopping, checkpoints, loggers.</summary>
public interface ITrainingCallback
{
    /// <summary>Called after each epoch's metrics are known; return true to stop training after this epoch.</summary>
    bool OnEpochEnd(EpochResult result);

    /// <summary>Called once when training ends for any reason (completed, early-stopped or cancelled).</summary>
    void OnTrainingEnd(TrainingHistory history);
}

/// <summary>Whether a smaller or larger monitored value is better.</summary>
public enum MonitorMode
{
    /// <summary>Smaller is better (losses).</summary>
    Min,
    /// <summary>Larger is better (accuracy).</summary>
    Max,
}

/// <summary>Tracks the best value of a monitored metric.</summary>
internal sealed class MetricMonitor(string monitor, MonitorMode mode, double minDelta)
{
    public string Name { get; } = monitor;
    public double Best { get; private set; } = mode == MonitorMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
    public int BestEpoch { get; private set; }

    /// <summary>Reads the metric from <paramref name="result"/> and records it if it improves by more than minDelta.</summary>
    /// <exception cref="KeyNotFoundException">The epoch has no metric of that name; the message lists the available ones.</exception>
    public bool Update(EpochResult result)
    {
        if (!result.Metrics.TryGetValue(Name, out double v))
            throw new KeyNotFoundException($"Monitored metric \"{Name}\" is not among the epoch's metrics: {string.Join(", ", result.Metrics.Keys)}.");
        bool better = mode == MonitorMode.Min ? v < Best - minDelta : v > Best + minDelta;
        if (!better) return false;
        Best = v;
        BestEpoch = result.Epoch;
        return true;
    }
}
