using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Steps several chainable schedulers together each epoch, so their effects multiply (PyTorch's
/// <c>ChainedScheduler</c>), e.g. a <see cref="LinearLR{T}"/> warm-up combined with an <see cref="ExponentialLR{T}"/>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ChainedScheduler<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LRScheduler<T>[] schedulers;
    private double[] lastLr;

    /// <summary>Chains <paramref name="schedulers"/> (all on one optimiser).</summary>
    /// <exception cref="ArgumentException">The list is empty or the schedulers act on different optimisers.</exception>
    public ChainedScheduler(IReadOnlyList<LRScheduler<T>> schedulers)
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        if (schedulers.Count == 0) throw new ArgumentException("ChainedScheduler needs at least one scheduler.", nameof(schedulers));
        for (int i = 1; i < schedulers.Count; i++)
            if (!ReferenceEquals(schedulers[i].Optimizer, schedulers[0].Optimizer))
                throw new ArgumentException($"ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and {i} to be different.", nameof(schedulers));
        this.schedulers = [.. schedulers];
        Optimizer = schedulers[0].Optimizer;
        lastLr = [.. Optimizer.ParamGroups.Select(g => g.Lr)];
    }

    /// <summary>The optimiser.</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>The rates after the last step.</summary>
    public IReadOnlyList<double> LastLR => lastLr;

    /// <summary>Steps every scheduler in order.</summary>
    public void Step()
    {
        foreach (var s in schedulers) s.Step();
        lastLr = [.. Optimizer.ParamGroups.Select(g => g.Lr)];
    }

    /// <summary>The state of every scheduler, keys prefixed <c>i.</c>.</summary>
    public Dictionary<string, double> StateDict()
    {
        var d = new Dictionary<string, double>();
        for (int i = 0; i < schedulers.Length; i++)
            foreach (var (k, v) in schedulers[i].StateDict()) d[$"{i}.{k}"] = v;
        return d;
    }

    /// <summary>Restores a state taken by <see cref="StateDict"/>.</summary>
    /// <exception cref="KeyNotFoundException">An entry is missing.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (int i = 0; i < schedulers.Length; i++)
        {
            string prefix = $"{i}.";
            schedulers[i].LoadStateDict(state.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value));
        }
        lastLr = [.. Optimizer.ParamGroups.Select(g => g.Lr)];
    }
}
