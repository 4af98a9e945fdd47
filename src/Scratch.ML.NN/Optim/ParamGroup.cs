using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// A set of parameters that share hyperparameters (PyTorch's <c>param_groups</c> entry). Options given here override
/// the optimiser's defaults; the missing ones are filled in from the defaults when the group is added.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// Options use PyTorch's names so state dicts and schedulers line up: <c>lr</c>, <c>weight_decay</c>,
/// <c>momentum</c>, <c>dampening</c>, <c>beta1</c>/<c>beta2</c> (PyTorch's <c>betas</c> tuple), <c>eps</c>,
/// <c>alpha</c>, <c>rho</c>, <c>lr_decay</c>, <c>momentum_decay</c>, <c>initial_accumulator_value</c>. Schedulers may
/// add their own entries (<c>initial_lr</c>, <c>max_lr</c>, …), as in PyTorch.
/// </remarks>
public sealed class ParamGroup<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<Parameter<T>> parameters;

    /// <summary>Creates a group of <paramref name="parameters"/> with optional per-group <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The group is empty or lists a parameter twice.</exception>
    public ParamGroup(IEnumerable<Parameter<T>> parameters, IReadOnlyDictionary<string, double>? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.parameters = [.. parameters];
        if (this.parameters.Count == 0)
            throw new ArgumentException("A parameter group needs at least one parameter, got an empty list.", nameof(parameters));
        var seen = new HashSet<Parameter<T>>(ReferenceEqualityComparer.Instance);
        foreach (var p in this.parameters)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(parameters));
            if (!seen.Add(p)) throw new ArgumentException($"A parameter group lists the same parameter ({p}) twice.", nameof(parameters));
        }
        Options = options is null ? [] : new Dictionary<string, double>(options);
    }

    /// <summary>The parameters, in the order given (their position across groups is their state-dict index).</summary>
    public IReadOnlyList<Parameter<T>> Parameters => parameters;

    /// <summary>The hyperparameters by PyTorch name (mutable: schedulers write <c>lr</c> here).</summary>
    public Dictionary<string, double> Options { get; }

    /// <summary>Reads or writes an option.</summary>
    /// <exception cref="KeyNotFoundException">The option is not set on this group.</exception>
    public double this[string name]
    {
        get => Options.TryGetValue(name, out var v) ? v
            : throw new KeyNotFoundException($"This parameter group has no option \"{name}\"; it has: {string.Join(", ", Options.Keys)}.");
        set => Options[name] = value;
    }

    /// <summary>Whether the option is set.</summary>
    public bool Has(string name) => Options.ContainsKey(name);

    /// <summary>The learning rate (option <c>lr</c>).</summary>
    public double Lr
    {
        get => this["lr"];
        set => this["lr"] = value;
    }
}
