namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// The linear program of <see cref="QuantileRegressor"/>, solved by a primal-dual interior-point method with
/// Mehrotra's predictor-corrector, followed by a vertex purification.
/// </summary>
/// <remarks>
/// <para><b>Program.</b> With design Z (n × q; a column of ones first when there is an intercept), weights sᵢ &gt; 0,
/// quantile τ and penalty weight a = α·Σsᵢ on the penalised coefficients:
/// <c>min Σᵢ sᵢ(τ uᵢ + (1−τ) vᵢ) + a·Σ_{j∈P}(βⱼ⁺ + βⱼ⁻)</c> subject to <c>Z β + u − v = y</c>, u, v ≥ 0, where
/// βⱼ = βⱼ⁺ − βⱼ⁻ with βⱼ± ≥ 0 for penalised j ∈ P and βⱼ is free otherwise (the intercept, and every coefficient
/// when α = 0 — splitting a zero-cost variable would leave the dual without an interior).</para>
/// <para><b>Newton system.</b> Every u, v, β± variable x with reduced cost z and column a gives
/// Δx = e + D·aᵀΔλ with D = x/z and e = r_xz/z + D·r_c, so the n + 2|P| non-negative variables are eliminated
/// row by row; with Λ = diag(D_u + D_v) and E = D⁺ + D⁻ the search direction comes from the q × q positive definite
/// system <c>(ZᵀΛ⁻¹Z + diag(1/E on P, 0 elsewhere))·Δβ = Zᵀq + (h/E on P, r_f elsewhere)</c>, solved by Cholesky — Koenker
/// and Ng's "Frisch–Newton" weighted least-squares form — so an iteration costs O(n q²).</para>
/// <para><b>Stopping.</b> Relative primal and dual infeasibility and relative duality gap all ≤ 1e-9; or when that
/// measure has not improved for 5 iterations or jumps by 10⁶ (rounding near the optimum), keeping the best iterate;
/// or 200 iterations.</para>
/// <para><b>Purification.</b> An interior-point method converges to the centre of the optimal face; HiGHS (which
/// scikit-learn calls) returns a vertex. When the rows with |rᵢ| ≤ 1e-7·scale number at least the non-zero
/// coefficients, the coefficients are re-solved exactly on those rows by least squares, and kept if the objective
/// does not rise — giving the vertex to rounding whenever the optimum is unique.</para>
/// </remarks>
internal static class QuantileRegressorLp
{
    public readonly record struct Solution(double[] Beta, double Objective, int Iterations, bool Converged);

