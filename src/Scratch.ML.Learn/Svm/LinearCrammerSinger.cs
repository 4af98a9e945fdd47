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
/// gradient spread maxG − minG of a block is below eps (checked with every variable active).
/// </remarks>
internal static class LinearCrammerSinger
{
    /// <summary>Solves; returns Ŵ as (K, d + 1 if bias) row-major, epochs run, convergence.</summary>
    /// <remarks>
    /// With <paramref name="shrinking"/>, a class m of sample i whose αᵢᵐ sits at its bound with Gₘ below the block's
    /// minimum free gradient leaves the block (and a block with one class left leaves the epoch), liblinear's scheme;
    /// the shrinking threshold halves from max(10·eps, 1) down to eps, and the final check always runs on all variables.
    /// </remarks>
    public static LinearDualCoordinateDescent.Solution Solve(double[] x, int n, int d, double bias, int[] codes, int k, double[] c, double eps,
        int maxIter, Generator rng, bool shrinking)
    {
        bool hasBias = bias >= 0;
        int m = hasBias ? d + 1 : d;
        var w = new double[k * m];
        var alpha = new double[n * k];
        var qd = new double[n];
        var index = new int[n];
        var order = new int[n * k];                                    // per sample: class at each block position
        var activeI = new int[n];
        var yPos = new int[n];                                          // position of yᵢ in the sample's order
        int l = 0;
        for (int i = 0; i < n; i++)
        {
            if (c[i] <= 0) continue;
            var row = x.AsSpan(i * d, d);
            qd[i] = LinearDualCoordinateDescent.Dot(row, row) + (hasBias ? bias * bias : 0);
            if (qd[i] > 0) index[l++] = i;
            for (int q = 0; q < k; q++) order[i * k + q] = q;
            activeI[i] = k;
            yPos[i] = codes[i];
        }
        var g = new double[k];
        var bvec = new double[k];
        var sorted = new double[k];
        int iter = 0, active = l;
        double epsShrink = shrinking ? Math.Max(10 * eps, 1.0) : eps;
        bool fromAll = true, converged = false;
        while (iter < maxIter)
        {
            double stopping = double.NegativeInfinity;
            for (int s = 0; s < active - 1; s++)
            {
                int r = s + (int)(rng.NextDouble() * (active - s));
                if (r >= active) r = active - 1;
                (index[s], index[r]) = (index[r], index[s]);
            }
            for (int s = 0; s < active; s++)
            {
                int i = index[s];
                var row = x.AsSpan(i * d, d);
                var ai = alpha.AsSpan(i * k, k);
                var oi = order.AsSpan(i * k, k);
                double a = qd[i], ci = c[i];
                int na = activeI[i], yi = yPos[i];
                double minG = double.PositiveInfinity, maxG = double.NegativeInfinity;
                for (int p = 0; p < na; p++)
                {
                    var wq = w.AsSpan(oi[p] * m, m);
                    g[p] = (p == yi ? 0 : 1) + LinearDualCoordinateDescent.Dot(wq[..d], row) + (hasBias ? wq[d] * bias : 0);
                    if (ai[oi[p]] < 0 && g[p] < minG) minG = g[p];
                    if (g[p] > maxG) maxG = g[p];
                }
                if (yi < na && ai[oi[yi]] < ci && g[yi] < minG) minG = g[yi];
                if (shrinking)
                {
                    for (int p = 0; p < na; p++)
                    {
                        if (!AtBoundBelow(p, yi, ai[oi[p]], ci, g[p], minG)) continue;
                        na--;
                        while (na > p)
                        {
                            if (!AtBoundBelow(na, yi, ai[oi[na]], ci, g[na], minG))
                            {
                                (oi[p], oi[na]) = (oi[na], oi[p]);
                                (g[p], g[na]) = (g[na], g[p]);
                                if (yi == na) yi = p;
                                else if (yi == p) yi = na;
                                break;
                            }
                            na--;
                        }
                    }
                    activeI[i] = na;
                    yPos[i] = yi;
                    if (na <= 1)
                    {
                        (index[s], index[active - 1]) = (index[active - 1], index[s]);
                        active--;
                        s--;
                        continue;
                    }
                }
                if (maxG - minG <= 1e-12) continue;
                stopping = Math.Max(stopping, maxG - minG);
                // Block subproblem over the active positions: min ½A‖α‖² + Bᵀα, B = G − Aα, Σα = const, αₚ ≤ Cᵢ·[p = yᵢ].
                for (int p = 0; p < na; p++)
                {
                    bvec[p] = g[p] - a * ai[oi[p]];
                    sorted[p] = bvec[p];
                }
                if (yi < na) sorted[yi] += a * ci;
                Array.Sort(sorted, 0, na);
                Array.Reverse(sorted, 0, na);
                double beta = sorted[0] - a * ci;
                int rr = 1;
                for (; rr < na && beta < rr * sorted[rr]; rr++) beta += sorted[rr];
                beta /= rr;
                for (int p = 0; p < na; p++)
                {
                    int q = oi[p];
                    double next = Math.Min(p == yi ? ci : 0, (beta - bvec[p]) / a);
                    double delta = next - ai[q];
                    ai[q] = next;
                    if (Math.Abs(delta) < 1e-12) continue;
                    var wq = w.AsSpan(q * m, m);
                    LinearDualCoordinateDescent.Axpy(delta, row, wq[..d]);
                    if (hasBias) wq[d] += delta * bias;
                }
            }
            iter++;
            if (stopping < epsShrink)
            {
                if (stopping < eps && fromAll) { converged = true; break; }
                active = l;                                            // unshrink everything and check again
                for (int s = 0; s < l; s++) activeI[index[s]] = k;
                epsShrink = Math.Max(epsShrink / 2, eps);
                fromAll = true;
            }
            else fromAll = false;
        }
        return new LinearDualCoordinateDescent.Solution(w, iter, converged);
    }

    /// <summary>Whether block position p sits at its upper bound (Cᵢ for yᵢ, 0 otherwise) with a gradient below the free minimum.</summary>
    private static bool AtBoundBelow(int p, int yPos, double alpha, double ci, double g, double minG) => alpha == (p == yPos ? ci : 0) && g < minG;
}
