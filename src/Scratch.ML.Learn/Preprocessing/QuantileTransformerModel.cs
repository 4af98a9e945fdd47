using System.Globalization;
using System.Numerics;
using Scratch.ML.Statistics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>A fitted <see cref="QuantileTransformer"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class QuantileTransformerModel<T> : IInvertibleTransformModel<T>, ILoadableModel<QuantileTransformerModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "QuantileTransformer";
    // scikit-learn: clip to norm.ppf(BOUNDS_THRESHOLD − spacing(1)) and norm.ppf(1 − (BOUNDS_THRESHOLD − spacing(1))).
    private static readonly double ClipMin = NormalDistribution.Standard.Quantile(QuantileTransformer.BoundsThreshold - 2.220446049250313e-16);
    private static readonly double ClipMax = NormalDistribution.Standard.Quantile(1 - (QuantileTransformer.BoundsThreshold - 2.220446049250313e-16));
    private readonly double[] references;

    internal QuantileTransformerModel(QuantileTransformer options, Tensor<T> quantiles)
    {
        Options = options;
        Quantiles = quantiles;
        references = References(quantiles.Shape[0]);
    }

    /// <summary>NumPy's <c>linspace(0, 1, m)</c>: i·(1/(m − 1)), the last set to 1 ([0] when m = 1).</summary>
    internal static double[] References(int m)
    {
        var r = new double[m];
        if (m == 1) return r;
        double step = 1.0 / (m - 1);
        for (int i = 0; i < m; i++) r[i] = i * step;
        r[m - 1] = 1;
        return r;
    }

    /// <summary>The options it was fitted with.</summary>
    public QuantileTransformer Options { get; }

    /// <summary>The learnt quantiles: (m, d), non-decreasing down each column.</summary>
    public Tensor<T> Quantiles { get; }

    /// <summary>The references linspace(0, 1, m): (m).</summary>
    public Tensor<T> ReferenceValues => PreprocessingMath.ToTensor<T>(references);

    /// <inheritdoc />
    public int FeatureCount => Quantiles.Shape[1];

    /// <summary>Maps x: (n, d) to the output distribution (see <see cref="QuantileTransformer"/>); NaN stays NaN.</summary>
    public Tensor<T> Transform(Tensor<T> x) => Apply(x, inverse: false);

    /// <summary>
    /// Maps back: for normal output u = Φ(z) first; u − 1e-7 &lt; 0 (normal) or u = 0 (uniform) gives Q₀, the mirror gives
    /// Q_{m−1}, otherwise <c>interp(u, r, Q)</c>. (n, d) → (n, d); NaN stays NaN.
    /// </summary>
    public Tensor<T> InverseTransform(Tensor<T> x) => Apply(x, inverse: true);

    private Tensor<T> Apply(Tensor<T> x, bool inverse)
    {
        var xs = InputChecks.Features(nameof(QuantileTransformerModel<T>), x, FeatureCount, allowNaN: true);
        int n = xs.Shape[0], d = xs.Shape[1], m = references.Length;
        bool normal = Options.OutputDistribution == QuantileOutput.Normal;
        var src = xs.AsSpan();
        var qs = Quantiles.Contiguous().AsSpan();
        var q = new double[m];
        var qNegRev = new double[m];
        var rNegRev = new double[m];
        for (int i = 0; i < m; i++) rNegRev[i] = -references[m - 1 - i];
        var result = new T[n * d];
        for (int j = 0; j < d; j++)
        {
            for (int i = 0; i < m; i++) q[i] = double.CreateTruncating(qs[i * d + j]);
            for (int i = 0; i < m; i++) qNegRev[i] = -q[m - 1 - i];
            for (int i = 0; i < n; i++)
            {
                double v = double.CreateTruncating(src[i * d + j]), y;
                if (double.IsNaN(v)) y = v;
                else if (!inverse)
                {
                    bool lower = normal ? v - QuantileTransformer.BoundsThreshold < q[0] : v == q[0];
                    bool upper = normal ? v + QuantileTransformer.BoundsThreshold > q[m - 1] : v == q[m - 1];
                    y = lower ? 0 : upper ? 1 : 0.5 * (Interp(v, q, references) - Interp(-v, qNegRev, rNegRev));
                    if (upper) y = 1;
                    if (lower) y = 0;
                    if (normal) y = Math.Clamp(Probit(y), ClipMin, ClipMax);
                }
                else
                {
                    if (normal) v = NormalDistribution.Standard.Cdf(v);
                    bool lower = normal ? v - QuantileTransformer.BoundsThreshold < 0 : v == 0;
                    bool upper = normal ? v + QuantileTransformer.BoundsThreshold > 1 : v == 1;
                    y = lower ? q[0] : upper ? q[m - 1] : Interp(v, references, q);
                }
                result[i * d + j] = T.CreateTruncating(y);
            }
        }
        return Tensor.FromArray(result, n, d);
    }

    private static double Probit(double p) => p <= 0 ? double.NegativeInfinity : p >= 1 ? double.PositiveInfinity : NormalDistribution.Standard.Quantile(p);

    /// <summary>NumPy's <c>interp</c>: j the last index with xp[j] ≤ v; the end values outside; fp[j] on a knot; else slope·(v − xp[j]) + fp[j] (with NumPy's NaN fallbacks).</summary>
    private static double Interp(double v, double[] xp, double[] fp)
    {
        int len = xp.Length;
        if (v < xp[0]) return fp[0];
        if (v > xp[len - 1]) return fp[len - 1];
        int lo = 0, hi = len;   // first index with xp > v, minus one
        while (lo < hi) { int mid = (lo + hi) >> 1; if (v < xp[mid]) hi = mid; else lo = mid + 1; }
        int k = lo - 1;
        if (k == len - 1 || xp[k] == v) return fp[k];
        double slope = (fp[k + 1] - fp[k]) / (xp[k + 1] - xp[k]);
        double y = slope * (v - xp[k]) + fp[k];
        if (double.IsNaN(y))
        {
            y = slope * (v - xp[k + 1]) + fp[k + 1];
            if (double.IsNaN(y) && fp[k] == fp[k + 1]) y = fp[k];
        }
        return y;
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["quantiles"] = Quantiles },
        new Dictionary<string, string>
        {
            ["n_quantiles"] = Options.NQuantiles.ToString(CultureInfo.InvariantCulture),
            ["output_distribution"] = Options.OutputDistribution.ToString(),
            ["subsample"] = Options.Subsample.ToString(CultureInfo.InvariantCulture),
        });

    /// <inheritdoc />
    public static QuantileTransformerModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var quantiles = f.Tensor("quantiles", 2);
        var options = new QuantileTransformer(int.Parse(f.Option("n_quantiles"), CultureInfo.InvariantCulture),
            Enum.Parse<QuantileOutput>(f.Option("output_distribution")), int.Parse(f.Option("subsample"), CultureInfo.InvariantCulture));
        if (quantiles.Shape[0] > options.NQuantiles) throw new InvalidDataException($"{Kind}: {quantiles.Shape[0]} quantiles stored but n_quantiles is {options.NQuantiles}.");
        return new QuantileTransformerModel<T>(options, quantiles);
    }
}
