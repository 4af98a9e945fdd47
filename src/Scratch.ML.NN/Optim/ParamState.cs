using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// The optimiser's memory for one parameter (PyTorch's <c>optimizer.state[p]</c>): named tensors shaped like the
/// parameter (<c>exp_avg</c>, <c>exp_avg_sq</c>, <c>momentum_buffer</c>, …) and named scalars (<c>step</c>, …).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ParamState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>State tensors by PyTorch name.</summary>
    public Dictionary<string, Tensor<T>> Tensors { get; } = [];

    /// <summary>Scalar state by PyTorch name (<c>step</c> counts the updates made to this parameter).</summary>
    public Dictionary<string, double> Scalars { get; } = [];

    /// <summary>True until the first update created any state.</summary>
    public bool IsEmpty => Tensors.Count == 0 && Scalars.Count == 0;

    /// <summary>The scalar <paramref name="name"/>, or <paramref name="fallback"/> when it is not set.</summary>
    public double Scalar(string name, double fallback = 0) => Scalars.TryGetValue(name, out var v) ? v : fallback;

    /// <summary>The tensor <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">It is not set.</exception>
    public Tensor<T> Tensor(string name) => Tensors.TryGetValue(name, out var t) ? t
        : throw new KeyNotFoundException($"The optimiser state has no tensor \"{name}\"; it has: {string.Join(", ", Tensors.Keys)}.");

    /// <summary>A deep copy (tensors cloned), so a saved state does not change as training goes on.</summary>
    public ParamState<T> Copy()
    {
        var c = new ParamState<T>();
        foreach (var (k, t) in Tensors) c.Tensors[k] = t.Clone();
        foreach (var (k, v) in Scalars) c.Scalars[k] = v;
        return c;
    }
}

/// <summary>One parameter group in a state dict: its options and the indices of its parameters.</summary>
/// <param name="Options">The hyperparameters by PyTorch name.</param>
/// <param name="Params">The global indices (counting across groups in order) of the group's parameters.</param>
public sealed record ParamGroupState(IReadOnlyDictionary<string, double> Options, IReadOnlyList<int> Params);

/// <summary>
/// A snapshot of an optimiser (PyTorch's <c>optimizer.state_dict()</c>): per-parameter state keyed by the parameter's
/// index across all groups, and each group's hyperparameters.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <param name="State">Per-parameter state by global index; parameters never updated have no entry.</param>
/// <param name="ParamGroups">The groups in order.</param>
public sealed record OptimizerStateDict<T>(IReadOnlyDictionary<int, ParamState<T>> State, IReadOnlyList<ParamGroupState> ParamGroups)
    where T : unmanaged, IFloatingPointIeee754<T>;
