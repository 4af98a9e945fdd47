namespace Scratch.ML.Learn.Svm;

/// <summary>The result of <see cref="SmoSolver.Solve"/>.</summary>
/// <param name="Alpha">The optimal α in the original variable order.</param>
/// <param name="Rho">ρ: the decision function is Σ y_i α_i k(x_i, x) − ρ.</param>
/// <param name="Objective">½ αᵀQα + pᵀα at the solution.</param>
/// <param name="Iterations">The number of SMO steps taken.</param>
/// <param name="Converged">False when <c>maxIter</c> stopped the solver first.</param>
/// <param name="R">ν-solver only: r, the mean of the two class-wise offsets (libsvm's <c>si.r</c>); 0 otherwise.</param>
internal sealed record SmoResult(double[] Alpha, double Rho, double Objective, int Iterations, bool Converged, double R = 0);

/// <summary>
/// Sequential minimal optimisation for the generic SVM dual (Fan, Chen &amp; Lin 2005; the design of libsvm's
/// <c>Solver</c>, rewritten):
/// <code>min_α ½ αᵀQα + pᵀα   s.t.  yᵀα = Δ,  0 ≤ α_i ≤ C_i,   y_i = ±1.</code>
/// Each step picks the pair (i, j) by WSS3 — i maximises −y_i ∇f_i over I_up, j minimises the second-order decrease
/// −b²/a over I_low with b = −y_i∇f_i + y_j∇f_j &gt; 0 and a = Q_ii + Q_jj − 2 y_i y_j Q_ij (τ if a ≤ 0) — solves the
/// two-variable subproblem analytically with clipping to the box, and updates ∇f = Qα + p. It stops when
/// m(α) − M(α) &lt; tol (the maximal KKT violation). Shrinking removes bounded variables that are unlikely to move from
/// the active set every min(l, 1000) steps; the full gradient is rebuilt (from Ḡ, the contribution of variables at
/// their upper bound) before the final check, so the answer is the same with and without shrinking up to the tolerance.
/// </summary>
internal sealed partial class SmoSolver
{
    private const double Tau = 1e-12;
    private const byte Lower = 0, Upper = 1, Free = 2;

    private int activeSize;
    private double[] y = [], g = [], gBar = [], alpha = [], p = [], c = [];
    private byte[] status = [];
    private int[] activeSet = [];
    private QMatrix q = null!;
    private double[] qd = [];
    private double eps;
    private bool unshrink;
    private int l;

    /// <summary>Solves the dual; <paramref name="alpha0"/> is a feasible start (all zeros for C-SVC and ε-SVR).</summary>
    /// <remarks><paramref name="nu"/>: use libsvm's <c>Solver_NU</c> rules (see SmoSolverNu.cs) for the extra constraint eᵀα = const.</remarks>
    public SmoResult Solve(int l, QMatrix q, double[] p, double[] y, double[] alpha0, double[] c, double eps, bool shrinking, long maxIter, bool nu = false)
    {
        this.nu = nu;
        nuR = 0;
        this.l = l;
        this.q = q;
        qd = q.QD;
        this.p = (double[])p.Clone();
        this.y = (double[])y.Clone();
        alpha = (double[])alpha0.Clone();
        this.c = (double[])c.Clone();
        this.eps = eps;
        unshrink = false;
        status = new byte[l];
        for (int i = 0; i < l; i++) UpdateStatus(i);
        activeSet = new int[l];
        for (int i = 0; i < l; i++) activeSet[i] = i;
        activeSize = l;

        // ∇f = Qα + p and Ḡ = Σ_{α_j = C_j} C_j Q_:j.
        g = (double[])this.p.Clone();
        gBar = new double[l];
        for (int i = 0; i < l; i++)
        {
            if (status[i] == Lower) continue;
            var qi = q.GetQ(i, l);
            double ai = alpha[i];
            for (int j = 0; j < l; j++) g[j] += ai * qi[j];
            if (status[i] == Upper)
                for (int j = 0; j < l; j++) gBar[j] += this.c[i] * qi[j];
        }

        int iter = 0, counter = Math.Min(l, 1000) + 1;
        bool converged = true;
        while (true)
        {
            if (maxIter >= 0 && iter >= maxIter) { converged = false; break; }
            if (--counter == 0)
            {
                counter = Math.Min(l, 1000);
                if (shrinking) DoShrinking();
            }
            if (!SelectWorkingSet(out int i, out int j))
            {
                ReconstructGradient();
                activeSize = l;
                if (!SelectWorkingSet(out i, out j)) break;
                counter = 1;   // shrink again at the next step
            }
            ++iter;
            TakeStep(i, j);
        }
        if (!converged && activeSize < l)
        {
            ReconstructGradient();
            activeSize = l;
        }
        double rho = CalculateRho();
        double v = 0;
        for (int i = 0; i < l; i++) v += alpha[i] * (g[i] + this.p[i]);
        var result = new double[l];
        for (int i = 0; i < l; i++) result[activeSet[i]] = alpha[i];
        return new SmoResult(result, rho, v / 2, iter, converged, nuR);
    }

