using System.Collections;
using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Submodules by name, in insertion order (PyTorch's <c>nn.ModuleDict</c>): each module is registered under its key,
/// so state-dict keys read <c>heads.cls.weight</c>. No forward of its own.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ModuleDict<T> : Module<T>, IReadOnlyDictionary<string, Module<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly OrderedDictionary<string, Module<T>> modules = [];

    /// <summary>Creates an empty dictionary.</summary>
    public ModuleDict() { }

    /// <summary>Creates the dictionary with <paramref name="items"/> in order.</summary>
    public ModuleDict(IEnumerable<KeyValuePair<string, Module<T>>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var (k, m) in items) Add(k, m);
    }

    /// <summary>Adds a module under <paramref name="key"/>; returns this dictionary.</summary>
    /// <exception cref="ArgumentException">The key is empty, contains '.', or is already used.</exception>
    public ModuleDict<T> Add(string key, Module<T> module)
    {
        ArgumentNullException.ThrowIfNull(module);
        RegisterModule(key, module);
        modules.Add(key, module);
        return this;
    }

    /// <summary>The module stored under <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No module has that key (the message lists the keys).</exception>
    public Module<T> this[string key]
        => modules.TryGetValue(key, out var m) ? m : throw new KeyNotFoundException($"ModuleDict has no key \"{key}\"; keys: {string.Join(", ", modules.Keys)}.");

    /// <summary>The keys, in insertion order.</summary>
    public IEnumerable<string> Keys => modules.Keys;

    /// <summary>The modules, in insertion order.</summary>
    public IEnumerable<Module<T>> Values => modules.Values;

    /// <summary>The number of modules.</summary>
    public int Count => modules.Count;

    /// <summary>Whether a module is stored under <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => modules.ContainsKey(key);

    /// <summary>Looks up <paramref name="key"/> without throwing.</summary>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Module<T> value) => modules.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, Module<T>>> GetEnumerator() => modules.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
