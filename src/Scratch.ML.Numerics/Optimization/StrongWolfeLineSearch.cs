namespace Scratch.ML.Optimization;

/// <summary>How a line search ended.</summary>
internal enum LineSearchStatus
{
    /// <summary>Both strong Wolfe conditions hold at the returned step.</summary>
    Wolfe,
    /// <summary>Only the sufficient-decrease (Armijo) condition holds: the step hit α_max or the evaluation budget.</summary>
    SufficientDecrease,
    /// <summary>No step with sufficient decrease was found.</summary>
    Failed,
}

/// <summary>
/// Line search for the strong Wolfe conditions, Nocedal &amp; Wright, <i>Numerical Optimization</i> (2nd ed.),
/// Algorithms 3.5 (bracketing) and 3.6 (zoom), with the safeguarded cubic interpolation of their eq. (3.59).
/// <para>
/// With φ(α) = f(x + α·d) and φ'(0) &lt; 0 it looks for α with
/// φ(α) ≤ φ(0) + c₁·α·φ'(0) (sufficient decrease) and |φ'(α)| ≤ c₂·|φ'(0)| (curvature).
/// The bracketing phase doubles α until the interval [α_{i−1}, α_i] must contain such a point (the decrease fails, φ
/// rises, or φ' turns non-negative); zoom then shrinks the bracket, keeping α_lo as the best point with sufficient
/// decrease. A trial minimiser of the cubic through (α_lo, φ, φ') and (α_hi, φ, φ') is clamped to the inner 80 % of the
/// bracket (bisection when the cubic is undefined or φ is not finite), so the bracket shrinks geometrically.
/// </para>
/// <para>
/// NaN or ±∞ values of the objective count as "too large", so the search backs away from regions where f is undefined.
/// The point accepted last is left in <c>xNew</c>/<c>gNew</c>.
/// </para>
/// </summary>
internal static class StrongWolfeLineSearch
{
    internal static LineSearchStatus Search<TF>(
        ref TF function, ReadOnlySpan<double> x, ReadOnlySpan<double> d, double f0, double dphi0,
        double alpha1, double alphaMax, double c1, double c2, int maxEvaluations,
        Span<double> xNew, Span<double> gNew, ref int evaluations, out double alpha, out double fNew)
        where TF : IDifferentiableFunction
    {
        int budget = maxEvaluations;
        double aPrev = 0, fPrev = f0, dPrev = dphi0;
        double a = Math.Min(alpha1, alphaMax);
        for (int i = 1; budget > 0; i++)
        {
            double fa = Phi(ref function, x, d, a, xNew, gNew, out double da);
            evaluations++; budget--;
            if (!double.IsFinite(fa) || fa > f0 + c1 * a * dphi0 || (i > 1 && fa >= fPrev))
                return Zoom(ref function, x, d, f0, dphi0, c1, c2, aPrev, fPrev, dPrev, a, fa, da, budget, xNew, gNew, ref evaluations, out alpha, out fNew);
            if (Math.Abs(da) <= -c2 * dphi0)
            {
                alpha = a; fNew = fa;
                return LineSearchStatus.Wolfe;
            }
            if (da >= 0)
                return Zoom(ref function, x, d, f0, dphi0, c1, c2, a, fa, da, aPrev, fPrev, dPrev, budget, xNew, gNew, ref evaluations, out alpha, out fNew);
            if (a >= alphaMax || budget == 0)
            {
                // Sufficient decrease holds and φ still falls: the largest allowed (or affordable) step is accepted.
                alpha = a; fNew = fa;
                return LineSearchStatus.SufficientDecrease;
            }
            aPrev = a; fPrev = fa; dPrev = da;
            a = Math.Min(2 * a, alphaMax);
        }
        alpha = 0; fNew = f0;
        return LineSearchStatus.Failed;
    }

    private static LineSearchStatus Zoom<TF>(
        ref TF function, ReadOnlySpan<double> x, ReadOnlySpan<double> d, double f0, double dphi0, double c1, double c2,
        double lo, double flo, double dlo, double hi, double fhi, double dhi, int budget,
        Span<double> xNew, Span<double> gNew, ref int evaluations, out double alpha, out double fNew)
        where TF : IDifferentiableFunction
    {
        while (budget > 0 && Math.Abs(hi - lo) > 1e-16 * Math.Max(Math.Abs(lo), Math.Abs(hi)))
        {
            double aj = Interpolate(lo, flo, dlo, hi, fhi, dhi);
            double fj = Phi(ref function, x, d, aj, xNew, gNew, out double dj);
            evaluations++; budget--;
            if (!double.IsFinite(fj) || fj > f0 + c1 * aj * dphi0 || fj >= flo)
            {
                hi = aj; fhi = fj; dhi = dj;
            }
            else
            {
                if (Math.Abs(dj) <= -c2 * dphi0)
                {
                    alpha = aj; fNew = fj;
                    return LineSearchStatus.Wolfe;
                }
                if (dj * (hi - lo) >= 0) { hi = lo; fhi = flo; dhi = dlo; }
                lo = aj; flo = fj; dlo = dj;
            }
        }
        if (lo > 0)
        {
            // α_lo always satisfies sufficient decrease; return it (re-evaluated so xNew/gNew describe it).
            fNew = Phi(ref function, x, d, lo, xNew, gNew, out _);
            evaluations++;
            alpha = lo;
            return LineSearchStatus.SufficientDecrease;
        }
        alpha = 0; fNew = f0;
        return LineSearchStatus.Failed;
    }

    /// <summary>
    /// Minimiser of the cubic interpolating φ and φ' at a and b (N&amp;W eq. 3.59), clamped to the inner 80 % of the
    /// interval; the midpoint when the cubic has no real minimiser or a value is not finite.
    /// </summary>
    internal static double Interpolate(double a, double fa, double da, double b, double fb, double db)
    {
        double left = Math.Min(a, b), right = Math.Max(a, b), width = right - left;
        double mid = 0.5 * (a + b);
        if (!double.IsFinite(fa) || !double.IsFinite(fb) || !double.IsFinite(da) || !double.IsFinite(db)) return mid;
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (disc < 0) return mid;
        double d2 = Math.Sign(b - a) * Math.Sqrt(disc);
        double denom = db - da + 2 * d2;
        if (denom == 0) return mid;
        double t = b - (b - a) * (db + d2 - d1) / denom;
        if (!double.IsFinite(t)) return mid;
        return Math.Clamp(t, left + 0.1 * width, right - 0.1 * width);
    }

    private static double Phi<TF>(ref TF function, ReadOnlySpan<double> x, ReadOnlySpan<double> d, double a,
        Span<double> xNew, Span<double> gNew, out double dphi) where TF : IDifferentiableFunction
    {
        for (int i = 0; i < x.Length; i++) xNew[i] = x[i] + a * d[i];
        double v = function.Evaluate(xNew, gNew);
        dphi = VectorMath.Dot(gNew, d);
        return double.IsNaN(v) ? double.PositiveInfinity : v;
    }
}
