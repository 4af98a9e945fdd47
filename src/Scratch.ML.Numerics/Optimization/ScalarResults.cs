namespace Scratch.ML.Optimization;

/// <summary>The outcome of a scalar root search (<see cref="BrentRoot"/>, <see cref="Bisection"/>).</summary>
/// <param name="Root">The final estimate of x with f(x) = 0.</param>
/// <param name="Value">f(Root).</param>
/// <param name="Iterations">Iterations performed.</param>
/// <param name="FunctionEvaluations">Calls of f, including the two bracket ends.</param>
/// <param name="Converged">Whether the bracket shrank to the tolerance (or an exact zero was hit) within the budget.</param>
public sealed record RootResult(double Root, double Value, int Iterations, int FunctionEvaluations, bool Converged);

/// <summary>The outcome of a scalar minimisation (<see cref="BrentMinimizer"/>).</summary>
/// <param name="X">The minimiser found.</param>
/// <param name="Value">f(X).</param>
/// <param name="Iterations">Iterations performed.</param>
/// <param name="FunctionEvaluations">Calls of f.</param>
/// <param name="Converged">Whether the bracket shrank to the tolerance within the budget.</param>
public sealed record ScalarMinimumResult(double X, double Value, int Iterations, int FunctionEvaluations, bool Converged);

/// <summary>Shared argument checks for the scalar methods.</summary>
internal static class ScalarChecks
{
    internal static void Bracket(string op, double a, double b)
    {
        if (!double.IsFinite(a) || !double.IsFinite(b))
            throw new ArgumentException($"{op}: the bracket ends must be finite, got [{a}, {b}].", nameof(a));
        if (a == b) throw new ArgumentException($"{op}: the bracket [{a}, {b}] is empty.", nameof(b));
    }

    internal static void Tolerances(double absoluteTolerance, double relativeTolerance, int maxIterations)
    {
        if (!(absoluteTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(absoluteTolerance), absoluteTolerance, "The absolute tolerance must be ≥ 0.");
        if (!(relativeTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, "The relative tolerance must be ≥ 0.");
        if (absoluteTolerance == 0 && relativeTolerance == 0)
            throw new ArgumentOutOfRangeException(nameof(absoluteTolerance), "At least one of the absolute and relative tolerances must be positive.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1, nameof(maxIterations));
    }

    internal static void SignChange(string op, double a, double b, double fa, double fb)
    {
        if (double.IsNaN(fa) || double.IsNaN(fb))
            throw new ArgumentException($"{op}: f is NaN at a bracket end (f({a}) = {fa}, f({b}) = {fb}).", nameof(a));
        if (fa * fb > 0 || (Math.Sign(fa) == Math.Sign(fb) && fa != 0))
            throw new ArgumentException($"{op}: f must change sign on [a, b], got f({a}) = {fa} and f({b}) = {fb}.", nameof(a));
    }
}
