using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>
/// Thresholds features, <c>z = 1 if x &gt; threshold else 0</c>, as scikit-learn's <c>Binarizer</c>. It learns
/// nothing: the fitted model only remembers the feature count.
/// </summary>
/// <param name="Threshold">Values strictly greater map to 1, the rest to 0 (finite; default 0).</param>
public sealed record Binarizer(double Threshold = 0) : ITransformer
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Threshold);

    private static EstimatorCapabilities ValidateAndDescribe(double threshold)
    {
        PreprocessingMath.RequireFinite(nameof(Binarizer), nameof(Threshold), threshold);
        return new(EstimatorKind.Transformer, Supervised: false);
    }

    /// <summary>Records the feature count of x: (n, d) (after validating it).</summary>
    /// <exception cref="ArgumentException">x is not a finite (n, d) matrix with n, d ≥ 1.</exception>
    public BinarizerModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => new(this, InputChecks.Features(nameof(Binarizer), x).Shape[1]);

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);
}

/// <summary>A fitted <see cref="Binarizer"/> (stateless apart from the feature count).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class BinarizerModel<T> : ITransformModel<T>, ILoadableModel<BinarizerModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "Binarizer";

    internal BinarizerModel(Binarizer options, int featureCount)
    {
        Options = options;
        FeatureCount = featureCount;
    }

    /// <summary>The options it was fitted with.</summary>
    public Binarizer Options { get; }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>z = [x &gt; threshold] for x: (n, d), as 0 and 1 (the comparison is made in float64).</summary>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var z = InputChecks.Features(nameof(BinarizerModel<T>), x, FeatureCount).Clone();
        var s = z.AsSpan();
        for (int i = 0; i < s.Length; i++) s[i] = double.CreateTruncating(s[i]) > Options.Threshold ? T.One : T.Zero;
        return z;
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind, new Dictionary<string, Tensor<T>>(),
        new Dictionary<string, string> { ["threshold"] = PreprocessingMath.Format(Options.Threshold), ["n_features_in"] = FeatureCount.ToString(CultureInfo.InvariantCulture) });

    /// <inheritdoc />
    public static BinarizerModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        int d = (int)f.Number("n_features_in");
        if (d < 1) throw new InvalidDataException($"{Kind}: n_features_in must be ≥ 1, got {d}.");
        return new BinarizerModel<T>(new Binarizer(f.Number("threshold")), d);
    }
}
