namespace Scratch.ML.Learn.Svm;

/// <summary>
/// The ν variant of <see cref="SmoSolver"/> (libsvm's <c>Solver_NU</c>; Chang &amp; Lin 2001). The ν duals carry two
/// equality constraints, yᵀα = Δ₁ and eᵀα = Δ₂, so every step must move two variables of the same label: the
/// maximal violating pair and the second-order (WSS3) choice are made separately among y = +1 and y = −1, and the pair
/// with the larger decrease is taken. Shrinking uses the four class-wise bounds, and the solution has two offsets
/// r₁ (y = +1) and r₂ (y = −1) from which ρ = (r₁ − r₂)/2 and r = (r₁ + r₂)/2.
/// </summary>
internal sealed partial class SmoSolver
{
    private bool nu;
    private double nuR;

    /// <summary>WSS3 within each label; false when max(m₊ − M₊, m₋ − M₋) &lt; eps (optimal).</summary>
    private bool SelectWorkingSetNu(out int outI, out int outJ)
    {
        double gmaxp = double.NegativeInfinity, gmaxp2 = double.NegativeInfinity;
        double gmaxn = double.NegativeInfinity, gmaxn2 = double.NegativeInfinity;
        int gmaxpIdx = -1, gmaxnIdx = -1, gminIdx = -1;
        double objDiffMin = double.PositiveInfinity;
        for (int t = 0; t < activeSize; t++)
        {
            if (y[t] == 1)
            {
                if (status[t] != Upper && -g[t] >= gmaxp) { gmaxp = -g[t]; gmaxpIdx = t; }
            }
            else if (status[t] != Lower && g[t] >= gmaxn) { gmaxn = g[t]; gmaxnIdx = t; }
        }
        int ip = gmaxpIdx, iN = gmaxnIdx;
        double[]? qip = ip != -1 ? q.GetQ(ip, activeSize) : null;
        double[]? qin = iN != -1 ? q.GetQ(iN, activeSize) : null;
        for (int j = 0; j < activeSize; j++)
        {
            if (y[j] == 1)
            {
                if (status[j] == Lower) continue;
                double gradDiff = gmaxp + g[j];
                if (g[j] >= gmaxp2) gmaxp2 = g[j];
                if (gradDiff > 0)
                {
                    double quad = qd[ip] + qd[j] - 2 * qip![j];
                    double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Tau);
                    if (objDiff <= objDiffMin) { gminIdx = j; objDiffMin = objDiff; }
                }
            }
            else
            {
                if (status[j] == Upper) continue;
                double gradDiff = gmaxn - g[j];
                if (-g[j] >= gmaxn2) gmaxn2 = -g[j];
                if (gradDiff > 0)
                {
                    double quad = qd[iN] + qd[j] - 2 * qin![j];
                    double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Tau);
                    if (objDiff <= objDiffMin) { gminIdx = j; objDiffMin = objDiff; }
                }
            }
        }
        outI = gminIdx == -1 ? -1 : y[gminIdx] == 1 ? gmaxpIdx : gmaxnIdx;
        outJ = gminIdx;
        return !(Math.Max(gmaxp + gmaxp2, gmaxn + gmaxn2) < eps || gminIdx == -1);
    }

    private bool BeShrunkNu(int i, double gmax1, double gmax2, double gmax3, double gmax4)
    {
        if (status[i] == Upper) return y[i] == 1 ? -g[i] > gmax1 : -g[i] > gmax4;
        if (status[i] == Lower) return y[i] == 1 ? g[i] > gmax2 : g[i] > gmax3;
        return false;
    }

    /// <summary>Shrinking with the class-wise bounds (libsvm's <c>Solver_NU::do_shrinking</c>).</summary>
    private void DoShrinkingNu()
    {
        double gmax1 = double.NegativeInfinity, gmax2 = double.NegativeInfinity;   // y = +1: max −∇f over I_up, max ∇f over I_low
        double gmax3 = double.NegativeInfinity, gmax4 = double.NegativeInfinity;   // y = −1: max ∇f over I_low, max −∇f over I_up
        for (int i = 0; i < activeSize; i++)
        {
            if (status[i] != Upper)
            {
                if (y[i] == 1) { if (-g[i] > gmax1) gmax1 = -g[i]; }
                else if (-g[i] > gmax4) gmax4 = -g[i];
            }
            if (status[i] != Lower)
            {
                if (y[i] == 1) { if (g[i] > gmax2) gmax2 = g[i]; }
                else if (g[i] > gmax3) gmax3 = g[i];
            }
        }
        if (!unshrink && Math.Max(gmax1 + gmax2, gmax3 + gmax4) <= eps * 10)
        {
            unshrink = true;
            ReconstructGradient();
            activeSize = l;
        }
        for (int i = 0; i < activeSize; i++)
        {
            if (!BeShrunkNu(i, gmax1, gmax2, gmax3, gmax4)) continue;
            activeSize--;
            while (activeSize > i)
            {
                if (!BeShrunkNu(activeSize, gmax1, gmax2, gmax3, gmax4))
                {
                    SwapIndex(i, activeSize);
                    break;
                }
                activeSize--;
            }
        }
    }

    /// <summary>
    /// r₁, r₂: the mean ∇f_i over the free variables of each label, else the midpoint of that label's feasible
    /// interval; sets r = (r₁ + r₂)/2 and returns ρ = (r₁ − r₂)/2.
    /// </summary>
    private double CalculateRhoNu()
    {
        int nFree1 = 0, nFree2 = 0;
        double ub1 = double.PositiveInfinity, ub2 = double.PositiveInfinity;
        double lb1 = double.NegativeInfinity, lb2 = double.NegativeInfinity;
        double sumFree1 = 0, sumFree2 = 0;
        for (int i = 0; i < activeSize; i++)
        {
            if (y[i] == 1)
            {
                if (status[i] == Upper) lb1 = Math.Max(lb1, g[i]);
                else if (status[i] == Lower) ub1 = Math.Min(ub1, g[i]);
                else { nFree1++; sumFree1 += g[i]; }
            }
            else
            {
                if (status[i] == Upper) lb2 = Math.Max(lb2, g[i]);
                else if (status[i] == Lower) ub2 = Math.Min(ub2, g[i]);
                else { nFree2++; sumFree2 += g[i]; }
            }
        }
        double r1 = nFree1 > 0 ? sumFree1 / nFree1 : (ub1 + lb1) / 2;
        double r2 = nFree2 > 0 ? sumFree2 / nFree2 : (ub2 + lb2) / 2;
        nuR = (r1 + r2) / 2;
        return (r1 - r2) / 2;
    }
}
