using System.Globalization;
using System.Text.Json;

namespace Scratch.ML.Learn;

/// <summary>
/// A vector of class labels, integers or strings (scikit-learn accepts either). Arrays convert implicitly:
/// <c>model.Fit(x, new[] { 0, 1, 1 })</c> or <c>model.Fit(x, new[] { "cat", "dog", "dog" })</c>.
/// </summary>
public sealed class Labels
{
    private Labels(int[]? ints, string[]? strings)
    {
        Ints = ints;
        Strings = strings;
    }

    /// <summary>The integer labels, or null for string labels.</summary>
    public IReadOnlyList<int>? Ints { get; }

    /// <summary>The string labels, or null for integer labels.</summary>
    public IReadOnlyList<string>? Strings { get; }

    /// <summary>Whether the labels are strings.</summary>
    public bool IsString => Strings is not null;

    /// <summary>The number of labels.</summary>
    public int Length => Ints?.Count ?? Strings!.Count;

    /// <summary>Integer labels (copied).</summary>
    public static Labels From(ReadOnlySpan<int> labels) => new(labels.ToArray(), null);

    /// <summary>String labels (copied); null entries are rejected.</summary>
    /// <exception cref="ArgumentException">A label is null.</exception>
    public static Labels From(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var a = new string[labels.Count];
        for (int i = 0; i < a.Length; i++)
            a[i] = labels[i] ?? throw new ArgumentException($"Labels: label {i} is null.", nameof(labels));
        return new(null, a);
    }

    /// <summary>Integer labels from a 1-d tensor.</summary>
    /// <exception cref="ArgumentException">The tensor is not 1-d.</exception>
    public static Labels From(Tensor<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Rank != 1) throw new ArgumentException($"Labels: expected a 1-d tensor, got shape {Shapes.Format(labels.Shape)}.", nameof(labels));
        return new(labels.ToArray(), null);
    }

    /// <summary>Integer labels.</summary>
    public static implicit operator Labels(int[] labels) => From(labels);

    /// <summary>String labels.</summary>
    public static implicit operator Labels(string[] labels) => From(labels);

    /// <summary>Integer labels from a 1-d tensor.</summary>
    public static implicit operator Labels(Tensor<int> labels) => From(labels);

    /// <summary>Label i as text (for messages).</summary>
    public string Format(int i) => Ints is not null ? Ints[i].ToString(CultureInfo.InvariantCulture) : $"\"{Strings![i]}\"";
}

/// <summary>
/// The classes a classifier was fitted on, sorted (integers numerically, strings ordinally, like NumPy's
/// <c>unique</c>), and the map between labels and class indices 0…C−1.
/// </summary>
public sealed class ClassLabels
{
    private readonly int[]? ints;
    private readonly string[]? strings;

    private ClassLabels(int[]? ints, string[]? strings)
    {
        this.ints = ints;
        this.strings = strings;
    }

    /// <summary>The number of classes C.</summary>
    public int Count => ints?.Length ?? strings!.Length;

    /// <summary>Integer classes in order, or null.</summary>
    public IReadOnlyList<int>? Ints => ints;

    /// <summary>String classes in order, or null.</summary>
    public IReadOnlyList<string>? Strings => strings;

    /// <summary>The sorted distinct labels of <paramref name="y"/>.</summary>
    public static ClassLabels Of(Labels y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return y.Ints is { } i
            ? new(i.Distinct().Order().ToArray(), null)
            : new(null, y.Strings!.Distinct().Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>Class index per label. Labels of the other kind (string vs integer) or unseen labels are rejected.</summary>
    /// <exception cref="ArgumentException">A label is not one of the classes; the message names it.</exception>
    public int[] Encode(Labels y)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.IsString != (strings is not null))
            throw new ArgumentException($"The classes are {(strings is null ? "integers" : "strings")} but the labels are {(y.IsString ? "strings" : "integers")}.", nameof(y));
        var codes = new int[y.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            int c = ints is not null ? Array.BinarySearch(ints, y.Ints![i]) : Array.BinarySearch(strings!, y.Strings![i], StringComparer.Ordinal);
            if (c < 0) throw new ArgumentException($"Label {y.Format(i)} at position {i} is not one of the {Count} classes seen at fit time.", nameof(y));
            codes[i] = c;
        }
        return codes;
    }

    /// <summary>The labels of class indices.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, C).</exception>
    public Labels Decode(ReadOnlySpan<int> indices)
    {
        foreach (int k in indices)
            if ((uint)k >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), $"Class index {k} is outside [0, {Count}).");
        if (ints is not null)
        {
            var r = new int[indices.Length];
            for (int i = 0; i < r.Length; i++) r[i] = ints[indices[i]];
            return Labels.From(r);
        }
        var s = new string[indices.Length];
        for (int i = 0; i < s.Length; i++) s[i] = strings![indices[i]];
        return Labels.From(s);
    }

    /// <summary>The classes as one metadata string (for model files).</summary>
    public string ToMetadata() => ints is not null ? "i:" + JsonSerializer.Serialize(ints, LabelsJson.Default.Int32Array) : "s:" + JsonSerializer.Serialize(strings!, LabelsJson.Default.StringArray);

    /// <summary>Reads <see cref="ToMetadata"/>.</summary>
    /// <exception cref="InvalidDataException">The text is not a class list.</exception>
    public static ClassLabels FromMetadata(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            if (text.StartsWith("i:", StringComparison.Ordinal)) return new(JsonSerializer.Deserialize(text[2..], LabelsJson.Default.Int32Array)!, null);
            if (text.StartsWith("s:", StringComparison.Ordinal)) return new(null, JsonSerializer.Deserialize(text[2..], LabelsJson.Default.StringArray)!);
        }
        catch (JsonException e) { throw new InvalidDataException($"Invalid class list: {e.Message}"); }
        throw new InvalidDataException("Invalid class list: expected an \"i:\" or \"s:\" prefix.");
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(int[]))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class LabelsJson : System.Text.Json.Serialization.JsonSerializerContext;
