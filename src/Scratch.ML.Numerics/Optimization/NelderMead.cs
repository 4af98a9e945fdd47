namespace Scratch.ML.Optimization;

/// <summary>
/// The Nelder–Mead downhill simplex method (Nelder &amp; Mead 1965), derivative-free, as in SciPy's
/// <c>minimize(method='Nelder-Mead')</c>.
/// <para>
/// The simplex v₀ … vₙ is kept sorted by f. Each iteration reflects the worst vertex through the centroid x̄ of the
/// others, x_r = x̄ + ρ(x̄ − vₙ), then: expands to x̄ + ρχ(x̄ − vₙ) if x_r beats the best vertex; accepts x_r if it beats
/// the second worst; otherwise contracts outside (x̄ + ψρ(x̄ − vₙ)) or inside (x̄ − ψ(x̄ − vₙ)); if the contraction does
/// not help, shrinks every vertex towards v₀ by σ. Coefficients (ρ, χ, ψ, σ) are (1, 2, ½, ½), or with
/// <see cref="NelderMeadOptions.Adaptive"/> the dimension-dependent (1, 1 + 2/n, ¾ − 1/(2n), 1 − 1/n) of Gao &amp; Han (2012),
/// which keep the method effective for larger n (used for n ≥ 2; one-dimensional problems keep the standard ones).
/// </para>
/// <para>
/// Stops (SciPy's rule) when both maxᵢ ‖vᵢ − v₀‖∞ ≤ xatol and maxᵢ |f(vᵢ) − f(v₀)| ≤ fatol, or on a budget.
/// NaN values of f are treated as +∞ so that such vertices are replaced first.
/// </para>
/// </summary>
public static class NelderMead
{
    /// <summary>Minimises a lambda objective; see <see cref="Minimize{TF}"/>.</summary>
    public static OptimizationResult Minimize(ObjectiveFunc function, ReadOnlySpan<double> x0, NelderMeadOptions? options = null,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Minimize(Objective.FromDelegate(function), x0, options, progress, cancellationToken);
    }

