using Scratch.ML.LinearAlgebra;
using Scratch.ML.Statistics;

namespace Scratch.ML.Learn.ModelSelection;

/// <summary>The stationary correlation function of <see cref="GaussianProcessSurrogate"/>, of the scaled distance r = ‖x − x′‖ / ℓ.</summary>
public enum SurrogateKernel
{
    /// <summary>Matérn ν = 5/2: (1 + √5 r + 5r²/3)·exp(−√5 r) (scikit-learn's <c>Matern(nu=2.5)</c>); twice differentiable sample paths.</summary>
    Matern52,

    /// <summary>Squared exponential: exp(−r²/2) (scikit-learn's <c>RBF</c>); infinitely smooth.</summary>
    Rbf,
}

/// <summary>
/// A Gaussian-process regression posterior for Bayesian optimisation: prior f ~ GP(0, σ²·k(r)), observations
/// y = f + ε with ε ~ N(0, noise), isotropic length scale ℓ. With K = σ²·R + noise·I (n × n), L = chol(K), α = K⁻¹y:
/// posterior mean μ(x) = k*ᵀα, variance σ²(x) = σ² − ‖L⁻¹k*‖² (latent f, noise excluded), where k* = σ²·k(‖x − xᵢ‖/ℓ).
/// Log marginal likelihood = −½ yᵀα − Σ log Lᵢᵢ − (n/2) log 2π. Equal to scikit-learn's
/// <c>GaussianProcessRegressor(ConstantKernel(σ²)·Matern(ℓ, 2.5), alpha=noise, optimizer=None)</c>.
/// </summary>
public sealed class GaussianProcessSurrogate
{
    private readonly double[][] x;
    private readonly double[] l;
    private readonly double[] alpha;

    private GaussianProcessSurrogate(double[][] x, double[] l, double[] alpha, SurrogateKernel kernel, double lengthScale, double signalVariance, double noise, double lml)
    {
        this.x = x;
        this.l = l;
        this.alpha = alpha;
        Kernel = kernel;
        LengthScale = lengthScale;
        SignalVariance = signalVariance;
        Noise = noise;
        LogMarginalLikelihood = lml;
    }

    /// <summary>The correlation function.</summary>
    public SurrogateKernel Kernel { get; }

    /// <summary>The length scale ℓ &gt; 0.</summary>
    public double LengthScale { get; }

    /// <summary>The prior variance σ² &gt; 0.</summary>
    public double SignalVariance { get; }

    /// <summary>The observation noise variance (added to the diagonal).</summary>
    public double Noise { get; }

    /// <summary>log p(y | x, ℓ, σ², noise).</summary>
    public double LogMarginalLikelihood { get; }

    /// <summary>The number of observations n.</summary>
    public int Count => x.Length;

