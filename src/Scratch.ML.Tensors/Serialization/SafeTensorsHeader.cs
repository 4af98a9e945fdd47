using System.Text.Json;

namespace Scratch.ML.Serialization;

/// <summary>
/// Parses and validates the JSON header of an untrusted safetensors file before any tensor byte is touched.
/// </summary>
/// <remarks>
/// Rules (each violation is a <see cref="SafeTensorsFormatException"/> naming the tensor and the values):
/// the header is a UTF-8 JSON object; every key other than <c>__metadata__</c> is a tensor whose value is an object
/// with exactly <c>dtype</c> (a known code), <c>shape</c> (non-negative integers) and <c>data_offsets</c>
/// (<c>[begin, end]</c>, 0 ≤ begin ≤ end ≤ buffer length); names are unique; <c>Π shape × size(dtype) = end − begin</c>
/// (overflow-checked); sorted by offset the ranges tile the buffer exactly — no overlap, no gap, nothing left over,
/// like the reference implementation's <c>validate</c>. <c>__metadata__</c>, when present, maps strings to strings.
/// </remarks>
internal static class SafeTensorsHeader
{
    internal const string MetadataKey = "__metadata__";

    /// <summary>Parses <paramref name="header"/> for a byte buffer of <paramref name="bufferLength"/> bytes.</summary>
    /// <returns>The entries sorted by offset, and the metadata (empty when absent).</returns>
    internal static (List<SafeTensorInfo> Tensors, Dictionary<string, string> Metadata) Parse(ReadOnlySpan<byte> header, long bufferLength)
    {
        if (!System.Text.Unicode.Utf8.IsValid(header))
            throw new SafeTensorsFormatException("safetensors header is not valid UTF-8.");
        JsonDocument doc;
        try
        {
            var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 8 });
            doc = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
                throw new SafeTensorsFormatException($"safetensors header: unexpected data after the JSON object at byte {reader.TokenStartIndex}.");
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException($"safetensors header is not valid JSON: {e.Message}", e);
        }
        catch (ArgumentException e) // invalid UTF-8 surfaces here in some readers
        {
            throw new SafeTensorsFormatException($"safetensors header is not valid UTF-8 JSON: {e.Message}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new SafeTensorsFormatException($"safetensors header must be a JSON object, got {root.ValueKind}.");
            var tensors = new List<SafeTensorInfo>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            bool sawMetadata = false;
            foreach (var prop in root.EnumerateObject())
            {
                if (prop.Name == MetadataKey)
                {
                    if (sawMetadata) throw new SafeTensorsFormatException("safetensors header has two \"__metadata__\" entries.");
                    sawMetadata = true;
                    ParseMetadata(prop.Value, metadata);
                    continue;
                }
                if (!seen.Add(prop.Name))
                    throw new SafeTensorsFormatException($"safetensors header names tensor \"{prop.Name}\" twice; names must be unique.");
                tensors.Add(ParseTensor(prop.Name, prop.Value, bufferLength));
            }
            CheckCoverage(tensors, bufferLength);
            return (tensors, metadata);
        }
    }

    private static void ParseMetadata(JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsFormatException($"safetensors \"__metadata__\" must be an object of strings, got {value.ValueKind}.");
        foreach (var p in value.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
                throw new SafeTensorsFormatException($"safetensors \"__metadata__\" entry \"{p.Name}\" must be a string, got {p.Value.ValueKind}.");
            if (!metadata.TryAdd(p.Name, p.Value.GetString()!))
                throw new SafeTensorsFormatException($"safetensors \"__metadata__\" has key \"{p.Name}\" twice.");
        }
    }

    private static SafeTensorInfo ParseTensor(string name, JsonElement value, long bufferLength)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsFormatException($"safetensors tensor \"{name}\": expected an object with dtype, shape and data_offsets, got {value.ValueKind}.");
        string? code = null;
        int[]? shape = null;
        long[]? offsets = null;
        foreach (var p in value.EnumerateObject())
        {
            switch (p.Name)
            {
                case "dtype":
                    if (code is not null) throw Dup(name, p.Name);
                    code = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()
                        : throw new SafeTensorsFormatException($"safetensors tensor \"{name}\": dtype must be a string, got {p.Value.ValueKind}.");
                    break;
                case "shape":
                    if (shape is not null) throw Dup(name, p.Name);
                    shape = ParseShape(name, p.Value);
                    break;
                case "data_offsets":
                    if (offsets is not null) throw Dup(name, p.Name);
                    offsets = ParseOffsets(name, p.Value);
                    break;
                default:
                    throw new SafeTensorsFormatException($"safetensors tensor \"{name}\": unknown field \"{p.Name}\" (expected dtype, shape, data_offsets).");
            }
        }
        if (code is null || shape is null || offsets is null)
            throw new SafeTensorsFormatException($"safetensors tensor \"{name}\": missing field \"{(code is null ? "dtype" : shape is null ? "shape" : "data_offsets")}\".");
        if (!SafeTensorsDTypes.TryParse(code, out var dtype))
            throw new SafeTensorsFormatException($"safetensors tensor \"{name}\": unknown or unsupported dtype \"{code}\" (supported: F64, F32, F16, BF16, I64, I32, U8, BOOL).");
        long begin = offsets[0], end = offsets[1];
        if (begin > end)
            throw new SafeTensorsFormatException($"safetensors tensor \"{name}\": data_offsets [{begin}, {end}] end before they begin.");
        if (end > bufferLength)
            throw new SafeTensorsFormatException($"safetensors tensor \"{name}\": data_offsets [{begin}, {end}] reach past the end of the {bufferLength}-byte buffer.");
        long count = 1;
        try
        {
            foreach (int d in shape) count = checked(count * d);
            long bytes = checked(count * SafeTensorsDTypes.SizeOf(dtype));
            if (bytes != end - begin)
                throw new SafeTensorsFormatException($"safetensors tensor \"{name}\": shape {Shapes.Format(shape)} of {code} needs {bytes} bytes but data_offsets [{begin}, {end}] hold {end - begin}.");
        }
        catch (OverflowException)
        {
            throw new SafeTensorsFormatException($"safetensors tensor \"{name}\": the byte size of shape {Shapes.Format(shape)} of {code} overflows.");
        }
        if (count > Array.MaxLength)
            throw new SafeTensorsFormatException($"safetensors tensor \"{name}\": {count} elements exceed the largest supported tensor ({Array.MaxLength}).");
        return new SafeTensorInfo(name, dtype, shape, begin, end);
    }

    private static SafeTensorsFormatException Dup(string name, string field)
        => new($"safetensors tensor \"{name}\": field \"{field}\" appears twice.");

    private static int[] ParseShape(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw new SafeTensorsFormatException($"safetensors tensor \"{name}\": shape must be an array of integers, got {value.ValueKind}.");
        var shape = new int[value.GetArrayLength()];
        int i = 0;
        foreach (var d in value.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out long v) || v < 0 || v > int.MaxValue)
                throw new SafeTensorsFormatException($"safetensors tensor \"{name}\": shape[{i}] = {d.GetRawText()} is not an integer in [0, {int.MaxValue}].");
            shape[i++] = (int)v;
        }
        return shape;
    }

    private static long[] ParseOffsets(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2)
            throw new SafeTensorsFormatException($"safetensors tensor \"{name}\": data_offsets must be an array [begin, end], got {value.GetRawText()}.");
        var o = new long[2];
        int i = 0;
        foreach (var d in value.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out long v) || v < 0)
                throw new SafeTensorsFormatException($"safetensors tensor \"{name}\": data_offsets[{i}] = {d.GetRawText()} is not a non-negative integer.");
            o[i++] = v;
        }
        return o;
    }

    /// <summary>Sorted by offset, the byte ranges must tile [0, bufferLength) exactly.</summary>
    private static void CheckCoverage(List<SafeTensorInfo> tensors, long bufferLength)
    {
        tensors.Sort(static (a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End != b.End ? a.End.CompareTo(b.End) : string.CompareOrdinal(a.Name, b.Name));
        long expected = 0;
        SafeTensorInfo? previous = null;
        foreach (var t in tensors)
        {
            if (t.Begin < expected)
                throw new SafeTensorsFormatException($"safetensors tensors \"{previous!.Name}\" [{previous.Begin}, {previous.End}) and \"{t.Name}\" [{t.Begin}, {t.End}) overlap.");
            if (t.Begin > expected)
                throw new SafeTensorsFormatException($"safetensors buffer bytes [{expected}, {t.Begin}) before tensor \"{t.Name}\" belong to no tensor; the ranges must be contiguous.");
            expected = t.End;
            previous = t;
        }
        if (expected != bufferLength)
            throw new SafeTensorsFormatException($"safetensors buffer has {bufferLength} bytes but the tensors cover only [0, {expected}); the buffer must be fully covered.");
    }
}