    /// <summary>Minimises <paramref name="function"/> from <paramref name="x0"/>.</summary>
    /// <exception cref="ArgumentException">x0 empty or not finite, or f not finite at x0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative tolerance/budget or non-positive simplex scale.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (checked once per iteration).</exception>
    public static OptimizationResult Minimize<TF>(TF function, ReadOnlySpan<double> x0, NelderMeadOptions? options = null,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
        where TF : IObjectiveFunction
    {
        ArgumentNullException.ThrowIfNull(function);
        options ??= new NelderMeadOptions();
        const string op = "NelderMead.Minimize";
        VectorMath.RequireFiniteStart(op, x0);
        ArgumentOutOfRangeException.ThrowIfNegative(options.StepTolerance, "options.StepTolerance");
        ArgumentOutOfRangeException.ThrowIfNegative(options.FunctionTolerance, "options.FunctionTolerance");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxIterations, "options.MaxIterations");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxFunctionEvaluations, "options.MaxFunctionEvaluations");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.InitialSimplexScale, "options.InitialSimplexScale");
        int n = x0.Length;
        int maxIter = options.MaxIterations > 0 ? options.MaxIterations : 200 * n;
        int maxEvals = options.MaxFunctionEvaluations > 0 ? options.MaxFunctionEvaluations : 200 * n;
        double rho = 1, chi = 2, psi = 0.5, sigma = 0.5;
        // Gao & Han's coefficients are meant for n ≥ 2 (at n = 1, σ = 0 would collapse the simplex on a shrink).
        if (options.Adaptive && n >= 2) { chi = 1 + 2.0 / n; psi = 0.75 - 1.0 / (2 * n); sigma = 1 - 1.0 / n; }

        // Initial simplex: x0 and x0 with one coordinate moved by 5 % (0.00025 when it is zero), as SciPy.
        var sim = new double[n + 1][];
        var fs = new double[n + 1];
        int evals = 0;
        for (int k = 0; k <= n; k++)
        {
            sim[k] = x0.ToArray();
            if (k > 0) sim[k][k - 1] = sim[k][k - 1] != 0 ? (1 + options.InitialSimplexScale) * sim[k][k - 1] : 0.00025;
            fs[k] = Eval(ref function, sim[k], ref evals);
        }
        if (!double.IsFinite(fs[0])) throw new ArgumentException($"{op}: the objective is not finite at the starting point (f = {fs[0]}).", nameof(x0));
        Sort(sim, fs);

        double[] centroid = new double[n], xr = new double[n], xe = new double[n], xc = new double[n];
        int iter = 0;
        while (true)
        {
            progress?.Report(new OptimizationProgress(iter, fs[0], double.NaN, evals));
            if (SimplexSize(sim) <= options.StepTolerance && FunctionSpread(fs) <= options.FunctionTolerance)
                return Done(ConvergenceReason.StepTolerance);
            if (iter >= maxIter) return Done(ConvergenceReason.MaxIterations);
            if (evals >= maxEvals) return Done(ConvergenceReason.MaxFunctionEvaluations);
            cancellationToken.ThrowIfCancellationRequested();

            Array.Clear(centroid);
            for (int k = 0; k < n; k++) VectorMath.Axpy(1.0 / n, sim[k], centroid);
            double[] worst = sim[n];
            Affine(centroid, worst, rho, xr);
            double fr = Eval(ref function, xr, ref evals);
            bool shrink = false;
            if (fr < fs[0])
            {
                Affine(centroid, worst, rho * chi, xe);
                double fe = Eval(ref function, xe, ref evals);
                if (fe < fr) Replace(sim, fs, xe, fe); else Replace(sim, fs, xr, fr);
            }
            else if (fr < fs[n - 1])
            {
                Replace(sim, fs, xr, fr);
            }
            else if (fr < fs[n])
            {
                Affine(centroid, worst, psi * rho, xc);
                double fc = Eval(ref function, xc, ref evals);
                if (fc <= fr) Replace(sim, fs, xc, fc); else shrink = true;
            }
            else
            {
                Affine(centroid, worst, -psi, xc);
                double fc = Eval(ref function, xc, ref evals);
                if (fc < fs[n]) Replace(sim, fs, xc, fc); else shrink = true;
            }
            if (shrink)
            {
                for (int k = 1; k <= n; k++)
                {
                    for (int i = 0; i < n; i++) sim[k][i] = sim[0][i] + sigma * (sim[k][i] - sim[0][i]);
                    fs[k] = Eval(ref function, sim[k], ref evals);
                }
            }
            Sort(sim, fs);
            iter++;
        }

        OptimizationResult Done(ConvergenceReason reason) => new((double[])sim[0].Clone(), fs[0], double.NaN, iter, evals, reason);
    }

    /// <summary>result = x̄ + t·(x̄ − worst).</summary>
    private static void Affine(double[] centroid, double[] worst, double t, double[] result)
    {
        for (int i = 0; i < result.Length; i++) result[i] = centroid[i] + t * (centroid[i] - worst[i]);
    }

    private static void Replace(double[][] sim, double[] fs, double[] x, double fx)
    {
        int last = sim.Length - 1;
        x.CopyTo(sim[last], 0);
        fs[last] = fx;
    }

    private static double Eval<TF>(ref TF function, double[] x, ref int evals) where TF : IObjectiveFunction
    {
        evals++;
        double v = function.Evaluate(x);
        return double.IsNaN(v) ? double.PositiveInfinity : v;
    }

    private static void Sort(double[][] sim, double[] fs)
    {
        // Insertion sort (n is small); stable, so ties keep the older vertex first.
        for (int i = 1; i < fs.Length; i++)
        {
            double key = fs[i];
            double[] v = sim[i];
            int j = i - 1;
            while (j >= 0 && fs[j] > key) { fs[j + 1] = fs[j]; sim[j + 1] = sim[j]; j--; }
            fs[j + 1] = key; sim[j + 1] = v;
        }
    }

    private static double SimplexSize(double[][] sim)
    {
        double m = 0;
        for (int k = 1; k < sim.Length; k++)
            for (int i = 0; i < sim[0].Length; i++) m = Math.Max(m, Math.Abs(sim[k][i] - sim[0][i]));
        return m;
    }

    private static double FunctionSpread(double[] fs)
    {
        double m = 0;
        for (int k = 1; k < fs.Length; k++) m = Math.Max(m, Math.Abs(fs[k] - fs[0]));
        return double.IsNaN(m) ? double.PositiveInfinity : m;
    }
}
