using System.Globalization;
using System.Numerics;

namespace Scratch.ML.NN.Training;

/// <summary>
/// Saves a module's state dict as safetensors: to <c>bestPath</c> whenever the monitored metric improves, and to
/// <c>lastPath</c> after every epoch and when training ends. The files carry <c>__metadata__</c> with the epoch and
/// metric values, and load with <see cref="ModuleSafeTensors.LoadSafeTensors{T}(Module{T}, string, bool)"/> or PyTorch.
/// </summary>
/// <typeparam name="T">The module's element type.</typeparam>
public sealed class ModelCheckpoint<T> : ITrainingCallback where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T> module;
    private readonly MetricMonitor monitor;
    private EpochResult? last;

    /// <summary>Creates the callback; at least one path must be given.</summary>
    /// <exception cref="ArgumentException">Both paths are null.</exception>
    public ModelCheckpoint(Module<T> module, string? bestPath = null, string? lastPath = null, string monitor = "val_loss", MonitorMode mode = MonitorMode.Min)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (bestPath is null && lastPath is null) throw new ArgumentException("ModelCheckpoint: give bestPath, lastPath or both.");
        this.module = module;
        BestPath = bestPath;
        LastPath = lastPath;
        this.monitor = new MetricMonitor(monitor, mode, 0);
    }

    /// <summary>Where the best weights go (or null).</summary>
    public string? BestPath { get; }

    /// <summary>Where the latest weights go (or null).</summary>
    public string? LastPath { get; }

    /// <summary>The epoch whose weights are in <see cref="BestPath"/> (0 if none yet).</summary>
    public int BestEpoch => monitor.BestEpoch;

    /// <inheritdoc />
    public bool OnEpochEnd(EpochResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        last = result;
        if (BestPath is not null && monitor.Update(result)) module.SaveSafeTensors(BestPath, Metadata(result));
        if (LastPath is not null) module.SaveSafeTensors(LastPath, Metadata(result));
        return false;
    }

    /// <inheritdoc />
    public void OnTrainingEnd(TrainingHistory history)
    {
        if (LastPath is not null && last is not null) module.SaveSafeTensors(LastPath, Metadata(last));
    }

    private static Dictionary<string, string> Metadata(EpochResult r)
    {
        var m = new Dictionary<string, string> { ["format"] = "pt", ["epoch"] = r.Epoch.ToString(CultureInfo.InvariantCulture) };
        foreach (var (k, v) in r.Metrics) m[k] = v.ToString("R", CultureInfo.InvariantCulture);
        return m;
    }
}
