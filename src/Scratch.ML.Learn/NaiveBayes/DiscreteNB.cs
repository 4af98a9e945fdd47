using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.NaiveBayes;

/// <summary>The validated training data of a discrete naive Bayes fit, in float64 (row-major x: n × d).</summary>
internal sealed record DiscreteData(double[] X, int N, int D, ClassLabels Classes, int[] Codes, double[] Weights)
{
    public int C => Classes.Count;
}

/// <summary>
/// What MultinomialNB, BernoulliNB, ComplementNB and CategoricalNB share (scikit-learn's <c>_BaseDiscreteNB</c>):
/// option checks, alpha clipping, weighted counting, class log-priors, linear joint log-likelihoods and normalisation.
/// </summary>
internal static class DiscreteNB
{
    /// <summary>scikit-learn's <c>_ALPHA_MIN</c>: alpha is raised to this unless forced.</summary>
    public const double AlphaMin = 1e-10;

    public static void CheckOptions(string name, double alpha, double[]? classPrior)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException("Alpha", alpha, $"{name}: alpha must be finite and ≥ 0.");
        if (classPrior is not null && (classPrior.Length == 0 || classPrior.Any(p => !(p >= 0) || double.IsInfinity(p))))
            throw new ArgumentException($"{name}: classPrior must be non-empty, finite and non-negative, got [{string.Join(", ", classPrior)}].", "ClassPrior");
    }

    /// <summary>The alpha used: <c>max(alpha, 1e-10)</c> unless <paramref name="force"/> (scikit-learn 1.2's force_alpha=False default).</summary>
    public static double EffectiveAlpha(double alpha, bool force) => force ? alpha : Math.Max(alpha, AlphaMin);

    /// <summary>Checks x, y and the weights, and copies x to float64.</summary>
    public static DiscreteData Prepare<T>(string name, Tensor<T> x, Labels y, Tensor<T>? sampleWeight) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (classes, codes) = ClassifierChecks.Encode(name, y, n);
        var w = InputChecks.Weights(name, sampleWeight, n);
        var weights = new double[n];
        for (int i = 0; i < n; i++) weights[i] = w is null ? 1.0 : double.CreateTruncating(w[i]);
        return new DiscreteData(ToDouble(xs), n, d, classes, codes, weights);
    }

    public static double[] ToDouble<T>(Tensor<T> checkedX) where T : unmanaged, IFloatingPointIeee754<T> => Float64.From(checkedX);

    /// <summary>Rejects negative entries (counts and frequencies cannot be negative).</summary>
    /// <exception cref="ArgumentException">Names the first negative element.</exception>
    public static void CheckNonNegative(string name, double[] x, int d)
    {
        for (int i = 0; i < x.Length; i++)
            if (x[i] < 0)
                throw new ArgumentException($"{name}: x[{i / d}, {i % d}] is {x[i].ToString(CultureInfo.InvariantCulture)}; features must be non-negative counts or frequencies.", "x");
    }

    /// <summary>Class weights (C) and per-class weighted feature sums (C × d); rejects a class of zero total weight.</summary>
    public static (double[] ClassCount, double[] FeatureCount) Count(string name, DiscreteData data, double[] x)
    {
        int c = data.C, d = data.D;
        var classCount = new double[c];
        var featureCount = new double[c * d];
        for (int i = 0; i < data.N; i++)
        {
            int k = data.Codes[i];
            double wi = data.Weights[i];
            classCount[k] += wi;
            for (int j = 0; j < d; j++) featureCount[k * d + j] += wi * x[i * d + j];
        }
        CheckClassWeights(name, data, classCount);
        return (classCount, featureCount);
    }

    public static void CheckClassWeights(string name, DiscreteData data, double[] classCount)
    {
        for (int k = 0; k < classCount.Length; k++)
            if (classCount[k] == 0) throw new ArgumentException($"{name}: class {data.Classes.Decode([k]).Format(0)} has zero total weight.", "sampleWeight");
    }

    /// <summary>
    /// log πc: <c>log classPrior</c> when given, else <c>log(Nc / N)</c> when <paramref name="fitPrior"/>, else
    /// <c>−log C</c>.
    /// </summary>
    public static double[] ClassLogPrior(string name, double[] classCount, bool fitPrior, double[]? classPrior)
    {
        int c = classCount.Length;
        if (classPrior is not null)
        {
            if (classPrior.Length != c) throw new ArgumentException($"{name}: {classPrior.Length} class priors given for {c} classes.", "ClassPrior");
            return Array.ConvertAll(classPrior, Math.Log);
        }
        if (!fitPrior) return Enumerable.Repeat(-Math.Log(c), c).ToArray();
        double logTotal = Math.Log(classCount.Sum());
        return Array.ConvertAll(classCount, v => Math.Log(v) - logTotal);
    }

    /// <summary>Row-wise <c>log(v / Σ v)</c> of a C × m table of smoothed counts.</summary>
    public static double[] LogNormaliseRows(double[] smoothed, int rows, int cols)
    {
        var r = new double[smoothed.Length];
        for (int k = 0; k < rows; k++)
        {
            double s = 0;
            for (int j = 0; j < cols; j++) s += smoothed[k * cols + j];
            double logS = Math.Log(s);
            for (int j = 0; j < cols; j++) r[k * cols + j] = Math.Log(smoothed[k * cols + j]) - logS;
        }
        return r;
    }

    /// <summary><c>x · Wᵀ + b</c>: x (n × d) times a (C, d) table plus an optional (C) bias, as an (n, C) tensor.</summary>
    public static Tensor<T> Linear<T>(double[] x, int n, int d, Tensor<T> table, double[]? bias) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = table.Shape[0];
        var w = ToDouble(table.Contiguous());
        var r = new double[n * c];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < c; k++)
            {
                double s = bias is null ? 0 : bias[k];
                for (int j = 0; j < d; j++) s += x[i * d + j] * w[k * d + j];
                r[i * c + k] = s;
            }
        return GaussianNB.Cast<T>(r, n, c);
    }

    /// <summary>log P(c | x) = jll − logsumexp(jll) per row.</summary>
    public static Tensor<T> LogProba<T>(Tensor<T> jll) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var _ = Autograd.NoGrad();
        return jll - jll.LogSumExp(1, keepDims: true);
    }

    public static double[] Doubles<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T> => ToDouble(t.Contiguous());

    public static string FormatPrior(double[]? prior) =>
        prior is null ? "" : string.Join(",", prior.Select(p => p.ToString("R", CultureInfo.InvariantCulture)));

    public static double[]? ParsePrior(string text) =>
        text.Length == 0 ? null : text.Split(',').Select(s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();

    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static string Format(bool v) => v.ToString(CultureInfo.InvariantCulture);
}
