using System.Numerics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>
/// Rescales each feature to a range, as scikit-learn's <c>MinMaxScaler</c>:
/// <c>z = x·s + m</c> with <c>s = (max − min) / (xmax − xmin)</c> and <c>m = min − xmin·s</c>, where (min, max) is
/// <see cref="FeatureRangeMin"/>, <see cref="FeatureRangeMax"/> and xmin, xmax are the column extremes of the training
/// data. A constant column (range below 10·ε) uses divisor 1, so it maps to <c>min − xmin + x</c> = min on the
/// training data. Statistics are computed in float64.
/// </summary>
/// <param name="FeatureRangeMin">The lower end of the output range (default 0).</param>
/// <param name="FeatureRangeMax">The upper end of the output range (default 1); must exceed the lower end.</param>
/// <param name="Clip">Clip transformed values to [min, max] (values outside the training range would otherwise leave it).</param>
public sealed record MinMaxScaler(double FeatureRangeMin = 0, double FeatureRangeMax = 1, bool Clip = false) : ITransformer
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(FeatureRangeMin, FeatureRangeMax);

    private static EstimatorCapabilities ValidateAndDescribe(double lo, double hi)
    {
        PreprocessingMath.RequireFinite(nameof(MinMaxScaler), nameof(FeatureRangeMin), lo);
        PreprocessingMath.RequireFinite(nameof(MinMaxScaler), nameof(FeatureRangeMax), hi);
        if (!(lo < hi))
            throw new ArgumentException($"MinMaxScaler: the feature range minimum must be smaller than its maximum, got ({lo}, {hi}).", nameof(FeatureRangeMin));
        return new(EstimatorKind.Transformer, Supervised: false, HasInverseTransform: true);
    }

    /// <summary>Learns the column minima and maxima of x: (n, d).</summary>
    /// <exception cref="ArgumentException">x is not a finite (n, d) matrix with n, d ≥ 1.</exception>
    public MinMaxScalerModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(nameof(MinMaxScaler), x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var data = xs.AsSpan();
        var min = new double[d];
        var max = new double[d];
        Array.Fill(min, double.PositiveInfinity);
        Array.Fill(max, double.NegativeInfinity);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                double v = double.CreateTruncating(data[i * d + j]);
                min[j] = Math.Min(min[j], v);
                max[j] = Math.Max(max[j], v);
            }
        var range = new double[d];
        var scale = new double[d];
        var offset = new double[d];
        for (int j = 0; j < d; j++)
        {
            range[j] = max[j] - min[j];
            scale[j] = (FeatureRangeMax - FeatureRangeMin) / PreprocessingMath.NonZeroScale(range[j]);
            offset[j] = FeatureRangeMin - min[j] * scale[j];
        }
        return new MinMaxScalerModel<T>(this, PreprocessingMath.ToTensor<T>(min), PreprocessingMath.ToTensor<T>(max),
            PreprocessingMath.ToTensor<T>(scale), PreprocessingMath.ToTensor<T>(offset));
    }

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);
}

/// <summary>A fitted <see cref="MinMaxScaler"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class MinMaxScalerModel<T> : IInvertibleTransformModel<T>, ILoadableModel<MinMaxScalerModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "MinMaxScaler";

    internal MinMaxScalerModel(MinMaxScaler options, Tensor<T> dataMin, Tensor<T> dataMax, Tensor<T> scale, Tensor<T> min)
    {
        Options = options;
        DataMin = dataMin;
        DataMax = dataMax;
        Scale = scale;
        Min = min;
    }

    /// <summary>The options it was fitted with.</summary>
    public MinMaxScaler Options { get; }

    /// <summary>xmin: (d), the column minima of the training data.</summary>
    public Tensor<T> DataMin { get; }

    /// <summary>xmax: (d), the column maxima of the training data.</summary>
    public Tensor<T> DataMax { get; }

    /// <summary>xmax − xmin: (d).</summary>
    public Tensor<T> DataRange => DataMax - DataMin;

    /// <summary>s: (d), the per-feature multipliers (scikit-learn's <c>scale_</c>).</summary>
    public Tensor<T> Scale { get; }

    /// <summary>m: (d), the per-feature offsets (scikit-learn's <c>min_</c>).</summary>
    public Tensor<T> Min { get; }

    /// <inheritdoc />
    public int FeatureCount => Scale.Shape[0];

    /// <summary>z = x·s + m for x: (n, d), clipped to the feature range if <see cref="MinMaxScaler.Clip"/>.</summary>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var z = InputChecks.Features(nameof(MinMaxScalerModel<T>), x, FeatureCount) * Scale + Min;
        if (!Options.Clip) return z;
        T lo = T.CreateTruncating(Options.FeatureRangeMin), hi = T.CreateTruncating(Options.FeatureRangeMax);
        var s = z.AsSpan();
        for (int i = 0; i < s.Length; i++) s[i] = T.Clamp(s[i], lo, hi);
        return z;
    }

    /// <summary>x = (z − m) / s for z: (n, d).</summary>
    public Tensor<T> InverseTransform(Tensor<T> x) => (InputChecks.Features(nameof(MinMaxScalerModel<T>), x, FeatureCount) - Min) / Scale;

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["data_min"] = DataMin, ["data_max"] = DataMax, ["scale"] = Scale, ["min"] = Min },
        new Dictionary<string, string>
        {
            ["feature_range_min"] = PreprocessingMath.Format(Options.FeatureRangeMin),
            ["feature_range_max"] = PreprocessingMath.Format(Options.FeatureRangeMax),
            ["clip"] = PreprocessingMath.Format(Options.Clip),
        });

    /// <inheritdoc />
    public static MinMaxScalerModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var dataMin = f.Tensor("data_min", 1);
        var dataMax = f.Tensor("data_max", 1);
        var scale = f.Tensor("scale", 1);
        var min = f.Tensor("min", 1);
        int d = scale.Shape[0];
        if (dataMin.Shape[0] != d || dataMax.Shape[0] != d || min.Shape[0] != d)
            throw new InvalidDataException($"{Kind}: data_min, data_max, scale and min must have the same length.");
        return new MinMaxScalerModel<T>(new MinMaxScaler(f.Number("feature_range_min"), f.Number("feature_range_max"), f.Flag("clip")), dataMin, dataMax, scale, min);
    }
}
