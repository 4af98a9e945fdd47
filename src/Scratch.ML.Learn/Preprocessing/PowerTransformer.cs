using System.Numerics;
using Scratch.ML.Optimization;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>Which power transform <see cref="PowerTransformer"/> fits.</summary>
public enum PowerMethod
{
    /// <summary>Yeo–Johnson: any real input (scikit-learn's default 'yeo-johnson').</summary>
    YeoJohnson,
    /// <summary>Box–Cox: strictly positive input only (scikit-learn's 'box-cox').</summary>
    BoxCox,
}

/// <summary>
/// Makes features more Gaussian with the Yeo–Johnson or Box–Cox power transform, as scikit-learn's
/// <c>PowerTransformer(method=…)</c>, optionally followed by standardisation (zero mean, unit variance).
/// </summary>
/// <remarks>
/// <para>
/// Yeo–Johnson with parameter λ: for x ≥ 0, <c>((x + 1)^λ − 1) / λ</c> (<c>log1p(x)</c> when λ = 0); for x &lt; 0,
/// <c>−((1 − x)^(2−λ) − 1) / (2 − λ)</c> (<c>−log1p(−x)</c> when λ = 2). It is the identity at λ = 1.
/// </para>
/// <para>
/// Each column's λ maximises the Gaussian log-likelihood of the transformed column,
/// <c>ℓ(λ) = −n/2 · log σ²(ψ(x, λ)) + (λ − 1) Σ sign(xᵢ) log1p(|xᵢ|)</c>, σ² the population variance, as
/// scikit-learn does: starting from the bracket (−2, 2), the bracket is expanded downhill by the golden ratio (as
/// <c>scipy.optimize.bracket</c>) and then refined by Brent's method (<see cref="BrentMinimizer"/>, relative
/// tolerance √ε) on the sorted column, so λ does not depend on the row order. λ therefore agrees with scikit-learn to about 1e-7 relative, not to the last bit. A column that is
/// constant (including a single sample) has a flat likelihood; it gets λ = 1 (the identity) — scikit-learn's λ
/// there is an arbitrary point of the search. NaN is allowed as in scikit-learn: it is ignored when fitting λ and the
/// standardisation, and stays NaN in the output; a column with no finite value is rejected.
/// </para>
/// <para>
/// Box–Cox (<see cref="PowerMethod.BoxCox"/>): <c>(x^λ − 1) / λ</c> (<c>log x</c> when λ = 0), defined for x &gt; 0 only:
/// a value ≤ 0 in <c>Fit</c> or <c>Transform</c> is rejected with an <see cref="ArgumentException"/> naming it (NaN is
/// still ignored). λ maximises the Box–Cox log-likelihood <c>ℓ(λ) = (λ − 1) Σ log xᵢ − n/2 · log σ²(x^λ / λ)</c>
/// (<c>scipy.stats.boxcox_llf</c>; σ²(log x) at λ = 0) with the same bracket-and-Brent search from (−2, 2) as
/// <c>scipy.stats.boxcox</c> (via <c>boxcox_normmax(method='mle')</c>), so it also agrees to ~1e-7 relative. The inverse
/// is <c>(λz + 1)^(1/λ)</c> (<c>exp z</c> at λ = 0), NaN where λz + 1 ≤ 0 is outside the range.
/// </para>
/// </remarks>
/// <param name="Standardize">Standardise the transformed features (scikit-learn's default true).</param>
/// <param name="Method">YeoJohnson (default) or BoxCox.</param>
public sealed record PowerTransformer(bool Standardize = true, PowerMethod Method = PowerMethod.YeoJohnson) : ITransformer
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = Enum.IsDefined(Method)
        ? new(EstimatorKind.Transformer, Supervised: false, HandlesMissingValues: true, HasInverseTransform: true, RequiresNonNegativeInput: Method == PowerMethod.BoxCox)
        : throw new ArgumentOutOfRangeException(nameof(Method), Method, "PowerTransformer: Method must be YeoJohnson or BoxCox.");

    /// <summary>Fits one λ per column of x: (n, d), then the standardisation of the transformed columns.</summary>
    /// <exception cref="ArgumentException">x is not an (n, d) matrix with n, d ≥ 1, holds ±∞, has an all-NaN column, or (Box–Cox) holds a value ≤ 0.</exception>
    /// <exception cref="InvalidOperationException">The likelihood has no maximum that the bracket search can reach (λ diverges).</exception>
    public PowerTransformerModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(nameof(PowerTransformer), x, allowNaN: true);
        if (Method == PowerMethod.BoxCox) RequirePositive(nameof(PowerTransformer), xs);
        int n = xs.Shape[0], d = xs.Shape[1];
        var lambdas = new double[d];
        var mean = new double[d];
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            // Sorted, so that the likelihood (and hence the optimiser's path and λ) does not depend on the row order.
            var col = PreprocessingMath.Column<T>(xs.AsSpan(), n, d, j, skipNaN: true);
            if (col.Length == 0) throw new ArgumentException($"PowerTransformer: column {j} of x is all NaN; λ is undefined.", nameof(x));
            Array.Sort(col);
            lambdas[j] = Method == PowerMethod.BoxCox ? OptimalBoxCoxLambda(col, j) : OptimalLambda(col, j);
            var t = Array.ConvertAll(col, v => Forward(Method, v, lambdas[j]));
            double m = t.Sum() / t.Length, var = 0;
            foreach (var v in t) var += (v - m) * (v - m);
            var /= t.Length;
            double s = Math.Sqrt(var);
            mean[j] = Standardize ? m : 0;
            // StandardScaler's rule for a (numerically) constant column: divisor 1.
            scale[j] = !Standardize || s < 10 * double.Epsilon * Math.Max(1, Math.Abs(m)) || s == 0 ? 1 : s;
        }
        return new PowerTransformerModel<T>(this, PreprocessingMath.ToTensor<T>(lambdas), PreprocessingMath.ToTensor<T>(mean), PreprocessingMath.ToTensor<T>(scale));
    }

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);

    /// <summary>The Yeo–Johnson transform ψ(x, λ) of one value (see the remarks for the formula).</summary>
    public static double YeoJohnson(double x, double lambda)
    {
        const double spacing = 2.220446049250313e-16;   // np.spacing(1.0), scikit-learn's switch to the log forms
        if (x >= 0) return Math.Abs(lambda) < spacing ? LogOnePlus(x) : (Math.Pow(x + 1, lambda) - 1) / lambda;
        return Math.Abs(lambda - 2) > spacing ? -(Math.Pow(1 - x, 2 - lambda) - 1) / (2 - lambda) : -LogOnePlus(-x);
    }

    /// <summary>The inverse ψ⁻¹(z, λ) of <see cref="YeoJohnson"/> (NaN where z lies outside the range of ψ(·, λ)).</summary>
    public static double InverseYeoJohnson(double z, double lambda)
    {
        const double spacing = 2.220446049250313e-16;
        if (z >= 0) return Math.Abs(lambda) < spacing ? Math.Exp(z) - 1 : Math.Pow(z * lambda + 1, 1 / lambda) - 1;
        return Math.Abs(lambda - 2) > spacing ? 1 - Math.Pow(-(2 - lambda) * z + 1, 1 / (2 - lambda)) : 1 - Math.Exp(-z);
    }

    /// <summary>The Box–Cox transform of one value: <c>(x^λ − 1)/λ</c>, <c>log x</c> at λ = 0 (SciPy's <c>special.boxcox</c>; NaN for x &lt; 0).</summary>
    public static double BoxCox(double x, double lambda) => Math.Abs(lambda) < 1e-19 ? Math.Log(x) : ExpM1(lambda * Math.Log(x)) / lambda;

    /// <summary>The inverse of <see cref="BoxCox"/>: <c>exp(log1p(λz)/λ)</c>, <c>exp z</c> at λ = 0 (SciPy's <c>special.inv_boxcox</c>).</summary>
    public static double InverseBoxCox(double z, double lambda) => lambda == 0 ? Math.Exp(z) : Math.Exp(Log1P(lambda * z) / lambda);

    internal static double Forward(PowerMethod method, double x, double lambda) => method == PowerMethod.BoxCox ? BoxCox(x, lambda) : YeoJohnson(x, lambda);

    internal static double Inverse(PowerMethod method, double z, double lambda) => method == PowerMethod.BoxCox ? InverseBoxCox(z, lambda) : InverseYeoJohnson(z, lambda);

    /// <summary>Rejects values ≤ 0 (NaN passes), naming the first.</summary>
    internal static void RequirePositive<T>(string caller, Tensor<T> xs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = xs.AsSpan();
        int d = xs.Shape[1];
        for (int i = 0; i < s.Length; i++)
            if (s[i] <= T.Zero)
                throw new ArgumentException($"{caller}: x[{i / d}, {i % d}] is {s[i]}; the Box–Cox transform needs strictly positive data (use Method = YeoJohnson otherwise).", "x");
    }

    // Accurate expm1 and log1p (Kahan's tricks: the rounding of 1 + x is corrected by the ratio), a few ulps.
    private static double ExpM1(double a)
    {
        double u = Math.Exp(a);
        if (u == 1 || double.IsInfinity(u)) return u == 1 ? a : u;
        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * a / Math.Log(u);
    }

    private static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    private static double LogOnePlus(double x) => double.LogP1(x);

    private static double OptimalLambda(double[] x, int column)
    {
        double first = x[0];
        if (x.All(v => v == first)) return 1;
        double signedLogs = 0;
        foreach (var v in x) signedLogs += Math.Sign(v) * LogOnePlus(Math.Abs(v));
        double NegLogLikelihood(double lambda)
        {
            var t = Array.ConvertAll(x, v => YeoJohnson(v, lambda));
            double m = t.Sum() / t.Length, var = 0;
            foreach (var v in t) var += (v - m) * (v - m);
            var /= t.Length;
            if (!(var >= 2.2250738585072014e-308)) return double.PositiveInfinity;   // np.finfo(float64).tiny
            return t.Length / 2.0 * Math.Log(var) - (lambda - 1) * signedLogs;
        }
        return Search(NegLogLikelihood, column);
    }

    private static double OptimalBoxCoxLambda(double[] x, int column)
    {
        double first = x[0];
        if (x.All(v => v == first)) return 1;
        var logs = Array.ConvertAll(x, Math.Log);
        double sumLogs = logs.Sum();
        double NegLogLikelihood(double lambda)
        {
            // scipy.stats.boxcox_llf: the variance of x^λ/λ (the −1/λ offset does not change it), of log x at λ = 0.
            var t = lambda == 0 ? logs : Array.ConvertAll(x, v => Math.Pow(v, lambda) / lambda);
            double m = t.Sum() / t.Length, var = 0;
            foreach (var v in t) var += (v - m) * (v - m);
            var /= t.Length;
            if (!(var > 0) || double.IsInfinity(var)) return double.PositiveInfinity;
            return t.Length / 2.0 * Math.Log(var) - (lambda - 1) * sumLogs;
        }
        return Search(NegLogLikelihood, column);
    }

    private static double Search(Func<double, double> negLogLikelihood, int column)
    {
        // Downhill bracket from (−2, 2), growing by the golden ratio like scipy.optimize.bracket.
        const double gold = 1.618034;
        double a = -2, b = 2, fa = negLogLikelihood(a), fb = negLogLikelihood(b);
        if (fa < fb) { (a, b) = (b, a); (fa, fb) = (fb, fa); }
        double c = b + gold * (b - a), fc = negLogLikelihood(c);
        for (int i = 0; fc < fb; i++)
        {
            if (i == 100 || !double.IsFinite(c))
                throw new InvalidOperationException($"PowerTransformer: the likelihood of column {column} keeps improving as λ → {(c > 0 ? "+" : "−")}∞; no optimal λ exists.");
            (a, b, fb) = (b, c, fc);
            c = b + gold * (b - a);
            fc = negLogLikelihood(c);
        }
        return BrentMinimizer.Minimize(negLogLikelihood, Math.Min(a, c), Math.Max(a, c)).X;
    }
}