    /// <summary>The correlation k(r) for a scaled distance r ≥ 0.</summary>
    public static double Correlation(SurrogateKernel kernel, double r) => kernel switch
    {
        SurrogateKernel.Matern52 => (1 + Math.Sqrt(5) * r + 5.0 / 3.0 * r * r) * Math.Exp(-Math.Sqrt(5) * r),
        SurrogateKernel.Rbf => Math.Exp(-0.5 * r * r),
        _ => throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "GaussianProcessSurrogate: unknown kernel."),
    };

    /// <summary>The posterior for observations x (n points of equal dimension) and y (n) with fixed hyperparameters.</summary>
    /// <exception cref="ArgumentException">No points, ragged or non-finite points, y of another length, non-positive ℓ or σ², negative noise.</exception>
    /// <exception cref="NotPositiveDefiniteException">K is numerically singular (add noise).</exception>
    public static GaussianProcessSurrogate Fit(double[][] x, double[] y, SurrogateKernel kernel, double lengthScale, double signalVariance, double noise)
    {
        Check(x, y);
        if (!(lengthScale > 0) || !double.IsFinite(lengthScale)) throw new ArgumentOutOfRangeException(nameof(lengthScale), lengthScale, "GaussianProcessSurrogate: lengthScale must be finite and > 0.");
        if (!(signalVariance > 0) || !double.IsFinite(signalVariance)) throw new ArgumentOutOfRangeException(nameof(signalVariance), signalVariance, "GaussianProcessSurrogate: signalVariance must be finite and > 0.");
        if (!(noise >= 0) || !double.IsFinite(noise)) throw new ArgumentOutOfRangeException(nameof(noise), noise, "GaussianProcessSurrogate: noise must be finite and ≥ 0.");
        int n = x.Length;
        var k = Gram(x, kernel, lengthScale);
        for (int i = 0; i < k.Length; i++) k[i] *= signalVariance;
        for (int i = 0; i < n; i++) k[i * n + i] += noise;
        var factor = Linalg.Cholesky(Tensor.FromArray(k, n, n)).ToArray();
        var a = SolveLower(factor, n, y);
        double quad = 0, logDet = 0;
        for (int i = 0; i < n; i++) { quad += a[i] * a[i]; logDet += Math.Log(factor[i * n + i]); }
        var alpha = SolveUpper(factor, n, a);
        double lml = -0.5 * quad - logDet - 0.5 * n * Math.Log(2 * Math.PI);
        return new GaussianProcessSurrogate(x.Select(p => (double[])p.Clone()).ToArray(), factor, alpha, kernel, lengthScale, signalVariance, noise, lml);
    }

    /// <summary>
    /// The posterior with hyperparameters chosen by maximum marginal likelihood: ℓ over 16 log-spaced values in
    /// [0.03, 3] (inputs are expected in the unit cube) and the noise-to-signal ratio η over {10⁻⁶, 10⁻⁴, 10⁻², 10⁻¹};
    /// for each (ℓ, η) the signal variance has the closed-form optimum σ² = yᵀ(R + ηI)⁻¹y / n (profile likelihood),
    /// and noise = η·σ². Ties keep the first pair (smaller ℓ, then smaller η). Deterministic.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Fit"/>; or y identically zero.</exception>
    public static GaussianProcessSurrogate FitMaximumLikelihood(double[][] x, double[] y, SurrogateKernel kernel = SurrogateKernel.Matern52)
    {
        Check(x, y);
        int n = x.Length;
        double bestLml = double.NegativeInfinity, bestL = 0, bestS = 0, bestEta = 0;
        foreach (double eta in (double[])[1e-6, 1e-4, 1e-2, 1e-1])
            for (int j = 0; j < 16; j++)
            {
                double ell = 0.03 * Math.Pow(100, j / 15.0);
                var r = Gram(x, kernel, ell);
                for (int i = 0; i < n; i++) r[i * n + i] += eta;
                double[] factor;
                try { factor = Linalg.Cholesky(Tensor.FromArray(r, n, n)).ToArray(); }
                catch (NotPositiveDefiniteException) { continue; }
                var a = SolveLower(factor, n, y);
                double quad = 0, logDet = 0;
                for (int i = 0; i < n; i++) { quad += a[i] * a[i]; logDet += Math.Log(factor[i * n + i]); }
                if (!(quad > 0)) continue;
                double s2 = quad / n;
                double lml = -0.5 * n - logDet - 0.5 * n * Math.Log(s2) - 0.5 * n * Math.Log(2 * Math.PI);
                if (lml > bestLml) { bestLml = lml; bestL = ell; bestS = s2; bestEta = eta; }
            }
        if (bestS == 0) throw new ArgumentException("GaussianProcessSurrogate: no (ℓ, η) gave a positive-definite fit (is y identically zero?).", nameof(y));
        return Fit(x, y, kernel, bestL, bestS, bestEta * bestS);
    }

    /// <summary>The posterior mean and variance (latent, ≥ 0) at one point of the training dimension.</summary>
    /// <exception cref="ArgumentException">The point has another dimension.</exception>
    public (double Mean, double Variance) Predict(ReadOnlySpan<double> point)
    {
        if (point.Length != x[0].Length)
            throw new ArgumentException($"GaussianProcessSurrogate: point has {point.Length} coordinates, expected {x[0].Length}.", nameof(point));
        int n = x.Length;
        var ks = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            ks[i] = SignalVariance * Correlation(Kernel, Distance(point, x[i]) / LengthScale);
            mean += ks[i] * alpha[i];
        }
        var v = SolveLower(l, n, ks);
        double variance = SignalVariance;
        for (int i = 0; i < n; i++) variance -= v[i] * v[i];
        return (mean, Math.Max(variance, 0));
    }

    /// <summary>
    /// Expected improvement over <paramref name="best"/> for maximisation: with s = √variance and z = (μ − best − ξ)/s,
    /// EI = (μ − best − ξ)·Φ(z) + s·φ(z); EI = max(μ − best − ξ, 0) when s = 0. Always ≥ 0.
    /// </summary>
    public static double ExpectedImprovement(double mean, double variance, double best, double xi = 0.01)
    {
        double s = Math.Sqrt(Math.Max(variance, 0));
        double gain = mean - best - xi;
        if (s == 0) return Math.Max(gain, 0);
        double z = gain / s;
        double cdf = 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));
        double pdf = Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
        return Math.Max(gain * cdf + s * pdf, 0);
    }

    private static void Check(double[][] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length == 0) throw new ArgumentException("GaussianProcessSurrogate: needs at least one observation.", nameof(x));
        if (y.Length != x.Length) throw new ArgumentException($"GaussianProcessSurrogate: y has {y.Length} values for {x.Length} points.", nameof(y));
        int d = x[0]?.Length ?? throw new ArgumentException("GaussianProcessSurrogate: null point.", nameof(x));
        if (d == 0) throw new ArgumentException("GaussianProcessSurrogate: points need at least one coordinate.", nameof(x));
        foreach (var p in x)
            if (p is null || p.Length != d || p.Any(v => !double.IsFinite(v)))
                throw new ArgumentException($"GaussianProcessSurrogate: every point must have {d} finite coordinates.", nameof(x));
        if (y.Any(v => !double.IsFinite(v))) throw new ArgumentException("GaussianProcessSurrogate: y must be finite.", nameof(y));
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(s);
    }

    private static double[] Gram(double[][] x, SurrogateKernel kernel, double lengthScale)
    {
        int n = x.Length;
        var k = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                k[i * n + j] = k[j * n + i] = Correlation(kernel, Distance(x[i], x[j]) / lengthScale);
        return k;
    }

    /// <summary>Solves L·z = b for lower-triangular L (row-major n × n).</summary>
    private static double[] SolveLower(double[] l, int n, double[] b)
    {
        var z = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int j = 0; j < i; j++) s -= l[i * n + j] * z[j];
            z[i] = s / l[i * n + i];
        }
        return z;
    }

    /// <summary>Solves Lᵀ·z = b for lower-triangular L (row-major n × n).</summary>
    private static double[] SolveUpper(double[] l, int n, double[] b)
    {
        var z = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int j = i + 1; j < n; j++) s -= l[j * n + i] * z[j];
            z[i] = s / l[i * n + i];
        }
        return z;
    }
}
