using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>The row norm used by <see cref="Normalizer"/>.</summary>
public enum NormKind
{
    /// <summary>Σⱼ |xⱼ|.</summary>
    L1,
    /// <summary>√(Σⱼ xⱼ²).</summary>
    L2,
    /// <summary>maxⱼ |xⱼ|.</summary>
    Max,
}

/// <summary>
/// Scales every row (sample) to unit norm, <c>z = x / ‖x‖</c>, as scikit-learn's <c>Normalizer</c>. It learns
/// nothing: the fitted model only remembers the feature count. A row whose norm is below 10·ε is left unchanged.
/// Norms are computed in float64.
/// </summary>
/// <param name="Norm">L1, L2 (default) or Max.</param>
public sealed record Normalizer(NormKind Norm = NormKind.L2) : ITransformer
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Norm);

    private static EstimatorCapabilities ValidateAndDescribe(NormKind norm)
    {
        if (!Enum.IsDefined(norm)) throw new ArgumentOutOfRangeException(nameof(Norm), norm, "Normalizer: Norm must be L1, L2 or Max.");
        return new(EstimatorKind.Transformer, Supervised: false);
    }

    /// <summary>Records the feature count of x: (n, d) (after validating it).</summary>
    /// <exception cref="ArgumentException">x is not a finite (n, d) matrix with n, d ≥ 1.</exception>
    public NormalizerModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => new(this, InputChecks.Features(nameof(Normalizer), x).Shape[1]);

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);
}

/// <summary>A fitted <see cref="Normalizer"/> (stateless apart from the feature count).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class NormalizerModel<T> : ITransformModel<T>, ILoadableModel<NormalizerModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "Normalizer";

    internal NormalizerModel(Normalizer options, int featureCount)
    {
        Options = options;
        FeatureCount = featureCount;
    }

    /// <summary>The options it was fitted with.</summary>
    public Normalizer Options { get; }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>z = x / ‖x‖ row by row for x: (n, d); rows of (near-)zero norm are copied unchanged.</summary>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var z = InputChecks.Features(nameof(NormalizerModel<T>), x, FeatureCount).Clone();
        int n = z.Shape[0], d = z.Shape[1];
        var s = z.AsSpan();
        for (int i = 0; i < n; i++)
        {
            var row = s.Slice(i * d, d);
            double norm = 0;
            foreach (var t in row)
            {
                double v = double.CreateTruncating(t);
                norm = Options.Norm switch { NormKind.L1 => norm + Math.Abs(v), NormKind.L2 => norm + v * v, _ => Math.Max(norm, Math.Abs(v)) };
            }
            if (Options.Norm == NormKind.L2) norm = Math.Sqrt(norm);
            norm = PreprocessingMath.NonZeroScale(norm);
            for (int j = 0; j < d; j++) row[j] = T.CreateTruncating(double.CreateTruncating(row[j]) / norm);
        }
        return z;
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind, new Dictionary<string, Tensor<T>>(),
        new Dictionary<string, string> { ["norm"] = Options.Norm.ToString(), ["n_features_in"] = FeatureCount.ToString(CultureInfo.InvariantCulture) });

    /// <inheritdoc />
    public static NormalizerModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        if (!Enum.TryParse<NormKind>(f.Option("norm"), out var norm) || !Enum.IsDefined(norm))
            throw new InvalidDataException($"{Kind}: unknown norm \"{f.Option("norm")}\".");
        int d = (int)f.Number("n_features_in");
        if (d < 1) throw new InvalidDataException($"{Kind}: n_features_in must be ≥ 1, got {d}.");
        return new NormalizerModel<T>(new Normalizer(norm), d);
    }
}
