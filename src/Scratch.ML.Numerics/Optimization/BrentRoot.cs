namespace Scratch.ML.Optimization;

/// <summary>
/// Brent's method (1973, "Algorithms for Minimization without Derivatives", ch. 4) for a root of f on a bracket
/// [a, b] with f(a)·f(b) ≤ 0.
/// <para>
/// It keeps b (best estimate), a (previous b) and c (so that f(b), f(c) have opposite signs, i.e. the root lies between
/// b and c). Each step tries inverse quadratic interpolation through (a, b, c) — or the secant when only two distinct
/// points exist — and accepts the interpolated step only if it lands within ¾ of the way to c and is shorter than half
/// the step before last; otherwise it bisects. So it converges superlinearly on smooth f and never worse than about
/// bisection; the bracket always holds a sign change. It stops when |c − b|/2 ≤ tol = ½(xtol + rtol·|b|) or f(b) = 0.
/// Defaults are SciPy's <c>brentq</c>: xtol = 2e-12, rtol = 4ε, 100 iterations.
/// </para>
/// </summary>
public static class BrentRoot
{
    /// <summary>Finds a root of <paramref name="function"/> in [<paramref name="a"/>, <paramref name="b"/>].</summary>
    /// <exception cref="ArgumentException">Non-finite or empty bracket; no sign change; f NaN at an end.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Negative tolerances, both zero, or maxIterations &lt; 1.</exception>
    public static RootResult FindRoot(Func<double, double> function, double a, double b,
        double absoluteTolerance = 2e-12, double relativeTolerance = 8.881784197001252e-16, int maxIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(function);
        const string op = "BrentRoot.FindRoot";
        ScalarChecks.Bracket(op, a, b);
        ScalarChecks.Tolerances(absoluteTolerance, relativeTolerance, maxIterations);
        double fa = function(a), fb = function(b);
        int evals = 2;
        ScalarChecks.SignChange(op, a, b, fa, fb);
        if (fa == 0) return new RootResult(a, fa, 0, evals, true);
        if (fb == 0) return new RootResult(b, fb, 0, evals, true);

        double c = a, fc = fa, d = b - a, e = d;
        for (int iter = 1; iter <= maxIterations; iter++)
        {
            if (Math.Sign(fb) == Math.Sign(fc))
            {
                // The root lies between a and b: restart the bracket partner.
                c = a; fc = fa; d = b - a; e = d;
            }
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                // Keep b as the point with the smaller |f|.
                a = b; b = c; c = a;
                fa = fb; fb = fc; fc = fa;
            }
            double tol = 0.5 * (absoluteTolerance + relativeTolerance * Math.Abs(b));
            double m = 0.5 * (c - b);
            if (Math.Abs(m) <= tol || fb == 0) return new RootResult(b, fb, iter, evals, true);

            if (Math.Abs(e) >= tol && Math.Abs(fa) > Math.Abs(fb))
            {
                double p, q, s = fb / fa;
                if (a == c)
                {
                    p = 2 * m * s;                       // secant
                    q = 1 - s;
                }
                else
                {
                    double qa = fa / fc, r = fb / fc;     // inverse quadratic interpolation
                    p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
                    q = (qa - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) q = -q; else p = -p;
                if (2 * p < Math.Min(3 * m * q - Math.Abs(tol * q), Math.Abs(e * q)))
                {
                    e = d; d = p / q;
                }
                else
                {
                    d = m; e = m;
                }
            }
            else
            {
                d = m; e = m;
            }
            a = b; fa = fb;
            b += Math.Abs(d) > tol ? d : (m > 0 ? tol : -tol);
            fb = function(b);
            evals++;
            if (double.IsNaN(fb)) throw new ArgumentException($"{op}: f({b}) is NaN inside the bracket.", nameof(function));
        }
        return new RootResult(b, fb, maxIterations, evals, false);
    }
}
