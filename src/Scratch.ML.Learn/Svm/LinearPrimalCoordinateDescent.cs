using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Svm;

/// <summary>
/// L1-regularised L2-loss SVM in the primal, by coordinate descent with a one-variable Newton step and an Armijo line
/// search (the CDN method of Yuan, Chang, Hsieh and Lin 2010, "A comparison of optimization methods and software for
/// large-scale L1-regularized linear classification", JMLR; liblinear's L1R_L2LOSS_SVC):
/// <c>min_ŵ ‖ŵ‖₁ + Σᵢ Cᵢ max(0, 1 − yᵢ ŵ·x̂ᵢ)²</c>, x̂ᵢ = (xᵢ, s) with the bias weight penalised like the others.
/// </summary>
/// <remarks>
/// The residuals bᵢ = 1 − yᵢŵ·x̂ᵢ are kept up to date, so a coordinate costs O(n) on a column of the (column-major,
/// y-scaled) data. Stops when the summed violation of the optimality conditions is ≤ eps times its first-epoch value.
/// </remarks>
internal static class LinearPrimalCoordinateDescent
{
    private const double Sigma = 0.01;
    private const int MaxLineSearch = 20;

    /// <summary>Solves the problem; returns ŵ (d, plus the bias weight last when bias ≥ 0).</summary>
    /// <param name="x">(n, d) row-major.</param>
    /// <param name="n">Samples.</param>
    /// <param name="d">Features.</param>
    /// <param name="bias">The appended constant, or negative for none.</param>
    /// <param name="y">±1 per sample.</param>
    /// <param name="c">Cᵢ ≥ 0 per sample.</param>
    /// <param name="eps">Relative stopping tolerance.</param>
    /// <param name="maxIter">Maximum epochs.</param>
    /// <param name="rng">Draws the per-epoch permutation of the features.</param>
    /// <param name="shrinking">Whether to shrink zero weights whose gradient is well inside [−1, 1].</param>
    public static LinearDualCoordinateDescent.Solution L1SquaredHinge(double[] x, int n, int d, double bias, sbyte[] y, double[] c, double eps,
        int maxIter, Generator rng, bool shrinking)
    {
        int m = bias >= 0 ? d + 1 : d;
        // Column-major data with the label folded in: col[j·n + i] = yᵢ·x̂ᵢⱼ.
        var col = new double[m * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) col[j * n + i] = y[i] * x[i * d + j];
            if (m > d) col[d * n + i] = y[i] * bias;
        }
        var w = new double[m];
        var b = new double[n];
        Array.Fill(b, 1.0);
        var xjSq = new double[m];
        for (int j = 0; j < m; j++)
        {
            var cj = col.AsSpan(j * n, n);
            double s = 0;
            for (int i = 0; i < n; i++) s += c[i] * cj[i] * cj[i];
            xjSq[j] = s;
        }
        var index = new int[m];
        for (int j = 0; j < m; j++) index[j] = j;
        int active = m, iter = 0;
        double gMaxOld = double.PositiveInfinity, gNormInit = -1;
        bool converged = false;
        while (iter < maxIter)
        {
            double gMax = 0, gNorm = 0;
            for (int s = 0; s < active - 1; s++)
            {
                int r = s + (int)(rng.NextDouble() * (active - s));
                if (r >= active) r = active - 1;
                (index[s], index[r]) = (index[r], index[s]);
            }
            for (int s = 0; s < active; s++)
            {
                int j = index[s];
                var cj = col.AsSpan(j * n, n);
                double gLoss = 0, h = 0;
                for (int i = 0; i < n; i++)
                {
                    if (b[i] <= 0) continue;
                    double t = c[i] * cj[i];
                    gLoss -= t * b[i];
                    h += t * cj[i];
                }
                gLoss *= 2;
                double g = gLoss;
                h = Math.Max(2 * h, 1e-12);
                double gp = g + 1, gn = g - 1, violation = 0, wj = w[j];
                if (wj == 0)
                {
                    if (gp < 0) violation = -gp;
                    else if (gn > 0) violation = gn;
                    else if (shrinking && gp > gMaxOld / n && gn < -gMaxOld / n)
                    {
                        (index[s], index[active - 1]) = (index[active - 1], index[s]);
                        active--;
                        s--;
                        continue;
                    }
                }
                else violation = wj > 0 ? Math.Abs(gp) : Math.Abs(gn);
                gMax = Math.Max(gMax, violation);
                gNorm += violation;
                double dir = gp < h * wj ? -gp / h : gn > h * wj ? -gn / h : -wj;
                if (Math.Abs(dir) < 1e-12) continue;
                double delta = Math.Abs(wj + dir) - Math.Abs(wj) + g * dir;
                double dOld = 0, lossOld = 0;
                int ls = 0;
                for (; ls < MaxLineSearch; ls++)
                {
                    double dDiff = dOld - dir;
                    double cond = Math.Abs(wj + dir) - Math.Abs(wj) - Sigma * delta;
                    // Upper bound of the loss change (Σ Cᵢ(bᵢ − d·yx)₊² ≤ …): accept without touching the data when it suffices.
                    if (xjSq[j] * dir * dir + gLoss * dir + cond <= 0)
                    {
                        for (int i = 0; i < n; i++) b[i] += dDiff * cj[i];
                        break;
                    }
                    double lossNew = 0;
                    for (int i = 0; i < n; i++)
                    {
                        if (ls == 0 && b[i] > 0) lossOld += c[i] * b[i] * b[i];
                        double bn = b[i] + dDiff * cj[i];
                        b[i] = bn;
                        if (bn > 0) lossNew += c[i] * bn * bn;
                    }
                    if (cond + lossNew - lossOld <= 0) break;
                    dOld = dir;
                    dir *= 0.5;
                    delta *= 0.5;
                }
                w[j] += dir;
                if (ls >= MaxLineSearch)
                {
                    // The line search failed: b holds the residuals of the last trial; rebuild them from w exactly.
                    Array.Fill(b, 1.0);
                    for (int k = 0; k < m; k++)
                    {
                        if (w[k] == 0) continue;
                        var ck = col.AsSpan(k * n, n);
                        for (int i = 0; i < n; i++) b[i] -= w[k] * ck[i];
                    }
                }
            }
            if (iter == 0) gNormInit = gNorm;
            iter++;
            if (gNorm <= eps * gNormInit)
            {
                if (active == m) { converged = true; break; }
                active = m;
                gMaxOld = double.PositiveInfinity;
                continue;
            }
            gMaxOld = gMax;
        }
        return new LinearDualCoordinateDescent.Solution(w, iter, converged);
    }
}
