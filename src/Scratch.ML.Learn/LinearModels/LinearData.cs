using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// A validated, centred and weight-scaled copy of a regression problem in float64 (scikit-learn's
/// <c>_preprocess_data</c> + <c>_rescale_data</c>): x̃ = √s ⊙ (x − x̄), ỹ = √s ⊙ (y − ȳ), with x̄, ȳ the weighted means
/// (zero without an intercept).
/// </summary>
internal sealed class LinearData
{
    public required int N { get; init; }
    public required int D { get; init; }
    public required int K { get; init; }
    /// <summary>Whether y was 1-d.</summary>
    public required bool Vector { get; init; }
    /// <summary>x̃, row-major (n, d).</summary>
    public required double[] X { get; init; }
    /// <summary>ỹ, column-major: target j occupies [j·n, (j+1)·n).</summary>
    public required double[] Y { get; init; }
    public required double[] XMean { get; init; }
    public required double[] YMean { get; init; }

    /// <summary>Validates and prepares the data.</summary>
    /// <param name="name">The estimator, for messages.</param>
    /// <param name="x">(n, d) features.</param>
    /// <param name="y">(n) or (n, k) targets.</param>
    /// <param name="sampleWeight">(n) weights or null.</param>
    /// <param name="fitIntercept">Whether to centre.</param>
    /// <param name="normalizeWeights">Rescale the weights to sum to n (scikit-learn's ElasticNet does; Ridge does not).</param>
    public static LinearData Prepare<T>(string name, Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight, bool fitIntercept, bool normalizeWeights)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (ys, vector) = InputChecks.Targets(name, y, n, multiOutput: true);
        var wt = InputChecks.Weights(name, sampleWeight, n);
        int k = ys.Shape[1];
        var xd = ToDouble(xs.Contiguous().AsSpan());
        var yRow = ToDouble(ys.Contiguous().AsSpan());
        var w = new double[n];
        for (int i = 0; i < n; i++) w[i] = wt is null ? 1.0 : double.CreateTruncating(wt[i]);
        if (wt is not null && normalizeWeights)
        {
            double total = w.Sum();
            for (int i = 0; i < n; i++) w[i] *= n / total;
        }
        var xMean = new double[d];
        var yMean = new double[k];
        if (fitIntercept)
        {
            double total = w.Sum();
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < d; j++) xMean[j] += w[i] * xd[i * d + j];
                for (int j = 0; j < k; j++) yMean[j] += w[i] * yRow[i * k + j];
            }
            for (int j = 0; j < d; j++) xMean[j] /= total;
            for (int j = 0; j < k; j++) yMean[j] /= total;
        }
        var yc = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            double root = Math.Sqrt(w[i]);
            for (int j = 0; j < d; j++) xd[i * d + j] = (xd[i * d + j] - xMean[j]) * root;
            for (int j = 0; j < k; j++) yc[j * n + i] = (yRow[i * k + j] - yMean[j]) * root;
        }
        return new LinearData { N = n, D = d, K = k, Vector = vector, X = xd, Y = yc, XMean = xMean, YMean = yMean };
    }

    /// <summary>b = ȳ − x̄·w for each target; coef is (k, d) row-major.</summary>
    public double[] Intercepts(double[] coef)
    {
        var b = new double[K];
        for (int t = 0; t < K; t++)
        {
            double s = YMean[t];
            for (int j = 0; j < D; j++) s -= XMean[j] * coef[t * D + j];
            b[t] = s;
        }
        return b;
    }

    public static double[] ToDouble<T>(ReadOnlySpan<T> s) where T : unmanaged, IFloatingPointIeee754<T> => Float64.From(s);

    /// <summary>A float64 buffer as a tensor of T with the given shape (rounded once for float).</summary>
    public static Tensor<T> ToTensor<T>(double[] data, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
        => Tensor.FromArray(Array.ConvertAll(data, T.CreateTruncating), shape);

    /// <summary>The coef and intercept tensors in scikit-learn's layout: (d) and 0-d for a 1-d target, else (k, d) and (k).</summary>
    public (Tensor<T> Coef, Tensor<T> Intercept) Shape<T>(double[] coef, double[] intercept) where T : unmanaged, IFloatingPointIeee754<T>
        => Vector ? (ToTensor<T>(coef, D), ToTensor<T>(intercept, 1).Reshape()) : (ToTensor<T>(coef, K, D), ToTensor<T>(intercept, K));

    /// <summary>Formats doubles exactly (round-trip) for model-file metadata.</summary>
    public static string Format(IEnumerable<double> values) => string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Parses <see cref="Format"/>.</summary>
    public static double[] Parse(string text) => text.Length == 0 ? [] : Array.ConvertAll(text.Split(','), s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));

    /// <summary>Reads coef (rank from "coef_rank") and a matching intercept from a model file.</summary>
    public static (Tensor<T> Coef, Tensor<T> Intercept) ReadCoef<T>(ModelFileContents<T> f, string kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var coef = f.Option("coef_rank") == "1" ? f.Tensor("coef", 1) : f.Tensor("coef", 2);
        var intercept = f.Tensor("intercept", coef.Rank == 1 ? 0 : 1);
        if (coef.Rank == 2 && intercept.Shape[0] != coef.Shape[0])
            throw new InvalidDataException($"{kind}: intercept has {intercept.Shape[0]} entries for {coef.Shape[0]} targets.");
        return (coef, intercept);
    }

    /// <summary>Solves A z = b in place for symmetric positive definite A (m, m) row-major by Cholesky; false if A is not positive definite.</summary>
    public static bool CholeskySolve(double[] a, int m, double[] b)
    {
        for (int j = 0; j < m; j++)
        {
            double s = a[j * m + j];
            for (int p = 0; p < j; p++) s -= a[j * m + p] * a[j * m + p];
            if (!(s > 0)) return false;
            double l = Math.Sqrt(s);
            a[j * m + j] = l;
            for (int i = j + 1; i < m; i++)
            {
                double t = a[i * m + j];
                for (int p = 0; p < j; p++) t -= a[i * m + p] * a[j * m + p];
                a[i * m + j] = t / l;
            }
        }
        for (int i = 0; i < m; i++)
        {
            double s = b[i];
            for (int p = 0; p < i; p++) s -= a[i * m + p] * b[p];
            b[i] = s / a[i * m + i];
        }
        for (int i = m - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int p = i + 1; p < m; p++) s -= a[p * m + i] * b[p];
            b[i] = s / a[i * m + i];
        }
        return true;
    }
}
