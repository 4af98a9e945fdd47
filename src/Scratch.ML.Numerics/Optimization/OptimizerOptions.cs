namespace Scratch.ML.Optimization;

/// <summary>
/// Options for <see cref="Lbfgs"/>. Defaults follow SciPy's <c>minimize(method='L-BFGS-B')</c>: <c>maxcor = 10</c>,
/// <c>gtol = 1e-5</c> on the ∞-norm of the projected gradient, <c>ftol = 1e7·ε ≈ 2.2e-9</c> on the relative reduction
/// (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1), and 15000 iterations / evaluations.
/// </summary>
public sealed record LbfgsOptions
{
    /// <summary>Number m of correction pairs (sₖ, yₖ) kept; must be ≥ 1.</summary>
    public int Memory { get; init; } = 10;

    /// <summary>Stop when maxᵢ |proj gᵢ| ≤ this (SciPy's <c>gtol</c>).</summary>
    public double GradientTolerance { get; init; } = 1e-5;

    /// <summary>Stop when the relative reduction of f in one iteration is ≤ this (SciPy's <c>ftol</c>); with 0 the method stops only when an iteration fails to decrease f at all (rounding floor).</summary>
    public double FunctionTolerance { get; init; } = 2.220446049250313e-9;

    /// <summary>Iteration budget.</summary>
    public int MaxIterations { get; init; } = 15000;

    /// <summary>Objective-evaluation budget.</summary>
    public int MaxFunctionEvaluations { get; init; } = 15000;

    /// <summary>Lower bounds lᵢ (length n; use −∞ for none), or null for an unbounded problem.</summary>
    public double[]? LowerBounds { get; init; }

    /// <summary>Upper bounds uᵢ (length n; use +∞ for none), or null for an unbounded problem.</summary>
    public double[]? UpperBounds { get; init; }

    /// <summary>Sufficient-decrease constant c₁ of the Wolfe conditions.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>Curvature constant c₂ of the strong Wolfe conditions (0.9 suits quasi-Newton methods).</summary>
    public double Curvature { get; init; } = 0.9;

    /// <summary>Most objective evaluations in one line search.</summary>
    public int MaxLineSearchSteps { get; init; } = 20;
}

/// <summary>
/// Options for <see cref="ConjugateGradient"/>. Defaults follow SciPy's <c>minimize(method='CG')</c>: <c>gtol = 1e-5</c>
/// on the gradient ∞-norm, at most 200·n iterations, strong Wolfe line search with c₁ = 1e-4, c₂ = 0.4.
/// </summary>
public sealed record ConjugateGradientOptions
{
    /// <summary>Stop when ‖∇f‖∞ ≤ this.</summary>
    public double GradientTolerance { get; init; } = 1e-5;

    /// <summary>Stop when the relative reduction of f is ≤ this for one iteration; the default 0 (SciPy's CG has no such test) stops only when an iteration fails to decrease f at all.</summary>
    public double FunctionTolerance { get; init; }

    /// <summary>Iteration budget; 0 means 200·n.</summary>
    public int MaxIterations { get; init; }

    /// <summary>Objective-evaluation budget; 0 means unlimited (bounded by the iteration budget).</summary>
    public int MaxFunctionEvaluations { get; init; }

    /// <summary>Restart with steepest descent every this many iterations; 0 means n.</summary>
    public int RestartInterval { get; init; }

    /// <summary>Sufficient-decrease constant c₁.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>Curvature constant c₂ (&lt; 0.5 keeps Polak–Ribière+ directions descent directions).</summary>
    public double Curvature { get; init; } = 0.4;

    /// <summary>Most objective evaluations in one line search.</summary>
    public int MaxLineSearchSteps { get; init; } = 30;
}

/// <summary>
/// Options for <see cref="NelderMead"/>. Defaults follow SciPy's <c>minimize(method='Nelder-Mead')</c>: <c>xatol = fatol
/// = 1e-4</c>, at most 200·n iterations and evaluations, initial simplex x₀ + 5 % of each coordinate (0.00025 for zeros).
/// </summary>
public sealed record NelderMeadOptions
{
    /// <summary>Stop when maxᵢ ‖vᵢ − v₀‖∞ ≤ this (together with <see cref="FunctionTolerance"/>).</summary>
    public double StepTolerance { get; init; } = 1e-4;

    /// <summary>Stop when maxᵢ |f(vᵢ) − f(v₀)| ≤ this (together with <see cref="StepTolerance"/>).</summary>
    public double FunctionTolerance { get; init; } = 1e-4;

    /// <summary>Iteration budget; 0 means 200·n.</summary>
    public int MaxIterations { get; init; }

    /// <summary>Evaluation budget; 0 means 200·n.</summary>
    public int MaxFunctionEvaluations { get; init; }

    /// <summary>Use the dimension-dependent coefficients of Gao &amp; Han (2012) instead of (1, 2, ½, ½).</summary>
    public bool Adaptive { get; init; }

    /// <summary>Relative size of the initial simplex edges (SciPy's 5 %).</summary>
    public double InitialSimplexScale { get; init; } = 0.05;
}

/// <summary>Options for <see cref="NewtonMethod"/>.</summary>
public sealed record NewtonOptions
{
    /// <summary>Stop when ‖∇f‖∞ ≤ this.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>Stop when ‖Δx‖∞ ≤ this·max(‖x‖∞, 1).</summary>
    public double StepTolerance { get; init; } = 1e-14;

    /// <summary>Iteration budget.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>Objective-evaluation budget.</summary>
    public int MaxFunctionEvaluations { get; init; } = 2000;

    /// <summary>Sufficient-decrease constant c₁.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>Curvature constant c₂.</summary>
    public double Curvature { get; init; } = 0.9;

    /// <summary>Most objective evaluations in one line search.</summary>
    public int MaxLineSearchSteps { get; init; } = 30;
}
