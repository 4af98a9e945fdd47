using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// The base of epoch/step-based learning-rate schedulers (PyTorch 1.13's <c>_LRScheduler</c>): each
/// <see cref="Step()"/> advances <see cref="LastEpoch"/> and writes the new rate into every group's <c>lr</c>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// Like PyTorch, most schedulers use the <em>chainable</em> (recursive) form: the new rate is computed from the
/// group's current <c>lr</c>, so several schedulers can act on one optimiser. Construction records each group's
/// <c>initial_lr</c> (once), takes it as the base rate, and performs the initial step to epoch 0. A derived
/// constructor sets its fields and then calls <see cref="Initialize"/>.
/// </remarks>
public abstract class LRScheduler<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private double[] lastLr = [];

    /// <summary>Binds the scheduler to <paramref name="optimizer"/> and records <c>initial_lr</c> in every group.</summary>
    protected LRScheduler(Optimizer<T> optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        foreach (var g in optimizer.ParamGroups) g.Options.TryAdd("initial_lr", g.Lr);
        BaseLrs = [.. optimizer.ParamGroups.Select(g => g["initial_lr"])];
    }

    /// <summary>The optimiser whose rates are scheduled.</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>The index of the last step taken (0 after construction).</summary>
    public int LastEpoch { get; protected internal set; } = -1;

    /// <summary>How many times the scheduler stepped, counting the initial step (PyTorch's <c>_step_count</c>).</summary>
    protected internal int StepCount { get; set; }

    /// <summary>Each group's base rate (<c>initial_lr</c>).</summary>
    public double[] BaseLrs { get; protected set; }

    /// <summary>The rates set by the last step, one per group (PyTorch's <c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> LastLR => lastLr;

    /// <summary>Performs the initial step (call at the end of the derived constructor).</summary>
    protected void Initialize()
    {
        StepCount = 0;
        Step();
    }

    /// <summary>Re-runs the initial step (used by <see cref="SequentialLR{T}"/>).</summary>
    internal void InitialStep() => Initialize();

    /// <summary>Advances one epoch (or batch, for per-batch schedules) and applies the new rates.</summary>
    public virtual void Step()
    {
        StepCount++;
        LastEpoch++;
        Apply(ComputeLr());
    }

    /// <summary>Jumps to <paramref name="epoch"/>, using the closed form when the scheduler has one (PyTorch's deprecated <c>step(epoch)</c>; <see cref="SequentialLR{T}"/> needs it).</summary>
    public virtual void Step(int epoch)
    {
        StepCount++;
        LastEpoch = epoch;
        Apply(ClosedFormLr() ?? ComputeLr());
    }

    /// <summary>Writes <paramref name="values"/> into the groups' <c>lr</c> and records them.</summary>
    protected void Apply(double[] values)
    {
        var groups = Optimizer.ParamGroups;
        for (int i = 0; i < groups.Count; i++) groups[i].Lr = values[i];
        lastLr = [.. groups.Select(g => g.Lr)];
    }

    /// <summary>Records the current group rates as <see cref="LastLR"/> without changing them.</summary>
    protected void RecordLastLr() => lastLr = [.. Optimizer.ParamGroups.Select(g => g.Lr)];

    /// <summary>The rates for the new <see cref="LastEpoch"/> (chainable form: may read each group's current <c>lr</c>).</summary>
    protected abstract double[] ComputeLr();

    /// <summary>The rates at <see cref="LastEpoch"/> computed from the base rates alone, or null when there is no closed form.</summary>
    protected virtual double[]? ClosedFormLr() => null;

    /// <summary>The current rates of the groups.</summary>
    protected double[] CurrentLrs() => [.. Optimizer.ParamGroups.Select(g => g.Lr)];

    /// <summary>The scheduler's state (PyTorch's <c>state_dict()</c>): <c>last_epoch</c>, <c>_step_count</c>, <c>base_lrs.i</c>, <c>last_lr.i</c> and subclass entries.</summary>
    public virtual Dictionary<string, double> StateDict()
    {
        var d = new Dictionary<string, double> { ["last_epoch"] = LastEpoch, ["_step_count"] = StepCount };
        for (int i = 0; i < BaseLrs.Length; i++) d[$"base_lrs.{i}"] = BaseLrs[i];
        for (int i = 0; i < lastLr.Length; i++) d[$"last_lr.{i}"] = lastLr[i];
        return d;
    }

    /// <summary>Restores a state taken by <see cref="StateDict"/> (the optimiser's rates are not touched, as in PyTorch).</summary>
    /// <exception cref="KeyNotFoundException">A required entry is missing.</exception>
    public virtual void LoadStateDict(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        LastEpoch = (int)Get(state, "last_epoch");
        StepCount = (int)Get(state, "_step_count");
        for (int i = 0; i < BaseLrs.Length; i++) BaseLrs[i] = Get(state, $"base_lrs.{i}");
        var last = new List<double>();
        for (int i = 0; state.TryGetValue($"last_lr.{i}", out var v); i++) last.Add(v);
        lastLr = [.. last];
    }

    /// <summary>Reads a required state entry.</summary>
    /// <exception cref="KeyNotFoundException">It is missing.</exception>
    protected static double Get(IReadOnlyDictionary<string, double> state, string key)
        => state.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"The scheduler state dict has no entry \"{key}\".");
}
