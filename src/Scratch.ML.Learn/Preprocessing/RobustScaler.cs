using System.Numerics;
using Scratch.ML.Statistics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>
/// Scales features with statistics that ignore outliers, as scikit-learn's <c>RobustScaler</c>:
/// <c>z = (x − median) / (Q(qmax) − Q(qmin))</c> per column, where Q is NumPy's default ('linear') percentile and
/// (qmin, qmax) = <see cref="QuantileMin"/>, <see cref="QuantileMax"/> (the interquartile range by default). A column
/// whose quantile range is below 10·ε uses divisor 1. NaN is allowed: it is ignored by the statistics and passes
/// through the transform (as NumPy's nanpercentile); a column with no finite value is rejected. With
/// <see cref="UnitVariance"/> the divisor is further divided by <c>Φ⁻¹(qmax/100) − Φ⁻¹(qmin/100)</c> (Φ the standard
/// normal CDF), so that normally distributed features end with variance 1.
/// </summary>
/// <param name="WithCentering">Subtract the median.</param>
/// <param name="WithScaling">Divide by the quantile range.</param>
/// <param name="QuantileMin">The lower percentile, in [0, 100] (default 25).</param>
/// <param name="QuantileMax">The upper percentile, in [QuantileMin, 100] (default 75).</param>
/// <param name="UnitVariance">Rescale so that normal data ends with unit variance (needs 0 &lt; QuantileMin &lt; QuantileMax &lt; 100).</param>
public sealed record RobustScaler(bool WithCentering = true, bool WithScaling = true, double QuantileMin = 25, double QuantileMax = 75, bool UnitVariance = false) : ITransformer
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(QuantileMin, QuantileMax, UnitVariance);

    private static EstimatorCapabilities ValidateAndDescribe(double qmin, double qmax, bool unitVariance)
    {
        if (!(0 <= qmin && qmin <= qmax && qmax <= 100))
            throw new ArgumentOutOfRangeException(nameof(QuantileMin), (qmin, qmax), $"RobustScaler: the quantile range must satisfy 0 ≤ QuantileMin ≤ QuantileMax ≤ 100, got ({qmin}, {qmax}).");
        if (unitVariance && !(0 < qmin && qmin < qmax && qmax < 100))
            throw new ArgumentException($"RobustScaler: UnitVariance needs 0 < QuantileMin < QuantileMax < 100 (the normal quantiles must be finite and distinct), got ({qmin}, {qmax}).", nameof(UnitVariance));
        return new(EstimatorKind.Transformer, Supervised: false, HandlesMissingValues: true, HasInverseTransform: true);
    }

    /// <summary>Learns the column medians and quantile ranges of x: (n, d), ignoring NaN.</summary>
    /// <exception cref="ArgumentException">x is not an (n, d) matrix with n, d ≥ 1, holds ±∞, or has a column that is all NaN.</exception>
    public RobustScalerModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(nameof(RobustScaler), x, allowNaN: true);
        int n = xs.Shape[0], d = xs.Shape[1];
        var center = new double[d];
        var scale = new double[d];
        double adjust = UnitVariance ? NormalDistribution.Standard.Quantile(QuantileMax / 100) - NormalDistribution.Standard.Quantile(QuantileMin / 100) : 1;
        for (int j = 0; j < d; j++)
        {
            var col = PreprocessingMath.Column<T>(xs.AsSpan(), n, d, j, skipNaN: true);
            if (col.Length == 0) throw new ArgumentException($"RobustScaler: column {j} of x is all NaN; its median is undefined.", nameof(x));
            Array.Sort(col);
            center[j] = WithCentering ? PreprocessingMath.Percentile(col, 50) : 0;
            scale[j] = WithScaling ? PreprocessingMath.NonZeroScale(PreprocessingMath.Percentile(col, QuantileMax) - PreprocessingMath.Percentile(col, QuantileMin)) / adjust : 1;
        }
        return new RobustScalerModel<T>(this, PreprocessingMath.ToTensor<T>(center), PreprocessingMath.ToTensor<T>(scale));
    }

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);
}

/// <summary>A fitted <see cref="RobustScaler"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class RobustScalerModel<T> : IInvertibleTransformModel<T>, ILoadableModel<RobustScalerModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "RobustScaler";

    internal RobustScalerModel(RobustScaler options, Tensor<T> center, Tensor<T> scale)
    {
        Options = options;
        Center = center;
        Scale = scale;
    }

    /// <summary>The options it was fitted with.</summary>
    public RobustScaler Options { get; }

    /// <summary>The medians: (d) (zeros when centring is off).</summary>
    public Tensor<T> Center { get; }

    /// <summary>The divisors: (d), the quantile ranges (1 for degenerate columns, ones when scaling is off), divided by the normal adjustment under UnitVariance.</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc />
    public int FeatureCount => Center.Shape[0];

    /// <summary>z = (x − center) / scale for x: (n, d); NaN stays NaN.</summary>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(RobustScalerModel<T>), x, FeatureCount, allowNaN: true);
        if (Options.WithCentering) xs = xs - Center;
        if (Options.WithScaling) xs = xs / Scale;
        return Options.WithCentering || Options.WithScaling ? xs : xs.Clone();
    }

    /// <summary>x = z · scale + center for z: (n, d).</summary>
    public Tensor<T> InverseTransform(Tensor<T> x)
    {
        var zs = InputChecks.Features(nameof(RobustScalerModel<T>), x, FeatureCount, allowNaN: true);
        if (Options.WithScaling) zs = zs * Scale;
        if (Options.WithCentering) zs = zs + Center;
        return Options.WithCentering || Options.WithScaling ? zs : zs.Clone();
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["center"] = Center, ["scale"] = Scale },
        new Dictionary<string, string>
        {
            ["with_centering"] = PreprocessingMath.Format(Options.WithCentering),
            ["with_scaling"] = PreprocessingMath.Format(Options.WithScaling),
            ["quantile_min"] = PreprocessingMath.Format(Options.QuantileMin),
            ["quantile_max"] = PreprocessingMath.Format(Options.QuantileMax),
            ["unit_variance"] = PreprocessingMath.Format(Options.UnitVariance),
        });

    /// <inheritdoc />
    public static RobustScalerModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var center = f.Tensor("center", 1);
        var scale = f.Tensor("scale", 1);
        if (center.Shape[0] != scale.Shape[0]) throw new InvalidDataException($"{Kind}: center and scale must have the same length.");
        var options = new RobustScaler(f.Flag("with_centering"), f.Flag("with_scaling"), f.Number("quantile_min"), f.Number("quantile_max"), f.Flag("unit_variance"));
        return new RobustScalerModel<T>(options, center, scale);
    }
}
