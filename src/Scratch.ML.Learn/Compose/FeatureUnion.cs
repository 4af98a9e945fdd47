using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Compose;

/// <summary>
/// Applies several transformers to the same input and stacks their outputs side by side (scikit-learn's
/// <c>FeatureUnion</c>): <c>Transform(x) = [T₁(x) | T₂(x) | …]</c>, in entry order. An entry may be
/// <see cref="Passthrough"/> (the input itself) or <see cref="Drop"/> (no output). Capabilities combine as for
/// <see cref="ColumnTransformer"/>: NaN is handled only if every non-drop entry handles it.
/// </summary>
public sealed class FeatureUnion : ICompositeEstimator, ITransformer, IEquatable<FeatureUnion>
{
    /// <summary>Builds a feature union.</summary>
    /// <param name="Transformers">(name, transformer or <see cref="Drop"/>) entries, at least one that is not Drop; names unique, without '.' or '/'.</param>
    /// <exception cref="ArgumentException">No usable entry, a bad or repeated name, or an estimator that is neither a transformer nor Drop.</exception>
    public FeatureUnion(params IReadOnlyList<(string Name, IEstimator Transformer)> Transformers)
    {
        ArgumentNullException.ThrowIfNull(Transformers);
        var entries = Transformers.ToArray();
        CompositeRules.CheckNames(nameof(FeatureUnion), entries.Select(e => e.Name), nameof(Transformers));
        foreach (var (name, transformer) in entries)
            if (transformer is not (ITransformer or Drop))
                throw new ArgumentException($"FeatureUnion: entry \"{name}\" must be a transformer, Passthrough or Drop, got {transformer?.GetType().Name ?? "null"}.", nameof(Transformers));
        if (!entries.Any(e => e.Transformer is ITransformer))
            throw new ArgumentException("FeatureUnion: needs at least one entry that is not Drop.", nameof(Transformers));
        this.Transformers = Array.AsReadOnly(entries);
        Capabilities = CompositeRules.SideBySide(entries.Select(e => e.Transformer));
    }

    /// <summary>The entries, in output order.</summary>
    public IReadOnlyList<(string Name, IEstimator Transformer)> Transformers { get; }

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, IEstimator Estimator)> Children => Transformers;

    /// <summary>scikit-learn's <c>make_union</c>: entries named by lower-cased type name (<c>name-k</c> when repeated).</summary>
    public static FeatureUnion Make(params IEstimator[] transformers)
    {
        ArgumentNullException.ThrowIfNull(transformers);
        var names = CompositeRules.AutoNames(transformers);
        return new FeatureUnion(names.Select((n, i) => (n, transformers[i])).ToArray());
    }

    /// <summary>A copy with entry <paramref name="name"/> replaced.</summary>
    /// <exception cref="ArgumentException">No entry has that name, or the replacement is not a transformer or Drop.</exception>
    public IEstimator WithChild(string name, IEstimator replacement)
    {
        if (!Transformers.Any(e => e.Name == name))
            throw new ArgumentException($"FeatureUnion: no entry named \"{name}\" (entries: {string.Join(", ", Transformers.Select(e => e.Name))}).", nameof(name));
        return new FeatureUnion(Transformers.Select(e => e.Name == name ? (name, replacement) : e).ToArray());
    }

    /// <summary>Fits every non-drop entry on x: (n, d).</summary>
    /// <exception cref="ArgumentException">x is not a matrix without ±∞, or an entry rejects it.</exception>
    public FeatureUnionModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(nameof(FeatureUnion), x, allowNaN: true);
        var fitted = Transformers.Select(e => (e.Name, e.Transformer is ITransformer t ? t.Fit(xs) : null)).ToArray();
        return new FeatureUnionModel<T>(xs.Shape[1], fitted);
    }

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);

    /// <summary><c>FeatureUnion(name: Estimator { … }, …)</c>.</summary>
    public override string ToString() => $"FeatureUnion({string.Join(", ", Transformers.Select(e => $"{e.Name}: {e.Transformer}"))})";

    /// <summary>Equal when the entry names and transformers are equal, in order.</summary>
    public bool Equals(FeatureUnion? other) => other is not null && CompositeRules.SameChildren(Children, other.Children);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FeatureUnion);

    /// <inheritdoc />
    public override int GetHashCode() => CompositeRules.Hash(Children);
}

