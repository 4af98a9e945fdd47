namespace Scratch.ML.Learn.Svm;

/// <summary>
/// Platt scaling as libsvm implements it (Platt 2000; Lin, Lin &amp; Weng 2007, "A note on Platt's probabilistic
/// outputs for support vector machines"), and the pairwise coupling of Wu, Lin &amp; Weng (2004) for several classes.
/// </summary>
public static class PlattScaling
{
    /// <summary>
    /// Fits P(y = +1 | f) = 1 / (1 + exp(A f + B)) to decision values f by minimising the cross-entropy against the
    /// regularised targets t₊ = (N₊ + 1)/(N₊ + 2) and t₋ = 1/(N₋ + 2), with Newton's method (Hessian + 10⁻¹² I) and a
    /// backtracking line search (sufficient decrease 10⁻⁴, minimum step 10⁻¹⁰), stopping when both gradient entries
    /// are below 10⁻⁵ or after 100 iterations. Starts at A = 0, B = log((N₋ + 1)/(N₊ + 1)).
    /// </summary>
    /// <param name="decision">f: decision values (n).</param>
    /// <param name="positive">Whether sample i is of the positive class (n).</param>
    /// <returns>(A, B).</returns>
    /// <exception cref="ArgumentException">The lengths differ or are zero, or a decision value is not finite.</exception>
    public static (double A, double B) Fit(ReadOnlySpan<double> decision, ReadOnlySpan<bool> positive)
    {
        int n = decision.Length;
        if (n == 0 || positive.Length != n)
            throw new ArgumentException($"PlattScaling.Fit: needs equal non-zero lengths, got {n} decision values and {positive.Length} labels.", nameof(positive));
        double prior1 = 0, prior0 = 0;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(decision[i])) throw new ArgumentException($"PlattScaling.Fit: decision[{i}] is {decision[i]}.", nameof(decision));
            if (positive[i]) prior1++; else prior0++;
        }
        const int maxIter = 100;
        const double minStep = 1e-10, sigma = 1e-12, eps = 1e-5;
        double hiTarget = (prior1 + 1.0) / (prior1 + 2.0), loTarget = 1 / (prior0 + 2.0);
        var t = new double[n];
        double a = 0, b = Math.Log((prior0 + 1.0) / (prior1 + 1.0)), fval = 0;
        for (int i = 0; i < n; i++)
        {
            t[i] = positive[i] ? hiTarget : loTarget;
            fval += Loss(t[i], decision[i] * a + b);
        }
        for (int iter = 0; iter < maxIter; iter++)
        {
            double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
            for (int i = 0; i < n; i++)
            {
                double fApB = decision[i] * a + b, pp, qq;
                if (fApB >= 0) { pp = Math.Exp(-fApB) / (1.0 + Math.Exp(-fApB)); qq = 1.0 / (1.0 + Math.Exp(-fApB)); }
                else { pp = 1.0 / (1.0 + Math.Exp(fApB)); qq = Math.Exp(fApB) / (1.0 + Math.Exp(fApB)); }
                double d2 = pp * qq;
                h11 += decision[i] * decision[i] * d2;
                h22 += d2;
                h21 += decision[i] * d2;
                double d1 = t[i] - pp;
                g1 += decision[i] * d1;
                g2 += d1;
            }
            if (Math.Abs(g1) < eps && Math.Abs(g2) < eps) break;
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det, dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB, step = 1;
            while (step >= minStep)
            {
                double newA = a + step * dA, newB = b + step * dB, newF = 0;
                for (int i = 0; i < n; i++) newF += Loss(t[i], decision[i] * newA + newB);
                if (newF < fval + 0.0001 * step * gd)
                {
                    a = newA;
                    b = newB;
                    fval = newF;
                    break;
                }
                step /= 2.0;
            }
            if (step < minStep) break;   // the line search failed: keep the last iterate, as libsvm does
        }
        return (a, b);
    }

    private static double Loss(double t, double fApB) => fApB >= 0
        ? t * fApB + Math.Log(1 + Math.Exp(-fApB))
        : (t - 1) * fApB + Math.Log(1 + Math.Exp(fApB));

    /// <summary>1 / (1 + exp(A f + B)), evaluated without overflow.</summary>
    public static double Predict(double decision, double a, double b)
    {
        double fApB = decision * a + b;
        return fApB >= 0 ? Math.Exp(-fApB) / (1.0 + Math.Exp(-fApB)) : 1.0 / (1 + Math.Exp(fApB));
    }

    /// <summary>
    /// Class probabilities p (k) from pairwise probabilities r (k × k, r[i, j] ≈ P(i | i or j), r[j, i] = 1 − r[i, j]):
    /// minimises Σ_i Σ_{j≠i} (r_ji p_i − r_ij p_j)² subject to Σ p = 1 by libsvm's fixed-point iteration (at most
    /// max(100, k) sweeps, stopping when max_t |(Qp)_t − pᵀQp| &lt; 0.005 / k).
    /// </summary>
    internal static void Couple(int k, double[,] r, Span<double> p)
    {
        var qm = new double[k, k];
        var qp = new double[k];
        for (int t = 0; t < k; t++)
        {
            p[t] = 1.0 / k;
            qm[t, t] = 0;
            for (int j = 0; j < t; j++)
            {
                qm[t, t] += r[j, t] * r[j, t];
                qm[t, j] = qm[j, t];
            }
            for (int j = t + 1; j < k; j++)
            {
                qm[t, t] += r[j, t] * r[j, t];
                qm[t, j] = -r[j, t] * r[t, j];
            }
        }
        int maxIter = Math.Max(100, k);
        double eps = 0.005 / k;
        for (int iter = 0; iter < maxIter; iter++)
        {
            double pQp = 0;
            for (int t = 0; t < k; t++)
            {
                qp[t] = 0;
                for (int j = 0; j < k; j++) qp[t] += qm[t, j] * p[j];
                pQp += p[t] * qp[t];
            }
            double maxError = 0;
            for (int t = 0; t < k; t++) maxError = Math.Max(maxError, Math.Abs(qp[t] - pQp));
            if (maxError < eps) break;
            for (int t = 0; t < k; t++)
            {
                double diff = (-qp[t] + pQp) / qm[t, t];
                p[t] += diff;
                pQp = (pQp + diff * (diff * qm[t, t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
                for (int j = 0; j < k; j++)
                {
                    qp[j] = (qp[j] + diff * qm[t, j]) / (1 + diff);
                    p[j] /= 1 + diff;
                }
            }
        }
    }
}
