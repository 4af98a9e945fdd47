using System.Numerics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>A <see cref="TargetEncoder"/> fitted on all training rows.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class TargetEncoderModel<T> : ITransformModel<T>, ILoadableModel<TargetEncoderModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "TargetEncoder";
    private readonly CategoryIndex[] indices;
    private readonly double[][] encodings;

    internal TargetEncoderModel(TargetEncoder options, CategoryIndex[] indices, TargetKind kind, double[] classes, double[][] encodings, double mean)
    {
        Options = options;
        this.indices = indices;
        TargetKind = kind;
        Classes = classes;
        this.encodings = encodings;
        TargetMean = mean;
    }

    /// <summary>The options it was fitted with.</summary>
    public TargetEncoder Options { get; }

    /// <summary>The resolved target kind (Continuous or Binary).</summary>
    public TargetKind TargetKind { get; }

    /// <summary>For a binary target its two values (smaller → 0, larger → 1); empty for a continuous one.</summary>
    public IReadOnlyList<double> Classes { get; }

    /// <summary>The categories of each feature.</summary>
    public IReadOnlyList<CategoricalColumn> Categories => [.. indices.Select(i => i.Categories)];

    /// <summary>The encoding of each category of each feature (scikit-learn's <c>encodings_</c>), fitted on all rows.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Encodings => encodings;

    /// <summary>ȳ over all training rows (binary: the fraction of the larger class); the encoding of unknown categories.</summary>
    public double TargetMean { get; }

    /// <inheritdoc />
    public int FeatureCount => indices.Length;

    /// <summary>Encodes new data x: (n, d) → (n, d); unknown categories get <see cref="TargetMean"/>.</summary>
    /// <exception cref="ArgumentException">Wrong feature count or ±∞.</exception>
    public Tensor<T> Transform(Tensor<T> x) => Transform(CategoricalTable.FromTensor(x, nameof(TargetEncoderModel<T>)));

    /// <summary>Encodes a (text or numeric) table: (n, d).</summary>
    /// <exception cref="ArgumentException">Wrong columns.</exception>
    public Tensor<T> Transform(CategoricalTable x)
    {
        CategoryIndex.CheckColumns(nameof(TargetEncoderModel<T>), x, indices);
        int n = x.RowCount, d = indices.Length;
        var z = new T[n * d];
        for (int j = 0; j < d; j++)
            for (int i = 0; i < n; i++)
            {
                int c = indices[j].IndexOf(x[j], i);
                z[i * d + j] = T.CreateTruncating(c < 0 ? TargetMean : encodings[j][c]);
            }
        return Tensor.FromArray(z, n, d);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var tensors = new Dictionary<string, Tensor<T>>
        {
            ["target_mean"] = PreprocessingMath.ToTensor<T>([TargetMean]),
            ["classes"] = PreprocessingMath.ToTensor<T>([.. Classes]),
        };
        for (int j = 0; j < encodings.Length; j++) tensors[$"encodings.{j}"] = PreprocessingMath.ToTensor<T>(encodings[j]);
        ModelFile.Write(stream, Kind, tensors, new Dictionary<string, string>
        {
            ["categories"] = CategoryIndex.ToMetadata(indices),
            ["target"] = TargetKind.ToString(),
            ["smooth"] = Options.Smooth is double m ? PreprocessingMath.Format(m) : "auto",
            ["cv"] = Options.Cv.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["shuffle"] = PreprocessingMath.Format(Options.Shuffle),
            ["seed"] = Options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <inheritdoc />
    /// <remarks>The encodings are stored as T, so a float model reloads exactly what it held (already rounded to float).</remarks>
    public static TargetEncoderModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var indices = CategoryIndex.FromMetadata(Kind, f.Option("categories"));
        if (!Enum.TryParse<TargetKind>(f.Option("target"), out var kind) || kind == TargetKind.Auto)
            throw new InvalidDataException($"{Kind}: unknown target kind \"{f.Option("target")}\".");
        var enc = new double[indices.Length][];
        for (int j = 0; j < enc.Length; j++)
        {
            enc[j] = PreprocessingMath.ToDoubles(f.Tensor($"encodings.{j}", 1));
            if (enc[j].Length != indices[j].Count) throw new InvalidDataException($"{Kind}: encodings.{j} has {enc[j].Length} values for {indices[j].Count} categories.");
        }
        var options = new TargetEncoder(null, kind, f.Option("smooth") == "auto" ? null : f.Number("smooth"),
            (int)f.Number("cv"), f.Flag("shuffle"), ulong.Parse(f.Option("seed"), System.Globalization.CultureInfo.InvariantCulture));
        return new TargetEncoderModel<T>(options, indices, kind, PreprocessingMath.ToDoubles(f.Tensor("classes", 1)), enc, PreprocessingMath.ToDoubles(f.Tensor("target_mean", 1))[0]);
    }
}
