namespace Scratch.ML.Optimization;

/// <summary>
/// Bisection for a root of f on a bracket [a, b] with f(a)·f(b) ≤ 0: halve the bracket, keep the half with the sign
/// change. Linear convergence (one bit per evaluation) but unconditionally robust; stops when the half-width
/// ≤ ½(xtol + rtol·|mid|), when f(mid) = 0, or when the midpoint equals an end (the bracket is two adjacent doubles).
/// </summary>
public static class Bisection
{
    /// <summary>Finds a root of <paramref name="function"/> in [<paramref name="a"/>, <paramref name="b"/>].</summary>
    /// <exception cref="ArgumentException">Non-finite or empty bracket; no sign change; f NaN at an end or inside.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Negative tolerances, both zero, or maxIterations &lt; 1.</exception>
    public static RootResult FindRoot(Func<double, double> function, double a, double b,
        double absoluteTolerance = 2e-12, double relativeTolerance = 8.881784197001252e-16, int maxIterations = 1100)
    {
        ArgumentNullException.ThrowIfNull(function);
        const string op = "Bisection.FindRoot";
        ScalarChecks.Bracket(op, a, b);
        ScalarChecks.Tolerances(absoluteTolerance, relativeTolerance, maxIterations);
        double fa = function(a), fb = function(b);
        int evals = 2;
        ScalarChecks.SignChange(op, a, b, fa, fb);
        if (fa == 0) return new RootResult(a, fa, 0, evals, true);
        if (fb == 0) return new RootResult(b, fb, 0, evals, true);
        for (int iter = 1; iter <= maxIterations; iter++)
        {
            double mid = a + 0.5 * (b - a);
            double fm = function(mid);
            evals++;
            if (double.IsNaN(fm)) throw new ArgumentException($"{op}: f({mid}) is NaN inside the bracket.", nameof(function));
            bool done = fm == 0 || mid == a || mid == b
                || 0.5 * Math.Abs(b - a) <= 0.5 * (absoluteTolerance + relativeTolerance * Math.Abs(mid));
            if (done) return new RootResult(mid, fm, iter, evals, true);
            if (Math.Sign(fm) == Math.Sign(fa)) { a = mid; fa = fm; } else { b = mid; }
        }
        double last = a + 0.5 * (b - a);
        return new RootResult(last, function(last), maxIterations, evals + 1, false);
    }
}
