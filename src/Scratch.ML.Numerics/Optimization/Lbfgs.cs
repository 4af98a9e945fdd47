namespace Scratch.ML.Optimization;

/// <summary>
/// Limited-memory BFGS with optional box bounds l ≤ x ≤ u.
/// <para>
/// <b>Unbounded problems</b> are plain L-BFGS (Nocedal &amp; Wright, Algorithm 7.4/7.5): the search direction
/// d = −H·g uses the two-loop recursion over the last m pairs sₖ = x_{k+1} − xₖ, yₖ = g_{k+1} − gₖ with initial scaling
/// H₀ = (sᵀy / yᵀy)·I, and the step satisfies the strong Wolfe conditions (<see cref="StrongWolfeLineSearch"/>).
/// A pair is stored only when sᵀy &gt; ε·yᵀy, which keeps H positive definite.
/// </para>
/// <para>
/// <b>Bounded problems</b> use a projected quasi-Newton method in the style of Bertsekas (1982), "Projected Newton
/// methods for optimization problems with simple constraints" — a documented alternative to the generalised Cauchy
/// point of Byrd, Lu, Nocedal &amp; Zhu (L-BFGS-B):
/// <list type="number">
/// <item>the ε-active set A holds the variables within ε = min(10⁻³, ‖x − P(x − g)‖₂) of a bound whose gradient pushes
/// them against it; the others are free (F);</item>
/// <item>d_F = −(H·g̃)_F with g̃ = g on F and 0 on A (the full L-BFGS matrix restricted to the free block), and
/// d_A = −γ·g_A (diagonal scaling), so gᵀd = −g̃ᵀHg̃ − γ‖g_A‖² &lt; 0;</item>
/// <item>components of d pointing out of the box from a bound the variable already sits on are set to 0;</item>
/// <item>if the unit step stays inside the box the strong Wolfe search runs with α ≤ α_feasible; otherwise an Armijo
/// search along the projection arc x(α) = P(x + α·d) accepts f(x(α)) ≤ f(x) + c₁·gᵀ(x(α) − x);</item>
/// <item>if that fails the memory is cleared and the step is retried along the projected steepest-descent arc
/// P(x − α·g), for which a step with sufficient decrease exists whenever the projected gradient is non-zero.</item>
/// </list>
/// Every trial point is projected onto the box, so iterates never leave it; the fall-back to projected gradient steps
/// gives the classical convergence guarantee of the projected gradient method.
/// </para>
/// <para>
/// Stopping follows SciPy's L-BFGS-B: ‖P(x − g) − x‖∞ ≤ gtol (the projected gradient; the plain gradient without
/// bounds), or (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ ftol, or a budget.
/// </para>
/// </summary>
public static class Lbfgs
{
    /// <summary>Minimises a lambda objective; see <see cref="Minimize{TF}"/>.</summary>
    public static OptimizationResult Minimize(GradientFunc function, ReadOnlySpan<double> x0, LbfgsOptions? options = null,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Minimize(Objective.FromDelegate(function), x0, options, progress, cancellationToken);
    }

