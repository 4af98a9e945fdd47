using System.Numerics;
using Scratch.ML.Optimization;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>The penalty of <see cref="LogisticRegression"/>.</summary>
public enum LogisticPenalty
{
    /// <summary>½‖W‖² (the intercept is not penalised).</summary>
    L2,
    /// <summary>No penalty (scikit-learn's <c>penalty="none"</c>); C is ignored.</summary>
    None,
}

/// <summary>
/// Logistic regression (scikit-learn 1.2's <c>LogisticRegression(solver="lbfgs", multi_class="auto")</c>) fitted by
/// L-BFGS on the objective <c>F(W, b) = Σᵢ sᵢ·ℓ(yᵢ, W xᵢ + b) + ‖W‖² / (2C)</c> — the same minimiser as the documented
/// <c>C·Σᵢ sᵢ·ℓ + ½‖W‖²</c>, scaled as scikit-learn scales it, so that <see cref="Tol"/> means the same thing.
/// </summary>
/// <remarks>
/// <para>Two classes: one coefficient row, ℓ = log(1 + e^z) − y·z with y = 1 for the second class and z = w·x + b,
/// P(second class) = σ(z). Three or more: multinomial, W is (C, d), ℓ = logsumexp(z) − z_y, P = softmax(z).</para>
/// <para>sᵢ = sampleWeight[i] · classWeight[yᵢ]. The intercept b is not penalised. Start at W = 0, b = 0; stop when the
/// gradient's largest component is ≤ <see cref="Tol"/> (SciPy's gtol), when the relative decrease of F is ≤ 2.2·10⁻⁹
/// (SciPy's default ftol), or after <see cref="MaxIter"/> iterations. Computed in float64.</para>
/// </remarks>
/// <param name="Penalty">L2 or None.</param>
/// <param name="C">Inverse regularisation strength (&gt; 0, finite; ignored for <see cref="LogisticPenalty.None"/>).</param>
/// <param name="FitIntercept">Whether to fit the (unpenalised) intercept b.</param>
/// <param name="Tol">Gradient tolerance (≥ 0).</param>
/// <param name="MaxIter">Maximum L-BFGS iterations (≥ 1).</param>
/// <param name="ClassWeight">Per-class weights, <see cref="ClassWeights.Balanced"/>, or null for all ones.</param>
public sealed record LogisticRegression(LogisticPenalty Penalty = LogisticPenalty.L2, double C = 1.0, bool FitIntercept = true,
    double Tol = 1e-4, int MaxIter = 100, ClassWeights? ClassWeight = null) : IClassifier
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Penalty, C, Tol, MaxIter);

    private static EstimatorCapabilities ValidateAndDescribe(LogisticPenalty penalty, double c, double tol, int maxIter)
    {
        if (!Enum.IsDefined(penalty))
            throw new ArgumentOutOfRangeException(nameof(Penalty), penalty, "LogisticRegression: penalty must be L2 or None.");
        if (!(c > 0) || double.IsInfinity(c))
            throw new ArgumentOutOfRangeException(nameof(C), c, "LogisticRegression: C must be finite and > 0.");
        if (!(tol >= 0) || double.IsInfinity(tol))
            throw new ArgumentOutOfRangeException(nameof(Tol), tol, "LogisticRegression: tol must be finite and ≥ 0.");
        if (maxIter < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxIter), maxIter, "LogisticRegression: maxIter must be ≥ 1.");
        return new(EstimatorKind.Classifier, Supervised: true, SupportsSampleWeight: true);
    }

    /// <summary>Fits x: (n, d) to labels y (n) with optional non-negative weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values, fewer than two classes, a class weight naming an
    /// unknown class, or all effective weights zero.</exception>
    public LogisticRegressionModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(LogisticRegression);
        var xs = InputChecks.Features(name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (classes, codes) = ClassifierChecks.Encode(name, y, n);
        var w = InputChecks.Weights(name, sampleWeight, n);
        var classW = ClassWeight?.Resolve(name, classes, codes);
        var data = new double[n * d];
        var span = xs.AsSpan();
        for (int i = 0; i < data.Length; i++) data[i] = double.CreateTruncating(span[i]);
        var s = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            s[i] = (w is null ? 1.0 : double.CreateTruncating(w[i])) * (classW is null ? 1.0 : classW[codes[i]]);
            total += s[i];
        }
        if (total == 0) throw new ArgumentException($"{name}: sample weights times class weights sum to zero.", nameof(sampleWeight));

        int k = classes.Count == 2 ? 1 : classes.Count;
        var objective = new LogisticObjective(data, codes, s, n, d, k, FitIntercept, Penalty == LogisticPenalty.L2 ? 1.0 / C : 0.0);
        var options = new LbfgsOptions { GradientTolerance = Tol, MaxIterations = MaxIter, MaxFunctionEvaluations = Math.Max(15000, 2 * MaxIter) };
        var result = Lbfgs.Minimize(objective, new double[objective.Size], options);
        var coef = new double[k * d];
        Array.Copy(result.X, coef, k * d);
        var intercept = new double[k];
        if (FitIntercept) Array.Copy(result.X, k * d, intercept, 0, k);
        return new LogisticRegressionModel<T>(this, classes, Cast<T>(coef, k, d), Cast<T>(intercept, k), result.Iterations, result.Converged);
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    internal static Tensor<T> Cast<T>(double[] v, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new T[v.Length];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateTruncating(v[i]);
        return Tensor.FromArray(a, shape);
    }
}

