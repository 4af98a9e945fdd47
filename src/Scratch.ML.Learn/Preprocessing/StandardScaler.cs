using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>
/// Standardises features: <c>z = (x − μ) / σ</c> per column, with μ the column mean and σ the population standard
/// deviation (ddof 0), as scikit-learn's <c>StandardScaler</c>. A constant column gets σ = 1 (it is centred, not
/// divided by zero). Statistics are accumulated in float64 whatever the element type.
/// </summary>
/// <param name="WithMean">Subtract the mean (false keeps sparse-style data uncentred).</param>
/// <param name="WithStd">Divide by the standard deviation.</param>
public sealed record StandardScaler(bool WithMean = true, bool WithStd = true) : ITransformer
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = new(EstimatorKind.Transformer, Supervised: false, HasInverseTransform: true);

    /// <summary>Learns μ and σ from x: (n, d).</summary>
    /// <exception cref="ArgumentException">x is not a finite (n, d) matrix with n, d ≥ 1.</exception>
    public StandardScalerModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(nameof(StandardScaler), x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var data = xs.AsSpan();
        var mean = new double[d];
        var variance = new double[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) mean[j] += double.CreateTruncating(data[i * d + j]);
        for (int j = 0; j < d; j++) mean[j] /= n;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                double c = double.CreateTruncating(data[i * d + j]) - mean[j];
                variance[j] += c * c;
            }
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            variance[j] /= n;
            double s = Math.Sqrt(variance[j]);
            // scikit-learn's _handle_zeros_in_scale: a (numerically) constant column keeps scale 1.
            scale[j] = s < 10 * double.Epsilon * Math.Max(1, Math.Abs(mean[j])) || s == 0 ? 1 : s;
        }
        return new StandardScalerModel<T>(this, ToTensor<T>(mean), ToTensor<T>(variance), ToTensor<T>(scale));
    }

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);

    private static Tensor<T> ToTensor<T>(double[] v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new T[v.Length];
        for (int i = 0; i < v.Length; i++) a[i] = T.CreateTruncating(v[i]);
        return Tensor.FromArray(a, v.Length);
    }
}

/// <summary>A fitted <see cref="StandardScaler"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class StandardScalerModel<T> : IInvertibleTransformModel<T>, ILoadableModel<StandardScalerModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "StandardScaler";

    internal StandardScalerModel(StandardScaler options, Tensor<T> mean, Tensor<T> variance, Tensor<T> scale)
    {
        Options = options;
        Mean = mean;
        Variance = variance;
        Scale = scale;
    }

    /// <summary>The options it was fitted with.</summary>
    public StandardScaler Options { get; }

    /// <summary>μ: (d), the column means of the training data.</summary>
    public Tensor<T> Mean { get; }

    /// <summary>σ²: (d), the population variances.</summary>
    public Tensor<T> Variance { get; }

    /// <summary>σ: (d), the divisors (1 for constant columns).</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc />
    public int FeatureCount => Mean.Shape[0];

    /// <summary>z = (x − μ) / σ for x: (n, d) (each part only if enabled).</summary>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(StandardScalerModel<T>), x, FeatureCount);
        if (Options.WithMean) xs = xs - Mean;
        if (Options.WithStd) xs = xs / Scale;
        return Options.WithMean || Options.WithStd ? xs : xs.Clone();
    }

    /// <summary>x = z·σ + μ for z: (n, d).</summary>
    public Tensor<T> InverseTransform(Tensor<T> x)
    {
        var zs = InputChecks.Features(nameof(StandardScalerModel<T>), x, FeatureCount);
        if (Options.WithStd) zs = zs * Scale;
        if (Options.WithMean) zs = zs + Mean;
        return Options.WithMean || Options.WithStd ? zs : zs.Clone();
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["mean"] = Mean, ["var"] = Variance, ["scale"] = Scale },
        new Dictionary<string, string> { ["with_mean"] = Options.WithMean.ToString(CultureInfo.InvariantCulture), ["with_std"] = Options.WithStd.ToString(CultureInfo.InvariantCulture) });

    /// <inheritdoc />
    public static StandardScalerModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var mean = f.Tensor("mean", 1);
        var variance = f.Tensor("var", 1);
        var scale = f.Tensor("scale", 1);
        if (variance.Shape[0] != mean.Shape[0] || scale.Shape[0] != mean.Shape[0])
            throw new InvalidDataException($"{Kind}: mean, var and scale must have the same length.");
        return new StandardScalerModel<T>(new StandardScaler(f.Flag("with_mean"), f.Flag("with_std")), mean, variance, scale);
    }
}
