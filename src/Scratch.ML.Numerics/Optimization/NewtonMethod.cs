namespace Scratch.ML.Optimization;

/// <summary>
/// Newton's method with a strong Wolfe line search and a Hessian modification (Nocedal &amp; Wright, Algorithm 3.2
/// with the "Cholesky with added multiple of the identity" of Algorithm 3.3).
/// <para>
/// Each iteration factors B = ∇²f(x) + τI = LLᵀ with the smallest τ in the sequence 0 (or −min diag + β when a diagonal
/// entry is not positive), β, 2β, 4β, … (β = 10⁻³·max(1, max|Hᵢᵢ|)) for which the Cholesky factorisation succeeds, solves
/// B·p = −∇f, and takes a strong Wolfe step along p with trial step 1. Near a strict minimiser τ = 0 and the unit step is
/// accepted, so convergence is quadratic; far away the shift turns p into a descent direction between Newton and
/// steepest descent.
/// </para>
/// <para>Stops when ‖∇f‖∞ ≤ gtol, when ‖Δx‖∞ ≤ xtol·max(‖x‖∞, 1), or on a budget.</para>
/// </summary>
public static class NewtonMethod
{
    /// <summary>Minimises using lambdas for value-and-gradient and the row-major Hessian; see <see cref="Minimize{TF}"/>.</summary>
    public static OptimizationResult Minimize(GradientFunc valueAndGradient, HessianFunc hessian, ReadOnlySpan<double> x0,
        NewtonOptions? options = null, IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Minimize(Objective.FromDelegate(valueAndGradient, hessian), x0, options, progress, cancellationToken);

    /// <summary>Minimises <paramref name="function"/> from <paramref name="x0"/>.</summary>
    /// <exception cref="ArgumentException">x0 empty or not finite; f, ∇f or ∇²f not finite at x0.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (checked once per iteration).</exception>
    public static OptimizationResult Minimize<TF>(TF function, ReadOnlySpan<double> x0, NewtonOptions? options = null,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
        where TF : ITwiceDifferentiableFunction
    {
        ArgumentNullException.ThrowIfNull(function);
        options ??= new NewtonOptions();
        const string op = "NewtonMethod.Minimize";
        VectorMath.RequireFiniteStart(op, x0);
        ArgumentOutOfRangeException.ThrowIfNegative(options.GradientTolerance, "options.GradientTolerance");
        ArgumentOutOfRangeException.ThrowIfNegative(options.StepTolerance, "options.StepTolerance");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxIterations, "options.MaxIterations");
        int n = x0.Length;
        double[] x = x0.ToArray(), g = new double[n], p = new double[n], xNew = new double[n], gNew = new double[n];
        double[] h = new double[n * n], l = new double[n * n];
        int evals = 1, iter = 0;
        double f = function.Evaluate(x, g);
        VectorMath.RequireFiniteValue(op, f, g);

        while (true)
        {
            double gNorm = VectorMath.NormInf(g);
            progress?.Report(new OptimizationProgress(iter, f, gNorm, evals));
            if (gNorm <= options.GradientTolerance) return Done(ConvergenceReason.GradientTolerance);
            if (iter >= options.MaxIterations) return Done(ConvergenceReason.MaxIterations);
            if (evals >= options.MaxFunctionEvaluations) return Done(ConvergenceReason.MaxFunctionEvaluations);
            cancellationToken.ThrowIfCancellationRequested();

            function.Hessian(x, h);
            if (!VectorMath.AllFinite(h))
            {
                if (iter == 0) throw new ArgumentException($"{op}: the Hessian is not finite at the starting point.", nameof(x0));
                return Done(ConvergenceReason.NonFiniteValue);
            }
            ShiftedCholesky(h, l, n);
            for (int i = 0; i < n; i++) p[i] = -g[i];
            CholeskySolve(l, p, n);

            double slope = VectorMath.Dot(g, p);
            int budget = Math.Min(options.MaxLineSearchSteps, options.MaxFunctionEvaluations - evals);
            var status = StrongWolfeLineSearch.Search(ref function, x, p, f, slope, 1.0, double.PositiveInfinity,
                options.SufficientDecrease, options.Curvature, budget, xNew, gNew, ref evals, out double alpha, out double fNew);
            if (status == LineSearchStatus.Failed)
                return Done(evals >= options.MaxFunctionEvaluations ? ConvergenceReason.MaxFunctionEvaluations : ConvergenceReason.LineSearchFailed);
            double step = alpha * VectorMath.NormInf(p);
            xNew.CopyTo(x, 0); gNew.CopyTo(g, 0); f = fNew;
            iter++;
            if (step <= options.StepTolerance * Math.Max(VectorMath.NormInf(x), 1.0))
                return Done(VectorMath.NormInf(g) <= options.GradientTolerance ? ConvergenceReason.GradientTolerance : ConvergenceReason.StepTolerance);
        }

        OptimizationResult Done(ConvergenceReason reason) => new(x, f, VectorMath.NormInf(g), iter, evals, reason);
    }

    /// <summary>
    /// Writes the lower Cholesky factor of H + τI into <paramref name="l"/> for the smallest τ of the sequence in the
    /// class remarks; returns τ.
    /// </summary>
    internal static double ShiftedCholesky(double[] h, double[] l, int n)
    {
        double minDiag = double.PositiveInfinity, maxDiag = 0;
        for (int i = 0; i < n; i++) { minDiag = Math.Min(minDiag, h[i * n + i]); maxDiag = Math.Max(maxDiag, Math.Abs(h[i * n + i])); }
        double beta = 1e-3 * Math.Max(1.0, maxDiag);
        double tau = minDiag > 0 ? 0 : -minDiag + beta;
        for (int attempt = 0; attempt < 200; attempt++)
        {
            if (TryCholesky(h, l, n, tau)) return tau;
            tau = Math.Max(2 * tau, beta);
        }
        throw new InvalidOperationException("NewtonMethod: no diagonal shift made the Hessian positive definite (is it finite?).");
    }

    private static bool TryCholesky(double[] h, double[] l, int n, double tau)
    {
        Array.Clear(l);
        for (int j = 0; j < n; j++)
        {
            double diag = h[j * n + j] + tau;
            for (int k = 0; k < j; k++) diag -= l[j * n + k] * l[j * n + k];
            if (!(diag > 0)) return false;
            double ljj = Math.Sqrt(diag);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                // Use the symmetric part so that a slightly asymmetric user Hessian still gives a valid factor.
                double v = 0.5 * (h[i * n + j] + h[j * n + i]);
                for (int k = 0; k < j; k++) v -= l[i * n + k] * l[j * n + k];
                l[i * n + j] = v / ljj;
            }
        }
        return true;
    }

    /// <summary>Solves L·Lᵀ·x = b in place.</summary>
    private static void CholeskySolve(double[] l, double[] b, int n)
    {
        for (int i = 0; i < n; i++)
        {
            double v = b[i];
            for (int k = 0; k < i; k++) v -= l[i * n + k] * b[k];
            b[i] = v / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double v = b[i];
            for (int k = i + 1; k < n; k++) v -= l[k * n + i] * b[k];
            b[i] = v / l[i * n + i];
        }
    }
}
