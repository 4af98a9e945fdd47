namespace Scratch.ML.Optimization;

/// <summary>
/// Brent's scalar minimiser (1973, ch. 5): golden-section search safeguarding parabolic interpolation, for a
/// unimodal f on [a, b].
/// <para>
/// It tracks x (best point), w (second best) and v (previous w). A parabola through (v, w, x) proposes a step, which is
/// accepted when it falls inside the bracket and is shorter than half the step before last (so the steps must shrink);
/// otherwise a golden-section step of ratio (3 − √5)/2 ≈ 0.382 into the larger part is taken. Points closer than
/// tol = rtol·|x| + atol are never evaluated. It stops when |x − m| ≤ 2·tol − (b − a)/2, m the bracket midpoint,
/// i.e. when x is within 2·tol of every point of the bracket. Defaults: rtol = √ε ≈ 1.5e-8 (the best achievable
/// accuracy for a minimiser, since f is flat to second order there), atol = 1e-12, 500 iterations.
/// </para>
/// </summary>
public static class BrentMinimizer
{
    private static readonly double GoldenFraction = 0.5 * (3 - Math.Sqrt(5));

    /// <summary>Minimises <paramref name="function"/> on [<paramref name="a"/>, <paramref name="b"/>].</summary>
    /// <exception cref="ArgumentException">Non-finite or empty bracket.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Negative tolerances, both zero, or maxIterations &lt; 1.</exception>
    public static ScalarMinimumResult Minimize(Func<double, double> function, double a, double b,
        double relativeTolerance = 1.4901161193847656e-8, double absoluteTolerance = 1e-12, int maxIterations = 500)
    {
        ArgumentNullException.ThrowIfNull(function);
        const string op = "BrentMinimizer.Minimize";
        ScalarChecks.Bracket(op, a, b);
        ScalarChecks.Tolerances(absoluteTolerance, relativeTolerance, maxIterations);
        if (a > b) (a, b) = (b, a);
        double x = a + GoldenFraction * (b - a), w = x, v = x;
        double fx = Eval(function, x), fw = fx, fv = fx;
        int evals = 1;
        double d = 0, e = 0;
        for (int iter = 1; iter <= maxIterations; iter++)
        {
            double m = 0.5 * (a + b);
            double tol = relativeTolerance * Math.Abs(x) + absoluteTolerance, tol2 = 2 * tol;
            if (Math.Abs(x - m) <= tol2 - 0.5 * (b - a)) return new ScalarMinimumResult(x, fx, iter - 1, evals, true);

            bool golden = true;
            if (Math.Abs(e) > tol)
            {
                // Parabola through (v, fv), (w, fw), (x, fx): step p/q from x.
                double r = (x - w) * (fx - fv);
                double q = (x - v) * (fx - fw);
                double p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0) p = -p; else q = -q;
                double eOld = e;
                if (Math.Abs(p) < Math.Abs(0.5 * q * eOld) && p > q * (a - x) && p < q * (b - x))
                {
                    e = d;
                    d = p / q;
                    double u0 = x + d;
                    if (u0 - a < tol2 || b - u0 < tol2) d = x < m ? tol : -tol;
                    golden = false;
                }
            }
            if (golden)
            {
                e = (x < m ? b : a) - x;
                d = GoldenFraction * e;
            }
            double u = x + (Math.Abs(d) >= tol ? d : (d > 0 ? tol : -tol));
            double fu = Eval(function, u);
            evals++;
            if (fu <= fx)
            {
                if (u < x) b = x; else a = x;
                v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
            }
            else
            {
                if (u < x) a = u; else b = u;
                if (fu <= fw || w == x) { v = w; fv = fw; w = u; fw = fu; }
                else if (fu <= fv || v == x || v == w) { v = u; fv = fu; }
            }
        }
        return new ScalarMinimumResult(x, fx, maxIterations, evals, false);
    }

    private static double Eval(Func<double, double> f, double x)
    {
        double v = f(x);
        return double.IsNaN(v) ? double.PositiveInfinity : v;
    }
}
