using System.Globalization;
using System.Numerics;
using Scratch.ML.Serialization;

namespace Scratch.ML.Learn.Compose;

/// <summary>
/// The on-disk form of a composite model: ONE safetensors file holding every child's tensors and metadata under the
/// prefix <c>"{index}/"</c> (child 0's <c>"mean"</c> is stored as <c>"0/mean"</c>, its <c>scratch.ml.kind</c> as
/// <c>"0/scratch.ml.kind"</c>), plus the composite's own entries: the usual kind/dtype/format keys,
/// <c>compose.children</c> (the child count), <c>compose.{i}.name</c> and the composite's options (keys without '/').
/// </summary>
/// <remarks>
/// Loading is defensive, as the file may be untrusted: the child count is bounded, every tensor and '/'-key must
/// belong to a declared child, each child is rebuilt as its own safetensors file and handed to the loader registered
/// for the kind it declares (<see cref="ModelLoaders"/>; nothing else can be instantiated), the child's own loader then
/// validates it as for a standalone file, and nesting is limited to <see cref="MaxDepth"/> levels.
/// </remarks>
internal static class CompositeFile
{
    internal const string KindKey = "scratch.ml.kind", DTypeKey = "scratch.ml.dtype", VersionKey = "scratch.ml.format";
    private const string CountKey = "compose.children";
    internal const int MaxDepth = 16, MaxChildren = 4096;

    [ThreadStatic] private static int depth;

    /// <summary>Writes a composite of <paramref name="kind"/> with its children and options.</summary>
    public static void Write<T>(Stream stream, string kind, IReadOnlyList<(string Name, IFittedModel Model)> children, IReadOnlyDictionary<string, string> options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        var tensors = new Dictionary<string, SafeTensorValue>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(options, StringComparer.Ordinal)
        {
            [KindKey] = kind,
            [DTypeKey] = typeof(T).Name,
            [VersionKey] = "1",
            [CountKey] = children.Count.ToString(CultureInfo.InvariantCulture),
        };
        for (int i = 0; i < children.Count; i++)
        {
            metadata[$"compose.{i}.name"] = children[i].Name;
            using var buffer = new MemoryStream();
            children[i].Model.Save(buffer);
            var child = SafeTensors.Load(buffer.ToArray());
            foreach (var (key, value) in child.Metadata) metadata[$"{i}/{key}"] = value;
            foreach (var info in child.Tensors) tensors[$"{i}/{info.Name}"] = Copy(kind, child, info);
        }
        SafeTensors.Save(stream, tensors, metadata);
    }

    /// <summary>Reads a composite of <paramref name="kind"/>: its own options (keys without '/') and its loaded children, in order.</summary>
    /// <exception cref="InvalidDataException">Wrong kind or element type, a malformed child table, an unregistered child kind, or a child its loader rejects.</exception>
    public static (IReadOnlyDictionary<string, string> Options, IReadOnlyList<(string Name, IFittedModel Model)> Children) Read<T>(Stream stream, string kind)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (depth >= MaxDepth) throw new InvalidDataException($"{kind}: composite models are nested more than {MaxDepth} levels deep.");
        var file = SafeTensors.Load(stream);
        var meta = file.Metadata;
        if (!meta.TryGetValue(KindKey, out var k) || k != kind)
            throw new InvalidDataException($"Expected a saved {kind}, but the file holds {(k is null ? "no Scratch.ML model" : "a " + k)}.");
        if (!meta.TryGetValue(DTypeKey, out var dt) || dt != typeof(T).Name)
            throw new InvalidDataException($"{kind}: the file holds a model of {dt ?? "unknown"} values; load it as that element type, not {typeof(T).Name}.");
        int count = Int(kind, meta, CountKey, 0, MaxChildren);

