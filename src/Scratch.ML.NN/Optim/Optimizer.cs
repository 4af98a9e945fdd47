using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// The base of every optimiser (PyTorch's <c>torch.optim.Optimizer</c>): parameter groups with per-group options,
/// per-parameter state, <see cref="Step"/>, <see cref="ZeroGrad"/> and state dicts.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// A derived optimiser passes its defaults to the base constructor, sets its own fields, then calls
/// <see cref="AddParamGroups"/>; each group is completed from the defaults and checked by
/// <see cref="ValidateGroup"/>. <see cref="Step"/> updates <c>Parameter.Value</c> in place inside
/// <see cref="Autograd.NoGrad"/> and skips parameters whose gradient is null (PyTorch's rule).
/// </remarks>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<ParamGroup<T>> groups = [];
    private readonly Dictionary<Parameter<T>, ParamState<T>> state = new(ReferenceEqualityComparer.Instance);

    /// <summary>Stores the default options (PyTorch names) every group starts from.</summary>
    protected Optimizer(IReadOnlyDictionary<string, double> defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        Defaults = new Dictionary<string, double>(defaults);
    }

    /// <summary>The default options.</summary>
    public IReadOnlyDictionary<string, double> Defaults { get; }

    /// <summary>The parameter groups, in order.</summary>
    public IReadOnlyList<ParamGroup<T>> ParamGroups => groups;

    /// <summary>How many times <see cref="Step"/> ran (schedulers use it to warn about order in PyTorch; kept for inspection).</summary>
    public int StepCount { get; protected set; }

    /// <summary>Wraps plain parameters in a single group (helper for derived constructors).</summary>
    protected static IEnumerable<ParamGroup<T>> SingleGroup(IEnumerable<Parameter<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return [new ParamGroup<T>(parameters)];
    }

    /// <summary>Adds every group in <paramref name="parameterGroups"/> (see <see cref="AddParamGroup"/>).</summary>
    /// <exception cref="ArgumentException">No group was given.</exception>
    protected void AddParamGroups(IEnumerable<ParamGroup<T>> parameterGroups)
    {
        ArgumentNullException.ThrowIfNull(parameterGroups);
        int before = groups.Count;
        foreach (var g in parameterGroups) AddParamGroup(g);
        if (groups.Count == before) throw new ArgumentException("An optimiser needs at least one parameter group, got none.", nameof(parameterGroups));
    }

    /// <summary>
    /// Adds a group (e.g. newly unfrozen layers): its missing options are taken from <see cref="Defaults"/>, then
    /// the options are validated.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter already belongs to another group, or an option is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (message names it and its value).</exception>
    public void AddParamGroup(ParamGroup<T> group)
    {
        ArgumentNullException.ThrowIfNull(group);
        foreach (var p in group.Parameters)
            foreach (var other in groups)
                foreach (var q in other.Parameters)
                    if (ReferenceEquals(p, q)) throw new ArgumentException($"Parameter {p} appears in more than one parameter group.", nameof(group));
        foreach (var key in group.Options.Keys)
            if (!Defaults.ContainsKey(key))
                throw new ArgumentException($"{GetType().Name} has no option \"{key}\"; its options are: {string.Join(", ", Defaults.Keys)}.", nameof(group));
        foreach (var (key, value) in Defaults) group.Options.TryAdd(key, value);
        ValidateGroup(group, groups.Count);
        groups.Add(group);
    }

    /// <summary>Checks a completed group's options; throw <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
    protected abstract void ValidateGroup(ParamGroup<T> group, int index);

    /// <summary>Performs one optimisation step on every parameter that has a gradient.</summary>
    public abstract void Step();

    /// <summary>The state of <paramref name="parameter"/> (created empty on first use).</summary>
    public ParamState<T> StateOf(Parameter<T> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!state.TryGetValue(parameter, out var s)) state[parameter] = s = new ParamState<T>();
        return s;
    }

    /// <summary>Clears the gradients of every parameter: to null (default) or to zeros in place.</summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var g in groups)
            foreach (var p in g.Parameters)
            {
                if (p.Grad is not { } grad) continue;
                if (setToNone) p.Grad = null;
                else using (Autograd.NoGrad()) grad.CopyFrom(Tensor.Scalar(T.Zero, grad.Device));
            }
    }

    /// <summary>
    /// A deep copy of the optimiser's state: per-parameter state keyed by the parameter's index across groups (in
    /// group order, like PyTorch) and each group's options. Later steps do not change the snapshot.
    /// </summary>
    public OptimizerStateDict<T> StateDict()
    {
        var st = new Dictionary<int, ParamState<T>>();
        var gs = new List<ParamGroupState>();
        int index = 0;
        foreach (var g in groups)
        {
            var ids = new List<int>();
            foreach (var p in g.Parameters)
            {
                if (state.TryGetValue(p, out var s) && !s.IsEmpty) st[index] = s.Copy();
                ids.Add(index++);
            }
            gs.Add(new ParamGroupState(new Dictionary<string, double>(g.Options), ids));
        }
        return new OptimizerStateDict<T>(st, gs);
    }

    /// <summary>
    /// Restores a snapshot taken by <see cref="StateDict"/> of an optimiser with the same group layout: group options
    /// are replaced and per-parameter state is copied (tensors cloned onto each parameter's device).
    /// </summary>
    /// <exception cref="ArgumentException">The number of groups, a group's size, or a state tensor's shape differs.</exception>
    public void LoadStateDict(OptimizerStateDict<T> stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        if (stateDict.ParamGroups.Count != groups.Count)
            throw new ArgumentException($"The state dict has {stateDict.ParamGroups.Count} parameter groups but this optimiser has {groups.Count}.", nameof(stateDict));
        var byIndex = new List<Parameter<T>>();
        for (int i = 0; i < groups.Count; i++)
        {
            if (stateDict.ParamGroups[i].Params.Count != groups[i].Parameters.Count)
                throw new ArgumentException($"Parameter group {i} has {groups[i].Parameters.Count} parameters but the state dict's has {stateDict.ParamGroups[i].Params.Count}.", nameof(stateDict));
            for (int j = 0; j < groups[i].Parameters.Count; j++)
            {
                int id = stateDict.ParamGroups[i].Params[j];
                while (byIndex.Count <= id) byIndex.Add(null!);
                byIndex[id] = groups[i].Parameters[j];
            }
        }
        foreach (var (id, s) in stateDict.State)
        {
            if (id < 0 || id >= byIndex.Count || byIndex[id] is null)
                throw new ArgumentException($"The state dict has state for parameter index {id}, which no group lists.", nameof(stateDict));
            var p = byIndex[id];
            foreach (var (name, t) in s.Tensors)
                if (!IsFlatState(name) && !Shapes.Equal(t.Shape, p.Shape))
                    throw new ArgumentException($"State tensor \"{name}\" of parameter {id} has shape {Shapes.Format(t.Shape)} but the parameter has shape {Shapes.Format(p.Shape)}.", nameof(stateDict));
        }
        state.Clear();
        foreach (var (id, s) in stateDict.State)
        {
            var p = byIndex[id];
            var copy = new ParamState<T>();
            foreach (var (name, t) in s.Tensors) copy.Tensors[name] = t.To(p.Value.Device).Clone();
            foreach (var (name, v) in s.Scalars) copy.Scalars[name] = v;
            state[p] = copy;
        }
        for (int i = 0; i < groups.Count; i++)
        {
            groups[i].Options.Clear();
            foreach (var (k, v) in stateDict.ParamGroups[i].Options) groups[i].Options[k] = v;
        }
    }

    /// <summary>Whether a state tensor is a flat vector over all parameters rather than shaped like one (L-BFGS).</summary>
    protected virtual bool IsFlatState(string name) => false;

    /// <summary>The double hyperparameter <paramref name="value"/> as the element type (rounded for float, like PyTorch's scalar arguments).</summary>
    protected static T S(double value) => T.CreateTruncating(value);
}
