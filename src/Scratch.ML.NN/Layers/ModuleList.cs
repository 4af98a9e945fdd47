using System.Collections;
using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// An indexable list of submodules (PyTorch's <c>nn.ModuleList</c>): the modules are registered under "0", "1", …
/// so their parameters appear in <see cref="Module{T}.Parameters"/> and the state dict (<c>layers.0.weight</c>), but
/// the list has no forward of its own — the owner decides how to call them.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ModuleList<T> : Module<T>, IReadOnlyList<Module<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<Module<T>> modules = [];

    /// <summary>Creates the list with <paramref name="modules"/> in order.</summary>
    public ModuleList(params Module<T>[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules) Add(m);
    }

    /// <summary>Appends a module, registered under its index; returns this list.</summary>
    public ModuleList<T> Add(Module<T> module)
    {
        ArgumentNullException.ThrowIfNull(module);
        RegisterModule(modules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        modules.Add(module);
        return this;
    }

    /// <summary>Appends every module of <paramref name="items"/>; returns this list (PyTorch's <c>extend</c>).</summary>
    public ModuleList<T> AddRange(IEnumerable<Module<T>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var m in items) Add(m);
        return this;
    }

    /// <summary>The number of modules.</summary>
    public int Count => modules.Count;

    /// <summary>Module <paramref name="index"/>; negative indices count from the end like Python.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside [−Count, Count).</exception>
    public Module<T> this[int index]
    {
        get
        {
            int i = index < 0 ? index + modules.Count : index;
            if ((uint)i >= (uint)modules.Count)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"ModuleList has {modules.Count} modules.");
            return modules[i];
        }
    }

    /// <inheritdoc />
    public IEnumerator<Module<T>> GetEnumerator() => modules.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