/// <summary>A fitted <see cref="FeatureUnion"/>: the entries' models (null for Drop).</summary>
/// <remarks>Saved as a composite file (docs/composition.md) with options <c>fu.features</c>, <c>fu.entries</c>,
/// <c>fu.{i}.name</c> and <c>fu.{i}.child</c> (child index or −1 for Drop).</remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class FeatureUnionModel<T> : ITransformModel<T>, ILoadableModel<FeatureUnionModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string Kind = "FeatureUnion";

    internal FeatureUnionModel(int featureCount, IReadOnlyList<(string Name, ITransformModel<T>? Model)> entries)
    {
        FeatureCount = featureCount;
        Entries = entries.ToArray();
    }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>(name, fitted model or null for Drop), in output order.</summary>
    public IReadOnlyList<(string Name, ITransformModel<T>? Model)> Entries { get; }

    /// <summary>[T₁(x) | T₂(x) | …] for x: (n, d): (n, Σ dᵢ).</summary>
    /// <exception cref="ArgumentException">x is not (n, d) with the fitted d, holds ±∞, or an entry rejects it.</exception>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(FeatureUnionModel<T>), x, FeatureCount, allowNaN: true);
        var parts = Entries.Where(e => e.Model is not null).Select(e => e.Model!.Transform(xs)).ToArray();
        return parts.Length == 1 ? parts[0].Contiguous() : Tensor.Concat(parts, 1);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var children = new List<(string Name, IFittedModel Model)>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["fu.features"] = FeatureCount.ToString(CultureInfo.InvariantCulture),
            ["fu.entries"] = Entries.Count.ToString(CultureInfo.InvariantCulture),
        };
        for (int i = 0; i < Entries.Count; i++)
        {
            var (name, model) = Entries[i];
            options[$"fu.{i}.name"] = name;
            options[$"fu.{i}.child"] = (model is null ? -1 : children.Count).ToString(CultureInfo.InvariantCulture);
            if (model is not null) children.Add((name, model));
        }
        CompositeFile.Write<T>(stream, Kind, children, options);
    }

    /// <inheritdoc />
    public static FeatureUnionModel<T> Load(Stream stream)
    {
        var (options, children) = CompositeFile.Read<T>(stream, Kind);
        int d = CompositeFile.Int(Kind, options, "fu.features", 1, int.MaxValue);
        int count = CompositeFile.Int(Kind, options, "fu.entries", 1, CompositeFile.MaxChildren);
        var entries = new (string, ITransformModel<T>?)[count];
        var claimed = new bool[children.Count];
        for (int i = 0; i < count; i++)
        {
            string name = options.TryGetValue($"fu.{i}.name", out var n) ? n : throw new InvalidDataException($"{Kind}: entry {i} has no name.");
            int child = CompositeFile.Int(Kind, options, $"fu.{i}.child", -1, children.Count - 1);
            ITransformModel<T>? model = null;
            if (child >= 0)
            {
                if (claimed[child] || children[child].Name != name)
                    throw new InvalidDataException($"{Kind}: entry \"{name}\" points at child {child} (\"{children[child].Name}\"), which is taken or named differently.");
                claimed[child] = true;
                model = children[child].Model as ITransformModel<T> ?? throw new InvalidDataException($"{Kind}: entry \"{name}\" holds a {children[child].Model.GetType().Name}, not a transform model.");
                if (model.FeatureCount != d) throw new InvalidDataException($"{Kind}: entry \"{name}\" was fitted on {model.FeatureCount} features, the union on {d}.");
            }
            entries[i] = (name, model);
        }
        if (claimed.Any(c => !c) || children.Count == 0) throw new InvalidDataException($"{Kind}: the file's children do not match its entries.");
        return new FeatureUnionModel<T>(d, entries);
    }
}
