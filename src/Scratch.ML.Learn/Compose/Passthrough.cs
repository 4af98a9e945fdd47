using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Compose;

/// <summary>
/// The identity transformer (scikit-learn's <c>"passthrough"</c> step): <c>Transform(x) = x</c>. Use it as a pipeline
/// step that does nothing, or in a <see cref="ColumnTransformer"/>/<see cref="FeatureUnion"/> to copy columns unchanged.
/// NaN passes through (it is the next step's business); ±∞ is rejected like everywhere else.
/// </summary>
public sealed record Passthrough : ITransformer
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = new(EstimatorKind.Transformer, Supervised: false, HandlesMissingValues: true, HasInverseTransform: true);

    /// <summary>Records the feature count of x: (n, d).</summary>
    /// <exception cref="ArgumentException">x is not an (n, d) matrix with n, d ≥ 1, or holds ±∞.</exception>
    public PassthroughModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => new(InputChecks.Features(nameof(Passthrough), x, allowNaN: true).Shape[1]);

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);
}

/// <summary>
/// scikit-learn's <c>"drop"</c>: in a <see cref="ColumnTransformer"/> or <see cref="FeatureUnion"/>, the entry produces
/// no output columns (and, in a column transformer, its columns do not count as remainder). It is not a transformer on
/// its own, so it cannot be a pipeline step.
/// </summary>
public sealed record Drop : IEstimator
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = new(EstimatorKind.Transformer, Supervised: false, HandlesMissingValues: true);
}

/// <summary>A fitted <see cref="Passthrough"/>: checks the feature count and returns a copy of x.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class PassthroughModel<T> : IInvertibleTransformModel<T>, ILoadableModel<PassthroughModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string Kind = "Passthrough";

    internal PassthroughModel(int featureCount) => FeatureCount = featureCount;

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>x: (n, d) unchanged (a copy).</summary>
    /// <exception cref="ArgumentException">x is not (n, d) with the fitted d, or holds ±∞.</exception>
    public Tensor<T> Transform(Tensor<T> x) => InputChecks.Features(nameof(PassthroughModel<T>), x, FeatureCount, allowNaN: true).Clone();

    /// <summary>The identity again.</summary>
    public Tensor<T> InverseTransform(Tensor<T> x) => Transform(x);

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind, new Dictionary<string, Tensor<T>>(),
        new Dictionary<string, string> { ["features"] = FeatureCount.ToString(CultureInfo.InvariantCulture) });

    /// <inheritdoc />
    public static PassthroughModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        return int.TryParse(f.Option("features"), NumberStyles.None, CultureInfo.InvariantCulture, out int d) && d >= 1
            ? new PassthroughModel<T>(d)
            : throw new InvalidDataException($"{Kind}: the feature count \"{f.Option("features")}\" is not a positive integer.");
    }
}
