using System.Diagnostics;

namespace Scratch.ML.NN.Training;

/// <summary>
/// Runs the epoch loop around a user step function: for each epoch, for each batch, <c>loss = step(batch)</c> (the step
/// does forward, backward and the optimiser update), then the optional validation function, then the callbacks
/// (early stopping, checkpoints, CSV logging), reporting progress throughout.
/// </summary>
/// <typeparam name="TBatch">The batch type (e.g. what a <see cref="Data.DataLoader{TItem, TBatch}"/> yields).</typeparam>
/// <example><code>
/// var trainer = new Trainer&lt;(Tensor&lt;float&gt; X, Tensor&lt;int&gt; Y)&gt;(batch =&gt; { …; loss.Backward(); opt.Step(); return loss.ToScalar(); })
/// {
///     Validate = () =&gt; new Dictionary&lt;string, double&gt; { ["val_loss"] = Evaluate() },
///     Progress = new ConsoleProgressBar(),
///     Callbacks = { new EarlyStopping&lt;float&gt;("val_loss", patience: 5, restoreBestWeightsOf: model) },
/// };
/// var history = trainer.Fit(loader, epochs: 50);
/// </code></example>
public sealed class Trainer<TBatch>
{
    private readonly Func<TBatch, double> step;

    /// <summary>Creates the trainer.</summary>
    /// <param name="step">One training step on a batch; returns the batch loss (used for the epoch mean).</param>
    public Trainer(Func<TBatch, double> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        this.step = step;
    }

    /// <summary>Optional end-of-epoch evaluation; its metrics (e.g. <c>val_loss</c>) join the epoch's metrics.</summary>
    public Func<IReadOnlyDictionary<string, double>>? Validate { get; init; }

    /// <summary>Optional receiver of per-batch and per-epoch reports (e.g. <see cref="ConsoleProgressBar"/>).</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Callbacks run after every epoch, in order.</summary>
    public IList<ITrainingCallback> Callbacks { get; } = new List<ITrainingCallback>();

    /// <summary>Runs up to <paramref name="epochs"/> epochs over <paramref name="data"/> (enumerated once per epoch).</summary>
    /// <param name="data">The batches; enumerated afresh each epoch (a DataLoader reshuffles).</param>
    /// <param name="epochs">Epochs to run (≥ 1).</param>
    /// <param name="cancellationToken">Stops after the current batch; the history then has
    /// <see cref="StopReason.Cancelled"/> and holds only completed epochs (callbacks' <c>OnTrainingEnd</c> still run).</param>
    /// <param name="batchesPerEpoch">Shown in progress reports when given (e.g. <c>loader.BatchCount</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">epochs &lt; 1.</exception>
    /// <exception cref="InvalidOperationException">An epoch had no batches, or the validation function returned a metric
    /// named <c>loss</c> (reserved for the training loss). Non-finite losses are recorded as they are.</exception>
    public TrainingHistory Fit(IEnumerable<TBatch> data, int epochs, CancellationToken cancellationToken = default, int? batchesPerEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        var clock = Stopwatch.StartNew();
        var results = new List<EpochResult>();
        var reason = StopReason.Completed;
        var none = new Dictionary<string, double>();
        for (int epoch = 1; epoch <= epochs && reason == StopReason.Completed; epoch++)
        {
            double sum = 0;
            int batch = 0;
            foreach (var b in data)
            {
                if (cancellationToken.IsCancellationRequested) { reason = StopReason.Cancelled; break; }
                sum += step(b);
                batch++;
                Progress?.Report(new TrainingProgress(epoch, epochs, batch, batchesPerEpoch, sum / batch, none, clock.Elapsed, false));
            }
            if (reason == StopReason.Cancelled || cancellationToken.IsCancellationRequested) { reason = StopReason.Cancelled; break; }
            if (batch == 0) throw new InvalidOperationException($"Trainer: epoch {epoch} produced no batches (empty data, or drop-last with fewer items than a batch).");
            var metrics = new OrderedDictionary<string, double> { ["loss"] = sum / batch };
            if (Validate is not null)
                foreach (var (k, v) in Validate())
                    if (!metrics.TryAdd(k, v))
                        throw new InvalidOperationException($"Trainer: the validation function returned metric \"{k}\", which is reserved for the training loss.");
            var result = new EpochResult(epoch, metrics, clock.Elapsed);
            results.Add(result);
            Progress?.Report(new TrainingProgress(epoch, epochs, batch, batchesPerEpoch, sum / batch, metrics, clock.Elapsed, true));
            bool stop = false;
            foreach (var cb in Callbacks) stop |= cb.OnEpochEnd(result);
            if (stop) reason = StopReason.EarlyStopped;
        }
        var history = new TrainingHistory(results, reason);
        foreach (var cb in Callbacks) cb.OnTrainingEnd(history);
        return history;
    }
}