    public static Solution Solve(double[] z, double[] y, double[] s, int n, int q, bool[] penalised, double tau, double a)
    {
        const int maxIter = 200;
        const double tol = 1e-9;
        int pc = 0;
        var penIndex = new int[q];
        for (int j = 0; j < q; j++) penIndex[j] = penalised[j] ? pc++ : -1;
        var cu = new double[n];
        var cv = new double[n];
        for (int i = 0; i < n; i++) { cu[i] = tau * s[i]; cv[i] = (1 - tau) * s[i]; }
        // Start: β = 0, u − v = y, z = c, then shifted into the interior (Mehrotra's balancing shifts).
        var beta = new double[q];
        var bp = new double[pc];
        var bm = new double[pc];
        var u = new double[n];
        var v = new double[n];
        var lam = new double[n];
        var zu = (double[])cu.Clone();
        var zv = (double[])cv.Clone();
        var zp = Enumerable.Repeat(a, pc).ToArray();
        var zm = Enumerable.Repeat(a, pc).ToArray();
        for (int i = 0; i < n; i++) { u[i] = Math.Max(y[i], 0); v[i] = Math.Max(-y[i], 0); }
        {
            double xz = 0, sx = 0, sz = 0;
            for (int i = 0; i < n; i++) { xz += u[i] * zu[i] + v[i] * zv[i]; sx += u[i] + v[i]; sz += zu[i] + zv[i]; }
            sz += 2 * pc * a;
            double dx = xz > 0 ? 0.5 * xz / sz : 1, dz = xz > 0 && sx > 0 ? 0.5 * xz / sx : 1;
            dx = Math.Max(dx, 1e-2 * (1 + y.Max(Math.Abs)));
            dz = Math.Max(dz, 1e-2 * s.Average());
            for (int i = 0; i < n; i++) { u[i] += dx; v[i] += dx; zu[i] += dz; zv[i] += dz; }
            for (int j = 0; j < pc; j++) { bp[j] = dx; bm[j] = dx; zp[j] += dz; zm[j] += dz; }
        }
        int total = 2 * n + 2 * pc;
        double yNorm = 1 + y.Max(Math.Abs), cNorm = 1 + Math.Max(a, s.Max());
        var rb = new double[n];
        var ru = new double[n];
        var rv = new double[n];
        var rp = new double[pc];
        var rm = new double[pc];
        var rf = new double[q];
        var zl = new double[q];
        var dir = new Direction(n, q, pc);
        var aff = new Direction(n, q, pc);
        int iter = 0, stalled = 0;
        bool converged = false;
        double bestMerit = double.PositiveInfinity, mu0 = 1;
        var best = new double[q];
        for (; iter < maxIter; iter++)
        {
            // Residuals: r_b = Zβ + u − v − y; r_c = Aᵀλ + z − c (free β: r_f = Z_jᵀλ).
            for (int i = 0; i < n; i++)
            {
                double t = u[i] - v[i] - y[i];
                for (int j = 0; j < q; j++) t += z[i * q + j] * Beta(j);
                rb[i] = t;
                ru[i] = lam[i] + zu[i] - cu[i];
                rv[i] = -lam[i] + zv[i] - cv[i];
            }
            ZtVector(z, lam, zl, n, q);
            for (int j = 0; j < q; j++)
            {
                if (penIndex[j] >= 0) { int k = penIndex[j]; rp[k] = zl[j] + zp[k] - a; rm[k] = -zl[j] + zm[k] - a; rf[j] = 0; }
                else rf[j] = zl[j];
            }
            double primalObj = 0, dualObj = 0, gap = 0;
            for (int i = 0; i < n; i++) { primalObj += cu[i] * u[i] + cv[i] * v[i]; dualObj += y[i] * lam[i]; gap += u[i] * zu[i] + v[i] * zv[i]; }
            for (int k = 0; k < pc; k++) { primalObj += a * (bp[k] + bm[k]); gap += bp[k] * zp[k] + bm[k] * zm[k]; }
            double mu = gap / total;
            double pInf = MaxAbs(rb) / yNorm;
            double dInf = Math.Max(Math.Max(MaxAbs(ru), MaxAbs(rv)), Math.Max(Math.Max(MaxAbs(rp), MaxAbs(rm)), MaxAbs(rf))) / cNorm;
            double relGap = Math.Abs(primalObj - dualObj) / (1 + Math.Abs(primalObj));
            double merit = Math.Max(Math.Max(pInf, dInf), relGap);
            if (iter == 0) mu0 = mu;
            if (merit < bestMerit)
            {
                bestMerit = merit;
                stalled = 0;
                for (int j = 0; j < q; j++) best[j] = Beta(j);
            }
            else if (++stalled >= 5 || merit > 1e6 * bestMerit) break;   // rounding has taken over: keep the best iterate
            if (pInf <= tol && dInf <= tol && relGap <= tol) { converged = true; break; }

            // Predictor (affine scaling): complementarity target 0.
            var state = new State(u, v, bp, bm, zu, zv, zp, zm);
            if (!Newton(z, n, q, penIndex, state, rb, ru, rv, rp, rm, rf, aff, null, 0)) break;
            double apAff = StepLength(state, aff, primal: true), adAff = StepLength(state, aff, primal: false);
            double muAff = 0;
            for (int i = 0; i < n; i++)
                muAff += (u[i] + apAff * aff.U[i]) * (zu[i] + adAff * aff.Zu[i]) + (v[i] + apAff * aff.V[i]) * (zv[i] + adAff * aff.Zv[i]);
            for (int k = 0; k < pc; k++)
                muAff += (bp[k] + apAff * aff.Bp[k]) * (zp[k] + adAff * aff.Zp[k]) + (bm[k] + apAff * aff.Bm[k]) * (zm[k] + adAff * aff.Zm[k]);
            muAff /= total;
            double sigma = Math.Pow(muAff / mu, 3);
            // Corrector: centring σμ and the second-order term ΔxΔz of the predictor.
            if (!Newton(z, n, q, penIndex, state, rb, ru, rv, rp, rm, rf, dir, aff, sigma * mu)) break;
            // Fraction of the distance to the boundary: 0.9 at first, up to 0.9995 as μ falls (never 1, which would
            // put variables exactly on the boundary and make D = x/z singular).
            double eta = Math.Clamp(1 - mu / mu0, 0.9, 0.9995);
            double ap = Math.Min(1, eta * StepLength(state, dir, primal: true)), ad = Math.Min(1, eta * StepLength(state, dir, primal: false));
            for (int i = 0; i < n; i++)
            {
                u[i] += ap * dir.U[i]; v[i] += ap * dir.V[i];
                lam[i] += ad * dir.Lam[i]; zu[i] += ad * dir.Zu[i]; zv[i] += ad * dir.Zv[i];
            }
            for (int k = 0; k < pc; k++) { bp[k] += ap * dir.Bp[k]; bm[k] += ap * dir.Bm[k]; zp[k] += ad * dir.Zp[k]; zm[k] += ad * dir.Zm[k]; }
            for (int j = 0; j < q; j++) if (penIndex[j] < 0) beta[j] += ap * dir.Beta[j];
        }
        if (converged) for (int j = 0; j < q; j++) best[j] = Beta(j);
        else converged = bestMerit <= 1e-7;   // stalled by rounding close to the optimum (purification finishes the job)
        return new Solution(best, Objective(z, y, s, n, q, penalised, tau, a, best), iter, converged);

        double Beta(int j) => penIndex[j] >= 0 ? bp[penIndex[j]] - bm[penIndex[j]] : beta[j];
    }