        var childMeta = new Dictionary<string, string>[count];
        var childTensors = new Dictionary<string, SafeTensorValue>[count];
        for (int i = 0; i < count; i++) { childMeta[i] = new(StringComparer.Ordinal); childTensors[i] = new(StringComparer.Ordinal); }
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in meta)
        {
            if (key.IndexOf('/', StringComparison.Ordinal) < 0) { options[key] = value; continue; }
            var (index, rest) = Split(kind, key, count, "metadata key");
            childMeta[index][rest] = value;
        }
        foreach (var info in file.Tensors)
        {
            var (index, rest) = Split(kind, info.Name, count, "tensor");
            childTensors[index][rest] = Copy(kind, file, info);
        }

        var children = new (string Name, IFittedModel Model)[count];
        depth++;
        try
        {
            for (int i = 0; i < count; i++)
            {
                string name = meta.TryGetValue($"compose.{i}.name", out var n) ? n : throw new InvalidDataException($"{kind}: child {i} has no name.");
                if (name.Length == 0 || name.Contains('.', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal))
                    throw new InvalidDataException($"{kind}: child {i} has an invalid name \"{name}\" (empty or containing '.' or '/').");
                for (int j = 0; j < i; j++)
                    if (children[j].Name == name) throw new InvalidDataException($"{kind}: two children are named \"{name}\".");
                if (!childMeta[i].TryGetValue(KindKey, out var childKind))
                    throw new InvalidDataException($"{kind}: child {i} (\"{name}\") declares no model kind.");
                var bytes = SafeTensors.Serialize(childTensors[i], childMeta[i]);
                IFittedModel model;
                try
                {
                    model = ModelLoaders.Load<T>(childKind, new MemoryStream(bytes, writable: false));
                }
                catch (Exception e) when (e is not InvalidDataException)
                {
                    throw new InvalidDataException($"{kind}: child {i} (\"{name}\", a {childKind}) could not be loaded: {e.Message}", e);
                }
                children[i] = (name, model);
            }
        }
        finally
        {
            depth--;
        }
        return (options, children);
    }

    /// <summary>A non-negative integer option in [min, max].</summary>
    public static int Int(string kind, IReadOnlyDictionary<string, string> options, string key, int min, int max)
    {
        if (!options.TryGetValue(key, out var text)) throw new InvalidDataException($"{kind}: the file has no option \"{key}\".");
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max ? v
            : throw new InvalidDataException($"{kind}: option \"{key}\" is \"{text}\", expected an integer in [{min}, {max}].");
    }

    /// <summary>A comma-separated list of column indices, each in [0, limit).</summary>
    public static int[] Indices(string kind, IReadOnlyDictionary<string, string> options, string key, int limit)
    {
        if (!options.TryGetValue(key, out var text)) throw new InvalidDataException($"{kind}: the file has no option \"{key}\".");
        if (text.Length == 0) return [];
        var parts = text.Split(',');
        if (parts.Length > limit) throw new InvalidDataException($"{kind}: option \"{key}\" lists {parts.Length} columns but there are only {limit}.");
        var result = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            result[i] = int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v < limit ? v
                : throw new InvalidDataException($"{kind}: option \"{key}\" holds \"{parts[i]}\", expected a column index in [0, {limit}).");
        return result;
    }

    /// <summary>The text form <see cref="Indices"/> reads.</summary>
    public static string Format(IEnumerable<int> indices) => string.Join(",", indices.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    private static (int Index, string Key) Split(string kind, string key, int count, string what)
    {
        int slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && int.TryParse(key.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < count && slash + 1 < key.Length)
            return (index, key[(slash + 1)..]);
        throw new InvalidDataException($"{kind}: {what} \"{key}\" belongs to no declared child (the file declares {count}).");
    }

    private static SafeTensorValue Copy(string kind, SafeTensorsFile file, SafeTensorInfo info) => info.DType switch
    {
        SafeTensorsDType.F64 => SafeTensorValue.From(file.Get<double>(info.Name)),
        SafeTensorsDType.F32 => SafeTensorValue.From(file.Get<float>(info.Name)),
        SafeTensorsDType.I64 => SafeTensorValue.From(file.Get<long>(info.Name)),
        SafeTensorsDType.I32 => SafeTensorValue.From(file.Get<int>(info.Name)),
        SafeTensorsDType.U8 => SafeTensorValue.From(file.Get<byte>(info.Name)),
        SafeTensorsDType.BOOL => SafeTensorValue.From(file.Get<bool>(info.Name)),
        _ => throw new InvalidDataException($"{kind}: tensor \"{info.Name}\" has dtype {info.DType}, which composite model files do not carry."),
    };
}
