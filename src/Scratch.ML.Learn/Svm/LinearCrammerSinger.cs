using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Svm;

/// <summary>
/// The multiclass SVM of Crammer and Singer (2001) by the sequential dual method of Keerthi, Sundararajan, Chang, Hsieh
/// and Lin (2008), liblinear's MCSVM_CS: <c>min_Ŵ ½Σₘ‖ŵₘ‖² + Σᵢ Cᵢ maxₘ(eᵢᵐ + ŵₘ·x̂ᵢ − ŵ_yᵢ·x̂ᵢ)</c>, eᵢᵐ = 0 for
/// m = yᵢ and 1 otherwise, x̂ᵢ = (xᵢ, s) with the bias weights penalised.
/// </summary>
/// <remarks>
/// Dual: one block αᵢ ∈ ℝᴷ per sample with Σₘ αᵢᵐ = 0, αᵢᵐ ≤ 0 (m ≠ yᵢ), αᵢ^yᵢ ≤ Cᵢ, and ŵₘ = Σᵢ αᵢᵐ x̂ᵢ. A step solves
/// the K-variable block subproblem exactly (sort, then a threshold β). Stops when, over an epoch, the largest
/// gradient spread maxG − minG of a block is below eps. No shrinking (every block is visited each epoch).
/// </remarks>
internal static class LinearCrammerSinger
{
    /// <summary>Solves; returns Ŵ as (K, d + 1 if bias) row-major, epochs run, convergence.</summary>
    public static LinearDualCoordinateDescent.Solution Solve(double[] x, int n, int d, double bias, int[] codes, int k, double[] c, double eps,
        int maxIter, Generator rng)
    {
        bool hasBias = bias >= 0;
        int m = hasBias ? d + 1 : d;
        var w = new double[k * m];
        var alpha = new double[n * k];
        var qd = new double[n];
        var index = new int[n];
        int l = 0;
        for (int i = 0; i < n; i++)
        {
            if (c[i] <= 0) continue;
            var row = x.AsSpan(i * d, d);
            qd[i] = LinearDualCoordinateDescent.Dot(row, row) + (hasBias ? bias * bias : 0);
            if (qd[i] > 0) index[l++] = i;
        }
        var g = new double[k];
        var bvec = new double[k];
        var sorted = new double[k];
        int iter = 0;
        bool converged = false;
        while (iter < maxIter)
        {
            double stopping = double.NegativeInfinity;
            for (int s = 0; s < l - 1; s++)
            {
                int r = s + (int)(rng.NextDouble() * (l - s));
                if (r >= l) r = l - 1;
                (index[s], index[r]) = (index[r], index[s]);
            }
            for (int s = 0; s < l; s++)
            {
                int i = index[s], yi = codes[i];
                var row = x.AsSpan(i * d, d);
                var ai = alpha.AsSpan(i * k, k);
                double a = qd[i], ci = c[i];
                double minG = double.PositiveInfinity, maxG = double.NegativeInfinity;
                for (int q = 0; q < k; q++)
                {
                    var wq = w.AsSpan(q * m, m);
                    g[q] = (q == yi ? 0 : 1) + LinearDualCoordinateDescent.Dot(wq[..d], row) + (hasBias ? wq[d] * bias : 0);
                    if (ai[q] < 0 && g[q] < minG) minG = g[q];
                    if (g[q] > maxG) maxG = g[q];
                }
                if (ai[yi] < ci && g[yi] < minG) minG = g[yi];
                if (maxG - minG <= 1e-12) continue;
                stopping = Math.Max(stopping, maxG - minG);
                // Block subproblem: min ½A‖αᵢ‖² + Bᵀαᵢ, B = G − Aαᵢ, Σαᵢ = 0, αᵢᵐ ≤ Cᵢ·[m = yᵢ].
                for (int q = 0; q < k; q++)
                {
                    bvec[q] = g[q] - a * ai[q];
                    sorted[q] = bvec[q];
                }
                sorted[yi] += a * ci;
                Array.Sort(sorted);
                Array.Reverse(sorted);
                double beta = sorted[0] - a * ci;
                int rr = 1;
                for (; rr < k && beta < rr * sorted[rr]; rr++) beta += sorted[rr];
                beta /= rr;
                for (int q = 0; q < k; q++)
                {
                    double next = Math.Min(q == yi ? ci : 0, (beta - bvec[q]) / a);
                    double delta = next - ai[q];
                    ai[q] = next;
                    if (Math.Abs(delta) < 1e-12) continue;
                    var wq = w.AsSpan(q * m, m);
                    LinearDualCoordinateDescent.Axpy(delta, row, wq[..d]);
                    if (hasBias) wq[d] += delta * bias;
                }
            }
            iter++;
            if (stopping < eps) { converged = true; break; }
        }
        return new LinearDualCoordinateDescent.Solution(w, iter, converged);
    }
}
