using System.Numerics.Tensors;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// SAGA (Defazio, Bach and Lacoste-Julien, 2014) for penalised logistic regression, as scikit-learn 1.2's
/// <c>sag_solver(is_saga=True)</c> sets it up: minimise
/// <c>(1/n)·Σᵢ sᵢ·ℓ(yᵢ, W xᵢ + b) + (α/n)/2·‖W‖² + (β/n)·‖W‖₁</c> — the objective of <see cref="LogisticRegression"/>
/// divided by n — with α = (1 − ρ)/C and β = ρ/C.
/// </summary>
/// <remarks>
/// <para>A table keeps, for every sample, the last gradient of its loss with respect to the scores (k numbers: the
/// gradient with respect to W is that times xᵢ) and the running sum of the table. One step on sample j with new score
/// gradient g and stored one g₀, over m samples seen so far:
/// <c>V = W − η·((g − g₀)·xⱼ + S_old/m)</c>, then the proximal map of the penalty
/// <c>W = soft(V, η·β/n) / (1 + η·α/n)</c>; the intercept takes the same step without a penalty. The fixed point is
/// exactly the optimum (the gradient-difference term vanishes there).</para>
/// <para>Step size as scikit-learn's <c>get_auto_step_size</c> for the log loss and SAGA:
/// <c>L = ¼·s_max·(max‖xᵢ‖² + [intercept]) + α/n</c>, <c>μ = min(2α, L)</c>, <c>η = 1/(2L + μ)</c> (s_max, the largest
/// sample weight, is 1 without weights; scikit-learn 1.2 leaves it out, which can make weighted problems diverge).</para>
/// <para>Each epoch draws n sample indices uniformly with replacement from the seeded generator (scikit-learn draws
/// from its own generator, so the iterates differ; the optimum does not). After each epoch, stop when
/// <c>max|Δθ| / max|θ| ≤ tol</c> over all weights and intercepts (scikit-learn's rule). With dense input every step
/// touches every coordinate, so scikit-learn's just-in-time ("lazy") updates for sparse rows reduce to this direct
/// update.</para>
/// </remarks>
internal static class LogisticSaga
{
    internal readonly record struct Result(double[] Coef, double[] Intercept, int Epochs, bool Converged);

    /// <summary>Runs SAGA. x: row-major (n, d) starting at x0; codes: class codes (k = 1: binary, target is codes[i] == 1; k ≥ 2:
    /// softmax over k classes); s: sample weights (n); alpha, beta: the L2 and L1 strengths on the un-divided scale.</summary>
    public static Result Solve(double[] x, int x0, int n, int d, int[] codes, int k, double[] s, bool fitIntercept,
        double alpha, double beta, double tol, int maxIter, Generator generator)
    {
        double maxSq = 0, sMax = 0;
        for (int i = 0; i < n; i++)
        {
            var row = x.AsSpan(x0 + i * d, d);
            maxSq = Math.Max(maxSq, TensorPrimitives.Dot(row, row));
            sMax = Math.Max(sMax, s[i]);
        }
        double alphaS = alpha / n, betaS = beta / n;
        double lipschitz = 0.25 * sMax * (maxSq + (fitIntercept ? 1 : 0)) + alphaS;
        double mu = Math.Min(2 * n * alphaS, lipschitz);
        double step = 1.0 / (2 * lipschitz + mu);
        double shrink = 1.0 / (1 + step * alphaS), threshold = step * betaS;

        var w = new double[k * d];
        var b = new double[k];
        var memory = new double[n * k];
        var sum = new double[k * d];
        var sumB = new double[k];
        var seen = new bool[n];
        var prevW = new double[k * d];
        var prevB = new double[k];
        var z = new double[k];
        var corr = new double[k];
        var v = new double[d];
        var draws = new int[n];
        int m = 0;
        for (int epoch = 1; epoch <= maxIter; epoch++)
        {
            generator.Integers(draws, 0, n);
            foreach (int j in draws)
            {
                var row = x.AsSpan(x0 + j * d, d);
                for (int c = 0; c < k; c++) z[c] = b[c] + TensorPrimitives.Dot(w.AsSpan(c * d, d), row);
                Gradient(z, codes[j], s[j], k);
                if (!seen[j]) { seen[j] = true; m++; }
                double invM = 1.0 / m;
                for (int c = 0; c < k; c++)
                {
                    corr[c] = z[c] - memory[j * k + c];
                    memory[j * k + c] = z[c];
                    var wc = w.AsSpan(c * d, d);
                    var sc = sum.AsSpan(c * d, d);
                    // V = W − η·(corr·x + S_old/m), then S += corr·x.
                    TensorPrimitives.Multiply(sc, -step * invM, v);
                    TensorPrimitives.MultiplyAdd(row, -step * corr[c], v, v);
                    TensorPrimitives.Add(wc, v, wc);
                    TensorPrimitives.MultiplyAdd(row, corr[c], sc, sc);
                    if (threshold > 0)
                        for (int f = 0; f < d; f++)
                        {
                            double a = wc[f];
                            wc[f] = a > threshold ? a - threshold : a < -threshold ? a + threshold : 0;
                        }
                    if (shrink != 1) TensorPrimitives.Multiply(wc, shrink, wc);
                    if (fitIntercept) b[c] -= step * (corr[c] + sumB[c] * invM);
                    sumB[c] += corr[c];
                }
            }
            double maxChange = 0, maxWeight = 0;
            for (int t = 0; t < w.Length; t++)
            {
                maxChange = Math.Max(maxChange, Math.Abs(w[t] - prevW[t]));
                maxWeight = Math.Max(maxWeight, Math.Abs(w[t]));
            }
            for (int c = 0; c < k; c++)
            {
                maxChange = Math.Max(maxChange, Math.Abs(b[c] - prevB[c]));
                maxWeight = Math.Max(maxWeight, Math.Abs(b[c]));
            }
            if (maxChange == 0 || maxChange <= tol * maxWeight) return new Result(w, b, epoch, true);
            Array.Copy(w, prevW, w.Length);
            Array.Copy(b, prevB, k);
        }
        return new Result(w, b, maxIter, false);
    }

    /// <summary>Overwrites the scores z with s·∂ℓ/∂z: s·(σ(z) − y) for k = 1, s·(softmax(z) − onehot(y)) otherwise.</summary>
    private static void Gradient(double[] z, int code, double weight, int k)
    {
        if (k == 1)
        {
            z[0] = weight * (LogisticObjective.Sigmoid(z[0]) - (code == 1 ? 1 : 0));
            return;
        }
        double max = double.NegativeInfinity;
        for (int c = 0; c < k; c++) max = Math.Max(max, z[c]);
        double sum = 0;
        for (int c = 0; c < k; c++) sum += Math.Exp(z[c] - max);
        double lse = max + Math.Log(sum);
        for (int c = 0; c < k; c++) z[c] = weight * (Math.Exp(z[c] - lse) - (c == code ? 1 : 0));
    }
}
