using System.Globalization;
using System.Numerics;
using Scratch.ML.Serialization;

namespace Scratch.ML.Learn;

/// <summary>
/// The on-disk form of every fitted model: a safetensors file whose tensors are the learned state and whose metadata
/// records the model kind, the element type, the format version and the options, so that loading can check it got
/// the file it expects.
/// </summary>
public static class ModelFile
{
    private const string KindKey = "scratch.ml.kind", DTypeKey = "scratch.ml.dtype", VersionKey = "scratch.ml.format";

    /// <summary>Writes <paramref name="tensors"/> and <paramref name="options"/> for a model of <paramref name="kind"/>.</summary>
    public static void Write<T>(Stream stream, string kind, IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, string> options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        var metadata = new Dictionary<string, string>(options)
        {
            [KindKey] = kind,
            [DTypeKey] = typeof(T).Name,
            [VersionKey] = "1",
        };
        SafeTensors.Save(stream, tensors, metadata);
    }

    /// <summary>
    /// Writes tensors of mixed element types (e.g. a tree's int32 child ids and float64 thresholds beside the model's
    /// <typeparamref name="T"/> tensors) for a model of element type <typeparamref name="T"/>.
    /// </summary>
    public static void Write<T>(Stream stream, string kind, IReadOnlyDictionary<string, SafeTensorValue> tensors, IReadOnlyDictionary<string, string> options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        var metadata = new Dictionary<string, string>(options)
        {
            [KindKey] = kind,
            [DTypeKey] = typeof(T).Name,
            [VersionKey] = "1",
        };
        SafeTensors.Save(stream, tensors, metadata);
    }

    /// <summary>Reads a file written by one of the <c>Write</c> overloads, checking the kind and element type.</summary>
    /// <exception cref="InvalidDataException">The file is of another kind or element type, or lacks a required entry.</exception>
    public static ModelFileContents<T> Read<T>(Stream stream, string kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        var file = SafeTensors.Load(stream);
        if (!file.Metadata.TryGetValue(KindKey, out var k) || k != kind)
            throw new InvalidDataException($"Expected a saved {kind}, but the file holds {(k is null ? "no Scratch.ML model" : "a " + k)}.");
        if (!file.Metadata.TryGetValue(DTypeKey, out var dt) || dt != typeof(T).Name)
            throw new InvalidDataException($"{kind}: the file holds a model of {dt ?? "unknown"} values; load it as that element type, not {typeof(T).Name}.");
        return new ModelFileContents<T>(kind, file);
    }
}

/// <summary>The tensors and options of a saved model, with checked accessors.</summary>
public sealed class ModelFileContents<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly string kind;
    private readonly SafeTensorsFile file;

    internal ModelFileContents(string kind, SafeTensorsFile file)
    {
        this.kind = kind;
        this.file = file;
    }

    /// <summary>The underlying safetensors file, for entries of other element types (validate what you read).</summary>
    public SafeTensorsFile File => file;

    /// <summary>A learned tensor, checked to have <paramref name="rank"/> axes.</summary>
    /// <exception cref="InvalidDataException">Missing, or of another rank.</exception>
    public Tensor<T> Tensor(string name, int rank)
    {
        if (!file.Names.Contains(name)) throw new InvalidDataException($"{kind}: the file has no tensor \"{name}\".");
        var t = file.Get<T>(name);
        if (t.Rank != rank) throw new InvalidDataException($"{kind}: tensor \"{name}\" has shape {Shapes.Format(t.Shape)}, expected {rank} axes.");
        return t;
    }

    /// <summary>An option stored as text.</summary>
    public string Option(string name) => file.Metadata.TryGetValue(name, out var v) ? v : throw new InvalidDataException($"{kind}: the file has no option \"{name}\".");

    /// <summary>A numeric option (invariant culture, round-trip format).</summary>
    public double Number(string name) => double.Parse(Option(name), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A Boolean option.</summary>
    public bool Flag(string name) => bool.Parse(Option(name));
}