    /// <summary>Σᵢ sᵢ ρ_τ(yᵢ − zᵢ·β) + a·Σ_{j∈P} |βⱼ|.</summary>
    public static double Objective(double[] z, double[] y, double[] s, int n, int q, bool[] penalised, double tau, double a, double[] beta)
    {
        double f = 0;
        for (int i = 0; i < n; i++)
        {
            double r = y[i];
            for (int j = 0; j < q; j++) r -= z[i * q + j] * beta[j];
            f += s[i] * (r >= 0 ? tau * r : (tau - 1) * r);
        }
        for (int j = 0; j < q; j++) if (penalised[j]) f += a * Math.Abs(beta[j]);
        return f;
    }

    private static double MaxAbs(double[] v)
    {
        double m = 0;
        foreach (var e in v) m = Math.Max(m, Math.Abs(e));
        return m;
    }

    private static void ZtVector(double[] z, double[] lam, double[] result, int n, int q)
    {
        Array.Clear(result);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < q; j++) result[j] += z[i * q + j] * lam[i];
    }

    private sealed record State(double[] U, double[] V, double[] Bp, double[] Bm, double[] Zu, double[] Zv, double[] Zp, double[] Zm);

    private sealed class Direction(int n, int q, int pc)
    {
        public double[] U = new double[n], V = new double[n], Lam = new double[n], Zu = new double[n], Zv = new double[n];
        public double[] Bp = new double[pc], Bm = new double[pc], Zp = new double[pc], Zm = new double[pc], Beta = new double[q];
    }

    /// <summary>The largest step in [0, 1] keeping the primal (or dual) non-negative variables ≥ 0.</summary>
    private static double StepLength(State x, Direction d, bool primal)
    {
        double step = 1;
        if (primal)
        {
            Limit(x.U, d.U, ref step); Limit(x.V, d.V, ref step); Limit(x.Bp, d.Bp, ref step); Limit(x.Bm, d.Bm, ref step);
        }
        else
        {
            Limit(x.Zu, d.Zu, ref step); Limit(x.Zv, d.Zv, ref step); Limit(x.Zp, d.Zp, ref step); Limit(x.Zm, d.Zm, ref step);
        }
        return step;

        static void Limit(double[] v, double[] dv, ref double step)
        {
            for (int i = 0; i < v.Length; i++)
                if (dv[i] < 0) step = Math.Min(step, -v[i] / dv[i]);
        }
    }

    /// <summary>
    /// One Newton direction for complementarity targets xᵢzᵢ → target − Δxᵢ^aff·Δzᵢ^aff (predictor: aff = null,
    /// target = 0). False if the reduced system is not positive definite.
    /// </summary>
    private static bool Newton(double[] z, int n, int q, int[] penIndex, State x, double[] rb, double[] ru, double[] rv, double[] rp, double[] rm, double[] rf,
        Direction d, Direction? aff, double target)
    {
        int pc = x.Bp.Length;
        // Row variables: Δu = e_u + D_u Δλ, Δv = e_v − D_v Δλ, with e = r_xz/z + D r_c and D = x/z.
        var lamInv = new double[n];
        var qv = new double[n];
        var eu = new double[n];
        var ev = new double[n];
        for (int i = 0; i < n; i++)
        {
            double du = x.U[i] / x.Zu[i], dv = x.V[i] / x.Zv[i];
            double rxu = target - x.U[i] * x.Zu[i] - (aff is null ? 0 : aff.U[i] * aff.Zu[i]);
            double rxv = target - x.V[i] * x.Zv[i] - (aff is null ? 0 : aff.V[i] * aff.Zv[i]);
            eu[i] = rxu / x.Zu[i] + du * ru[i];
            ev[i] = rxv / x.Zv[i] + dv * rv[i];
            lamInv[i] = 1.0 / (du + dv);
            qv[i] = lamInv[i] * (-rb[i] - (eu[i] - ev[i]));
        }
        var hp = new double[pc];
        var eInv = new double[pc];
        var ep = new double[pc];
        var em = new double[pc];
        for (int k = 0; k < pc; k++)
        {
            double dp = x.Bp[k] / x.Zp[k], dm = x.Bm[k] / x.Zm[k];
            double rxp = target - x.Bp[k] * x.Zp[k] - (aff is null ? 0 : aff.Bp[k] * aff.Zp[k]);
            double rxm = target - x.Bm[k] * x.Zm[k] - (aff is null ? 0 : aff.Bm[k] * aff.Zm[k]);
            ep[k] = rxp / x.Zp[k] + dp * rp[k];
            em[k] = rxm / x.Zm[k] + dm * rm[k];
            hp[k] = ep[k] - em[k];
            eInv[k] = 1.0 / (dp + dm);
        }
        // (ZᵀΛ⁻¹Z + diag(1/E on P)) Δβ = Zᵀq + (h/E on P, r_f on free).
        var m = new double[q * q];
        var rhs = new double[q];
        for (int i = 0; i < n; i++)
        {
            double li = lamInv[i];
            for (int a = 0; a < q; a++)
            {
                double za = z[i * q + a] * li;
                rhs[a] += z[i * q + a] * qv[i];
                for (int b = 0; b <= a; b++) m[a * q + b] += za * z[i * q + b];
            }
        }
        for (int j = 0; j < q; j++)
        {
            int k = penIndex[j];
            if (k >= 0) { m[j * q + j] += eInv[k]; rhs[j] += hp[k] * eInv[k]; }
            else rhs[j] += rf[j];
        }
        for (int a = 0; a < q; a++)
            for (int b = 0; b < a; b++) m[b * q + a] = m[a * q + b];
        // The diagonal spans many orders of magnitude near the optimum, so any regularisation is relative to each
        // diagonal entry, and only used if the plain factorisation fails.
        var saved = (double[])m.Clone();
        var rhsSaved = (double[])rhs.Clone();
        if (!LinearData.CholeskySolve(m, q, rhs))
        {
            // Rank-deficient design (e.g. a constant or duplicated column with α = 0): a tiny ridge picks one optimum.
            double maxDiag = 0;
            for (int a = 0; a < q; a++) maxDiag = Math.Max(maxDiag, saved[a * q + a]);
            for (int a = 0; a < q; a++) saved[a * q + a] += Math.Max(1e-12 * saved[a * q + a], 1e-13 * maxDiag);
            Array.Copy(rhsSaved, rhs, q);
            if (!LinearData.CholeskySolve(saved, q, rhs)) return false;
        }
        Array.Copy(rhs, d.Beta, q);
        // Δλ = q − Λ⁻¹ Z Δβ; then the eliminated variables and reduced costs.
        for (int i = 0; i < n; i++)
        {
            double zb = 0;
            for (int j = 0; j < q; j++) zb += z[i * q + j] * d.Beta[j];
            double dl = qv[i] - lamInv[i] * zb;
            d.Lam[i] = dl;
            d.U[i] = eu[i] + x.U[i] / x.Zu[i] * dl;
            d.V[i] = ev[i] - x.V[i] / x.Zv[i] * dl;
            d.Zu[i] = -ru[i] - dl;
            d.Zv[i] = -rv[i] + dl;
        }
        // t = Z_jᵀΔλ, taken from the reduced equation t = (Δβ_j − h_j)/E_j so that Δβ⁺ − Δβ⁻ equals the solved Δβ_j to
        // rounding (computing it as Z_jᵀΔλ amplifies rounding by E_j, which grows like 1/μ, into primal infeasibility).
        var t = new double[q];
        for (int j = 0; j < q; j++)
        {
            int k = penIndex[j];
            if (k < 0) continue;
            t[j] = (d.Beta[j] - hp[k]) * eInv[k];
            d.Bp[k] = ep[k] + x.Bp[k] / x.Zp[k] * t[j];
            d.Bm[k] = em[k] - x.Bm[k] / x.Zm[k] * t[j];
            d.Zp[k] = -rp[k] - t[j];
            d.Zm[k] = -rm[k] + t[j];
        }
        return true;
    }
}
