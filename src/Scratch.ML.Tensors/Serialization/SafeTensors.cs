using System.Buffers.Binary;
using System.Text.Json;

namespace Scratch.ML.Serialization;

/// <summary>
/// Reads and writes the safetensors format (Hugging Face; what PyTorch, JAX and Candle use for weights): an 8-byte
/// little-endian header length N, N bytes of UTF-8 JSON
/// <c>{name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {str: str}}</c>, then the raw
/// row-major little-endian tensor bytes. No code runs on load (unlike pickle), and every header is validated before
/// any tensor byte is read (see <see cref="Load(Stream)"/>).
/// </summary>
/// <remarks>
/// Writing follows the reference implementation: tensors sorted by element size (largest first, so every tensor
/// starts aligned to its element size), then by ordinal name; <c>__metadata__</c> first; the header padded with
/// spaces to a multiple of 8 bytes. Files written here load in <c>safetensors.torch.load_file</c> and vice versa.
/// </remarks>
public static class SafeTensors
{
    /// <summary>The largest header accepted on load (100 MB), a guard against hostile header lengths.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>Writes <paramref name="tensors"/> and optional <paramref name="metadata"/> to a new file at <paramref name="path"/> (overwriting).</summary>
    /// <exception cref="ArgumentException">A name is empty or <c>__metadata__</c>.</exception>
    public static void Save(string path, IReadOnlyDictionary<string, SafeTensorValue> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var header = Header(tensors, metadata, out var order); // validate before creating the file
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
        Write(fs, header, order);
    }

    /// <summary>Writes <paramref name="tensors"/> and optional <paramref name="metadata"/> to <paramref name="stream"/> at its current position.</summary>
    /// <exception cref="ArgumentException">A name is empty or <c>__metadata__</c>.</exception>
    public static void Save(Stream stream, IReadOnlyDictionary<string, SafeTensorValue> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = Header(tensors, metadata, out var order);
        Write(stream, header, order);
    }

    /// <summary>Writes tensors of one element type (e.g. a module's state dict) to <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">A name is empty or <c>__metadata__</c>.</exception>
    public static void Save<T>(string path, IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, string>? metadata = null) where T : unmanaged
        => Save(path, Wrap(tensors), metadata);

    /// <summary>Writes tensors of one element type to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentException">A name is empty or <c>__metadata__</c>.</exception>
    public static void Save<T>(Stream stream, IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, string>? metadata = null) where T : unmanaged
        => Save(stream, Wrap(tensors), metadata);

