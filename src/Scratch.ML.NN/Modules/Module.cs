using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// The base of every network building block (PyTorch's <c>nn.Module</c>): named parameters, buffers and submodules
/// registered in order, train/eval mode, state dicts, freezing, device moves and gradient zeroing.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// Subclasses register what they own in their constructor, e.g.
/// <c>weight = RegisterParameter("weight", Tensor.Zeros&lt;T&gt;(outFeatures, inFeatures));</c>. Names follow PyTorch
/// so state-dict keys match (<c>fc1.weight</c>, <c>0.bias</c>). Single-input layers derive from <see cref="Layer{T}"/>.
/// </remarks>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<(string Name, Parameter<T> Slot)> parameters = [];
    private readonly List<(string Name, Buffer<T> Slot)> buffers = [];
    private readonly List<(string Name, Module<T> Module)> children = [];

    /// <summary>Whether the module is in training mode (dropout active, …). Set with <see cref="Train"/>/<see cref="Eval"/>.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Registers a learnable tensor under <paramref name="name"/> and returns its slot.</summary>
    /// <exception cref="ArgumentException">The name is empty, contains '.', or is already used by this module.</exception>
    protected Parameter<T> RegisterParameter(string name, Tensor<T> value, bool requiresGrad = true)
    {
        CheckName(name);
        var p = new Parameter<T>(value, requiresGrad);
        parameters.Add((name, p));
        return p;
    }

    /// <summary>
    /// Registers a non-learnable tensor (running statistics, masks). Persistent buffers are part of the state dict.
    /// </summary>
    protected Buffer<T> RegisterBuffer(string name, Tensor<T> value, bool persistent = true)
    {
        CheckName(name);
        var b = new Buffer<T>(value, persistent);
        buffers.Add((name, b));
        return b;
    }

    /// <summary>Registers a child module under <paramref name="name"/> and returns it.</summary>
    protected TModule RegisterModule<TModule>(string name, TModule module) where TModule : Module<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckName(name);
        children.Add((name, module));
        return module;
    }

    private void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.')) throw new ArgumentException($"Module member names may not contain '.', got \"{name}\".", nameof(name));
        if (parameters.Exists(p => p.Name == name) || buffers.Exists(b => b.Name == name) || children.Exists(c => c.Name == name))
            throw new ArgumentException($"{GetType().Name} already has a member named \"{name}\".", nameof(name));
    }

    /// <summary>The direct children, in registration order.</summary>
    public IEnumerable<(string Name, Module<T> Module)> NamedChildren() => children;

    /// <summary>This module and every descendant with its dotted path ("" for this module), depth first.</summary>
    public IEnumerable<(string Name, Module<T> Module)> NamedModules(string prefix = "")
    {
        yield return (prefix, this);
        foreach (var (name, child) in children)
            foreach (var m in child.NamedModules(prefix.Length == 0 ? name : prefix + "." + name))
                yield return m;
    }

    /// <summary>Every parameter with its dotted name (<c>fc1.weight</c>), each slot once even if shared.</summary>
    public IEnumerable<(string Name, Parameter<T> Parameter)> NamedParameters()
    {
        var seen = new HashSet<Parameter<T>>(ReferenceEqualityComparer.Instance);
        foreach (var (path, m) in NamedModules())
            foreach (var (name, p) in m.parameters)
                if (seen.Add(p)) yield return (Join(path, name), p);
    }

    /// <summary>Every parameter (for an optimiser), in state-dict order.</summary>
    public IEnumerable<Parameter<T>> Parameters() => NamedParameters().Select(p => p.Parameter);

    /// <summary>Every buffer with its dotted name.</summary>
    public IEnumerable<(string Name, Buffer<T> Buffer)> NamedBuffers()
    {
        foreach (var (path, m) in NamedModules())
            foreach (var (name, b) in m.buffers) yield return (Join(path, name), b);
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>The number of parameter elements (optionally only those that require a gradient).</summary>
    public long ParameterCount(bool trainableOnly = false)
        => Parameters().Where(p => !trainableOnly || p.RequiresGrad).Sum(p => (long)p.Length);

    /// <summary>Sets training mode on this module and its descendants; returns this module.</summary>
    public Module<T> Train(bool mode = true)
    {
        foreach (var (_, m) in NamedModules()) m.Training = mode;
        return this;
    }

    /// <summary>Sets evaluation mode (<c>Train(false)</c>); returns this module.</summary>
    public Module<T> Eval() => Train(false);

    /// <summary>Stops gradient updates of every parameter (<c>RequiresGrad = false</c>); returns this module.</summary>
    public Module<T> Freeze()
    {
        foreach (var p in Parameters()) p.RequiresGrad = false;
        return this;
    }

    /// <summary>Re-enables gradients of every parameter; returns this module.</summary>
    public Module<T> Unfreeze()
    {
        foreach (var p in Parameters()) p.RequiresGrad = true;
        return this;
    }

    /// <summary>Clears the gradients: sets them to null (default, like PyTorch 2) or fills them with zeros in place.</summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var p in Parameters())
        {
            if (p.Grad is null) continue;
            if (setToNone) p.Grad = null;
            else using (Autograd.NoGrad()) p.Grad.AsSpan().Clear();
        }
    }

    /// <summary>Moves every parameter and buffer to <paramref name="device"/> (slots are kept); returns this module.</summary>
    public Module<T> To(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        foreach (var p in Parameters()) p.Value = p.Value.Detach().To(device);
        foreach (var (_, b) in NamedBuffers()) b.Value = b.Value.To(device);
        return this;
    }

    /// <summary>
    /// The parameters and persistent buffers by dotted name, in registration order (PyTorch's <c>state_dict()</c>).
    /// The tensors are detached views of the live values, not copies.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor<T>> StateDict()
    {
        var dict = new OrderedDictionary<string, Tensor<T>>();
        foreach (var (path, m) in NamedModules())
        {
            foreach (var (name, p) in m.parameters) dict.TryAdd(Join(path, name), p.Value.Detach());
            foreach (var (name, b) in m.buffers) if (b.Persistent) dict.TryAdd(Join(path, name), b.Value.Detach());
        }
        return dict;
    }

    /// <summary>
    /// Copies values from <paramref name="state"/> into the parameters and persistent buffers (in place, so optimisers
    /// keep working). In strict mode the keys must match exactly; otherwise missing and unexpected keys are reported.
    /// </summary>
    /// <returns>The keys this module expected but did not find, and the keys it did not recognise.</returns>
    /// <exception cref="ArgumentException">An entry has the wrong shape (always), or in strict mode keys are missing or
    /// unexpected; the message lists every problem at once.</exception>
    public StateDictLoadResult LoadStateDict(IReadOnlyDictionary<string, Tensor<T>> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = StateDict();
        var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
        var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
        var problems = new List<string>();
        foreach (var (key, target) in own)
            if (state.TryGetValue(key, out var src) && !Shapes.Equal(src.Shape, target.Shape))
                problems.Add($"size mismatch for {key}: expected {Shapes.Format(target.Shape)}, got {Shapes.Format(src.Shape)}");
        if (strict)
        {
            if (missing.Count > 0) problems.Add("missing keys: " + string.Join(", ", missing));
            if (unexpected.Count > 0) problems.Add("unexpected keys: " + string.Join(", ", unexpected));
        }
        if (problems.Count > 0)
            throw new ArgumentException($"LoadStateDict into {GetType().Name}: " + string.Join("; ", problems) + ".", nameof(state));
        using (Autograd.NoGrad())
            foreach (var (key, target) in own)
                if (state.TryGetValue(key, out var src))
                    target.CopyFrom(src.Device.Equals(target.Device) ? src : src.To(target.Device));
        return new StateDictLoadResult(missing, unexpected);
    }

    /// <summary>A one-line summary per module, like PyTorch's module repr.</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        Describe(sb, "", 0);
        return sb.ToString();
    }

    private void Describe(System.Text.StringBuilder sb, string name, int depth)
    {
        sb.Append(' ', depth * 2);
        if (name.Length > 0) sb.Append('(').Append(name).Append("): ");
        sb.Append(GetType().Name.Split('`')[0]).Append('(').Append(ExtraRepr()).Append(')').AppendLine();
        foreach (var (n, c) in children) c.Describe(sb, n, depth + 1);
    }

    /// <summary>The hyperparameters shown by <see cref="ToString"/> (e.g. <c>in=784, out=512</c>).</summary>
    protected virtual string ExtraRepr() => "";
}

/// <summary>What <see cref="Module{T}.LoadStateDict"/> could not match.</summary>
/// <param name="MissingKeys">Keys the module has that the state dict lacks.</param>
/// <param name="UnexpectedKeys">Keys in the state dict the module does not have.</param>
public sealed record StateDictLoadResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys);

/// <summary>A non-learnable tensor owned by a module (running statistics, masks), replaceable like a parameter.</summary>
/// <typeparam name="T">float or double.</typeparam>
/// <param name="value">The initial tensor.</param>
/// <param name="persistent">Whether it is saved in the state dict.</param>
public sealed class Buffer<T>(Tensor<T> value, bool persistent) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The current tensor.</summary>
    public Tensor<T> Value { get; set; } = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Whether it is part of the state dict.</summary>
    public bool Persistent { get; } = persistent;
}