    private void UpdateStatus(int i) =>
        status[i] = alpha[i] >= c[i] ? Upper : alpha[i] <= 0 ? Lower : Free;

    private void TakeStep(int i, int j)
    {
        var qi = q.GetQ(i, activeSize);
        var qj = q.GetQ(j, activeSize);
        double ci = c[i], cj = c[j];
        double oldAi = alpha[i], oldAj = alpha[j];
        if (y[i] != y[j])
        {
            double quad = qd[i] + qd[j] + 2 * qi[j];
            if (quad <= 0) quad = Tau;
            double delta = (-g[i] - g[j]) / quad;
            double diff = alpha[i] - alpha[j];
            alpha[i] += delta;
            alpha[j] += delta;
            if (diff > 0) { if (alpha[j] < 0) { alpha[j] = 0; alpha[i] = diff; } }
            else if (alpha[i] < 0) { alpha[i] = 0; alpha[j] = -diff; }
            if (diff > ci - cj) { if (alpha[i] > ci) { alpha[i] = ci; alpha[j] = ci - diff; } }
            else if (alpha[j] > cj) { alpha[j] = cj; alpha[i] = cj + diff; }
        }
        else
        {
            double quad = qd[i] + qd[j] - 2 * qi[j];
            if (quad <= 0) quad = Tau;
            double delta = (g[i] - g[j]) / quad;
            double sum = alpha[i] + alpha[j];
            alpha[i] -= delta;
            alpha[j] += delta;
            if (sum > ci) { if (alpha[i] > ci) { alpha[i] = ci; alpha[j] = sum - ci; } }
            else if (alpha[j] < 0) { alpha[j] = 0; alpha[i] = sum; }
            if (sum > cj) { if (alpha[j] > cj) { alpha[j] = cj; alpha[i] = sum - cj; } }
            else if (alpha[i] < 0) { alpha[i] = 0; alpha[j] = sum; }
        }

        double dAi = alpha[i] - oldAi, dAj = alpha[j] - oldAj;
        for (int k = 0; k < activeSize; k++) g[k] += qi[k] * dAi + qj[k] * dAj;

        bool ui = status[i] == Upper, uj = status[j] == Upper;
        UpdateStatus(i);
        UpdateStatus(j);
        if (ui != (status[i] == Upper))
        {
            qi = q.GetQ(i, l);
            double s = ui ? -ci : ci;
            for (int k = 0; k < l; k++) gBar[k] += s * qi[k];
        }
        if (uj != (status[j] == Upper))
        {
            qj = q.GetQ(j, l);
            double s = uj ? -cj : cj;
            for (int k = 0; k < l; k++) gBar[k] += s * qj[k];
        }
    }