/// <summary>
/// F(W, b) = Σᵢ sᵢ·ℓᵢ + λ/2·‖W‖² and its gradient, parameters laid out as W (k, d) row-major then b (k) if fitted.
/// k = 1 is the binary (sigmoid) loss, k ≥ 3 the multinomial (softmax) loss.
/// </summary>
internal sealed class LogisticObjective(double[] x, int[] codes, double[] s, int n, int d, int k, bool intercept, double lambda) : IDifferentiableFunction
{
    public int Size => k * d + (intercept ? k : 0);

    public double Evaluate(ReadOnlySpan<double> p, Span<double> g)
    {
        g.Clear();
        double f = 0;
        var z = new double[k];
        for (int i = 0; i < n; i++)
        {
            if (s[i] == 0) continue;
            var row = x.AsSpan(i * d, d);
            for (int c = 0; c < k; c++)
            {
                double v = intercept ? p[k * d + c] : 0;
                var wc = p.Slice(c * d, d);
                for (int j = 0; j < d; j++) v += wc[j] * row[j];
                z[c] = v;
            }
            if (k == 1)
            {
                double zi = z[0], yi = codes[i] == 1 ? 1 : 0;
                // log(1 + e^z) computed without overflow; σ(z) likewise.
                double softplus = LogisticRegressionModel<double>.Softplus(zi);
                f += s[i] * (softplus - yi * zi);
                double sig = zi >= 0 ? 1 / (1 + Math.Exp(-zi)) : Math.Exp(zi) / (1 + Math.Exp(zi));
                z[0] = s[i] * (sig - yi);
            }
            else
            {
                double max = double.NegativeInfinity;
                for (int c = 0; c < k; c++) max = Math.Max(max, z[c]);
                double sum = 0;
                for (int c = 0; c < k; c++) sum += Math.Exp(z[c] - max);
                double lse = max + Math.Log(sum);
                f += s[i] * (lse - z[codes[i]]);
                for (int c = 0; c < k; c++) z[c] = s[i] * (Math.Exp(z[c] - lse) - (c == codes[i] ? 1 : 0));
            }
            for (int c = 0; c < k; c++)
            {
                var gc = g.Slice(c * d, d);
                double r = z[c];
                for (int j = 0; j < d; j++) gc[j] += r * row[j];
                if (intercept) g[k * d + c] += r;
            }
        }
        if (lambda > 0)
            for (int j = 0; j < k * d; j++)
            {
                f += 0.5 * lambda * p[j] * p[j];
                g[j] += lambda * p[j];
            }
        return f;
    }
}