/// <summary>A fitted <see cref="PowerTransformer"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class PowerTransformerModel<T> : IInvertibleTransformModel<T>, ILoadableModel<PowerTransformerModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "PowerTransformer";

    internal PowerTransformerModel(PowerTransformer options, Tensor<T> lambdas, Tensor<T> mean, Tensor<T> scale)
    {
        Options = options;
        Lambdas = lambdas;
        Mean = mean;
        Scale = scale;
    }

    /// <summary>The options it was fitted with.</summary>
    public PowerTransformer Options { get; }

    /// <summary>λ: (d), one per feature (scikit-learn's <c>lambdas_</c>).</summary>
    public Tensor<T> Lambdas { get; }

    /// <summary>The means of the transformed training columns: (d) (zeros without standardisation).</summary>
    public Tensor<T> Mean { get; }

    /// <summary>Their standard deviations: (d) (1 for constant columns, ones without standardisation).</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc />
    public int FeatureCount => Lambdas.Shape[0];

    /// <summary>z = (ψ(x, λ) − mean) / scale for x: (n, d), computed in float64; NaN stays NaN.</summary>
    /// <exception cref="ArgumentException">Wrong feature count, ±∞, or (Box–Cox) a value ≤ 0.</exception>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(PowerTransformerModel<T>), x, FeatureCount, allowNaN: true);
        if (Options.Method == PowerMethod.BoxCox) PowerTransformer.RequirePositive(nameof(PowerTransformerModel<T>), xs);
        return Apply(xs, inverse: false);
    }

    /// <summary>x = ψ⁻¹(z·scale + mean, λ) for z: (n, d); NaN where a value lies outside the range of ψ.</summary>
    public Tensor<T> InverseTransform(Tensor<T> x) => Apply(InputChecks.Features(nameof(PowerTransformerModel<T>), x, FeatureCount, allowNaN: true), inverse: true);

    private Tensor<T> Apply(Tensor<T> xs, bool inverse)
    {
        var z = xs.Clone();
        var s = z.AsSpan();
        int d = FeatureCount;
        var lambda = PreprocessingMath.ToDoubles(Lambdas);
        var mean = PreprocessingMath.ToDoubles(Mean);
        var scale = PreprocessingMath.ToDoubles(Scale);
        for (int i = 0; i < s.Length; i++)
        {
            int j = i % d;
            double v = double.CreateTruncating(s[i]);
            v = inverse ? PowerTransformer.Inverse(Options.Method, v * scale[j] + mean[j], lambda[j]) : (PowerTransformer.Forward(Options.Method, v, lambda[j]) - mean[j]) / scale[j];
            s[i] = T.CreateTruncating(v);
        }
        return z;
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["lambdas"] = Lambdas, ["mean"] = Mean, ["scale"] = Scale },
        new Dictionary<string, string> { ["method"] = Options.Method == PowerMethod.BoxCox ? "box-cox" : "yeo-johnson", ["standardize"] = PreprocessingMath.Format(Options.Standardize) });

    /// <inheritdoc />
    public static PowerTransformerModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        string method = f.Option("method");
        if (method != "yeo-johnson" && method != "box-cox") throw new InvalidDataException($"{Kind}: unknown method \"{f.Option("method")}\".");
        var lambdas = f.Tensor("lambdas", 1);
        var mean = f.Tensor("mean", 1);
        var scale = f.Tensor("scale", 1);
        if (mean.Shape[0] != lambdas.Shape[0] || scale.Shape[0] != lambdas.Shape[0])
            throw new InvalidDataException($"{Kind}: lambdas, mean and scale must have the same length.");
        return new PowerTransformerModel<T>(new PowerTransformer(f.Flag("standardize"), method == "box-cox" ? PowerMethod.BoxCox : PowerMethod.YeoJohnson), lambdas, mean, scale);
    }
}
