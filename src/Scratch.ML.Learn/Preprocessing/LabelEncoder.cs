namespace Scratch.ML.Learn.Preprocessing;

/// <summary>
/// Maps target labels (integers or strings) to codes 0 … C−1 and back, as scikit-learn's <c>LabelEncoder</c>. Classes
/// are the sorted distinct labels (integers numerically, strings ordinally). It encodes a target vector, not a feature
/// matrix, so it is not an <see cref="ITransformer"/>; use <see cref="OrdinalEncoder"/> for features.
/// </summary>
public sealed record LabelEncoder
{
    /// <summary>Learns the classes of <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentException">y is empty.</exception>
    public LabelEncoderModel Fit(Labels y)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Length == 0) throw new ArgumentException("LabelEncoder: y must hold at least one label.", nameof(y));
        return new LabelEncoderModel(ClassLabels.Of(y));
    }

    /// <summary>Fits and encodes in one go: the model and the codes of <paramref name="y"/>.</summary>
    public (LabelEncoderModel Model, int[] Codes) FitTransform(Labels y)
    {
        var m = Fit(y);
        return (m, m.Transform(y));
    }
}

/// <summary>A fitted <see cref="LabelEncoder"/>.</summary>
public sealed class LabelEncoderModel
{
    private const string Kind = "LabelEncoder";

    internal LabelEncoderModel(ClassLabels classes) => Classes = classes;

    /// <summary>The sorted classes (scikit-learn's <c>classes_</c>); code k means <c>Classes[k]</c>.</summary>
    public ClassLabels Classes { get; }

    /// <summary>The code of every label.</summary>
    /// <exception cref="ArgumentException">A label was not seen at fit time, or is of the other kind (string vs integer).</exception>
    public int[] Transform(Labels y) => Classes.Encode(y);

    /// <summary>The labels of codes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A code is outside [0, C).</exception>
    public Labels InverseTransform(ReadOnlySpan<int> codes) => Classes.Decode(codes);

    /// <summary>Writes the classes (a safetensors file with the classes in the metadata).</summary>
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<double>> { ["count"] = Tensor.FromArray(new double[] { Classes.Count }, 1) },
        new Dictionary<string, string> { ["classes"] = Classes.ToMetadata() });

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a LabelEncoder model.</exception>
    public static LabelEncoderModel Load(Stream stream)
    {
        var f = ModelFile.Read<double>(stream, Kind);
        var classes = ClassLabels.FromMetadata(f.Option("classes"));
        if (f.Tensor("count", 1)[0] != classes.Count) throw new InvalidDataException($"{Kind}: the class count does not match the class list.");
        return new LabelEncoderModel(classes);
    }
}