    /// <summary>WSS3; false when the maximal violation is below eps (optimal).</summary>
    private bool SelectWorkingSet(out int outI, out int outJ)
    {
        if (nu) return SelectWorkingSetNu(out outI, out outJ);
        double gmax = double.NegativeInfinity, gmax2 = double.NegativeInfinity;
        int gmaxIdx = -1, gminIdx = -1;
        double objDiffMin = double.PositiveInfinity;
        for (int t = 0; t < activeSize; t++)
        {
            if (y[t] == 1)
            {
                if (status[t] != Upper && -g[t] >= gmax) { gmax = -g[t]; gmaxIdx = t; }
            }
            else if (status[t] != Lower && g[t] >= gmax) { gmax = g[t]; gmaxIdx = t; }
        }
        int i = gmaxIdx;
        double[]? qi = i != -1 ? q.GetQ(i, activeSize) : null;
        for (int j = 0; j < activeSize; j++)
        {
            if (y[j] == 1)
            {
                if (status[j] == Lower) continue;
                double gradDiff = gmax + g[j];
                if (g[j] >= gmax2) gmax2 = g[j];
                if (gradDiff > 0)
                {
                    double quad = qd[i] + qd[j] - 2.0 * y[i] * qi![j];
                    double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Tau);
                    if (objDiff <= objDiffMin) { gminIdx = j; objDiffMin = objDiff; }
                }
            }
            else
            {
                if (status[j] == Upper) continue;
                double gradDiff = gmax - g[j];
                if (-g[j] >= gmax2) gmax2 = -g[j];
                if (gradDiff > 0)
                {
                    double quad = qd[i] + qd[j] + 2.0 * y[i] * qi![j];
                    double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Tau);
                    if (objDiff <= objDiffMin) { gminIdx = j; objDiffMin = objDiff; }
                }
            }
        }
        outI = gmaxIdx;
        outJ = gminIdx;
        return !(gmax + gmax2 < eps || gminIdx == -1);
    }

    private bool BeShrunk(int i, double gmax1, double gmax2)
    {
        if (status[i] == Upper) return y[i] == 1 ? -g[i] > gmax1 : -g[i] > gmax2;
        if (status[i] == Lower) return y[i] == 1 ? g[i] > gmax2 : g[i] > gmax1;
        return false;
    }

    private void DoShrinking()
    {
        if (nu) { DoShrinkingNu(); return; }
        double gmax1 = double.NegativeInfinity, gmax2 = double.NegativeInfinity;
        for (int i = 0; i < activeSize; i++)
        {
            if (y[i] == 1)
            {
                if (status[i] != Upper && -g[i] >= gmax1) gmax1 = -g[i];
                if (status[i] != Lower && g[i] >= gmax2) gmax2 = g[i];
            }
            else
            {
                if (status[i] != Upper && -g[i] >= gmax2) gmax2 = -g[i];
                if (status[i] != Lower && g[i] >= gmax1) gmax1 = g[i];
            }
        }
        if (!unshrink && gmax1 + gmax2 <= eps * 10)
        {
            unshrink = true;
            ReconstructGradient();
            activeSize = l;
        }
        for (int i = 0; i < activeSize; i++)
        {
            if (!BeShrunk(i, gmax1, gmax2)) continue;
            activeSize--;
            while (activeSize > i)
            {
                if (!BeShrunk(activeSize, gmax1, gmax2))
                {
                    SwapIndex(i, activeSize);
                    break;
                }
                activeSize--;
            }
        }
    }

    private void SwapIndex(int i, int j)
    {
        q.SwapIndex(i, j);
        (y[i], y[j]) = (y[j], y[i]);
        (g[i], g[j]) = (g[j], g[i]);
        (status[i], status[j]) = (status[j], status[i]);
        (alpha[i], alpha[j]) = (alpha[j], alpha[i]);
        (p[i], p[j]) = (p[j], p[i]);
        (activeSet[i], activeSet[j]) = (activeSet[j], activeSet[i]);
        (gBar[i], gBar[j]) = (gBar[j], gBar[i]);
        (c[i], c[j]) = (c[j], c[i]);
    }

    /// <summary>Recomputes ∇f of the inactive variables from Ḡ and the free variables.</summary>
    private void ReconstructGradient()
    {
        if (activeSize == l) return;
        for (int j = activeSize; j < l; j++) g[j] = gBar[j] + p[j];
        int nFree = 0;
        for (int j = 0; j < activeSize; j++) if (status[j] == Free) nFree++;
        if ((long)nFree * l > 2L * activeSize * (l - activeSize))
        {
            for (int i = activeSize; i < l; i++)
            {
                var qi = q.GetQ(i, activeSize);
                for (int j = 0; j < activeSize; j++)
                    if (status[j] == Free) g[i] += alpha[j] * qi[j];
            }
        }
        else
        {
            for (int i = 0; i < activeSize; i++)
            {
                if (status[i] != Free) continue;
                var qi = q.GetQ(i, l);
                double ai = alpha[i];
                for (int j = activeSize; j < l; j++) g[j] += ai * qi[j];
            }
        }
    }

    /// <summary>ρ: the mean of y_i∇f_i over free variables, else the midpoint of the feasible interval.</summary>
    private double CalculateRho()
    {
        if (nu) return CalculateRhoNu();
        int nFree = 0;
        double ub = double.PositiveInfinity, lb = double.NegativeInfinity, sumFree = 0;
        for (int i = 0; i < activeSize; i++)
        {
            double yg = y[i] * g[i];
            if (status[i] == Upper)
            {
                if (y[i] == -1) ub = Math.Min(ub, yg);
                else lb = Math.Max(lb, yg);
            }
            else if (status[i] == Lower)
            {
                if (y[i] == 1) ub = Math.Min(ub, yg);
                else lb = Math.Max(lb, yg);
            }
            else { nFree++; sumFree += yg; }
        }
        return nFree > 0 ? sumFree / nFree : (ub + lb) / 2;
    }
}
