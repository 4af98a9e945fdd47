using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Runs schedulers one after another, switching at the milestones (PyTorch's <c>SequentialLR</c>): scheduler i
/// drives epochs [milestone(i−1), milestone(i)); at a switch the new scheduler is restarted at its epoch 0.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class SequentialLR<T> : LRScheduler<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LRScheduler<T>[] schedulers;
    private readonly int[] milestones;

    /// <summary>Chains <paramref name="schedulers"/> in time.</summary>
    /// <param name="optimizer">The optimiser all schedulers act on.</param>
    /// <param name="schedulers">The schedulers, in order (already constructed on <paramref name="optimizer"/>).</param>
    /// <param name="milestones">The epochs at which to switch (one fewer than schedulers, increasing).</param>
    /// <exception cref="ArgumentException">A scheduler belongs to another optimiser, or the milestone count is wrong.</exception>
    public SequentialLR(Optimizer<T> optimizer, IReadOnlyList<LRScheduler<T>> schedulers, IReadOnlyList<int> milestones) : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        ArgumentNullException.ThrowIfNull(milestones);
        if (schedulers.Count == 0) throw new ArgumentException("SequentialLR needs at least one scheduler.", nameof(schedulers));
        for (int i = 0; i < schedulers.Count; i++)
            if (!ReferenceEquals(schedulers[i].Optimizer, optimizer))
                throw new ArgumentException($"Sequential schedulers expect all schedulers to belong to the same optimizer, but the scheduler at index {i} has a different one.", nameof(schedulers));
        if (milestones.Count != schedulers.Count - 1)
            throw new ArgumentException($"Sequential schedulers expect one more scheduler than milestones, but got {schedulers.Count} schedulers and {milestones.Count} milestones.", nameof(milestones));
        this.schedulers = [.. schedulers];
        this.milestones = [.. milestones];
        LastEpoch = 0;
        foreach (var g in optimizer.ParamGroups) g.Lr = g["initial_lr"];
        foreach (var s in this.schedulers) s.LastEpoch -= 1;
        this.schedulers[0].InitialStep();
        RecordLastLr();
    }

    /// <inheritdoc />
    public override void Step()
    {
        LastEpoch++;
        int idx = 0;
        while (idx < milestones.Length && milestones[idx] <= LastEpoch) idx++;
        var s = schedulers[idx];
        if (idx > 0 && milestones[idx - 1] == LastEpoch) s.Step(0);
        else s.Step();
        RecordLastLr();
    }

    /// <inheritdoc />
    public override void Step(int epoch) => throw new NotSupportedException("SequentialLR has no closed form: call Step() once per epoch.");

    /// <inheritdoc />
    protected override double[] ComputeLr() => CurrentLrs();

    /// <summary>This scheduler's counters plus every child's state, keys prefixed <c>schedulers.i.</c>.</summary>
    public override Dictionary<string, double> StateDict()
    {
        var d = base.StateDict();
        for (int i = 0; i < schedulers.Length; i++)
            foreach (var (k, v) in schedulers[i].StateDict()) d[$"schedulers.{i}.{k}"] = v;
        return d;
    }

    /// <inheritdoc />
    public override void LoadStateDict(IReadOnlyDictionary<string, double> state)
    {
        base.LoadStateDict(state);
        for (int i = 0; i < schedulers.Length; i++)
        {
            string prefix = $"schedulers.{i}.";
            schedulers[i].LoadStateDict(state.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value));
        }
    }
}