    /// <summary>
    /// Minimises <paramref name="function"/> from <paramref name="x0"/> (projected onto the bounds first).
    /// </summary>
    /// <exception cref="ArgumentException">x0 empty or not finite; bounds of the wrong length, NaN, or with lᵢ &gt; uᵢ;
    /// f or ∇f not finite at the (projected) start.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive memory, negative tolerance or budget.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (checked once per iteration).</exception>
    public static OptimizationResult Minimize<TF>(TF function, ReadOnlySpan<double> x0, LbfgsOptions? options = null,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
        where TF : IDifferentiableFunction
    {
        ArgumentNullException.ThrowIfNull(function);
        options ??= new LbfgsOptions();
        const string op = "Lbfgs.Minimize";
        VectorMath.RequireFiniteStart(op, x0);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Memory, 1, "options.Memory");
        ArgumentOutOfRangeException.ThrowIfNegative(options.GradientTolerance, "options.GradientTolerance");
        ArgumentOutOfRangeException.ThrowIfNegative(options.FunctionTolerance, "options.FunctionTolerance");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxIterations, "options.MaxIterations");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFunctionEvaluations, 1, "options.MaxFunctionEvaluations");
        int n = x0.Length;
        double[] lower = Bounds.Resolve(op, options.LowerBounds, n, double.NegativeInfinity, "options.LowerBounds");
        double[] upper = Bounds.Resolve(op, options.UpperBounds, n, double.PositiveInfinity, "options.UpperBounds");
        Bounds.RequireOrdered(op, lower, upper);

        double[] x = x0.ToArray();
        Bounds.Project(x, lower, upper);
        double[] g = new double[n], d = new double[n], xNew = new double[n], gNew = new double[n], q = new double[n];
        int evals = 1;
        double f = function.Evaluate(x, g);
        VectorMath.RequireFiniteValue(op, f, g);

        int m = options.Memory;
        double[][] s = new double[m][], y = new double[m][];
        for (int i = 0; i < m; i++) { s[i] = new double[n]; y[i] = new double[n]; }
        double[] rho = new double[m], alphas = new double[m];
        int count = 0, newest = -1;
        double gamma = 1;
        bool[] free = new bool[n];
        bool steepestOnly = false;

        int iter = 0, lastReported = -1;
        while (true)
        {
            double pgNorm = Bounds.ProjectedGradientNormInf(x, g, lower, upper);
            if (iter != lastReported) progress?.Report(new OptimizationProgress(iter, f, pgNorm, evals));
            lastReported = iter;
            if (pgNorm <= options.GradientTolerance) return Done(ConvergenceReason.GradientTolerance);
            if (iter >= options.MaxIterations) return Done(ConvergenceReason.MaxIterations);
            if (evals >= options.MaxFunctionEvaluations) return Done(ConvergenceReason.MaxFunctionEvaluations);
            cancellationToken.ThrowIfCancellationRequested();

            // ε-active set (Bertsekas): near a bound with the gradient pushing against it.
            double eps = Math.Min(1e-3, Bounds.ProjectedGradientNorm2(x, g, lower, upper));
            for (int i = 0; i < n; i++)
                free[i] = !((x[i] <= lower[i] + eps && g[i] > 0) || (x[i] >= upper[i] - eps && g[i] < 0));

            if (steepestOnly || count == 0)
            {
                for (int i = 0; i < n; i++) d[i] = -g[i];
            }
            else
            {
                for (int i = 0; i < n; i++) q[i] = free[i] ? g[i] : 0;
                TwoLoop(q, s, y, rho, alphas, count, newest, m, gamma);
                for (int i = 0; i < n; i++) d[i] = free[i] ? -q[i] : -gamma * g[i];
            }
            // Components that would leave the box from a bound they already sit on are zeroed: projection would zero
            // them anyway, and without them the unit step is often feasible, so the Wolfe search can be used.
            for (int i = 0; i < n; i++)
                if ((x[i] <= lower[i] && d[i] < 0) || (x[i] >= upper[i] && d[i] > 0)) d[i] = 0;
            double dphi0 = VectorMath.Dot(g, d);
            double alpha1 = count == 0 || steepestOnly ? Math.Min(1.0, 1.0 / VectorMath.Norm2(d)) : 1.0;
            double alphaFeasible = Bounds.MaxFeasibleStep(x, d, lower, upper);
            int lsBudget = Math.Min(options.MaxLineSearchSteps, options.MaxFunctionEvaluations - evals);
            bool accepted;
            double fNew;
            if (dphi0 < 0 && alphaFeasible >= alpha1 && !steepestOnly)
            {
                var status = StrongWolfeLineSearch.Search(ref function, x, d, f, dphi0, alpha1, alphaFeasible,
                    options.SufficientDecrease, options.Curvature, lsBudget, xNew, gNew, ref evals, out _, out fNew);
                accepted = status != LineSearchStatus.Failed;
                if (accepted && !Bounds.Inside(xNew, lower, upper))
                {
                    // Rounding in x + α·d at α = α_feasible can overshoot a bound by an ulp; project and re-evaluate.
                    Bounds.Project(xNew, lower, upper);
                    fNew = function.Evaluate(xNew, gNew);
                    evals++;
                    accepted = double.IsFinite(fNew) && fNew <= f;
                }
            }
            else
            {
                accepted = ProjectedArmijo(ref function, x, d, f, g, alpha1, lower, upper, options.SufficientDecrease,
                    lsBudget, xNew, gNew, ref evals, out fNew);
            }

            if (!accepted)
            {
                if (steepestOnly || count == 0)
                    return Done(evals >= options.MaxFunctionEvaluations ? ConvergenceReason.MaxFunctionEvaluations : ConvergenceReason.LineSearchFailed);
                count = 0; newest = -1; gamma = 1; steepestOnly = true;
                continue;
            }
            steepestOnly = false;

            // Curvature pair; skipped when sᵀy ≤ ε·yᵀy so that H stays positive definite.
            int slot = (newest + 1) % m;
            double sy = 0, yy = 0;
            for (int i = 0; i < n; i++)
            {
                double si = xNew[i] - x[i], yi = gNew[i] - g[i];
                s[slot][i] = si; y[slot][i] = yi;
                sy += si * yi; yy += yi * yi;
            }
            if (sy > 2.220446049250313e-16 * yy && yy > 0)
            {
                rho[slot] = 1.0 / sy;
                gamma = sy / yy;
                newest = slot;
                count = Math.Min(count + 1, m);
            }

            double fOld = f;
            xNew.CopyTo(x, 0); gNew.CopyTo(g, 0); f = fNew;
            iter++;
            if (VectorMath.RelativeReductionBelow(fOld, f, options.FunctionTolerance))
            {
                progress?.Report(new OptimizationProgress(iter, f, Bounds.ProjectedGradientNormInf(x, g, lower, upper), evals));
                return Done(ConvergenceReason.FunctionTolerance);
            }
        }

        OptimizationResult Done(ConvergenceReason reason) =>
            new(x, f, Bounds.ProjectedGradientNormInf(x, g, lower, upper), iter, evals, reason);
    }

    /// <summary>Two-loop recursion: overwrites q with H·q for the stored pairs (newest first, then oldest first).</summary>
    private static void TwoLoop(double[] q, double[][] s, double[][] y, double[] rho, double[] alphas, int count, int newest, int m, double gamma)
    {
        for (int k = 0, idx = newest; k < count; k++, idx = (idx - 1 + m) % m)
        {
            alphas[idx] = rho[idx] * VectorMath.Dot(s[idx], q);
            VectorMath.Axpy(-alphas[idx], y[idx], q);
        }
        for (int i = 0; i < q.Length; i++) q[i] *= gamma;
        int oldest = (newest - count + 1 + m) % m;
        for (int k = 0, idx = oldest; k < count; k++, idx = (idx + 1) % m)
        {
            double beta = rho[idx] * VectorMath.Dot(y[idx], q);
            VectorMath.Axpy(alphas[idx] - beta, s[idx], q);
        }
    }

    /// <summary>
    /// Backtracking along the projection arc x(α) = P(x + α·d): accept the first α with
    /// f(x(α)) ≤ f(x) + c₁·gᵀ(x(α) − x) and gᵀ(x(α) − x) &lt; 0; the trial α shrinks by the minimiser of the quadratic
    /// through f(x), the slope and f(x(α)), kept in [0.1α, 0.5α].
    /// </summary>
    private static bool ProjectedArmijo<TF>(ref TF function, double[] x, double[] d, double f, double[] g, double alpha,
        double[] lower, double[] upper, double c1, int budget, double[] xNew, double[] gNew, ref int evals, out double fNew)
        where TF : IDifferentiableFunction
    {
        for (int k = 0; k < budget; k++)
        {
            for (int i = 0; i < x.Length; i++) xNew[i] = Math.Clamp(x[i] + alpha * d[i], lower[i], upper[i]);
            double decrease = 0;
            for (int i = 0; i < x.Length; i++) decrease += g[i] * (xNew[i] - x[i]);
            if (decrease >= 0) { fNew = f; return false; }
            fNew = function.Evaluate(xNew, gNew);
            evals++;
            if (double.IsFinite(fNew) && fNew <= f + c1 * decrease) return true;
            double shrink = 0.5;
            if (double.IsFinite(fNew))
            {
                // Quadratic model q(t) = f + t·decrease + t²·(fNew − f − decrease) on t ∈ [0, 1].
                double curvature = fNew - f - decrease;
                if (curvature > 0) shrink = Math.Clamp(-decrease / (2 * curvature), 0.1, 0.5);
            }
            else shrink = 0.1;
            alpha *= shrink;
        }
        fNew = f;
        return false;
    }
}