    private static Dictionary<string, SafeTensorValue> Wrap<T>(IReadOnlyDictionary<string, Tensor<T>> tensors) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var d = new Dictionary<string, SafeTensorValue>(StringComparer.Ordinal);
        foreach (var (k, v) in tensors) d.Add(k, SafeTensorValue.From(v));
        return d;
    }

    /// <summary>The complete file bytes for <paramref name="tensors"/> and <paramref name="metadata"/>.</summary>
    /// <exception cref="ArgumentException">A name is empty or <c>__metadata__</c>, or a value is null.</exception>
    public static byte[] Serialize(IReadOnlyDictionary<string, SafeTensorValue> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var ms = new MemoryStream();
        Save(ms, tensors, metadata);
        return ms.ToArray();
    }

    private static void Write(Stream stream, byte[] header, List<(string Name, SafeTensorValue Value)> order)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        foreach (var (_, value) in order) value.WriteTo(stream);
        stream.Flush();
    }

    /// <summary>The padded JSON header; <paramref name="order"/> receives the tensors in buffer order.</summary>
    private static byte[] Header(IReadOnlyDictionary<string, SafeTensorValue> tensors, IReadOnlyDictionary<string, string>? metadata,
        out List<(string Name, SafeTensorValue Value)> order)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        order = new List<(string Name, SafeTensorValue Value)>(tensors.Count);
        foreach (var (name, value) in tensors)
        {
            if (string.IsNullOrEmpty(name) || name == SafeTensorsHeader.MetadataKey)
                throw new ArgumentException($"safetensors tensor names must be non-empty and not \"{SafeTensorsHeader.MetadataKey}\", got \"{name}\".", nameof(tensors));
            if (value is null) throw new ArgumentException($"safetensors tensor \"{name}\" is null.", nameof(tensors));
            order.Add((name, value));
        }
        order.Sort(static (a, b) =>
        {
            int c = SafeTensorsDTypes.SizeOf(b.Value.DType).CompareTo(SafeTensorsDTypes.SizeOf(a.Value.DType));
            return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
        });
        var header = new MemoryStream();
        long offset = 0;
        using (var w = new Utf8JsonWriter(header))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject(SafeTensorsHeader.MetadataKey);
                foreach (var (k, v) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (v is null) throw new ArgumentException($"safetensors metadata[\"{k}\"] is null.", nameof(metadata));
                    w.WriteString(k, v);
                }
                w.WriteEndObject();
            }
            foreach (var (name, value) in order)
            {
                long bytes = value.ByteLength;
                w.WriteStartObject(name);
                w.WriteString("dtype", SafeTensorsDTypes.Code(value.DType));
                w.WriteStartArray("shape");
                foreach (int d in value.Shape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset + bytes);
                w.WriteEndArray();
                w.WriteEndObject();
                offset += bytes;
            }
            w.WriteEndObject();
        }
        int pad = (int)((8 - header.Length % 8) % 8);
        for (int i = 0; i < pad; i++) header.WriteByte((byte)' ');
        return header.ToArray();
    }

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <exception cref="SafeTensorsFormatException">The file is malformed (see <see cref="Load(Stream)"/>).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static SafeTensorsFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Load(fs);
    }

    /// <summary>Reads and validates complete file bytes.</summary>
    /// <exception cref="SafeTensorsFormatException">The bytes are malformed.</exception>
    public static SafeTensorsFile Load(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Load(new MemoryStream(bytes, writable: false));
    }

    /// <summary>
    /// Reads a safetensors file from <paramref name="stream"/> (to its end) and validates it before any tensor byte is
    /// interpreted: the header length must fit in the stream and in <see cref="MaxHeaderBytes"/>, and the header must
    /// pass every rule listed on <c>SafeTensorsHeader</c> (valid JSON object, known dtypes, non-negative shapes whose
    /// byte size equals their range, ranges inside the buffer, no overlap, no gap, no duplicate names).
    /// </summary>
    /// <exception cref="SafeTensorsFormatException">The data is malformed; the message names the problem.</exception>
    public static SafeTensorsFile Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[8];
        int got = ReadUpTo(stream, prefix);
        if (got < 8)
            throw new SafeTensorsFormatException($"safetensors data is truncated: {got} bytes, but the 8-byte header length is required.");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (n > MaxHeaderBytes)
            throw new SafeTensorsFormatException($"safetensors header length {n} exceeds the limit of {MaxHeaderBytes} bytes (corrupt or hostile file).");
        long? remaining = stream.CanSeek ? stream.Length - stream.Position : null;
        if (remaining is { } r && (long)n > r)
            throw new SafeTensorsFormatException($"safetensors header length {n} exceeds the {r} bytes that follow it (truncated or corrupt file).");
        if (n < 2)
            throw new SafeTensorsFormatException($"safetensors header length {n} is too small for a JSON object.");
        var header = new byte[(int)n];
        got = ReadUpTo(stream, header);
        if (got < header.Length)
            throw new SafeTensorsFormatException($"safetensors data is truncated: the header needs {n} bytes but only {got} follow the length.");
        if (header[0] != (byte)'{')
            throw new SafeTensorsFormatException($"safetensors header must start with '{{', got byte 0x{header[0]:X2}.");
        byte[] buffer;
        if (remaining is { } rest)
        {
            long len = rest - (long)n;
            if (len > Array.MaxLength)
                throw new SafeTensorsFormatException($"safetensors byte buffer of {len} bytes exceeds the largest supported ({Array.MaxLength}).");
            buffer = GC.AllocateUninitializedArray<byte>((int)len); // every byte is overwritten below or the load fails
            got = ReadUpTo(stream, buffer);
            if (got < buffer.Length)
                throw new SafeTensorsFormatException($"safetensors data is truncated: expected {len} buffer bytes, read {got}.");
        }
        else
        {
            var ms = new MemoryStream();
            stream.CopyTo(ms);
            buffer = ms.ToArray();
        }
        var (tensors, metadata) = SafeTensorsHeader.Parse(header, buffer.Length);
        return new SafeTensorsFile(tensors, metadata, buffer);
    }

    private static int ReadUpTo(Stream stream, Span<byte> destination)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int r = stream.Read(destination[total..]);
            if (r == 0) break;
            total += r;
        }
        return total;
    }
}
