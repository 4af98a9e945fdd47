namespace Scratch.ML.Optimization;

/// <summary>Why an iterative optimiser stopped.</summary>
public enum ConvergenceReason
{
    /// <summary>The (projected) gradient ∞-norm fell to <c>GradientTolerance</c> (SciPy's <c>gtol</c>).</summary>
    GradientTolerance,
    /// <summary>The relative reduction (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) fell to <c>FunctionTolerance</c> (SciPy's <c>ftol</c>).</summary>
    FunctionTolerance,
    /// <summary>The step or simplex size fell below the step tolerance (Nelder–Mead's <c>xatol</c>/<c>fatol</c>, Newton's step test).</summary>
    StepTolerance,
    /// <summary>The iteration budget ran out before a tolerance was met.</summary>
    MaxIterations,
    /// <summary>The function-evaluation budget ran out before a tolerance was met.</summary>
    MaxFunctionEvaluations,
    /// <summary>No step satisfying the line-search conditions was found, even along steepest descent (usually: the
    /// requested tolerance is below what rounding allows, or the gradient is wrong).</summary>
    LineSearchFailed,
    /// <summary>The objective returned NaN or ±∞ at every trial step.</summary>
    NonFiniteValue,
}

/// <summary>The outcome of a multivariate minimisation.</summary>
/// <param name="X">The best point found (length n).</param>
/// <param name="Value">f(X).</param>
/// <param name="GradientNorm">∞-norm of the (projected, for bounded problems) gradient at X; NaN for derivative-free methods.</param>
/// <param name="Iterations">Completed iterations.</param>
/// <param name="FunctionEvaluations">Calls of the objective (value or value-and-gradient).</param>
/// <param name="Reason">Why the method stopped.</param>
public sealed record OptimizationResult(double[] X, double Value, double GradientNorm, int Iterations, int FunctionEvaluations, ConvergenceReason Reason)
{
    /// <summary>True when a tolerance test (gradient, function or step) stopped the method.</summary>
    public bool Converged => Reason is ConvergenceReason.GradientTolerance or ConvergenceReason.FunctionTolerance or ConvergenceReason.StepTolerance;
}

/// <summary>A progress report sent once per iteration to an <see cref="IProgress{T}"/>.</summary>
/// <param name="Iteration">Iterations completed so far.</param>
/// <param name="Value">Current objective value.</param>
/// <param name="GradientNorm">Current (projected) gradient ∞-norm; NaN for derivative-free methods.</param>
/// <param name="FunctionEvaluations">Objective calls so far.</param>
public readonly record struct OptimizationProgress(int Iteration, double Value, double GradientNorm, int FunctionEvaluations);
