using System.Numerics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>
/// Scales each feature by its largest absolute value, <c>z = x / maxᵢ|xᵢⱼ|</c>, as scikit-learn's
/// <c>MaxAbsScaler</c>: training data lands in [−1, 1] without being shifted (sparsity is kept). An all-zero column
/// uses divisor 1. No options.
/// </summary>
public sealed record MaxAbsScaler : ITransformer
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = new(EstimatorKind.Transformer, Supervised: false, HasInverseTransform: true);

    /// <summary>Learns the column maxima of |x| for x: (n, d).</summary>
    /// <exception cref="ArgumentException">x is not a finite (n, d) matrix with n, d ≥ 1.</exception>
    public MaxAbsScalerModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(nameof(MaxAbsScaler), x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var data = xs.AsSpan();
        var maxAbs = new double[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) maxAbs[j] = Math.Max(maxAbs[j], Math.Abs(double.CreateTruncating(data[i * d + j])));
        var scale = new double[d];
        for (int j = 0; j < d; j++) scale[j] = PreprocessingMath.NonZeroScale(maxAbs[j]);
        return new MaxAbsScalerModel<T>(PreprocessingMath.ToTensor<T>(maxAbs), PreprocessingMath.ToTensor<T>(scale));
    }

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);
}

/// <summary>A fitted <see cref="MaxAbsScaler"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class MaxAbsScalerModel<T> : IInvertibleTransformModel<T>, ILoadableModel<MaxAbsScalerModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "MaxAbsScaler";

    internal MaxAbsScalerModel(Tensor<T> maxAbs, Tensor<T> scale)
    {
        MaxAbs = maxAbs;
        Scale = scale;
    }

    /// <summary>maxᵢ|xᵢⱼ|: (d), from the training data.</summary>
    public Tensor<T> MaxAbs { get; }

    /// <summary>The divisors: (d), equal to <see cref="MaxAbs"/> except 1 for all-zero columns.</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc />
    public int FeatureCount => Scale.Shape[0];

    /// <summary>z = x / scale for x: (n, d).</summary>
    public Tensor<T> Transform(Tensor<T> x) => InputChecks.Features(nameof(MaxAbsScalerModel<T>), x, FeatureCount) / Scale;

    /// <summary>x = z · scale for z: (n, d).</summary>
    public Tensor<T> InverseTransform(Tensor<T> x) => InputChecks.Features(nameof(MaxAbsScalerModel<T>), x, FeatureCount) * Scale;

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["max_abs"] = MaxAbs, ["scale"] = Scale }, new Dictionary<string, string>());

    /// <inheritdoc />
    public static MaxAbsScalerModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var maxAbs = f.Tensor("max_abs", 1);
        var scale = f.Tensor("scale", 1);
        if (maxAbs.Shape[0] != scale.Shape[0]) throw new InvalidDataException($"{Kind}: max_abs and scale must have the same length.");
        return new MaxAbsScalerModel<T>(maxAbs, scale);
    }
}
