using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Inspection;

/// <summary>
/// KernelSHAP (Lundberg &amp; Lee 2017): model-agnostic Shapley values of the value function
/// <c>v(S) = E_b[f(x_S, b_S̄)]</c> — the mean prediction over background rows b with the features in S taken from the
/// explained row x. The Shapley values are the solution of the weighted least-squares problem
/// <code>min_φ Σ_S π(S) (v(S) − v(∅) − Σ_{j∈S} φ_j)²   subject to   Σ_j φ_j = f(x) − v(∅),   π(S) = (M − 1) / (C(M, |S|) · |S| · (M − |S|))</code>
/// over coalitions 0 &lt; |S| &lt; M of the M features that vary between x and the background (the others get φ = 0).
/// With a budget of at least 2^M − 2 evaluations every coalition is enumerated and the result is exact; otherwise
/// coalitions are sampled as the <c>shap</c> package does (<see cref="KernelShapCoalitions"/>).
/// </summary>
/// <remarks>
/// Differences from <c>shap.KernelExplainer</c>: no L1 feature selection (<c>l1_reg</c>), uniform background
/// weights, and Philox sampling (sampled results agree in distribution, enumerated ones exactly).
/// </remarks>
public static class KernelShap
{
    private const string Name = "KernelShap";

    /// <summary>Explains the rows of <paramref name="x"/> for any prediction function.</summary>
    /// <param name="predict">Rows (m, d) → outputs (m) or (m, o); called with batches of background rows mixed with x.</param>
    /// <param name="background">Background rows (k, d), k ≥ 1 (a few dozen representative rows; cost is linear in k).</param>
    /// <param name="x">Rows to explain (n, d).</param>
    /// <param name="nSamples">Coalition budget per row; 0 = 2d + 2048 (shap's default). All 2^M − 2 coalitions when it fits.</param>
    /// <param name="seed">Seed for the sampled coalitions (row i uses Philox stream i); null draws one at random.</param>
    /// <param name="featureNames">d names, or null.</param>
    /// <returns>φ (n, d, o) with ExpectedValue = mean of f over the background; f(x_i) = ExpectedValue + Σ_j φ_ij.</returns>
    /// <exception cref="ArgumentException">Shapes disagree, non-finite values, or the function returns the wrong row count.</exception>
    public static ShapValues Explain<T>(Func<Tensor<T>, Tensor<T>> predict, Tensor<T> background, Tensor<T> x, int nSamples = 0, int? seed = null,
        IReadOnlyList<string>? featureNames = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(predict);
        var bg = InputChecks.Features(Name, background, argument: "background");
        var xc = InputChecks.Features(Name, x);
        int k = bg.Shape[0], d = bg.Shape[1], n = xc.Shape[0];
        if (xc.Shape[1] != d) throw new ArgumentException($"{Name}: x has {xc.Shape[1]} features but the background has {d}.", nameof(x));
        ArgumentOutOfRangeException.ThrowIfNegative(nSamples);
        int budget = nSamples == 0 ? 2 * d + 2048 : nSamples;
        var bgData = bg.ToArray();
        var xData = xc.ToArray();
        var (bgPred, o) = Evaluate(predict, bgData, k, d);
        var expected = new double[o];
        for (int b = 0; b < k; b++)
            for (int j = 0; j < o; j++) expected[j] += bgPred[b * o + j] / k;
        ulong s = seed is int v ? unchecked((ulong)v) : (ulong)Random.Shared.NextInt64();
        var phi = new double[(long)n * d * o];
        Parallelism.For(n, i =>
        {
            var row = xData.AsSpan(i * d, d).ToArray();
            var (fx, _) = Evaluate(predict, row, 1, d);
            var result = ExplainRow(predict, bgData, k, d, o, row, fx, expected, budget, new Generator(s, (uint)i));
            Array.Copy(result, 0, phi, (long)i * d * o, d * o);
        });
        return new ShapValues(phi, n, d, expected, featureNames);
    }

    /// <summary>Explains a regressor's predictions (one output per target).</summary>
    public static ShapValues Explain<T>(IRegressionModel<T> model, Tensor<T> background, Tensor<T> x, int nSamples = 0, int? seed = null,
        IReadOnlyList<string>? featureNames = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return Explain(model.Predict, background, x, nSamples, seed, featureNames);
    }

    /// <summary>Explains a classifier's class probabilities (one output per class, in <c>Classes</c> order).</summary>
    public static ShapValues Explain<T>(IProbabilisticModel<T> model, Tensor<T> background, Tensor<T> x, int nSamples = 0, int? seed = null,
        IReadOnlyList<string>? featureNames = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return Explain(model.PredictProba, background, x, nSamples, seed, featureNames);
    }

