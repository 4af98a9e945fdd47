using System.Globalization;
using System.Text.Json;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// Per-class sample weights (scikit-learn's <c>class_weight</c>): <see cref="Balanced"/>
/// (<c>w_k = n / (C · n_k)</c> from the unweighted class counts) or an explicit map from label to weight (labels missing
/// from the map get weight 1). The class weight of a sample multiplies its sample weight.
/// </summary>
public sealed record ClassWeights
{
    private ClassWeights(bool balanced, IReadOnlyDictionary<int, double>? ints, IReadOnlyDictionary<string, double>? strings)
    {
        IsBalanced = balanced;
        IntWeights = ints;
        StringWeights = strings;
    }

    /// <summary><c>"balanced"</c>: class k gets <c>n / (C · n_k)</c>, n_k the number of samples of class k (ignoring sample weights).</summary>
    public static ClassWeights Balanced { get; } = new(true, null, null);

    /// <summary>Whether this is <see cref="Balanced"/>.</summary>
    public bool IsBalanced { get; }

    /// <summary>The explicit weights of integer labels, or null.</summary>
    public IReadOnlyDictionary<int, double>? IntWeights { get; }

    /// <summary>The explicit weights of string labels, or null.</summary>
    public IReadOnlyDictionary<string, double>? StringWeights { get; }

    /// <summary>Explicit weights for integer labels (each finite and ≥ 0).</summary>
    /// <exception cref="ArgumentException">A weight is negative, NaN or infinite.</exception>
    public static ClassWeights Of(IReadOnlyDictionary<int, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var (k, v) in weights) CheckWeight(k.ToString(CultureInfo.InvariantCulture), v);
        return new(false, new SortedDictionary<int, double>(weights.ToDictionary()), null);
    }

    /// <summary>Explicit weights for string labels (each finite and ≥ 0).</summary>
    /// <exception cref="ArgumentException">A weight is negative, NaN or infinite.</exception>
    public static ClassWeights Of(IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var (k, v) in weights) CheckWeight($"\"{k}\"", v);
        return new(false, null, new SortedDictionary<string, double>(weights.ToDictionary(), StringComparer.Ordinal));
    }

    private static void CheckWeight(string label, double v)
    {
        if (!(v >= 0) || double.IsInfinity(v))
            throw new ArgumentException($"ClassWeights: the weight of class {label} must be finite and ≥ 0, got {v}.", "weights");
    }

    /// <summary>
    /// The weight of each class (in <paramref name="classes"/> order) for encoded labels <paramref name="codes"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The map names a label that is not a class, or has the wrong label type.</exception>
    public double[] Resolve(string estimator, ClassLabels classes, int[] codes)
    {
        int c = classes.Count;
        var w = new double[c];
        if (IsBalanced)
        {
            var count = new int[c];
            foreach (int k in codes) count[k]++;
            for (int k = 0; k < c; k++) w[k] = (double)codes.Length / (c * count[k]);
            return w;
        }
        Array.Fill(w, 1.0);
        if (IntWeights is not null)
        {
            if (classes.Ints is null) throw new ArgumentException($"{estimator}: classWeight has integer labels but y has string labels.", "ClassWeight");
            foreach (var (label, v) in IntWeights)
            {
                int k = classes.Ints.ToList().IndexOf(label);
                if (k < 0) throw new ArgumentException($"{estimator}: classWeight names class {label}, which is not in y.", "ClassWeight");
                w[k] = v;
            }
        }
        else if (StringWeights is not null)
        {
            if (classes.Strings is null) throw new ArgumentException($"{estimator}: classWeight has string labels but y has integer labels.", "ClassWeight");
            foreach (var (label, v) in StringWeights)
            {
                int k = classes.Strings.ToList().IndexOf(label);
                if (k < 0) throw new ArgumentException($"{estimator}: classWeight names class \"{label}\", which is not in y.", "ClassWeight");
                w[k] = v;
            }
        }
        return w;
    }

    /// <summary>A text form for model files: <c>balanced</c>, <c>i:{…}</c> or <c>s:{…}</c>.</summary>
    public string ToMetadata() => IsBalanced ? "balanced"
        : IntWeights is not null ? "i:" + string.Join(";", IntWeights.Select(p => p.Key.ToString(CultureInfo.InvariantCulture) + "=" + p.Value.ToString("R", CultureInfo.InvariantCulture)))
        : "s:" + JsonSerializer.Serialize(StringWeights!.Keys.ToArray(), LabelsJson.Default.StringArray) + "=" + string.Join(";", StringWeights!.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Parses <see cref="ToMetadata"/>.</summary>
    /// <exception cref="InvalidDataException">The text is malformed.</exception>
    public static ClassWeights FromMetadata(string text)
    {
        try
        {
            if (text == "balanced") return Balanced;
            if (text.StartsWith("i:", StringComparison.Ordinal))
                return Of(text[2..].Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
                    .ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => double.Parse(p[1], CultureInfo.InvariantCulture)));
            if (text.StartsWith("s:", StringComparison.Ordinal))
            {
                int eq = text.LastIndexOf('=');
                var keys = JsonSerializer.Deserialize(text[2..eq], LabelsJson.Default.StringArray)!;
                var values = text[(eq + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                if (keys.Length != values.Length) throw new FormatException("key and value counts differ");
                return Of(keys.Zip(values).ToDictionary(p => p.First, p => p.Second));
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or IndexOutOfRangeException or ArgumentException)
        {
            throw new InvalidDataException($"ClassWeights: cannot parse \"{text}\": {e.Message}", e);
        }
        throw new InvalidDataException($"ClassWeights: cannot parse \"{text}\".");
    }

    /// <inheritdoc />
    public override string ToString() => IsBalanced ? "balanced" : ToMetadata();
}