    private static double[] ExplainRow<T>(Func<Tensor<T>, Tensor<T>> predict, T[] bg, int k, int d, int o, T[] row, double[] fx, double[] ev, int budget, Generator gen)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var phi = new double[d * o];
        // Features equal to x in every background row cannot change v(S): φ = 0 and they leave the regression.
        var varying = new List<int>();
        for (int j = 0; j < d; j++)
            for (int b = 0; b < k; b++)
                if (bg[b * d + j] != row[j]) { varying.Add(j); break; }
        int m = varying.Count;
        if (m == 0) return phi;
        if (m == 1)
        {
            for (int t = 0; t < o; t++) phi[varying[0] * o + t] = fx[t] - ev[t];
            return phi;
        }
        var (masks, weights, count) = KernelShapCoalitions.Build(m, budget, gen);
        // v(S) for every coalition: k background rows with the coalition's features from x, averaged.
        const int MaxRows = 1 << 16;
        int perBatch = Math.Max(1, MaxRows / k);
        var vs = new double[count * o];
        for (int start = 0; start < count; start += perBatch)
        {
            int c = Math.Min(perBatch, count - start);
            var buf = new T[(long)c * k * d];
            for (int q = 0; q < c; q++)
            {
                Array.Copy(bg, 0, buf, (long)q * k * d, k * d);
                for (int a = 0; a < m; a++)
                {
                    if (!masks[(start + q) * m + a]) continue;
                    int j = varying[a];
                    for (int b = 0; b < k; b++) buf[((long)q * k + b) * d + j] = row[j];
                }
            }
            var (pred, _) = Evaluate(predict, buf, c * k, d);
            for (int q = 0; q < c; q++)
                for (int b = 0; b < k; b++)
                    for (int t = 0; t < o; t++) vs[(start + q) * o + t] += pred[((long)q * k + b) * o + t] / k;
        }
        // Eliminate the constraint through the last varying feature: φ_last = Δ − Σ_{a<last} φ_a.
        int p = m - 1;
        var a2 = new double[p * p];
        var rhs = new double[p * o];
        var z = new double[p];
        for (int r = 0; r < count; r++)
        {
            double last = masks[r * m + p] ? 1 : 0, w = weights[r];
            for (int a = 0; a < p; a++) z[a] = (masks[r * m + a] ? 1 : 0) - last;
            for (int a = 0; a < p; a++)
            {
                if (z[a] == 0) continue;
                for (int c = 0; c < p; c++) a2[a * p + c] += w * z[a] * z[c];
                for (int t = 0; t < o; t++) rhs[a * o + t] += w * z[a] * (vs[r * o + t] - ev[t] - last * (fx[t] - ev[t]));
            }
        }
        var sol = Solve(a2, rhs, p, o);
        for (int t = 0; t < o; t++)
        {
            double sum = 0;
            for (int a = 0; a < p; a++) { phi[varying[a] * o + t] = sol[a * o + t]; sum += sol[a * o + t]; }
            phi[varying[p] * o + t] = fx[t] - ev[t] - sum;
        }
        return phi;
    }

    /// <summary>Solves the symmetric positive semi-definite system A X = B (p × p, p × o) by Gaussian elimination with partial pivoting; a tiny ridge is added only if A is singular (too few sampled coalitions).</summary>
    private static double[] Solve(double[] a, double[] b, int p, int o)
    {
        double trace = 0;
        for (int i = 0; i < p; i++) trace += a[i * p + i];
        for (int attempt = 0; attempt < 2; attempt++)
        {
            var m = (double[])a.Clone();
            var x = (double[])b.Clone();
            if (attempt == 1) for (int i = 0; i < p; i++) m[i * p + i] += 1e-10 * trace / p;
            bool ok = true;
            for (int c = 0; c < p && ok; c++)
            {
                int piv = c;
                for (int r = c + 1; r < p; r++) if (Math.Abs(m[r * p + c]) > Math.Abs(m[piv * p + c])) piv = r;
                if (Math.Abs(m[piv * p + c]) <= 1e-13 * trace) { ok = false; break; }
                if (piv != c)
                {
                    for (int q = 0; q < p; q++) (m[c * p + q], m[piv * p + q]) = (m[piv * p + q], m[c * p + q]);
                    for (int t = 0; t < o; t++) (x[c * o + t], x[piv * o + t]) = (x[piv * o + t], x[c * o + t]);
                }
                for (int r = c + 1; r < p; r++)
                {
                    double f = m[r * p + c] / m[c * p + c];
                    if (f == 0) continue;
                    for (int q = c; q < p; q++) m[r * p + q] -= f * m[c * p + q];
                    for (int t = 0; t < o; t++) x[r * o + t] -= f * x[c * o + t];
                }
            }
            if (!ok) continue;
            for (int c = p - 1; c >= 0; c--)
                for (int t = 0; t < o; t++)
                {
                    double s = x[c * o + t];
                    for (int q = c + 1; q < p; q++) s -= m[c * p + q] * x[q * o + t];
                    x[c * o + t] = s / m[c * p + c];
                }
            return x;
        }
        throw new InvalidOperationException($"{Name}: the coalition system is singular even with a ridge; increase nSamples.");
    }

    private static (double[] Values, int Width) Evaluate<T>(Func<Tensor<T>, Tensor<T>> predict, T[] rows, int count, int d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = predict(Tensor.Wrap(rows, count, d));
        ArgumentNullException.ThrowIfNull(t, nameof(predict));
        if (t.Rank is < 1 or > 2 || t.Shape[0] != count)
            throw new ArgumentException($"{Name}: the prediction function returned shape {Shapes.Format(t.Shape)} for {count} rows; expected ({count}) or ({count}, o).", nameof(predict));
        var s = t.Contiguous().AsSpan();
        var r = new double[s.Length];
        for (int i = 0; i < r.Length; i++) r[i] = double.CreateTruncating(s[i]);
        return (r, t.Rank == 1 ? 1 : t.Shape[1]);
    }
}
